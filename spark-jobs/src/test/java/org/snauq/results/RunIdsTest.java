package org.snauq.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.spark.SparkTests;

/**
 * Run IDs: the rule refuses what a file system or a partition reader would not keep as a string, and every ID it
 * accepts, even the ones that look nearly like numbers or dates, is read as a string by Spark SQL's partition
 * discovery and DuckDB's hive partitioning.
 */
class RunIdsTest {

    @TempDir
    Path dir;

    /** Accepted, though each is close to a number, a date or a time. */
    private static final List<String> TRICKY = List.of("20250101T000000Z", "1a", "e5", "inf", "2025-01-01T00",
            "a.b-c_d", "x");

    @Test
    void check_numbersDatesAndPathCharacters_refusedWithTheRule() {
        for (String id : List.of("123", "007", "1e5", "NaN", "Infinity", "2d", "1f", "0x1p3", "2025-01-01")) {
            OutputException e = assertThrows(OutputException.class, () -> RunIds.check(id, "--run-id"), id);
            assertTrue(e.getMessage().startsWith("--run-id must contain a letter and not read as a number"),
                    e.getMessage());
        }
        for (String id : List.of("a:b", "a/b", "a*b", "a?b", "a[b]", "", ".a", "-a", "a b", "é")) {
            OutputException e = assertThrows(OutputException.class, () -> RunIds.check(id, "--run-id"), id);
            assertTrue(e.getMessage().startsWith("--run-id must match [A-Za-z0-9][A-Za-z0-9_.-]*"), e.getMessage());
        }
        OutputException tooLong = assertThrows(OutputException.class, () -> RunIds.check("a".repeat(300), "--run-id"));
        assertEquals("--run-id must have at most 128 characters, got 300", tooLong.getMessage());
        assertEquals("a".repeat(RunIds.MAX_LENGTH), RunIds.check("a".repeat(RunIds.MAX_LENGTH), "--run-id"));
    }

    @Test
    void defaultId_isAcceptedAndSortsByTime() {
        String a = RunIds.at(Instant.parse("2026-01-02T03:04:05Z"));
        assertEquals("20260102T030405Z", a);
        assertEquals(a, RunIds.check(a, "--run-id"));
        assertTrue(a.compareTo(RunIds.at(Instant.parse("2026-01-02T03:04:06Z"))) < 0);
    }

    @Test
    void acceptedIds_readAsStringsBySparkAndDuckDb() throws Exception {
        SparkSession spark = SparkTests.session();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String id : TRICKY) {
                Path output = dir.resolve("o" + TRICKY.indexOf(id));
                TestRuns.commit(TestRuns.open(output), TestRuns.STUDY, RunIds.check(id, "id"), id, false);
                spark.sql("DROP TABLE IF EXISTS ids");
                spark.sql("CREATE TABLE ids USING parquet LOCATION '" + output.resolve("summary") + "'");
                var rows = spark.sql("SELECT run_id FROM ids");
                assertEquals(DataTypes.StringType, rows.schema().apply("run_id").dataType(), id);
                assertEquals(id, rows.first().getString(0));
                spark.sql("DROP TABLE ids");
                ResultSet rs = st.executeQuery("SELECT typeof(run_id), run_id FROM read_parquet('" + output
                        + "/summary/run_id=*/*.parquet', hive_partitioning = true)");
                assertTrue(rs.next());
                assertEquals("VARCHAR", rs.getString(1), id);
                assertEquals(id, rs.getString(2));
            }
        }
    }
}
