package org.snauq.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON body of a UM-Bridge request, read field by field with the protocol's checks: every problem is a
 * {@link ProtocolError} of type InvalidInput whose one-line message names the field ({@code sens[1] must be a
 * finite number, got "a"}). The body must be one JSON object without repeated keys; NaN and Infinity are read
 * (Python's json writes them) so that they are refused by field rather than as unreadable JSON. Fields the
 * protocol does not use here are ignored, as the protocol's other servers do. Not thread safe; one per request.
 */
final class RequestBody {

    /** The settings a request's {@code config} may hold. */
    static final String CLAMP = "clamp";

    /** Values longer than this are cut in messages: a message names a value, it does not echo a request. */
    private static final int MAX_SHOWN = 40;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonNode body;

    private RequestBody(JsonNode body) {
        this.body = body;
    }

    /** The body as a JSON object, or InvalidInput naming what it is instead. */
    static RequestBody parse(byte[] bytes) throws ProtocolError {
        try (JsonParser p = JSON.createParser(bytes)) {
            JsonNode node = JSON.readTree(p);
            if (node == null || !node.isObject()) {
                throw ProtocolError.invalidInput("body must be a JSON object, got "
                        + (node == null ? "nothing" : kind(node)));
            }
            if (p.nextToken() != null) {
                throw ProtocolError.invalidInput("body: unexpected text after the JSON object at offset "
                        + p.currentTokenLocation().getByteOffset());
            }
            return new RequestBody(node);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw ProtocolError.invalidInput("body is not valid JSON: " + firstLine(e.getOriginalMessage()) + at);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory parser does no I/O
        }
    }

    /** The model name, a string. */
    String name() throws ProtocolError {
        JsonNode v = require("name");
        if (!v.isTextual()) {
            throw ProtocolError.invalidInput("name must be a string, got " + shown(v));
        }
        return v.textValue();
    }

    /**
     * {@code config.clamp}: false unless the request's config says true. The config, when present, must be an
     * object whose keys are settings of this server.
     */
    boolean clamp() throws ProtocolError {
        JsonNode config = body.get("config");
        if (config == null || config.isNull()) {
            return false;
        }
        if (!config.isObject()) {
            throw ProtocolError.invalidInput("config must be an object, got " + shown(config));
        }
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals(CLAMP)) {
                throw ProtocolError.invalidInput("config." + cut(key) + " is not a setting of this server; settings: "
                        + CLAMP);
            }
        }
        JsonNode clamp = config.get(CLAMP);
        if (clamp == null) {
            return false;
        }
        if (!clamp.isBoolean()) {
            throw ProtocolError.invalidInput("config.clamp must be true or false, got " + shown(clamp));
        }
        return clamp.booleanValue();
    }

    /**
     * The model input: {@code input} is a list of exactly one vector of {@code size} finite numbers, named by
     * {@code names} in messages.
     */
    double[] input(int size, List<String> names) throws ProtocolError {
        JsonNode v = require("input");
        if (!v.isArray() || v.size() != 1) {
            String got = !v.isArray() ? shown(v)
                    : v.size() > 0 && !v.get(0).isArray() ? "a list of " + v.size() + " values, not of vectors"
                    : v.size() + " vectors";
            throw ProtocolError.invalidInput("input must be a list of 1 vector, [[" + size + " numbers]], got " + got);
        }
        return vector(v.get(0), "input[0]", size, names);
    }

    /** A vector field of {@code size} finite numbers, e.g. sens or vec. */
    double[] vector(String field, int size, List<String> names) throws ProtocolError {
        return vector(require(field), field, size, names);
    }

    /** An index field that must be 0: this server has one input vector and one output vector per model. */
    void zeroIndex(String field, String what) throws ProtocolError {
        JsonNode v = require(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != 0) {
            throw ProtocolError.invalidInput(field + " must be 0 (the model has one " + what + " vector), got "
                    + shown(v));
        }
    }

    private static double[] vector(JsonNode v, String field, int size, List<String> names)
            throws ProtocolError {
        if (!v.isArray()) {
            throw ProtocolError.invalidInput(field + " must be a list of " + size + " numbers, got " + shown(v));
        }
        if (v.size() != size) {
            throw ProtocolError.invalidInput(field + " must have " + size + " numbers (" + listed(names) + "), got "
                    + v.size());
        }
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            JsonNode e = v.get(i);
            if (!e.isNumber() || !Double.isFinite(e.doubleValue())) {
                throw ProtocolError.invalidInput(field + "[" + i + "] (" + names.get(i) + ") must be a finite number,"
                        + " got " + (e.isNumber() ? String.valueOf(e.doubleValue()) : shown(e)));
            }
            x[i] = e.doubleValue();
        }
        return x;
    }

    private JsonNode require(String field) throws ProtocolError {
        JsonNode v = body.get(field);
        if (v == null) {
            throw ProtocolError.invalidInput("missing field " + field);
        }
        return v;
    }

    private static String listed(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + ", ... " + names.get(names.size() - 1);
    }

    /** A JSON value for a message: scalars as JSON (cut when long), containers by their kind. */
    private static String shown(JsonNode v) {
        return v.isContainerNode() ? kind(v) : cut(v.toString());
    }

    private static String kind(JsonNode v) {
        return v.isArray() ? "a list" : v.isObject() ? "an object" : v.getNodeType().toString().toLowerCase();
    }

    /** A string from the request for a message: in single quotes, control characters replaced, cut when long. */
    static String quoted(String s) {
        return "'" + cut(s) + "'";
    }

    private static String cut(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= MAX_SHOWN ? oneLine : oneLine.substring(0, MAX_SHOWN) + "...";
    }

    /** The first line of a parser's message, control characters replaced, at most 120 characters. */
    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
}
