package org.snauq.model;

import java.util.regex.Pattern;

/**
 * The rule for the names a model carries (coordinates and outputs): the same identifier rule as a study's input
 * names (DESIGN.md section 3), since a model's coordinates are matched by those names and its outputs become
 * table values and Parquet columns. So no empty, path-like ({@code ../x}) or spaced names, and no control
 * characters that would break a one-line message or a CSV header.
 *
 * <p>Also the one place that quotes a value for a message: control characters escaped and long values cut, so a
 * message stays one line whatever a file holds. Stateless and thread safe.
 */
public final class ModelNames {

    /** A letter or underscore, then letters, digits and underscores (ASCII). */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Quoted values longer than this are cut: a message names a value, it does not reproduce a file. */
    private static final int MAX_QUOTED = 80;

    private ModelNames() {
    }

    /**
     * Checks one name against {@link #IDENTIFIER}.
     *
     * @param field the field that holds it, for the message, e.g. {@code coordinates[1].name}
     * @throws IllegalArgumentException "field must match [A-Za-z_][A-Za-z0-9_]*, got '../x'"
     */
    public static void check(String field, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " must match " + IDENTIFIER.pattern() + ", got "
                    + (name == null ? "null" : quote(name)));
        }
    }

    /** The value in single quotes, control characters escaped (a newline as backslash-n), cut when long. */
    public static String quote(String value) {
        String cut = value.length() > MAX_QUOTED ? " (" + value.length() + " characters)" : "";
        return "'" + escape(value, MAX_QUOTED) + "'" + cut;
    }

    /** A message with every control character escaped, so it prints as one line. */
    static String oneLine(String message) {
        return escape(message, message.length());
    }

    private static String escape(String value, int limit) {
        StringBuilder s = new StringBuilder();
        int end = Math.min(value.length(), limit);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                            || type == Character.PARAGRAPH_SEPARATOR) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }
}
