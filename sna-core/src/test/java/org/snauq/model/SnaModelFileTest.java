package org.snauq.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;
import org.snauq.dist.InputSpec;

class SnaModelFileTest {

    private static final String NAME = "model.sna";

    @TempDir
    Path dir;

    /** A model with graded and uniform coordinates, awkward doubles, provenance of every JSON kind and inputs. */
    static SnaModel richModel() {
        SnaModel m = SnaModelTest.randomModel(3, 4, 7, 11);
        List<String> names = new ArrayList<>(m.names());
        List<BSplineBasis> bases = new ArrayList<>();
        double[][] w = new double[4][];
        for (int d = 0; d < 3; d++) {
            bases.add(m.basis(d));
            w[d] = m.factor(d);
        }
        // a graded coordinate with breakpoints that have no short decimal form
        names.add("temperature_C");
        bases.add(new BSplineBasis(KnotVector.clamped(2, new double[] {0.1, 0.1 + 1e-9, Math.PI, 10.0 / 3.0, 1e6})));
        SplittableRandom rng = new SplittableRandom(5);
        w[3] = new double[bases.get(3).count() * 4];
        for (int i = 0; i < w[3].length; i++) {
            w[3][i] = rng.nextDouble() * Math.pow(10, rng.nextInt(-300, 300));
        }
        w[3][0] = -0.0;
        w[3][1] = Double.MIN_VALUE;
        w[3][2] = Double.MAX_VALUE;
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("method", "als");
        prov.put("unit", "temperature °C");
        prov.put("rank", 4);
        prov.put("seed", 1L << 40);
        prov.put("trainingError", 0.1 + 0.2);
        prov.put("validationError", Double.NaN);
        prov.put("converged", true);
        prov.put("note", null);
        prov.put("errorsByRank", List.of(0.5, 0.25, 1e-17));
        prov.put("config", new LinkedHashMap<>(Map.of("degree", 3, "ridge", 1e-10)));
        List<InputSpec> inputs = List.of(
                new InputSpec("z0", "uniform", Map.of("lower", -1.0, "upper", 2.0)),
                new InputSpec("z1", "normal", Map.of("mean", 0.5, "sd", 1.0 / 3.0)));
        return SnaModel.of(names, bases, m.lambda(), w, "yield", prov, inputs);
    }

    static SnaModel smallModel() {
        return SnaModelTest.randomModel(2, 2, 4, 3).withProvenance(Map.of("method", "test"));
    }

    @Test
    void write_thenRead_equalsBitForBit() throws Exception {
        SnaModel m = richModel();
        Path file = dir.resolve(NAME);
        SnaModelFile.write(m, file);
        SnaModel back = SnaModelFile.read(file);
        assertEquals(m, back);
        assertEquals(m.provenance(), back.provenance());
        assertEquals(new ArrayList<>(m.provenance().keySet()), new ArrayList<>(back.provenance().keySet()));
        assertEquals(m.inputs(), back.inputs());
        for (int d = 0; d < m.dimension(); d++) {
            assertArrayEquals(bits(m.factor(d)), bits(back.factor(d)));
            assertEquals(m.basis(d).knots().isUniform(), back.basis(d).knots().isUniform());
        }
        assertArrayEquals(bits(m.lambda()), bits(back.lambda()));
        // the bytes are a function of the model: writing the read model again gives the same file
        assertArrayEquals(Files.readAllBytes(file), SnaModelFile.toBytes(back));
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void toBytes_anyModel_hasAnnouncedLengthAndAlignedPayload() throws Exception {
        SnaModel m = richModel();
        byte[] b = SnaModelFile.toBytes(m);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = buf.getInt(12);
        long doubles = buf.getLong(16);
        assertEquals(m.parameterCount(), doubles);
        assertEquals(0, (24 + headerLength) % Double.BYTES);
        assertEquals(24 + headerLength + 8 * doubles + 4, b.length);
        assertEquals(m.lambda()[0], buf.getDouble(24 + headerLength), 0.0);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        assertEquals((int) crc.getValue(), buf.getInt(b.length - 4));
    }

    @Test
    void read_truncatedFile_namesFileAndOffset() {
        byte[] b = SnaModelFile.toBytes(smallModel());
        int[] lengths = {0, 1, 7, 8, 11, 12, 20, 23, 24, 25, b.length / 2, b.length - 5, b.length - 4, b.length - 1};
        for (int len : lengths) {
            SnaFormatException e = assertThrows(SnaFormatException.class,
                    () -> SnaModelFile.fromBytes(Arrays.copyOf(b, len), NAME), "length " + len);
            assertTrue(e.getMessage().startsWith(NAME + ": truncated at offset " + len), e.getMessage());
            assertOneLine(e);
        }
    }

    @Test
    void read_trailingBytes_rejected() {
        byte[] b = SnaModelFile.toBytes(smallModel());
        SnaFormatException e = assertThrows(SnaFormatException.class,
                () -> SnaModelFile.fromBytes(Arrays.copyOf(b, b.length + 3), NAME));
        assertTrue(e.getMessage().contains("3 unexpected bytes after the checksum"), e.getMessage());
    }

    @Test
    void read_everySingleFlippedByte_detected() {
        byte[] b = SnaModelFile.toBytes(smallModel());
        for (int i = 0; i < b.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] c = b.clone();
                c[i] ^= (byte) mask;
                try {
                    SnaModelFile.fromBytes(c, NAME);
                    fail("flipping byte " + i + " with mask " + mask + " was not detected");
                } catch (SnaFormatException e) {
                    assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
                    assertOneLine(e);
                }
            }
        }
    }

    @Test
    void read_flippedPayloadByte_reportsChecksumAtItsOffset() {
        byte[] b = SnaModelFile.toBytes(smallModel());
        b[b.length - 20] ^= 1;
        SnaFormatException e = assertThrows(SnaFormatException.class, () -> SnaModelFile.fromBytes(b, NAME));
        assertTrue(e.getMessage().contains("corrupted: the CRC-32C")
                && e.getMessage().contains("offset " + (b.length - 4)), e.getMessage());
    }

    @Test
    void read_wrongMagic_saysNotAModelFile() throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "x1,x2,y\n0.1,0.2,0.3\n0.4,0.5,0.6\n");
        SnaFormatException e = assertThrows(SnaFormatException.class, () -> SnaModelFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not an SNA model file"), e.getMessage());
        assertOneLine(e);
    }

    @Test
    void read_newerVersion_saysWhichVersionThisBuildReads() {
        byte[] b = SnaModelFile.toBytes(smallModel());
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 3);
        // a newer file may have any layout after the version, so the version is checked before the checksum
        SnaFormatException e = assertThrows(SnaFormatException.class, () -> SnaModelFile.fromBytes(b, NAME));
        assertEquals(NAME + ": written by a newer format version 3; this build reads <= "
                + SnaModelFile.FORMAT_VERSION, e.getMessage());
    }

    @Test
    void read_intactChecksumButBadHeader_namesTheField() {
        byte[] good = SnaModelFile.toBytes(smallModel());
        ByteBuffer buf = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = buf.getInt(12);
        String header = new String(good, 24, headerLength, java.nio.charset.StandardCharsets.UTF_8);
        String broken = header.replace("\"rank\":2", "\"rank\":\"2\"");
        byte[] b = withHeader(good, broken);
        SnaFormatException e = assertThrows(SnaFormatException.class, () -> SnaModelFile.fromBytes(b, NAME));
        assertEquals(NAME + ": header: rank must be an integer, got \"2\"", e.getMessage());
    }

    /** Same file with another header of the same length, checksum recomputed. */
    private static byte[] withHeader(byte[] good, String header) {
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int headerLength = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        byte[] b = good.clone();
        Arrays.fill(b, 24, 24 + headerLength, (byte) ' ');
        System.arraycopy(h, 0, b, 24, Math.min(h.length, headerLength));
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    @Test
    void write_replacesExistingFile_andLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve(NAME);
        Files.writeString(file, "old content");
        SnaModel m = richModel();
        SnaModelFile.write(m, file);
        SnaModelFile.write(m, file);
        assertEquals(m, SnaModelFile.read(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void write_missingFolder_failsAndLeavesNothing() throws IOException {
        Path file = dir.resolve("no-such-folder").resolve(NAME);
        assertThrows(IOException.class, () -> SnaModelFile.write(smallModel(), file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void write_targetIsFolder_failsAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(target.resolve("inside"), "x");
        assertThrows(IOException.class, () -> SnaModelFile.write(smallModel(), target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList());
        }
        assertTrue(Files.isDirectory(target));
    }

    @Test
    void headerJson_anyModel_namesCoordinatesAndIsValidForTheReader() {
        String json = SnaModelFile.headerJson(richModel());
        assertTrue(json.contains("\"name\" : \"temperature_C\""), json);
        assertTrue(json.contains("\"unit\" : \"temperature °C\""), json);
        assertTrue(json.contains("\"validationError\" : NaN"), json);
        assertFalse(json.isBlank());
    }

    private static void assertOneLine(Exception e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** The model in {@code format-v1.sna}, written by the build before format version 2 existed (main at c56da48). */
    static SnaModel formatV1Model() {
        SplittableRandom rng = new SplittableRandom(17);
        List<BSplineBasis> bases = List.of(BSplineBasis.clampedUniform(3, 6, -Math.PI, Math.PI),
                BSplineBasis.clampedUniform(5, 7, 0, 1),
                new BSplineBasis(KnotVector.clamped(2, new double[] {0.1, 0.1 + 1e-9, Math.PI, 10.0 / 3.0, 1e6})));
        double[][] w = new double[3][];
        for (int d = 0; d < 3; d++) {
            w[d] = new double[bases.get(d).count() * 2];
            for (int i = 0; i < w[d].length; i++) {
                w[d][i] = rng.nextDouble(-1, 1);
            }
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("method", "als");
        prov.put("validationError", Double.NaN);
        prov.put("note", "written by format version 1");
        return SnaModel.of(List.of("x1", "x2", "temperature_C"), bases, new double[] {1.5, -0.25}, w, "depth", prov,
                List.of(new InputSpec("x1", "uniform", Map.of("lower", -Math.PI, "upper", Math.PI)),
                        new InputSpec("x2", "beta", Map.of("alpha", 2.0, "beta", 5.0, "lower", 0.0, "upper", 1.0))));
    }

    @Test
    void read_fileOfFormatVersion1_readsAndIsStillWrittenByteForByte() throws Exception {
        Path file = Path.of("src/test/resources/org/snauq/model/format-v1.sna");
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(1, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        SnaModel expected = formatV1Model();
        assertEquals(expected, SnaModelFile.read(file));
        assertEquals(MultiSnaModel.of(expected), SnaModelFile.readMulti(file));
        // a single-output model is still written as version 1, bit for bit as before
        assertArrayEquals(bytes, SnaModelFile.toBytes(expected));
        assertArrayEquals(bytes, SnaModelFile.toBytes(MultiSnaModel.of(expected)));
    }

    @Test
    void writeMulti_thenReadMulti_equalsAndIsVersion2() throws Exception {
        MultiSnaModel m = MultiSnaModelTest.threeOutputs();
        Path file = dir.resolve(NAME);
        SnaModelFile.write(m, file);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(2, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        MultiSnaModel back = SnaModelFile.readMulti(file);
        assertEquals(m, back);
        assertEquals(List.of("depth", "width", "peak"), back.outputNames());
        for (int k = 0; k < 3; k++) {
            assertEquals(m.output(k).provenance(), back.output(k).provenance());
            assertEquals(m.inputs(), back.output(k).inputs());
        }
        assertArrayEquals(bytes, SnaModelFile.toBytes(back));
        assertTrue(SnaModelFile.headerJson(m).contains("\"outputs\" : ["), SnaModelFile.headerJson(m));
    }

    @Test
    void read_severalOutputsWhereOneIsExpected_saysSo() throws Exception {
        Path file = dir.resolve(NAME);
        SnaModelFile.write(MultiSnaModelTest.threeOutputs(), file);
        SnaFormatException e = assertThrows(SnaFormatException.class, () -> SnaModelFile.read(file));
        assertEquals(file + ": holds 3 outputs [depth, width, peak] where a single-output model is expected",
                e.getMessage());
    }

    @Test
    void read_version2File_everyFlippedByteDetected() {
        byte[] b = SnaModelFile.toBytes(MultiSnaModelTest.threeOutputs());
        for (int i = 0; i < b.length; i += 7) {
            byte[] c = b.clone();
            c[i] ^= 0x10;
            SnaFormatException e = assertThrows(SnaFormatException.class, () -> SnaModelFile.fromBytesMulti(c, NAME));
            assertOneLine(e);
        }
    }

    @Test
    void write_lawsBuiltFromData_keepTheirValues() throws Exception {
        double[] values = {0.25, -0.5, 1.0, 0.75, 0.0};
        SnaModel m = smallModel().withInputs(List.of(new InputSpec("z0", "empirical", Map.of(), values),
                new InputSpec("z1", "kde", Map.of(), values))); // kde without bandwidth: Silverman's rule
        Path file = dir.resolve(NAME);
        SnaModelFile.write(m, file);
        SnaModel back = SnaModelFile.read(file);
        assertEquals(m.inputs(), back.inputs());
        assertArrayEquals(values, back.inputs().get(0).data(), 0.0);
        assertTrue(SnaModelFile.headerJson(m).contains("\"data\" : [ 0.25, -0.5, 1.0, 0.75, 0.0 ]"),
                SnaModelFile.headerJson(m));
    }
}
