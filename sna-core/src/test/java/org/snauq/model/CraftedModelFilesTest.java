package org.snauq.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

/**
 * Model files whose checksum is consistent but whose content is not a valid model (issue 18): each is committed
 * under {@code src/test/resources/org/snauq/model/crafted/} (a corpus for the CLI tests and fuzzers too) and must
 * fail to read with a one-line {@link SnaFormatException} that names the file and the field.
 *
 * <p>The files are built here from a valid model by editing its header or payload and re-sealing it (lengths,
 * padding, CRC-32C written independently of {@link SnaModelFile}); {@code -Dfixtures.write=true} rewrites them.
 */
class CraftedModelFilesTest {

    static final Path FIXTURES = Path.of("src/test/resources/org/snauq/model/crafted");

    private static final byte[] MAGIC = {'S', 'N', 'A', 'U', 'Q', '\r', '\n', 0x1A};

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /**
     * One crafted file: its name, how it is made from the valid model's header and payload, and the start of its
     * message after the file name; a payload case's message has a %d for the byte offset of payload double
     * {@code payloadIndex}.
     */
    private record Case(String name, Crafter crafter, String message, int payloadIndex) {
        Case(String name, Crafter crafter, String message) {
            this(name, crafter, message, -1);
        }
    }

    @FunctionalInterface
    private interface Crafter {
        byte[] craft(ObjectNode header, double[] payload, int version) throws Exception;
    }

    /** The valid model every case starts from: two cubic coordinates z0 in [-1, 2], z1 in [-2, 3], rank 2. */
    static SnaModel validModel() {
        return SnaModelTest.randomModel(2, 2, 5, 3)
                .withInputs(List.of(new InputSpec("z0", "uniform", Map.of("lower", -1.0, "upper", 2.0)),
                        new InputSpec("z1", "normal", Map.of("mean", 0.5, "sd", 1.0))))
                .withProvenance(Map.of("method", "test"));
    }

    private static Crafter header(Consumer<ObjectNode> edit) {
        return (h, payload, version) -> {
            edit.accept(h);
            return seal(JSON.writeValueAsBytes(h), payload, payload.length, version);
        };
    }

    private static Crafter headerText(java.util.function.UnaryOperator<String> edit) {
        return (h, payload, version) -> seal(edit.apply(JSON.writeValueAsString(h))
                .getBytes(StandardCharsets.UTF_8), payload, payload.length, version);
    }

    private static Crafter payload(int index, double value) {
        return (h, payload, version) -> {
            payload[index] = value;
            return seal(JSON.writeValueAsBytes(h), payload, payload.length, version);
        };
    }

    private static ObjectNode coordinate(ObjectNode h, int d) {
        return (ObjectNode) h.get("coordinates").get(d);
    }

    private static ObjectNode input(ObjectNode h, int i) {
        return (ObjectNode) h.get("inputs").get(i);
    }

    private static ArrayNode knots(ObjectNode h, int d) {
        return (ArrayNode) coordinate(h, d).get("knots");
    }

    /** Knots of coordinate 0: z0 in [-1, 2], cubic, 5 atoms: -1 x4, 0.5, 2 x4; payload 2 + 2 * 10 doubles. */
    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("nan-lambda", payload(0, Double.NaN),
                "payload: lambda[0] at offset %d (double 0) must be finite, got NaN", 0));
        c.add(new Case("infinite-factor", payload(7, Double.POSITIVE_INFINITY),
                "payload: W^0[2, 1] (coordinate z0) at offset %d (double 7) must be finite, got Infinity", 7));
        c.add(new Case("nan-knot", header(h -> knots(h, 0).set(4, Double.NaN)),
                "header: coordinates[0].knots[4] must be a finite number, got NaN"));
        c.add(new Case("infinite-upper", header(h -> coordinate(h, 1).put("upper", Double.POSITIVE_INFINITY)),
                "header: coordinates[1].upper must be a finite number, got Infinity"));
        c.add(new Case("knot-outside-domain", header(h -> knots(h, 0).set(4, 7.5)),
                "header: coordinates[0].knots[4] = 7.5 must lie inside the domain (-1.0, 2.0)"));
        c.add(new Case("knot-on-boundary", header(h -> knots(h, 0).set(4, -1.0)),
                "header: coordinates[0].knots[4] = -1.0 must lie inside the domain (-1.0, 2.0)"));
        c.add(new Case("knots-unordered", (h, payload, version) -> {
            ArrayNode k = knots(h, 0); // z0 with 6 atoms: two interior breakpoints, swapped
            k.insert(5, 0.0);
            k.set(4, 1.0);
            coordinate(h, 0).put("atoms", 6).put("uniform", false);
            double[] more = java.util.Arrays.copyOf(payload, payload.length + 2);
            h.with("payload").put("doubles", more.length);
            return seal(JSON.writeValueAsBytes(h), more, more.length, version);
        }, "header: coordinates[0].knots[5] = 0.0 must be > knots[4] = 1.0"));
        c.add(new Case("lower-above-upper", header(h -> coordinate(h, 0).put("lower", 3.0)),
                "header: coordinates[0].lower must be < upper, got 3.0 >= 2.0"));
        c.add(new Case("domain-not-knots", header(h -> coordinate(h, 0).put("lower", -1.5)),
                "header: coordinates[0]: the domain [-1.5, 2.0] is not the knots' [-1.0, 2.0]"));
        c.add(new Case("uniform-but-graded", header(h -> knots(h, 0).set(4, 0.25)),
                "header: coordinates[0].uniform is true but the knots are not equally spaced"));
        c.add(new Case("atoms-mismatch", header(h -> coordinate(h, 1).put("atoms", 6)),
                "header: coordinates[1].atoms is 6 but the knots give 5"));
        c.add(new Case("degree-zero", header(h -> coordinate(h, 0).put("degree", 0)),
                "header: coordinates[0].degree must be in [1, 64], got 0"));
        c.add(new Case("degree-huge", header(h -> coordinate(h, 0).put("degree", 1 << 30)),
                "header: coordinates[0].degree must be in [1, 64], got 1073741824"));
        c.add(new Case("empty-name", header(h -> coordinate(h, 0).put("name", "")),
                "header: coordinates[0].name must match [A-Za-z_][A-Za-z0-9_]*, got ''"));
        c.add(new Case("path-name", header(h -> coordinate(h, 1).put("name", "../x")),
                "header: coordinates[1].name must match [A-Za-z_][A-Za-z0-9_]*, got '../x'"));
        c.add(new Case("repeated-name", header(h -> coordinate(h, 1).put("name", "z0")),
                "header: coordinates[1].name repeats an earlier coordinate, got 'z0'"));
        c.add(new Case("newline-output", header(h -> h.put("output", "y\nz")),
                "header: output must match [A-Za-z_][A-Za-z0-9_]*, got 'y\\nz'"));
        c.add(new Case("rank-zero", header(h -> h.put("rank", 0)), "header: rank must be >= 1, got 0"));
        c.add(new Case("rank-huge", header(h -> h.put("rank", Integer.MAX_VALUE)),
                "header: the ranks and atoms per coordinate need more than 12884901882 doubles"));
        c.add(new Case("payload-doubles-mismatch", header(h -> ((ObjectNode) h.get("payload")).put("doubles", 23)),
                "header: the ranks and atoms per coordinate need 22 doubles, payload.doubles is 23"));
        c.add(new Case("unknown-family", header(h -> input(h, 1).put("dist", "cauchy")),
                "header: inputs[1].dist must be one of " + String.join(", ", Distributions.families())
                        + ", got 'cauchy'"));
        c.add(new Case("input-not-a-coordinate", header(h -> input(h, 0).put("name", "x9")),
                "header: inputs[0].name must be one of the coordinates [z0, z1], got 'x9'"));
        c.add(new Case("input-repeated", header(h -> input(h, 1).put("name", "z0")),
                "header: inputs[1].name repeats an earlier input, got 'z0'"));
        c.add(new Case("sd-negative", header(h -> ((ObjectNode) input(h, 1).get("parameters")).put("sd", -0.5)),
                "header: inputs[1].parameters (z1, normal): sd must be > 0, got -0.5"));
        c.add(new Case("sd-nan", header(h -> ((ObjectNode) input(h, 1).get("parameters")).put("sd", Double.NaN)),
                "header: inputs[1].parameters (z1, normal): sd must be a number, got NaN"));
        c.add(new Case("unknown-parameter", header(h -> ((ObjectNode) input(h, 1).get("parameters")).put("mu", 1.0)),
                "header: inputs[1].parameters (z1, normal): unknown parameter 'mu' for normal; expected: mean, sd"));
        c.add(new Case("empirical-without-data", header(h -> input(h, 0).put("dist", "empirical")
                .putObject("parameters")),
                "header: inputs[0].parameters (z0, empirical): empirical needs data values, got none"));
        c.add(new Case("data-not-finite", header(h -> {
            ObjectNode z0 = input(h, 0).put("dist", "empirical");
            z0.putObject("parameters");
            z0.putArray("data").add(0.5).add(Double.NaN);
        }), "header: inputs[0].data[1] must be a finite number, got NaN"));
        c.add(new Case("trailing-json", headerText(s -> s + " {\"output\":\"x\"}"),
                "header: unexpected text after the JSON object at offset "));
        c.add(new Case("duplicate-key", headerText(s -> s.replaceFirst("\"rank\":2", "\"rank\":2,\"rank\":3")),
                "header at offset 24 is not valid JSON: Duplicate field 'rank'"));
        c.add(new Case("header-not-object", headerText(s -> "[" + s + "]"),
                "header at offset 24 must be a JSON object, got ARRAY"));
        c.add(new Case("header-not-utf8", (h, payload, version) -> {
            byte[] text = JSON.writeValueAsBytes(h.put("output", "y__"));
            int at = new String(text, StandardCharsets.ISO_8859_1).indexOf("y__");
            text[at + 1] = (byte) 0xC3; // a lead byte followed by '_' is malformed UTF-8
            return seal(text, payload, payload.length, version);
        }, "header at offset 24 is not valid UTF-8"));
        c.add(new Case("payload-announced-huge", (h, payload, version) ->
                seal(JSON.writeValueAsBytes(h), payload, 1L << 40, version),
                "truncated at offset 820: the preamble announces 1099511627776 doubles (offset 16), more than the"
                        + " 820-byte file can hold"));
        // format version 2: several outputs (MultiSnaModelTest.threeOutputs: depth rank 2, width, peak)
        c.add(new Case("v2-repeated-output", header(h -> output(h, 2).put("output", "depth")),
                "header: outputs[2].output repeats outputs[0].output, got 'depth'"));
        c.add(new Case("v2-coordinates-differ", header(h -> coordinate(output(h, 1), 0).put("name", "z9")),
                "header: outputs[1].coordinates must be named [z0, z1, z2] as in outputs[0], got [z9, z1, z2]"));
        c.add(new Case("v2-domain-differs", header(h -> {
            ObjectNode z0 = coordinate(output(h, 1), 0); // degree 5: the first 6 knots are the lower end
            z0.put("lower", -1.5).put("uniform", false);
            for (int i = 0; i < 6; i++) {
                ((ArrayNode) z0.get("knots")).set(i, -1.5);
            }
        }), "header: outputs[1].coordinates[0] must have the domain [-1.0, 2.0] of outputs[0], got [-1.5, 2.0]"));
        c.add(new Case("v2-nan-knot", header(h -> ((ArrayNode) output(h, 2).get("coordinates").get(2).get("knots"))
                .set(4, Double.NaN)), "header: outputs[2].coordinates[2].knots[4] must be a finite number, got NaN"));
        c.add(new Case("v2-path-name", header(h -> output(h, 1).put("output", "a/b")),
                "header: outputs[1].output must match [A-Za-z_][A-Za-z0-9_]*, got 'a/b'"));
        c.add(new Case("v2-no-outputs", header(h -> h.putArray("outputs")),
                "header: outputs must list at least one output"));
        c.add(new Case("v2-nan-lambda", payload(2 + 7 * 2 * 3, Double.NaN),
                "payload: outputs[1].lambda[0] at offset %d (double 44) must be finite, got NaN", 2 + 7 * 2 * 3));
        c.add(new Case("v2-read-as-version-1", (h, payload, version) -> seal(JSON.writeValueAsBytes(h), payload,
                payload.length, 1), "header: missing field output"));
        return c;
    }

    private static ObjectNode output(ObjectNode h, int k) {
        return (ObjectNode) h.get("outputs").get(k);
    }

    /**
     * A file with a consistent preamble and checksum: the header padded with spaces to align the payload, the
     * payload, and the CRC-32C of everything before it ({@code announced} may differ from the payload's length).
     */
    static byte[] seal(byte[] header, double[] payload, long announced, int version) {
        int pad = (8 - (24 + header.length) % 8) % 8;
        ByteBuffer b = ByteBuffer.allocate(24 + header.length + pad + 8 * payload.length + 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(version).putInt(header.length + pad).putLong(announced).put(header);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        for (double v : payload) {
            b.putDouble(v);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** A case named v2-* starts from the three-output model (version 2), the others from {@link #validModel}. */
    private static byte[] craft(Case c) throws Exception {
        MultiSnaModel m = c.name.startsWith("v2-") ? MultiSnaModelTest.threeOutputs() : MultiSnaModel.of(validModel());
        ObjectNode h = (ObjectNode) JSON.readTree(SnaModelFile.headerJson(m));
        double[] payload = new double[(int) m.parameterCount()];
        int at = 0;
        for (SnaModel o : m.outputs()) {
            System.arraycopy(o.lambda(), 0, payload, at, o.rank());
            at += o.rank();
            for (int d = 0; d < o.dimension(); d++) {
                double[] w = o.factor(d);
                System.arraycopy(w, 0, payload, at, w.length);
                at += w.length;
            }
        }
        return c.crafter.craft(h, payload, m.outputCount() == 1 ? 1 : 2);
    }

    /** Byte offset of payload double {@code index} in a crafted file. */
    private static int payloadOffset(byte[] file, int index) {
        return 24 + ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(12) + 8 * index;
    }

    @Test
    void seal_validModels_readBackEqualToTheWrittenBytes() throws Exception {
        SnaModel m = validModel();
        byte[] b = craft(new Case("valid", (h, payload, version) -> seal(JSON.writeValueAsBytes(h), payload,
                payload.length, version), ""));
        assertEquals(m, SnaModelFile.fromBytes(b, "valid.sna"));
        MultiSnaModel multi = MultiSnaModelTest.threeOutputs();
        byte[] v2 = craft(new Case("v2-valid", (h, payload, version) -> seal(JSON.writeValueAsBytes(h), payload,
                payload.length, version), ""));
        assertEquals(multi, SnaModelFile.fromBytesMulti(v2, "v2-valid.sna"));
        assertArrayEquals(SnaModelFile.toBytes(multi), v2);
    }

    @TestFactory
    Stream<DynamicTest> read_craftedFile_failsWithOneLineNamingFileAndField() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Path file = FIXTURES.resolve(c.name + ".sna");
            byte[] crafted = craft(c);
            if (Boolean.getBoolean("fixtures.write")) {
                Files.createDirectories(FIXTURES);
                Files.write(file, crafted);
            }
            assertArrayEquals(crafted, Files.readAllBytes(file), file + " differs from its recipe; rewrite the"
                    + " fixtures with -Dfixtures.write=true");
            SnaFormatException e = assertThrows(SnaFormatException.class, () -> SnaModelFile.read(file));
            String message = e.getMessage();
            String expected = c.payloadIndex < 0 ? c.message
                    : String.format(c.message, payloadOffset(crafted, c.payloadIndex));
            assertTrue(message.startsWith(file + ": " + expected), message);
            assertFalse(message.contains("\n") || message.contains("\r"), message);
        }));
    }

    @Test
    void fixtures_folder_holdsExactlyTheCases() throws Exception {
        TreeSet<String> expected = new TreeSet<>();
        cases().forEach(c -> expected.add(c.name + ".sna"));
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.list(FIXTURES)) {
            s.forEach(p -> present.add(p.getFileName().toString()));
        }
        assertEquals(expected, present);
    }

    @Test
    void read_notARegularFile_refusedWithoutReading(@TempDir Path dir) {
        // a folder here; /dev/zero and FIFOs take the same path, and would otherwise be read until memory runs out
        SnaFormatException e = assertThrows(SnaFormatException.class, () -> SnaModelFile.read(dir));
        assertEquals(dir + ": not a regular file (a folder, device or pipe), expected a .sna model file",
                e.getMessage());
    }
}
