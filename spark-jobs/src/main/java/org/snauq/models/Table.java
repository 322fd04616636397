package org.snauq.models;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.snauq.study.BadInputException;

/**
 * A table of named columns read from a data file, with the numeric columns as {@code double[]}.
 *
 * <p>Columns that cannot be used as numbers (text, a missing value) are kept by name with the reason, and the
 * reason is raised only when such a column is asked for, so unused columns do no harm. Immutable; the arrays
 * handed out are copies.
 */
public final class Table {

    private final String source;
    private final List<String> columns;
    private final int rows;
    private final Map<String, double[]> values;
    private final Map<String, String> problems;
    private final IntFunction<String> rowLabel;

    Table(String source, List<String> columns, int rows, Map<String, double[]> values, Map<String, String> problems,
          IntFunction<String> rowLabel) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.values = Map.copyOf(values);
        this.problems = Map.copyOf(problems);
        this.rowLabel = rowLabel;
    }

    /** The file name used in messages. */
    public String source() {
        return source;
    }

    /** Column names in file order. */
    public List<String> columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /**
     * The values of a numeric column (a copy), which may hold NaN or infinities as written in the file.
     *
     * @throws BadInputException naming the file and column when it is missing or not numeric
     */
    public double[] column(String name) {
        double[] v = values.get(name);
        if (v != null) {
            return v.clone();
        }
        String problem = problems.get(name);
        if (problem != null) {
            throw new BadInputException(source + ": " + problem);
        }
        throw new BadInputException(source + ": column '" + name + "' not found; columns: "
                + String.join(", ", columns));
    }

    /** Where row {@code row} (0-based) is in the file, for messages: "line 7" in a CSV file, "row 6" in Parquet. */
    public String rowLabel(int row) {
        return rowLabel.apply(row);
    }
}
