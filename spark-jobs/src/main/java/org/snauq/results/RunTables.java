package org.snauq.results;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result tables of one run, in the order they were first asked for (which is the order they are written
 * and shown). A table asked for and left without rows is still written: its schema lets a query over many runs
 * find the table in every run. Not thread safe (the driver builds it).
 */
public final class RunTables {

    private final Map<ResultTable, TableRows> tables = new LinkedHashMap<>();

    /** The rows of fixed table {@code t}, created empty on first use. */
    public TableRows table(ResultTable t) {
        return table(t, t.columns());
    }

    /**
     * The rows of table {@code t} with the given columns, created empty on first use.
     *
     * @throws IllegalArgumentException when the table already exists with other columns
     */
    public TableRows table(ResultTable t, TableSchema columns) {
        TableRows rows = tables.computeIfAbsent(t, k -> new TableRows(k, columns));
        if (!rows.columns().equals(columns)) {
            throw new IllegalArgumentException(t.tableName() + " already has columns " + rows.columns().names()
                    + ", asked for " + columns.names());
        }
        return rows;
    }

    /** The table's rows, or null when the run has no such table. */
    public TableRows get(ResultTable t) {
        return tables.get(t);
    }

    /** Every table, in order. */
    public Collection<TableRows> all() {
        return Collections.unmodifiableCollection(tables.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunTables r && r.tables.equals(tables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tables);
    }

    @Override
    public String toString() {
        return tables.values().toString();
    }
}
