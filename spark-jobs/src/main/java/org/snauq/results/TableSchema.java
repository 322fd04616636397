package org.snauq.results;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ordered columns of a table. Names are unique without regard to case, since Spark SQL resolves columns
 * case-insensitively and a second {@code X1} beside {@code x1} could not be selected.
 *
 * @param columns the columns in order
 */
public record TableSchema(List<Column> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("column names must be unique ignoring case, got '" + c.name()
                        + "' twice in " + names(columns));
            }
        }
    }

    public static TableSchema of(Column... columns) {
        return new TableSchema(List.of(columns));
    }

    public int size() {
        return columns.size();
    }

    public Column get(int i) {
        return columns.get(i);
    }

    /** The column names in order. */
    public List<String> names() {
        return names(columns);
    }

    /** The position of column {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** These columns after {@code first}'s. */
    public TableSchema after(TableSchema first) {
        List<Column> all = new ArrayList<>(first.columns);
        all.addAll(columns);
        return new TableSchema(all);
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }
}
