package org.snauq.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.spark.SparkTests;

/**
 * The driver-side table writer against two independent readers: DuckDB (types and values, nulls included) and
 * Spark SQL (the schema and the rows, as if Spark had written the table).
 */
class ResultTableWriterTest {

    @TempDir
    Path dir;

    /** Histogram-like rows: every column type of the result tables, a null, extreme doubles. */
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create("y", 0, -1.5, Double.MIN_VALUE, 3L));
        rows.add(RowFactory.create("y", 1, Double.MIN_VALUE, 2.0e300, Long.MAX_VALUE));
        rows.add(RowFactory.create("ünïcode", Integer.MIN_VALUE, Double.NaN, null, null));
        return rows;
    }

    private static String write(Path dir, String table, List<Row> rows) throws IOException {
        String folder = dir.resolve(table).toString();
        ResultTableWriter.write(folder, ResultTables.schema(table), rows, new Configuration());
        return folder;
    }

    @Test
    void write_histogramRows_oneSnappyPartFile() throws IOException {
        String folder = write(dir, ResultTables.HISTOGRAM, rows());
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).matches("part-00000-[0-9a-f-]{36}-c000\\.snappy\\.parquet"), names.get(0));
        }
    }

    @Test
    void write_allTypes_duckDbReadsTypesAndValues() throws Exception {
        String folder = write(dir, ResultTables.HISTOGRAM, rows());
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            Map<String, String> types = new LinkedHashMap<>();
            ResultSet d = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + folder + "/*.parquet')");
            while (d.next()) {
                types.put(d.getString("column_name"), d.getString("column_type"));
            }
            assertEquals(Map.of("output", "VARCHAR", "bin", "INTEGER", "lower", "DOUBLE", "upper", "DOUBLE",
                    "count", "BIGINT"), types);
            ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + folder + "/*.parquet') ORDER BY bin");
            List<Row> expected = new ArrayList<>(rows());
            expected.sort((a, b) -> Integer.compare(a.getInt(1), b.getInt(1)));
            for (Row e : expected) {
                assertTrue(rs.next());
                assertEquals(e.getString(0), rs.getString("output"));
                assertEquals(e.getInt(1), rs.getInt("bin"));
                assertEquals(e.getDouble(2), rs.getDouble("lower")); // bits: NaN equals NaN here
                assertEquals(e.get(3), rs.getObject("upper"));
                assertEquals(e.get(4), rs.getObject("count"));
            }
            assertFalse(rs.next());
        }
    }

    @Test
    void write_allTypes_sparkReadsSameSchemaAndRows() throws IOException {
        String folder = write(dir, ResultTables.HISTOGRAM, rows());
        var df = SparkTests.session().read().parquet(folder);
        assertEquals(ResultTables.schema(ResultTables.HISTOGRAM), df.schema());
        List<Row> back = df.orderBy("bin").collectAsList();
        List<Row> expected = new ArrayList<>(rows());
        expected.sort((a, b) -> Integer.compare(a.getInt(1), b.getInt(1)));
        assertEquals(expected.toString(), back.toString());
    }

    @Test
    void write_noRows_schemaOnlyFileReadByBoth() throws Exception {
        String folder = write(dir, ResultTables.SOBOL, List.of());
        var df = SparkTests.session().read().parquet(folder);
        assertEquals(ResultTables.schema(ResultTables.SOBOL), df.schema());
        assertEquals(0, df.count());
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + folder + "/*.parquet')");
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1));
        }
    }

    @Test
    void write_existingFolderWithFile_refusesToOverwrite() throws IOException {
        String folder = write(dir, ResultTables.HISTOGRAM, rows());
        // a second table into the same folder must not silently replace or add to it
        assertThrows(IOException.class, () -> write(dir, ResultTables.HISTOGRAM, rows()));
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            assertEquals(1, files.filter(p -> !p.getFileName().toString().startsWith(".")).count());
        }
    }
}
