package org.snauq.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A run's tables as exact text, read with DuckDB (an independent Parquet reader, no Spark in the test JVM):
 * doubles as their IEEE bits, rows in the order written. Two runs are bit-identical when these maps are equal.
 */
final class RunTables {

    private RunTables() {
    }

    /** Table name to its rows, for every table folder of {@code runFolder}. */
    static Map<String, List<String>> bits(Path runFolder) throws IOException, SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Stream<Path> entries = Files.list(runFolder);
             Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Path table : entries.filter(Files::isDirectory).sorted().toList()) {
                tables.put(table.getFileName().toString(), rows(db, table));
            }
        }
        return tables;
    }

    /** Fails naming the first table and row where two runs differ. */
    static void assertSame(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.keySet(), actual.keySet(), "tables");
        for (String table : expected.keySet()) {
            List<String> e = expected.get(table);
            List<String> a = actual.get(table);
            org.junit.jupiter.api.Assertions.assertEquals(e.size(), a.size(), table + ": rows");
            for (int i = 0; i < e.size(); i++) {
                org.junit.jupiter.api.Assertions.assertEquals(e.get(i), a.get(i), table + ": row " + i);
            }
        }
    }

    private static List<String> rows(Connection db, Path table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + table
                     + "/*.parquet', hive_partitioning = false)")) { // no run_id column from the folder name
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    b.append(md.getColumnName(c)).append('=');
                    if (md.getColumnType(c) == Types.DOUBLE) {
                        double v = rs.getDouble(c);
                        b.append(rs.wasNull() ? "null" : Long.toHexString(Double.doubleToRawLongBits(v)));
                    } else {
                        b.append(rs.getString(c));
                    }
                    b.append(' ');
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }
}
