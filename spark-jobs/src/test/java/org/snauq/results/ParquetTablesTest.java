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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.spark.SparkTests;

/**
 * The driver-side table files against two independent readers, DuckDB (types and values, nulls included) and
 * Spark SQL (the schema, as if Spark had written the file), and our own reader on both stores (round trip).
 */
class ParquetTablesTest {

    @TempDir
    Path dir;

    /** Histogram rows: every column type, a null, extreme doubles, NaN, non-ASCII text. */
    private static TableRows rows() {
        TableRows rows = new TableRows(ResultTable.HISTOGRAM, ResultTable.HISTOGRAM.columns());
        rows.add("y", 0, -1.5, Double.MIN_VALUE, 3L);
        rows.add("y", 1, Double.MIN_VALUE, 2.0e300, Long.MAX_VALUE);
        rows.add("ünïcode", Integer.MIN_VALUE, Double.NaN, null, null);
        return rows;
    }

    private Path write(TableRows rows) throws IOException {
        Path file = dir.resolve(rows.table().tableName() + ".parquet");
        ParquetTables.write(new LocalStore(dir).outputFile(file.getFileName().toString()), rows, "st", "r1");
        return file;
    }

    @Test
    void write_allTypes_duckDbReadsKeysTypesAndValues() throws Exception {
        Path file = write(rows());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            Map<String, String> types = new LinkedHashMap<>();
            ResultSet d = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')");
            while (d.next()) {
                types.put(d.getString("column_name"), d.getString("column_type"));
            }
            Map<String, String> expected = new LinkedHashMap<>();
            ResultTable.HISTOGRAM.columns().after(ResultTable.KEYS).columns()
                    .forEach(col -> expected.put(col.name(), col.type().sqlType()));
            assertEquals(expected, types);
            ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + file + "') ORDER BY bin");
            TableRows rows = rows();
            for (int i : new int[] {2, 0, 1}) { // by bin: MIN_VALUE, 0, 1
                assertTrue(rs.next());
                assertEquals("st", rs.getString("study"));
                assertEquals("r1", rs.getString("run_id"));
                List<Object> e = rows.row(i);
                assertEquals(e.get(0), rs.getString("output"));
                assertEquals(e.get(1), rs.getInt("bin"));
                assertEquals((Double) e.get(2), rs.getDouble("lower")); // bits: NaN equals NaN here
                assertEquals(e.get(3), rs.getObject("upper"));
                assertEquals(e.get(4), rs.getObject("count"));
            }
            assertFalse(rs.next());
        }
    }

    @Test
    void write_allTypes_sparkReadsTheSchemaWritten() throws IOException {
        Path file = write(rows());
        var df = SparkTests.session().read().parquet(file.toString());
        assertEquals(ParquetTables.sparkSchema(ResultTable.HISTOGRAM.columns().after(ResultTable.KEYS)), df.schema());
        List<Row> back = df.orderBy("bin").collectAsList();
        assertEquals("[st,r1,ünïcode,-2147483648,NaN,null,null]", back.get(0).toString());
    }

    @Test
    void read_localAndHadoopStores_roundTripExactly() throws IOException {
        TableRows rows = rows();
        Path file = write(rows);
        Store hadoop = new HadoopStore(FileSystem.getLocal(new Configuration()),
                new org.apache.hadoop.fs.Path(dir.toUri()), new Configuration());
        for (Store store : List.of(new LocalStore(dir), hadoop)) {
            ParquetTables.FileRows back = ParquetTables.read(store.inputFile(file.getFileName().toString()), "f");
            assertEquals(ResultTable.HISTOGRAM.columns().after(ResultTable.KEYS), back.columns());
            for (int i = 0; i < rows.size(); i++) {
                List<Object> expected = new ArrayList<>(List.of("st", "r1"));
                expected.addAll(rows.row(i));
                assertEquals(expected, Arrays.asList(back.rows().get(i)), "row " + i); // Double.equals: bits
            }
        }
    }

    @Test
    void write_noRows_schemaOnlyFileReadByAll() throws Exception {
        Path file = write(new TableRows(ResultTable.SOBOL, ResultTable.SOBOL.columns()));
        var df = SparkTests.session().read().parquet(file.toString());
        assertEquals(0, df.count());
        assertEquals(ResultTable.SOBOL.columns().size() + 2, df.columns().length);
        assertEquals(0, ParquetTables.read(new LocalStore(dir).inputFile(file.getFileName().toString()), "f")
                .rows().size());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')");
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1));
        }
    }

    @Test
    void read_fileOfAnotherShape_namesFileAndColumn() throws IOException {
        Path file = dir.resolve("nested.parquet");
        SparkTests.session().sql("SELECT array(1, 2) AS xs").coalesce(1).write().parquet(file.toString());
        Path part;
        try (var s = Files.list(file)) {
            part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        OutputException e = assertThrows(OutputException.class,
                () -> ParquetTables.read(new LocalStore(dir).inputFile(dir.relativize(part).toString()), "x.parquet"));
        assertTrue(e.getMessage().startsWith("x.parquet: column xs has type"), e.getMessage());
    }
}
