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
 * doubles as their IEEE bits, rows in the order written, without the {@code study} and {@code run_id} columns and
 * the {@code runs} catalogue (which differ between two runs by definition). Two runs are bit-identical when these
 * maps are equal.
 */
final class RunTables {

    private RunTables() {
    }

    /** Table name to its rows, for every table of the run whose folder is {@code runFolder}. */
    static Map<String, List<String>> bits(Path runFolder) throws IOException, SQLException {
        Path output = runFolder.getParent().getParent(); // <output>/_runs/run_id=<ID>
        Map<String, List<String>> tables = new TreeMap<>();
        try (Stream<Path> entries = Files.list(output);
             Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Path table : entries.filter(Files::isDirectory).sorted().toList()) {
                String name = table.getFileName().toString();
                Path partition = table(runFolder, name);
                if (!name.startsWith("_") && !name.equals("runs") && Files.isDirectory(partition)) {
                    tables.put(name, rows(db, partition));
                }
            }
        }
        return tables;
    }

    /** The partition of table {@code name} of the run whose folder is {@code runFolder}. */
    static Path table(Path runFolder, String name) {
        return runFolder.getParent().getParent().resolve(name).resolve(runFolder.getFileName());
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
                for (int c = 3; c <= md.getColumnCount(); c++) { // after study and run_id
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
