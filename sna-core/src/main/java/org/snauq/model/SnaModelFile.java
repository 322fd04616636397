package org.snauq.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * Reads and writes the {@code .sna} model file (DESIGN.md section 5; byte layout in {@code docs/FORMATS.md}).
 *
 * <pre>
 * offset        size  content (little-endian)
 * 0             8     magic "SNAUQ\r\n\x1A"
 * 8             4     int32 format version (1: one output; 2: several)
 * 12            4     int32 header length H in bytes
 * 16            8     int64 payload length K in doubles
 * 24            H     UTF-8 JSON header, padded with spaces so the payload starts at a multiple of 8
 * 24+H          8K    float64: per output, lambda[R], then W^d row-major n_d x R for d = 0..D-1
 * 24+H+8K       4     uint32 CRC-32C of every byte before it
 * </pre>
 *
 * <p>Reading checks, in this order, the magic, the version, that the file length is exactly what the preamble
 * announces, the checksum, and then every field of the header and the payload ({@link ModelHeader}); so a
 * truncated, corrupted, foreign, newer or crafted file fails with a {@link SnaFormatException} whose one-line
 * message names the file and the problem. CRC-32C detects every error burst of up to 32 bits, so any single
 * changed byte is caught.
 *
 * <p>A round trip is exact: doubles are stored as raw bits in the payload and as shortest round-trip decimal
 * strings in the header. Provenance values are JSON values: strings, booleans, null, numbers (read back as
 * Integer, Long, BigInteger or Double, the smallest that holds them), lists and maps; other types are written by
 * Jackson and read back as their JSON form.
 *
 * <p>Writing is atomic: the bytes go to a temporary file in the target's folder, are forced to disk, and the
 * file is renamed over the target; on failure the temporary file is removed and the target is untouched.
 * Stateless and thread safe.
 */
public final class SnaModelFile {

    /** "SNAUQ", then CR LF (catches text-mode line-ending conversion) and ^Z (stops DOS 'type'). */
    private static final byte[] MAGIC = {'S', 'N', 'A', 'U', 'Q', '\r', '\n', 0x1A};

    /**
     * The newest format version this build reads and writes: 2 holds several outputs. A single-output model is
     * still written as version 1, so that older builds read it.
     */
    public static final int FORMAT_VERSION = 2;

    private static final int VERSION_OFFSET = 8;
    private static final int HEADER_LENGTH_OFFSET = 12;
    private static final int PAYLOAD_LENGTH_OFFSET = 16;
    /** Magic, version, header length, payload length. */
    private static final int PREAMBLE = 24;
    private static final int CRC_BYTES = 4;
    /** Payload doubles start at a multiple of this offset, so the file can be memory-mapped as doubles. */
    private static final int PAYLOAD_ALIGNMENT = Double.BYTES;

    /** The largest file read: one Java array holds it. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private SnaModelFile() {
    }

    /**
     * Writes the model to {@code path} atomically (temporary file in the same folder, fsync, rename).
     *
     * @throws IOException if the folder is missing or not writable, or the disk is full; the target is then
     *                     left as it was and no temporary file remains
     */
    public static void write(SnaModel model, Path path) throws IOException {
        write(MultiSnaModel.of(model), path);
    }

    /** As {@link #write(SnaModel, Path)} for a model with one or several outputs (see {@link #toBytes(MultiSnaModel)}). */
    public static void write(MultiSnaModel model, Path path) throws IOException {
        byte[] bytes = toBytes(model);
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDirectory(dir);
    }

    /** Makes the rename durable; some platforms cannot open a folder for sync, which is harmless there. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the file itself is already on disk
        }
    }

    /**
     * Reads a model file.
     *
     * @throws SnaFormatException if the file is not a complete, intact model file this build can read
     * @throws IOException        if it cannot be read at all (missing, no permission)
     */
    public static SnaModel read(Path path) throws IOException, SnaFormatException {
        return fromBytes(readBounded(path), path.toString());
    }

    /**
     * Reads a model file with one or several outputs (format version 1 or 2).
     *
     * @throws SnaFormatException if the file is not a complete, intact model file this build can read
     * @throws IOException        if it cannot be read at all (missing, no permission)
     */
    public static MultiSnaModel readMulti(Path path) throws IOException, SnaFormatException {
        return fromBytesMulti(readBounded(path), path.toString());
    }

    /**
     * The bytes of a regular file of at most {@link #MAX_FILE_BYTES}: a FIFO or a device such as /dev/zero has no
     * length to bound the read by, so it is refused rather than read until memory runs out.
     */
    private static byte[] readBounded(Path path) throws IOException, SnaFormatException {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new SnaFormatException(path + ": not a regular file (a folder, device or pipe), expected a .sna model file");
        }
        long size = Files.size(path);
        if (size > MAX_FILE_BYTES) {
            throw new SnaFormatException(path + ": " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " a model file can have");
        }
        return Files.readAllBytes(path);
    }

    /** The file's bytes for a single-output model (format version 1, as before version 2 existed). */
    public static byte[] toBytes(SnaModel model) {
        return toBytes(MultiSnaModel.of(model));
    }

    /**
     * The file's bytes: format version 1 for one output, so that older readers still read it, and version 2 for
     * several.
     */
    public static byte[] toBytes(MultiSnaModel model) {
        byte[] header = ModelHeader.bytes(model, false);
        int pad = (PAYLOAD_ALIGNMENT - (PREAMBLE + header.length) % PAYLOAD_ALIGNMENT) % PAYLOAD_ALIGNMENT;
        int headerLength = header.length + pad;
        long doubles = model.parameterCount();
        if (PREAMBLE + headerLength + doubles * Double.BYTES + CRC_BYTES > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("model of " + doubles + " doubles is too large for one file (at most "
                    + MAX_FILE_BYTES + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (PREAMBLE + headerLength + doubles * Double.BYTES + CRC_BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(model.outputCount() == 1 ? 1 : 2).putInt(headerLength).putLong(doubles);
        buf.put(header);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) ' ');
        }
        for (SnaModel m : model.outputs()) {
            for (double v : m.lambda()) {
                buf.putDouble(v);
            }
            for (int d = 0; d < m.dimension(); d++) {
                for (double v : m.factor(d)) {
                    buf.putDouble(v);
                }
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        assert !buf.hasRemaining();
        return buf.array();
    }

    /** The JSON header of a model, indented for people ({@code sna inspect --json}). */
    public static String headerJson(SnaModel model) {
        return headerJson(MultiSnaModel.of(model));
    }

    /** The JSON header of a model with one or several outputs, indented for people. */
    public static String headerJson(MultiSnaModel model) {
        return new String(ModelHeader.bytes(model, true), StandardCharsets.UTF_8);
    }

    /**
     * A single-output model from a file's bytes.
     *
     * @param bytes  read, not modified
     * @param source the file name used in error messages
     * @throws SnaFormatException if the bytes are not a complete, intact, valid model file this build can read,
     *                            or the file holds several outputs
     */
    public static SnaModel fromBytes(byte[] bytes, String source) throws SnaFormatException {
        MultiSnaModel m = fromBytesMulti(bytes, source);
        if (m.outputCount() != 1) {
            throw new SnaFormatException(source + ": holds " + m.outputCount() + " outputs " + m.outputNames()
                    + " where a single-output model is expected");
        }
        return m.output(0);
    }

    /**
     * A model with one or several outputs from a file's bytes (format version 1 or 2).
     *
     * @param bytes  read, not modified
     * @param source the file name used in error messages
     * @throws SnaFormatException if the bytes are not a complete, intact, valid model file this build can read
     */
    public static MultiSnaModel fromBytesMulti(byte[] bytes, String source) throws SnaFormatException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = bytes.length;
        checkMagic(bytes, source);
        if (n < PREAMBLE) {
            throw new SnaFormatException(source + ": truncated at offset " + n + ": the file has " + n
                    + " bytes, fewer than the " + PREAMBLE + "-byte preamble");
        }
        int version = buf.getInt(VERSION_OFFSET);
        if (version > FORMAT_VERSION) {
            throw new SnaFormatException(source + ": written by a newer format version " + version
                    + "; this build reads <= " + FORMAT_VERSION);
        }
        if (version < 1) {
            throw new SnaFormatException(source + ": unknown format version " + version + " at offset "
                    + VERSION_OFFSET + "; this build reads 1 to " + FORMAT_VERSION);
        }
        int headerLength = buf.getInt(HEADER_LENGTH_OFFSET);
        long doubles = buf.getLong(PAYLOAD_LENGTH_OFFSET);
        if (headerLength < 0 || doubles < 0) {
            throw new SnaFormatException(source + ": corrupted preamble: header length " + headerLength
                    + " (offset " + HEADER_LENGTH_OFFSET + ") and payload length " + doubles + " (offset "
                    + PAYLOAD_LENGTH_OFFSET + ") must be >= 0");
        }
        if (doubles > n / Double.BYTES) { // also keeps the arithmetic below far from overflow
            throw new SnaFormatException(source + ": truncated at offset " + n + ": the preamble announces " + doubles
                    + " doubles (offset " + PAYLOAD_LENGTH_OFFSET + "), more than the " + n + "-byte file can hold");
        }
        long payloadStart = PREAMBLE + (long) headerLength;
        long crcOffset = payloadStart + doubles * Double.BYTES;
        long expected = crcOffset + CRC_BYTES;
        if (n < expected) {
            throw new SnaFormatException(source + ": truncated at offset " + n + ": the preamble announces "
                    + expected + " bytes (header " + headerLength + ", " + doubles + " doubles), the file has " + n);
        }
        if (n > expected) {
            throw new SnaFormatException(source + ": " + (n - expected) + " unexpected bytes after the checksum at offset "
                    + crcOffset + " (the preamble announces " + expected + " bytes)");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, (int) crcOffset);
        int stored = buf.getInt((int) crcOffset);
        if (stored != (int) crc.getValue()) {
            throw new SnaFormatException(String.format("%s: corrupted: the CRC-32C of bytes 0..%d is %08x but the "
                    + "checksum at offset %d is %08x", source, crcOffset - 1, (int) crc.getValue(), crcOffset, stored));
        }
        JsonNode header = ModelHeader.parse(bytes, PREAMBLE, headerLength, source);
        buf.position((int) payloadStart);
        return ModelHeader.models(header, version, buf, doubles, source);
    }

    private static void checkMagic(byte[] bytes, String source) throws SnaFormatException {
        int m = Math.min(bytes.length, MAGIC.length);
        if (!Arrays.equals(bytes, 0, m, MAGIC, 0, m)) {
            throw new SnaFormatException(source + ": not an SNA model file: the first bytes are " + hex(bytes, m)
                    + ", expected the magic " + hex(MAGIC, MAGIC.length) + " at offset 0");
        }
        if (bytes.length < MAGIC.length) {
            throw new SnaFormatException(source + ": truncated at offset " + bytes.length + ": the file has "
                    + bytes.length + " bytes, fewer than the " + PREAMBLE + "-byte preamble");
        }
    }

    private static String hex(byte[] b, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return count == 0 ? "(none)" : s.toString();
    }
}
