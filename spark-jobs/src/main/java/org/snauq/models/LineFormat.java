package org.snauq.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The line protocols of command models (docs/SIMULATORS.md), one point per line each way, in order:
 * <ul>
 *   <li>{@code csv}: we send a header line with the input names, then one line of comma-separated values per point;
 *       the program answers a header line with the output names (in any order), then one line of values per point.
 *       A value that is {@code nan} (or {@code NaN}, {@code -nan}), infinite ({@code inf}, {@code Infinity}) or an
 *       empty field marks that output as failed.</li>
 *   <li>{@code jsonl}: we send one JSON object per point, {@code {"x1": 0.5, "x2": 1.0E-5}}; the program answers
 *       one object per point, {@code {"y": 1.25}} (more keys are ignored), or {@code {"error": "why"}} for a point
 *       it cannot evaluate. {@code null}, {@code NaN} and {@code Infinity} mark an output as failed; a missing
 *       output is a protocol violation.</li>
 * </ul>
 * Numbers are sent as Java writes doubles (shortest decimal that reads back exactly, e.g. {@code 1.0E-5}), which C's
 * strtod, awk, Python and Fortran read. Blank answer lines are skipped. Thread safe (immutable).
 */
enum LineFormat {

    CSV {
        @Override
        String inputHeader(String[] inputs) {
            return String.join(",", inputs) + "\n";
        }

        @Override
        void appendPoint(double[] points, int p, int dim, String[] inputs, StringBuilder b) {
            for (int d = 0; d < dim; d++) {
                if (d > 0) {
                    b.append(',');
                }
                b.append(points[p * dim + d]);
            }
            b.append('\n');
        }

        @Override
        boolean hasAnswerHeader() {
            return true;
        }

        @Override
        int[] answerHeader(String line, String[] outputs) throws Violation {
            String[] names = line.split(",", -1);
            if (names.length != outputs.length) {
                throw new Violation("the header names " + names.length + " output" + (names.length == 1 ? "" : "s")
                        + " (" + printable(line) + "), the model has " + outputs.length + " ("
                        + String.join(", ", outputs) + ")");
            }
            int[] column = new int[outputs.length];
            Arrays.fill(column, -1);
            for (int c = 0; c < names.length; c++) {
                String name = names[c].strip();
                int k = Arrays.asList(outputs).indexOf(name);
                if (k < 0) {
                    throw new Violation("the header names '" + printable(name) + "', which is not an output of the"
                            + " model (" + String.join(", ", outputs) + ")");
                }
                if (column[k] >= 0) {
                    throw new Violation("the header names output '" + name + "' twice");
                }
                column[k] = c;
            }
            return column;
        }

        @Override
        String answer(String line, int[] column, String[] outputs, double[] out, int base) throws Violation {
            String[] fields = line.split(",", -1);
            if (fields.length != outputs.length) {
                throw new Violation("has " + fields.length + " value" + (fields.length == 1 ? "" : "s") + " ('"
                        + printable(line) + "'), expected " + outputs.length + " (" + String.join(", ", outputs) + ")");
            }
            for (int k = 0; k < outputs.length; k++) {
                out[base + k] = number(fields[column[k]].strip(), outputs[k]);
            }
            return null;
        }
    },

    JSONL {
        @Override
        String inputHeader(String[] inputs) {
            return null;
        }

        @Override
        void appendPoint(double[] points, int p, int dim, String[] inputs, StringBuilder b) {
            b.append('{');
            for (int d = 0; d < dim; d++) {
                if (d > 0) {
                    b.append(", ");
                }
                b.append('"').append(inputs[d]).append("\": ").append(points[p * dim + d]); // names are identifiers
            }
            b.append("}\n");
        }

        @Override
        boolean hasAnswerHeader() {
            return false;
        }

        @Override
        int[] answerHeader(String line, String[] outputs) {
            throw new UnsupportedOperationException("jsonl answers have no header");
        }

        @Override
        String answer(String line, int[] column, String[] outputs, double[] out, int base) throws Violation {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new Violation("is not one JSON object ('" + printable(line) + "')");
            }
            if (node == null || !node.isObject()) {
                throw new Violation("is not a JSON object ('" + printable(line) + "')");
            }
            JsonNode error = node.get("error");
            if (error != null && !error.isNull()) {
                String why = error.isTextual() ? error.asText() : error.toString();
                return "the program answered error: " + printable(why);
            }
            for (int k = 0; k < outputs.length; k++) {
                JsonNode v = node.get(outputs[k]);
                if (v == null) {
                    throw new Violation("has no value for output '" + outputs[k] + "' ('" + printable(line) + "')");
                }
                if (v.isNumber()) {
                    out[base + k] = v.doubleValue();
                } else if (v.isNull()) {
                    out[base + k] = Double.NaN;
                } else if (v.isTextual()) {
                    out[base + k] = number(v.asText().strip(), outputs[k]);
                } else {
                    throw new Violation("output '" + outputs[k] + "' is not a number ('" + printable(line) + "')");
                }
            }
            return null;
        }
    };

    /** An answer that breaks the protocol: a fault of the program, not of a point. */
    static final class Violation extends Exception {
        private static final long serialVersionUID = 1L;

        Violation(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Set<String> NAN = Set.of("nan", "+nan", "-nan", "");
    private static final Set<String> INFINITE = Set.of("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");
    /** Longest piece of an answer quoted in a message. */
    private static final int QUOTED = 80;

    /** The line sent before the first point, or null. */
    abstract String inputHeader(String[] inputs);

    /** Appends point p (row-major, dim values each) as one line. */
    abstract void appendPoint(double[] points, int p, int dim, String[] inputs, StringBuilder b);

    /** Whether the program answers a header line first. */
    abstract boolean hasAnswerHeader();

    /** column[k] = the field of output k in each answer line. */
    abstract int[] answerHeader(String line, String[] outputs) throws Violation;

    /**
     * Reads one point's answer into out[base + k].
     *
     * @return null, or the reason when the program answered that it could not evaluate the point
     */
    abstract String answer(String line, int[] column, String[] outputs, double[] out, int base) throws Violation;

    /** The study's spelling. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format called {@code key} ({@code csv}, {@code jsonl}), or null. */
    static LineFormat of(String key) {
        for (LineFormat f : values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        return null;
    }

    /** A decimal, nan or inf (any case, signed); an empty field is nan. */
    private static double number(String text, String output) throws Violation {
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (NAN.contains(lower)) {
            return Double.NaN;
        }
        if (INFINITE.contains(lower)) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new Violation("has '" + printable(text) + "' for output " + output + ", which is not a number");
    }

    /** Text fit for a one-line message: control characters escaped, cut to {@link #QUOTED} characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < QUOTED; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : c);
        }
        return s.length() > QUOTED ? b + "..." : b.toString();
    }
}
