package org.snauq.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of one result table, in order, held on the driver (a run's tables are small: one row per statistic;
 * the samples table is never held here). Each row holds the table's own columns, not the {@link ResultTable#KEYS}.
 *
 * <p>Invariant: every row has {@code columns().size()} values, each null or of its column's Java type
 * ({@link ColumnType#accepts}); {@link #add} enforces it. Not thread safe.
 */
public final class TableRows {

    private final ResultTable table;
    private final TableSchema columns;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * An empty table.
     *
     * @param columns the table's own columns ({@link ResultTable#columns()} for a fixed table)
     */
    public TableRows(ResultTable table, TableSchema columns) {
        this.table = Objects.requireNonNull(table, "table");
        this.columns = Objects.requireNonNull(columns, "columns");
    }

    public ResultTable table() {
        return table;
    }

    public TableSchema columns() {
        return columns;
    }

    /**
     * Appends a row.
     *
     * @param values read; one per column, in order, each null or of the column's type (a {@code Long} for a
     *               count, an {@code Integer} for a bin, a {@code Double} for any other number)
     * @throws IllegalArgumentException when the count or a type does not match (a bug in the caller)
     */
    public TableRows add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(table.tableName() + ": a row needs " + columns.size() + " values "
                    + columns.names() + ", got " + values.length);
        }
        for (int c = 0; c < values.length; c++) {
            Column col = columns.get(c);
            if (!col.type().accepts(values[c])) {
                throw new IllegalArgumentException(table.tableName() + "." + col.name() + " holds "
                        + col.type().javaType().getSimpleName() + " values, got " + values[c].getClass().getSimpleName()
                        + " " + values[c]);
            }
        }
        rows.add(values.clone());
        return this;
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Row {@code i}'s values in column order (a read-only view). */
    public List<Object> row(int i) {
        return Collections.unmodifiableList(Arrays.asList(rows.get(i)));
    }

    /** The value of {@code column} in row {@code i}. */
    public Object value(int i, String column) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException(table.tableName() + " has no column " + column + "; columns: "
                    + columns.names());
        }
        return rows.get(i)[c];
    }

    /** Every row as column name to value, in column order (the report's view). */
    public List<Map<String, Object>> asMaps() {
        List<String> names = columns.names();
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < r.length; c++) {
                m.put(names.get(c), r[c]);
            }
            out.add(Collections.unmodifiableMap(m));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TableRows t) || t.table != table || !t.columns.equals(columns) || t.rows.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!Arrays.equals(rows.get(i), t.rows.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(table, columns);
        for (Object[] r : rows) {
            h = 31 * h + Arrays.hashCode(r);
        }
        return h;
    }

    @Override
    public String toString() {
        return table.tableName() + columns.names() + " x " + rows.size() + " rows";
    }
}
