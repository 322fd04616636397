package org.snauq.results;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Run IDs: folder names ({@code run_id=<ID>}) on every file system and values of a Hive partition column. Hence
 * the rules: letters, digits, {@code _ . -} only (no {@code :}, which Hadoop reads as a URI scheme, no {@code /},
 * no glob characters), a letter or digit first, at most {@link #MAX_LENGTH} characters (file names end at 255
 * bytes), and at least one letter without being a Java floating-point literal: Spark SQL's and DuckDB's partition
 * discovery type a column whose values all read as numbers or dates ({@code 123}, {@code 1e5}, {@code NaN},
 * {@code 2d}, {@code 2025-01-01}) as a number or a date, and {@code run_id} must stay a string.
 */
public final class RunIds {

    public static final int MAX_LENGTH = 128;
    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern LETTER = Pattern.compile(".*[A-Za-z].*");
    private static final DateTimeFormatter DEFAULT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** The default run ID: the UTC time {@code yyyyMMdd'T'HHmmss'Z'}, e.g. {@code 20260102T030405Z}. */
    public static String at(Instant time) {
        return DEFAULT.format(time);
    }

    /**
     * Checks a run ID given by the user.
     *
     * @param what how to name it in the message, e.g. {@code "--run-id"}
     * @throws OutputException naming the rule broken and the ID
     */
    public static String check(String id, String what) {
        if (id.length() > MAX_LENGTH) {
            throw new OutputException(what + " must have at most " + MAX_LENGTH + " characters, got " + id.length());
        }
        if (!PATTERN.matcher(id).matches()) {
            throw new OutputException(what + " must match " + PATTERN.pattern() + " (letters, digits, _ . -), got '"
                    + id + "'");
        }
        if (!LETTER.matcher(id).matches() || isNumber(id)) {
            throw new OutputException(what + " must contain a letter and not read as a number, since partition"
                    + " discovery would type run_id as one, got '" + id + "'");
        }
        return id;
    }

    private static boolean isNumber(String id) {
        try {
            Double.parseDouble(id);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
