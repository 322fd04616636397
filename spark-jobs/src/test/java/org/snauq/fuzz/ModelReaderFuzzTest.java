package org.snauq.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.snauq.model.SnaFormatException;
import org.snauq.model.SnaModelFile;

/**
 * Coverage-guided fuzzing of the model file reader (sna-core's {@link SnaModelFile}, issue 18 point 3). A mutated
 * file almost never keeps a valid checksum, so each input is read twice: as given, and with its last four bytes
 * replaced by the right CRC-32C, so that the fuzzer reaches the header's validation, which a checksum does not
 * protect. Any input is a model or a {@link SnaFormatException}; anything else is a finding. The seeds are small
 * valid model files.
 */
class ModelReaderFuzzTest {

    /** The preamble (24 bytes) and the checksum (4): shorter files cannot be re-checksummed. */
    private static final int MIN_LENGTH = 28;

    @FuzzTest(maxDuration = "15s")
    void read_anyBytesAndWithValidChecksum_modelOrFormatError(byte[] data) {
        read(data);
        if (data.length >= MIN_LENGTH) {
            read(withChecksum(data));
        }
    }

    private static void read(byte[] bytes) {
        try {
            SnaModelFile.fromBytes(bytes, "f.sna");
        } catch (SnaFormatException e) {
            Findings.checkOneLine(e);
        }
    }

    /** A copy whose last four bytes are the CRC-32C (little-endian) of the bytes before them. */
    static byte[] withChecksum(byte[] data) {
        byte[] copy = data.clone();
        CRC32C crc = new CRC32C();
        crc.update(copy, 0, copy.length - 4);
        ByteBuffer.wrap(copy, copy.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        return copy;
    }
}
