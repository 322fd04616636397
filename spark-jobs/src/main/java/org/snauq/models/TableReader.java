package org.snauq.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.snauq.study.BadInputException;

/**
 * Reads a data table for training: Parquet (a file or a folder of part files, through Spark) or CSV with a
 * header line (parsed here, so messages can give the line).
 *
 * <p>CSV: comma-separated, UTF-8 (a byte-order mark is ignored), fields may be double-quoted with {@code ""}
 * for a quote, blank lines are skipped. A number is a decimal such as {@code -1.5e-3}; {@code NaN}, {@code Inf}
 * and {@code Infinity} (any case, signed) are read as such so that the caller can reject them by name. Any
 * other text makes the column non-numeric; an empty field is a missing value.
 *
 * <p>The format is chosen by the name ({@code .csv}, {@code .parquet}; a folder is Parquet), else by the
 * Parquet magic bytes {@code PAR1}. Spark is started only for Parquet.
 */
public final class TableReader {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Set<String> NAN = Set.of("nan", "+nan", "-nan");
    private static final Set<String> POSITIVE_INFINITY = Set.of("inf", "+inf", "infinity", "+infinity");
    private static final Set<String> NEGATIVE_INFINITY = Set.of("-inf", "-infinity");
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};
    /** Rows are held in one Java array per column. */
    private static final int MAX_ROWS = Integer.MAX_VALUE - 8;

    private TableReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @param spark supplies the session, called only for Parquet
     * @throws BadInputException naming the file when it is missing, empty or malformed
     * @throws IOException              when it exists but cannot be read
     */
    public static Table read(Path file, Supplier<SparkSession> spark) throws IOException {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new BadInputException(source + ": no such file or folder");
        }
        if (!Files.isDirectory(file) && !Files.isRegularFile(file)) { // a pipe or device could block or never end
            throw new BadInputException(source + ": not a regular file or folder (a pipe, socket or device)");
        }
        return isParquet(file) ? readParquet(file, source, spark.get()) : readCsv(file, source);
    }

    private static boolean isParquet(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file) || name.endsWith(".parquet") || name.endsWith(".pq")) {
            return true;
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(PARQUET_MAGIC.length), PARQUET_MAGIC);
        }
    }

    // ---------------------------------------------------------------- CSV

    static Table readCsv(Path file, String source) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null || headerLine.isBlank()) {
                throw new BadInputException(source + ": line 1 must be a header with the column names, "
                        + "the file " + (headerLine == null ? "is empty" : "starts with a blank line"));
            }
            if (headerLine.startsWith("\uFEFF")) {
                headerLine = headerLine.substring(1);
            }
            List<String> names = new ArrayList<>();
            for (String f : split(headerLine, 1, source)) {
                names.add(f.strip());
            }
            checkNames(names, source, "line 1");
            int cols = names.size();
            double[][] v = new double[cols][1024];
            String[] problem = new String[cols];
            int[] lineOf = new int[1024];
            int rows = 0;
            int lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(line, lineNo, source);
                if (fields.size() != cols) {
                    throw new BadInputException(source + ": line " + lineNo + " has " + fields.size()
                            + " fields, the header has " + cols);
                }
                if (rows == lineOf.length) {
                    lineOf = Arrays.copyOf(lineOf, 2 * rows);
                    for (int c = 0; c < cols; c++) {
                        v[c] = Arrays.copyOf(v[c], 2 * rows);
                    }
                }
                lineOf[rows] = lineNo;
                for (int c = 0; c < cols; c++) {
                    if (problem[c] != null) {
                        continue;
                    }
                    String s = fields.get(c).strip();
                    if (s.isEmpty()) {
                        problem[c] = "column '" + names.get(c) + "' has an empty value at line " + lineNo;
                    } else if (DECIMAL.matcher(s).matches()) {
                        v[c][rows] = Double.parseDouble(s);
                    } else {
                        String lower = s.toLowerCase(Locale.ROOT);
                        if (NAN.contains(lower)) {
                            v[c][rows] = Double.NaN;
                        } else if (POSITIVE_INFINITY.contains(lower)) {
                            v[c][rows] = Double.POSITIVE_INFINITY;
                        } else if (NEGATIVE_INFINITY.contains(lower)) {
                            v[c][rows] = Double.NEGATIVE_INFINITY;
                        } else {
                            problem[c] = "column '" + names.get(c) + "' is not numeric (line " + lineNo + ": '"
                                    + abbreviate(s) + "')";
                        }
                    }
                }
                rows++;
            }
            Map<String, double[]> values = new HashMap<>();
            Map<String, String> problems = new HashMap<>();
            for (int c = 0; c < cols; c++) {
                if (problem[c] == null) {
                    values.put(names.get(c), Arrays.copyOf(v[c], rows));
                } else {
                    problems.put(names.get(c), problem[c]);
                }
            }
            int[] lines = Arrays.copyOf(lineOf, rows);
            return new Table(source, names, rows, values, problems, row -> "line " + lines[row]);
        }
    }

    /** Splits one CSV record (RFC 4180 quoting, within one line). */
    static List<String> split(String line, int lineNo, String source) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            f.setLength(0);
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new BadInputException(source + ": line " + lineNo + " has an unclosed quote");
                    }
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(ch);
                    }
                }
                while (i < n && line.charAt(i) != ',') {
                    if (!Character.isWhitespace(line.charAt(i))) {
                        throw new BadInputException(source + ": line " + lineNo
                                + " has text after a closing quote at character " + (i + 1));
                    }
                    i++;
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    f.append(line.charAt(i++));
                }
            }
            fields.add(f.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static void checkNames(List<String> names, String source, String where) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name.isEmpty()) {
                throw new BadInputException(source + ": " + where + ": column " + (c + 1) + " has no name");
            }
            if (!seen.add(name)) {
                throw new BadInputException(source + ": " + where + ": column '" + name + "' appears twice");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    // ---------------------------------------------------------------- Parquet

    private static Table readParquet(Path file, String source, SparkSession spark) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(file.toString().replaceAll("[\\\\{}\\[\\]*?]", "\\\\$0")); // a path, not a glob
        } catch (RuntimeException e) {
            throw new BadInputException(source + ": cannot be read as Parquet: " + firstLine(e.getMessage()), e);
        }
        List<String> names = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (StructField field : df.schema().fields()) {
            names.add(field.name());
            if (field.dataType() instanceof NumericType) {
                numeric.add(field.name());
            } else {
                problems.put(field.name(), "column '" + field.name() + "' is not numeric (type "
                        + field.dataType().simpleString() + ")");
            }
        }
        checkNames(names, source, "schema");
        Column[] select = numeric.stream()
                .map(n -> functions.col("`" + n.replace("`", "``") + "`").cast(DataTypes.DoubleType))
                .toArray(Column[]::new);
        int cols = numeric.size();
        double[][] v = new double[cols][1024];
        String[] problem = new String[cols];
        int rows = 0;
        int capacity = v.length == 0 ? Integer.MAX_VALUE : v[0].length;
        for (Iterator<Row> it = df.select(select).toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            if (rows == capacity) {
                if (capacity >= MAX_ROWS / 2) {
                    throw new BadInputException(source + ": more than " + MAX_ROWS / 2 + " rows; train on a sample");
                }
                capacity *= 2;
                for (int c = 0; c < cols; c++) {
                    v[c] = Arrays.copyOf(v[c], capacity);
                }
            }
            for (int c = 0; c < cols; c++) {
                if (r.isNullAt(c)) {
                    if (problem[c] == null) {
                        problem[c] = "column '" + numeric.get(c) + "' has a missing (null) value at row " + (rows + 1);
                    }
                } else {
                    v[c][rows] = r.getDouble(c);
                }
            }
            rows++;
        }
        Map<String, double[]> values = new HashMap<>();
        for (int c = 0; c < cols; c++) {
            if (problem[c] == null) {
                values.put(numeric.get(c), Arrays.copyOf(v[c], rows));
            } else {
                problems.put(numeric.get(c), problem[c]);
            }
        }
        return new Table(source, names, rows, values, problems, row -> "row " + (row + 1));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
