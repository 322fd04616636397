package org.snauq.study;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, checked access to one YAML mapping of a study or problem file. Every failure is a {@link StudyException} whose
 * message is {@code "<file>: <key path> <rule>, got <value>"}. Unknown keys are rejected first, so a misspelt
 * key is reported as such rather than as a missing one.
 *
 * <p>Not thread safe; one per mapping while parsing.
 */
final class YamlFields {

    private final String file;
    private final String path;
    private final Map<String, Object> map;

    private YamlFields(String file, String path, Map<String, Object> map) {
        this.file = file;
        this.path = path;
        this.map = map;
    }

    /**
     * The mapping {@code value} found at {@code path}, or an error if it is not a mapping or has a key outside
     * {@code allowed}.
     */
    static YamlFields of(String file, String path, Object value, List<String> allowed) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new StudyException(file + ": " + (path.isEmpty() ? "the study" : path) + " must be a mapping of keys, got "
                    + describe(value));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new StudyException(file + ": " + join(path, String.valueOf(e.getKey())) + ": keys must be names, got "
                        + describe(e.getKey()));
            }
            if (!allowed.contains(key)) {
                throw new StudyException(file + ": " + join(path, key) + " is not a known key (expected one of "
                        + String.join(", ", allowed) + ")");
            }
            map.put(key, e.getValue());
        }
        return new YamlFields(file, path, map);
    }

    String file() {
        return file;
    }

    /** The key path of {@code key} in this mapping, e.g. {@code sampling.n}. */
    String pathOf(String key) {
        return join(path, key);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? printable(key) : path + "." + printable(key);
    }

    StudyException error(String key, String rule) {
        return new StudyException(file + ": " + pathOf(key) + " " + rule);
    }

    StudyException error(String key, String rule, Object got) {
        return new StudyException(file + ": " + pathOf(key) + " " + rule + ", got " + describe(got));
    }

    boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    Object raw(String key) {
        return map.get(key);
    }

    /** Keys present in this mapping, in order. */
    Collection<String> keys() {
        return map.keySet();
    }

    Object require(String key) {
        if (!map.containsKey(key)) {
            throw new StudyException(file + ": " + pathOf(key) + " is missing");
        }
        Object v = map.get(key);
        if (v == null) {
            throw new StudyException(file + ": " + pathOf(key) + " has no value");
        }
        return v;
    }

    String string(String key) {
        Object v = require(key);
        if (v instanceof String s) {
            return s;
        }
        throw error(key, "must be text", v);
    }

    String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    double number(String key) {
        Object v = require(key);
        double x = toDouble(v, key);
        if (!Double.isFinite(x)) {
            throw error(key, "must be a finite number", v);
        }
        return x;
    }

    double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    long integer(String key) {
        Object v = require(key);
        double x = toDouble(v, key);
        if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
            try {
                return new java.math.BigInteger(n.toString()).longValueExact();
            } catch (ArithmeticException e) {
                throw error(key, "is too large", v);
            }
        }
        if (x != Math.rint(x)) {
            throw error(key, "must be a whole number", v);
        }
        if (Math.abs(x) > 9.007199254740992E15) { // 2^53: beyond it a double no longer holds every whole number
            throw error(key, "is too large (write it as an integer, at most 2^63 - 1)", v);
        }
        return (long) x;
    }

    long integer(String key, long fallback) {
        return has(key) ? integer(key) : fallback;
    }

    int smallInteger(String key, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        long v = integer(key);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw error(key, "is too large", v);
        }
        return (int) v;
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = raw(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw error(key, "must be true or false", v);
    }

    /** A list of numbers (a single number counts as a list of one). */
    List<Double> numbers(String key, List<Double> fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = raw(key);
        List<?> items = v instanceof List<?> l ? l : List.of(v);
        if (items.size() > Limits.MAX_LIST) {
            throw error(key, "must list at most " + Limits.MAX_LIST + " values", items.size() + " values");
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String at = key + "[" + i + "]";
            if (item == null) {
                throw new StudyException(file + ": " + pathOf(at) + " has no value");
            }
            double x = toDouble(item, at);
            if (!Double.isFinite(x)) {
                throw error(at, "must be a finite number", item);
            }
            out.add(x);
        }
        return out;
    }

    List<Object> list(String key) {
        Object v = require(key);
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw error(key, "must be a list", v);
    }

    YamlFields mapping(String key, List<String> allowed) {
        return of(file, pathOf(key), require(key), allowed);
    }

    private double toDouble(Object v, String key) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            // YAML 1.1 reads 1e6 as text; accept plain numbers written that way
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // falls through to the type error
            }
        }
        throw error(key, "must be a number", v);
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "'" + printable(s) + "'";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return printable(String.valueOf(v));
    }

    /** Longest text quoted in a message. */
    static final int MAX_QUOTED = 80;

    /**
     * {@code s} fit for a one-line message: control characters (line breaks, tabs, ...) as escapes such as
     * {@code \n} or {@code \u0000}, cut to {@link #MAX_QUOTED} characters.
     */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < s.length() && b.length() < MAX_QUOTED; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return i < s.length() ? b + "..." : b.toString();
    }
}
