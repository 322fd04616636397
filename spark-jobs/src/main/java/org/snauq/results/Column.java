package org.snauq.results;

import java.util.Objects;

/**
 * One column of a result table: its name and type. Every column is nullable (a Parquet OPTIONAL field).
 *
 * @param name the column name, as written to Parquet
 * @param type its type
 */
public record Column(String name, ColumnType type) {

    public Column {
        Objects.requireNonNull(type, "type");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("column name must not be empty, got '" + name + "'");
        }
    }

    public static Column string(String name) {
        return new Column(name, ColumnType.STRING);
    }

    public static Column real(String name) {
        return new Column(name, ColumnType.DOUBLE);
    }

    public static Column count(String name) {
        return new Column(name, ColumnType.LONG);
    }

    public static Column integer(String name) {
        return new Column(name, ColumnType.INT);
    }
}
