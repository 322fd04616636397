package org.snauq.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

/**
 * Reads and writes the {@code .sna} model file (DESIGN.md section 5; byte layout in {@code docs/FORMATS.md}).
 *
 * <pre>
 * offset        size  content (little-endian)
 * 0             8     magic "SNAUQ\r\n\x1A"
 * 8             4     int32 format version (1)
 * 12            4     int32 header length H in bytes
 * 16            8     int64 payload length K in doubles
 * 24            H     UTF-8 JSON header, padded with spaces so the payload starts at a multiple of 8
 * 24+H          8K    float64: lambda[R], then W^d row-major n_d x R for d = 0..D-1
 * 24+H+8K       4     uint32 CRC-32C of every byte before it
 * </pre>
 *
 * <p>Reading checks, in this order, the magic, the version, that the file length is exactly what the preamble
 * announces, the checksum, and then the header's fields; so a truncated, corrupted, foreign or newer file
 * fails with a {@link SnaFormatException} whose one-line message names the file and the problem. CRC-32C
 * detects every error burst of up to 32 bits, so any single changed byte is caught.
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

    /** The format version this build writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

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

    private static final String PAYLOAD_LAYOUT =
            "float64 little-endian: lambda[rank], then for each coordinate in order its factor W[atoms x rank] row-major";

    // NaN and infinities are written as bare tokens (not strings) so provenance like "validationError": NaN
    // reads back as a Double.
    // A repeated key in a header is an error, not silently resolved.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SnaModelFile() {
    }

    /**
     * Writes the model to {@code path} atomically (temporary file in the same folder, fsync, rename).
     *
     * @throws IOException if the folder is missing or not writable, or the disk is full; the target is then
     *                     left as it was and no temporary file remains
     */
    public static void write(SnaModel model, Path path) throws IOException {
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

    /** The file's bytes for a model. */
    public static byte[] toBytes(SnaModel model) {
        byte[] header = headerBytes(model);
        int pad = (PAYLOAD_ALIGNMENT - (PREAMBLE + header.length) % PAYLOAD_ALIGNMENT) % PAYLOAD_ALIGNMENT;
        int headerLength = header.length + pad;
        int doubles = model.parameterCount();
        ByteBuffer buf = ByteBuffer.allocate(PREAMBLE + headerLength + doubles * Double.BYTES + CRC_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(FORMAT_VERSION).putInt(headerLength).putLong(doubles);
        buf.put(header);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) ' ');
        }
        for (double v : model.lambda()) {
            buf.putDouble(v);
        }
        for (int d = 0; d < model.dimension(); d++) {
            for (double v : model.factor(d)) {
                buf.putDouble(v);
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
        try {
            return JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(header(model));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("provenance cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] headerBytes(SnaModel model) {
        try {
            return JSON.writeValueAsBytes(header(model));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("provenance cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode header(SnaModel model) {
        ObjectNode h = JSON.createObjectNode();
        h.put("output", model.output());
        h.put("rank", model.rank());
        ArrayNode coords = h.putArray("coordinates");
        for (int d = 0; d < model.dimension(); d++) {
            KnotVector k = model.basis(d).knots();
            ObjectNode c = coords.addObject();
            c.put("name", model.name(d));
            c.put("lower", k.lower());
            c.put("upper", k.upper());
            c.put("degree", k.degree());
            c.put("atoms", k.count());
            c.put("uniform", k.isUniform());
            ArrayNode knots = c.putArray("knots");
            for (double t : k.knots()) {
                knots.add(t);
            }
        }
        ArrayNode inputs = h.putArray("inputs");
        for (InputSpec in : model.inputs()) {
            ObjectNode i = inputs.addObject();
            i.put("name", in.name());
            i.put("dist", in.dist());
            ObjectNode params = i.putObject("parameters");
            // in the family's order, not the map's: a Map.of iterates differently from one JVM run to the next
            for (String key : Distributions.parameters(in.dist())) {
                params.put(key, in.parameter(key));
            }
        }
        h.set("provenance", JSON.valueToTree(model.provenance()));
        ObjectNode payload = h.putObject("payload");
        payload.put("doubles", model.parameterCount());
        payload.put("layout", PAYLOAD_LAYOUT);
        return h;
    }

    /**
     * A model from a file's bytes.
     *
     * @param bytes  read, not modified
     * @param source the file name used in error messages
     * @throws SnaFormatException if the bytes are not a complete, intact model file this build can read
     */
    public static SnaModel fromBytes(byte[] bytes, String source) throws SnaFormatException {
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
        JsonNode header = header(bytes, headerLength, source);
        buf.position((int) payloadStart);
        return model(header, buf, (int) doubles, source);
    }

    /** The header as one JSON object: valid UTF-8, no repeated keys, nothing but padding after it. */
    private static JsonNode header(byte[] bytes, int headerLength, String source) throws SnaFormatException {
        String at = source + ": header at offset " + PREAMBLE;
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, PREAMBLE, headerLength));
        } catch (CharacterCodingException e) {
            throw new SnaFormatException(at + " is not valid UTF-8", e);
        }
        try (JsonParser p = JSON.createParser(bytes, PREAMBLE, headerLength)) {
            JsonNode header = JSON.readTree(p);
            if (header == null || !header.isObject()) {
                throw new SnaFormatException(at + " must be a JSON object, got "
                        + (header == null ? "nothing" : header.getNodeType()));
            }
            if (p.nextToken() != null) {
                throw new SnaFormatException(source + ": header: unexpected text after the JSON object at offset "
                        + (PREAMBLE + p.currentTokenLocation().getByteOffset()));
            }
            return header;
        } catch (JsonProcessingException e) {
            throw new SnaFormatException(at + " is not valid JSON: " + ModelNames.oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory parser does no I/O
        }
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

    /**
     * The model a header and its payload describe, every field validated: the checksum proves the bytes are those
     * written, not that a writer (or a hand) put a valid model in them.
     */
    private static SnaModel model(JsonNode h, ByteBuffer payload, int doubles, String source)
            throws SnaFormatException {
        Fields f = new Fields(source);
        String output = f.text(h, "output");
        int rank = f.integer(h, "rank");
        if (rank < 1) {
            throw f.error("rank must be >= 1, got " + rank);
        }
        JsonNode coordsNode = f.array(h, "coordinates");
        if (coordsNode.isEmpty()) {
            throw f.error("coordinates must list at least one coordinate");
        }
        List<String> names = new ArrayList<>();
        List<BSplineBasis> bases = new ArrayList<>();
        long needed = rank;
        for (int d = 0; d < coordsNode.size(); d++) {
            String where = "coordinates[" + d + "]";
            JsonNode c = coordsNode.get(d);
            names.add(f.text(c, where, "name"));
            BSplineBasis basis = new BSplineBasis(knotVector(c, where, f));
            bases.add(basis);
            needed += (long) rank * basis.count(); // < 2^31 * 2^31 per term, checked below after each
            if (needed > doubles) {
                break;
            }
        }
        long announced = f.longInteger(f.object(h, "", "payload"), "payload", "doubles");
        if (needed != doubles || announced != doubles) {
            throw f.error("rank " + rank + " and the atoms per coordinate need " + (needed > doubles ? "more than " : "")
                    + needed + " doubles, payload.doubles is " + announced + " and the preamble announces " + doubles);
        }
        List<InputSpec> inputs = inputs(h, f);
        Map<String, Object> provenance = provenance(h, f);
        int start = payload.position();
        double[] lambda = new double[rank];
        for (int r = 0; r < rank; r++) {
            lambda[r] = f.finite(payload, start, "lambda[" + r + "]");
        }
        double[][] w = new double[bases.size()][];
        for (int d = 0; d < w.length; d++) {
            w[d] = new double[bases.get(d).count() * rank];
            for (int i = 0; i < w[d].length; i++) {
                w[d][i] = f.finite(payload, start, "W^" + d + "[" + i / rank + ", " + i % rank + "] (coordinate "
                        + names.get(d) + ")");
            }
        }
        assert !payload.hasRemaining() || payload.remaining() == CRC_BYTES;
        try {
            return SnaModel.of(names, bases, lambda, w, output, provenance, inputs);
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    private static List<InputSpec> inputs(JsonNode h, Fields f) throws SnaFormatException {
        List<InputSpec> inputs = new ArrayList<>();
        JsonNode inputsNode = h.has("inputs") ? f.array(h, "inputs") : JSON.createArrayNode();
        for (int i = 0; i < inputsNode.size(); i++) {
            String where = "inputs[" + i + "]";
            JsonNode in = inputsNode.get(i);
            JsonNode params = f.object(in, where, "parameters");
            Map<String, Double> p = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNumber()) {
                    throw f.error(where + ".parameters." + e.getKey() + " must be a number, got " + e.getValue());
                }
                p.put(e.getKey(), e.getValue().doubleValue());
            }
            inputs.add(new InputSpec(f.text(in, where, "name"), f.text(in, where, "dist"), p));
        }
        return inputs;
    }

    private static Map<String, Object> provenance(JsonNode h, Fields f) throws SnaFormatException {
        if (!h.has("provenance")) {
            return Map.of();
        }
        JsonNode prov = f.object(h, "", "provenance");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.treeToValue(prov, LinkedHashMap.class);
            return m;
        } catch (JsonProcessingException e) {
            throw f.error("provenance cannot be read: " + e.getOriginalMessage());
        }
    }

    /**
     * The clamped knot vector of one coordinate: degree at most {@link SnaModel#MAX_DEGREE}, finite knots, each end
     * repeated p + 1 times, interior breakpoints strictly increasing inside (lower, upper), and the fields
     * {@code lower}, {@code upper}, {@code atoms} and {@code uniform} agreeing with them. Uniform ones are rebuilt
     * by the uniform factory (O(1) span search), which reproduces the stored knots bit for bit for files this
     * class wrote.
     */
    private static KnotVector knotVector(JsonNode c, String where, Fields f) throws SnaFormatException {
        int degree = f.integer(c, where, "degree");
        if (degree < 1 || degree > SnaModel.MAX_DEGREE) {
            throw f.error(where + ".degree must be in [1, " + SnaModel.MAX_DEGREE + "], got " + degree);
        }
        JsonNode knotsNode = f.array(c, where, "knots");
        double[] knots = new double[knotsNode.size()];
        for (int i = 0; i < knots.length; i++) {
            knots[i] = f.finite(knotsNode.get(i), where + ".knots[" + i + "]");
        }
        int atoms = knots.length - degree - 1;
        if (atoms < degree + 1) {
            throw f.error(where + ": degree " + degree + " with " + knots.length + " knots is not a valid B-spline basis");
        }
        for (int i = 1; i <= degree; i++) {
            if (knots[i] != knots[0] || knots[knots.length - 1 - i] != knots[knots.length - 1]) {
                throw f.error(where + ".knots must repeat each end degree + 1 = " + (degree + 1) + " times (clamped)");
            }
        }
        for (int i = degree + 1; i < atoms; i++) {
            if (!(knots[i] > knots[0] && knots[i] < knots[knots.length - 1])) {
                throw f.error(where + ".knots[" + i + "] = " + knots[i] + " must lie inside the domain ("
                        + knots[0] + ", " + knots[knots.length - 1] + ")");
            }
        }
        for (int i = degree + 1; i <= atoms; i++) {
            if (!(knots[i] > knots[i - 1])) {
                throw f.error(where + ".knots[" + i + "] = " + knots[i] + " must be > knots[" + (i - 1) + "] = "
                        + knots[i - 1] + " (breakpoints strictly increasing inside the domain)");
            }
        }
        double lower = f.finite(f.field(c, where, "lower"), where + ".lower");
        double upper = f.finite(f.field(c, where, "upper"), where + ".upper");
        if (!(lower < upper)) {
            throw f.error(where + ".lower must be < upper, got " + lower + " >= " + upper);
        }
        if (lower != knots[0] || upper != knots[knots.length - 1]) {
            throw f.error(where + ": the domain [" + lower + ", " + upper + "] is not the knots' ["
                    + knots[0] + ", " + knots[knots.length - 1] + "]");
        }
        if (f.integer(c, where, "atoms") != atoms) {
            throw f.error(where + ".atoms is " + c.get("atoms") + " but the knots give " + atoms);
        }
        KnotVector k = KnotVector.clamped(degree, Arrays.copyOfRange(knots, degree, atoms + 1));
        assert Arrays.equals(k.knots(), knots);
        if (f.bool(c, where, "uniform")) {
            KnotVector u = KnotVector.clampedUniform(degree, atoms, lower, upper);
            if (!u.equals(k)) {
                throw f.error(where + ".uniform is true but the knots are not equally spaced on [" + lower + ", "
                        + upper + "]");
            }
            k = u;
        }
        return k;
    }

    /** Typed access to header fields, with errors that name the file and the field. */
    private record Fields(String source) {

        SnaFormatException error(String problem) {
            return new SnaFormatException(source + ": header: " + ModelNames.oneLine(problem));
        }

        /** A finite number; NaN and infinities are read as tokens (for provenance), so they are refused here. */
        double finite(JsonNode v, String path) throws SnaFormatException {
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw error(path + " must be a finite number, got " + (v.isNumber() ? v.doubleValue() : v));
            }
            return v.doubleValue();
        }

        /** The next payload double, which must be finite; the message gives its byte offset. */
        double finite(ByteBuffer payload, int start, String what) throws SnaFormatException {
            int offset = payload.position();
            double v = payload.getDouble();
            if (!Double.isFinite(v)) {
                throw new SnaFormatException(source + ": payload: " + what + " at offset " + offset + " (double "
                        + (offset - start) / Double.BYTES + ") must be finite, got " + v);
            }
            return v;
        }

        long longInteger(JsonNode node, String where, String name) throws SnaFormatException {
            JsonNode v = field(node, where, name);
            if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                throw error(path(where, name) + " must be an integer, got " + v);
            }
            return v.longValue();
        }

        JsonNode field(JsonNode node, String where, String name) throws SnaFormatException {
            JsonNode v = node == null || !node.isObject() ? null : node.get(name);
            if (v == null) {
                throw error("missing field " + path(where, name));
            }
            return v;
        }

        private static String path(String where, String name) {
            if (where.isEmpty()) {
                return name;
            }
            return where.endsWith(".") ? where + name : where + "." + name;
        }

        String text(JsonNode node, String name) throws SnaFormatException {
            return text(node, "", name);
        }

        String text(JsonNode node, String where, String name) throws SnaFormatException {
            JsonNode v = field(node, where, name);
            if (!v.isTextual()) {
                throw error(path(where, name) + " must be a string, got " + v);
            }
            return v.textValue();
        }

        int integer(JsonNode node, String name) throws SnaFormatException {
            return integer(node, "", name);
        }

        int integer(JsonNode node, String where, String name) throws SnaFormatException {
            JsonNode v = field(node, where, name);
            if (!v.isInt()) {
                throw error(path(where, name) + " must be an integer, got " + v);
            }
            return v.intValue();
        }

        boolean bool(JsonNode node, String where, String name) throws SnaFormatException {
            JsonNode v = field(node, where, name);
            if (!v.isBoolean()) {
                throw error(path(where, name) + " must be true or false, got " + v);
            }
            return v.booleanValue();
        }

        JsonNode array(JsonNode node, String name) throws SnaFormatException {
            return array(node, "", name);
        }

        JsonNode array(JsonNode node, String where, String name) throws SnaFormatException {
            JsonNode v = field(node, where, name);
            if (!v.isArray()) {
                throw error(path(where, name) + " must be an array, got " + v.getNodeType());
            }
            return v;
        }

        JsonNode object(JsonNode node, String where, String name) throws SnaFormatException {
            JsonNode v = field(node, where, name);
            if (!v.isObject()) {
                throw error(path(where, name) + " must be an object, got " + v.getNodeType());
            }
            return v;
        }
    }
}
