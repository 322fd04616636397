package org.snauq.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON bodies of UM-Bridge protocol 1.0 answers, written with Jackson's streaming generator. Numbers are
 * finite (the callers check), so every answer is standard JSON. Stateless and thread safe.
 */
final class Answers {

    static final double PROTOCOL_VERSION = 1.0;

    private static final JsonFactory JSON = new JsonFactory();

    private Answers() {
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] object(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                body.write(g);
                g.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    /** {"protocolVersion": 1.0, "models": [names]} */
    static byte[] info(List<String> names) {
        return object(g -> {
            g.writeNumberField("protocolVersion", PROTOCOL_VERSION);
            g.writeArrayFieldStart("models");
            for (String n : names) {
                g.writeString(n);
            }
            g.writeEndArray();
        });
    }

    /** {"support": {...}}: an SNA model supports every action. */
    static byte[] support() {
        return object(g -> {
            g.writeObjectFieldStart("support");
            for (String action : new String[] {"Evaluate", "Gradient", "ApplyJacobian", "ApplyHessian"}) {
                g.writeBooleanField(action, true);
            }
            g.writeEndObject();
        });
    }

    /** {"inputSizes": [n]} or {"outputSizes": [n]}: one vector. */
    static byte[] sizes(String field, int size) {
        return object(g -> {
            g.writeArrayFieldStart(field);
            g.writeNumber(size);
            g.writeEndArray();
        });
    }

    /** {"output": [[v...]]} when nested (Evaluate: a list of output vectors), else {"output": [v...]}. */
    static byte[] output(double[] v, boolean nested) {
        return object(g -> {
            g.writeArrayFieldStart("output");
            if (nested) {
                g.writeStartArray();
            }
            for (double x : v) {
                g.writeNumber(x);
            }
            if (nested) {
                g.writeEndArray();
            }
            g.writeEndArray();
        });
    }

    /** {"error": {"type": ..., "message": ...}} */
    static byte[] error(String type, String message) {
        return object(g -> {
            g.writeObjectFieldStart("error");
            g.writeStringField("type", type);
            g.writeStringField("message", message);
            g.writeEndObject();
        });
    }
}
