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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

/**
 * The JSON header of a {@code .sna} file (layout in {@code docs/FORMATS.md}), written from a model and read back
 * with every field validated: the file's checksum proves the bytes are those written, not that a writer (or a
 * hand) put a valid model in them. Version 1 holds one output, its fields at the top; version 2 lists several
 * under {@code outputs}, each a version-1 block without {@code inputs} and {@code payload}, which stay at the top.
 *
 * <p>Every failure is a {@link SnaFormatException} of one line that names the file and the field, e.g.
 * {@code m.sna: header: outputs[1].coordinates[0].knots[4] must be a finite number, got NaN}. Memory is bounded by
 * the file: arrays come from the header's own JSON arrays or, for the payload, from counts first checked against
 * the length the preamble announces (itself checked against the file's). Stateless and thread safe.
 */
final class ModelHeader {

    static final String PAYLOAD_LAYOUT = "float64 little-endian: lambda[rank], then for each coordinate in order its"
            + " factor W[atoms x rank] row-major";
    static final String PAYLOAD_LAYOUT_MULTI = "float64 little-endian: for each output in order, lambda[rank], then"
            + " for each coordinate in order its factor W[atoms x rank] row-major";

    // NaN and infinities are written as bare tokens (not strings) so provenance like "validationError": NaN
    // reads back as a Double; a repeated key is an error, not silently resolved.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ModelHeader() {
    }

    // ---------------------------------------------------------------- writing

    /** The header of version 1 (one output) or 2 (several), compact or indented for people. */
    static byte[] bytes(MultiSnaModel model, boolean indent) {
        try {
            return (indent ? JSON.writer(SerializationFeature.INDENT_OUTPUT) : JSON.writer())
                    .writeValueAsBytes(header(model));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("provenance cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode header(MultiSnaModel model) {
        ObjectNode h = JSON.createObjectNode();
        if (model.outputCount() == 1) {
            block(model.output(0), h);
        } else {
            ArrayNode outputs = h.putArray("outputs");
            for (SnaModel m : model.outputs()) {
                block(m, outputs.addObject());
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
                Double v = in.parameters().get(key);
                if (v != null) { // an optional key may be absent, e.g. kde's bandwidth
                    params.put(key, v);
                }
            }
            double[] data = in.data();
            if (data != null) { // an empirical or kde law is its data: the model keeps a copy
                ArrayNode values = i.putArray("data");
                for (double v : data) {
                    values.add(v);
                }
            }
        }
        if (model.outputCount() == 1) { // version 1 keeps its field order
            h.set("provenance", h.remove("provenance"));
        }
        ObjectNode payload = h.putObject("payload");
        payload.put("doubles", model.parameterCount());
        payload.put("layout", model.outputCount() == 1 ? PAYLOAD_LAYOUT : PAYLOAD_LAYOUT_MULTI);
        return h;
    }

    /** One output's fields: output, rank, coordinates, provenance. */
    private static void block(SnaModel model, ObjectNode h) {
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
        h.set("provenance", JSON.valueToTree(model.provenance()));
    }

    // ---------------------------------------------------------------- reading

    /** The header as one JSON object: valid UTF-8, no repeated keys, nothing but padding after it. */
    static JsonNode parse(byte[] bytes, int offset, int length, String source) throws SnaFormatException {
        String at = source + ": header at offset " + offset;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new SnaFormatException(at + " is not valid UTF-8", e);
        }
        // parse the decoded text: from bytes, Jackson would guess UTF-16 or UTF-32 from leading zero bytes
        try (JsonParser p = JSON.createParser(text)) {
            JsonNode header = JSON.readTree(p);
            if (header == null || !header.isObject()) {
                throw new SnaFormatException(at + " must be a JSON object, got "
                        + (header == null ? "nothing" : header.getNodeType()));
            }
            if (p.nextToken() != null) {
                throw new SnaFormatException(source + ": header: unexpected text after the JSON object at offset "
                        + (offset + utf8Length(text, (int) p.currentTokenLocation().getCharOffset())));
            }
            return header;
        } catch (JsonProcessingException e) {
            throw new SnaFormatException(at + " is not valid JSON: " + ModelNames.oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory parser does no I/O
        }
    }

    /** The UTF-8 length of the first {@code chars} characters of {@code text}: a character offset as a byte offset. */
    private static int utf8Length(String text, int chars) {
        return text.substring(0, Math.max(0, Math.min(chars, text.length()))).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The model a header and its payload describe.
     *
     * @param payload read from its position: the {@code doubles} the preamble announces
     */
    static MultiSnaModel models(JsonNode h, int version, ByteBuffer payload, long doubles, String source)
            throws SnaFormatException {
        Fields f = new Fields(source);
        List<Block> blocks = new ArrayList<>();
        long needed = 0;
        if (version == 1) {
            Block b = block(h, "", f);
            blocks.add(b);
            needed = b.doubles;
        } else {
            JsonNode outputs = f.array(h, "", "outputs");
            if (outputs.isEmpty()) {
                throw f.error("outputs must list at least one output");
            }
            for (int k = 0; k < outputs.size() && needed <= doubles; k++) {
                Block b = block(outputs.get(k), "outputs[" + k + "]", f);
                blocks.add(b);
                needed += b.doubles; // each term is below 2^63 - 2^32 (see block), and the sum stops past doubles
            }
        }
        long announced = f.longInteger(f.object(h, "", "payload"), "payload", "doubles");
        if (needed != doubles || announced != doubles) {
            throw f.error("the ranks and atoms per coordinate need " + (needed > doubles ? "more than " : "") + needed
                    + " doubles, payload.doubles is " + announced + " and the preamble announces " + doubles);
        }
        List<InputSpec> inputs = inputs(h, f);
        int start = payload.position();
        List<SnaModel> models = new ArrayList<>();
        for (Block b : blocks) {
            models.add(b.read(payload, start, f));
        }
        try {
            return MultiSnaModel.of(models).withInputs(inputs);
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    /** One output's header fields, checked, before its payload is read. */
    private record Block(String where, String output, int rank, List<String> names, List<BSplineBasis> bases,
                         Map<String, Object> provenance, long doubles) {

        SnaModel read(ByteBuffer payload, int start, Fields f) throws SnaFormatException {
            String prefix = where.isEmpty() ? "" : where + ".";
            double[] lambda = new double[rank];
            for (int r = 0; r < rank; r++) {
                lambda[r] = f.finite(payload, start, prefix + "lambda[" + r + "]");
            }
            double[][] w = new double[bases.size()][];
            for (int d = 0; d < w.length; d++) {
                w[d] = new double[bases.get(d).count() * rank];
                for (int i = 0; i < w[d].length; i++) {
                    w[d][i] = f.finite(payload, start, prefix + "W^" + d + "[" + i / rank + ", " + i % rank
                            + "] (coordinate " + names.get(d) + ")");
                }
            }
            try {
                return SnaModel.of(names, bases, lambda, w, output, provenance, List.of());
            } catch (IllegalArgumentException e) {
                throw f.error(prefix + e.getMessage());
            }
        }
    }

    private static Block block(JsonNode h, String where, Fields f) throws SnaFormatException {
        String output = f.text(h, where, "output");
        int rank = f.integer(h, where, "rank");
        if (rank < 1) {
            throw f.error(Fields.path(where, "rank") + " must be >= 1, got " + rank);
        }
        JsonNode coordsNode = f.array(h, where, "coordinates");
        if (coordsNode.isEmpty()) {
            throw f.error(Fields.path(where, "coordinates") + " must list at least one coordinate");
        }
        List<String> names = new ArrayList<>();
        List<BSplineBasis> bases = new ArrayList<>();
        long doubles = rank;
        for (int d = 0; d < coordsNode.size() && doubles <= Integer.MAX_VALUE; d++) {
            String at = Fields.path(where, "coordinates[" + d + "]");
            JsonNode c = coordsNode.get(d);
            names.add(f.text(c, at, "name"));
            BSplineBasis basis = new BSplineBasis(knotVector(c, at, f));
            bases.add(basis);
            doubles += (long) rank * basis.count(); // each product < 2^62; the loop stops once past 2^31
        }
        return new Block(where, output, rank, names, bases, provenance(h, where, f), doubles);
    }

    private static List<InputSpec> inputs(JsonNode h, Fields f) throws SnaFormatException {
        List<InputSpec> inputs = new ArrayList<>();
        JsonNode inputsNode = h.has("inputs") ? f.array(h, "", "inputs") : JSON.createArrayNode();
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
            double[] data = null;
            if (in.has("data")) {
                JsonNode values = f.array(in, where, "data");
                data = new double[values.size()];
                for (int j = 0; j < data.length; j++) {
                    data[j] = f.finite(values.get(j), where + ".data[" + j + "]");
                }
            }
            inputs.add(new InputSpec(f.text(in, where, "name"), f.text(in, where, "dist"), p, data));
        }
        return inputs;
    }

    private static Map<String, Object> provenance(JsonNode h, String where, Fields f) throws SnaFormatException {
        if (!h.has("provenance")) {
            return Map.of();
        }
        JsonNode prov = f.object(h, where, "provenance");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.treeToValue(prov, LinkedHashMap.class);
            return m;
        } catch (JsonProcessingException e) {
            throw f.error(Fields.path(where, "provenance") + " cannot be read: " + e.getOriginalMessage());
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
        int last = knots.length - 1;
        for (int i = 1; i <= degree; i++) {
            if (knots[i] != knots[0] || knots[last - i] != knots[last]) {
                throw f.error(where + ".knots must repeat each end degree + 1 = " + (degree + 1) + " times (clamped)");
            }
        }
        for (int i = degree + 1; i < atoms; i++) {
            if (!(knots[i] > knots[0] && knots[i] < knots[last])) {
                throw f.error(where + ".knots[" + i + "] = " + knots[i] + " must lie inside the domain ("
                        + knots[0] + ", " + knots[last] + ")");
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
        if (lower != knots[0] || upper != knots[last]) {
            throw f.error(where + ": the domain [" + lower + ", " + upper + "] is not the knots' ["
                    + knots[0] + ", " + knots[last] + "]");
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

        static String path(String where, String name) {
            return where.isEmpty() ? name : where + "." + name;
        }

        JsonNode field(JsonNode node, String where, String name) throws SnaFormatException {
            JsonNode v = node == null || !node.isObject() ? null : node.get(name);
            if (v == null) {
                throw error("missing field " + path(where, name));
            }
            return v;
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

        /** The field, which must pass {@code ok}; else "where.name must be {@code kind}, got value". */
        JsonNode typed(JsonNode node, String where, String name, Predicate<JsonNode> ok, String kind)
                throws SnaFormatException {
            JsonNode v = field(node, where, name);
            if (!ok.test(v)) {
                String got = v.isContainerNode() ? v.getNodeType().toString() : v.toString();
                throw error(path(where, name) + " must be " + kind + ", got " + got);
            }
            return v;
        }

        String text(JsonNode node, String where, String name) throws SnaFormatException {
            return typed(node, where, name, JsonNode::isTextual, "a string").textValue();
        }

        int integer(JsonNode node, String where, String name) throws SnaFormatException {
            return typed(node, where, name, JsonNode::isInt, "an integer").intValue();
        }

        long longInteger(JsonNode node, String where, String name) throws SnaFormatException {
            return typed(node, where, name, v -> v.isIntegralNumber() && v.canConvertToLong(), "an integer")
                    .longValue();
        }

        boolean bool(JsonNode node, String where, String name) throws SnaFormatException {
            return typed(node, where, name, JsonNode::isBoolean, "true or false").booleanValue();
        }

        JsonNode array(JsonNode node, String where, String name) throws SnaFormatException {
            return typed(node, where, name, JsonNode::isArray, "an array");
        }

        JsonNode object(JsonNode node, String where, String name) throws SnaFormatException {
            return typed(node, where, name, JsonNode::isObject, "an object");
        }
    }
}
