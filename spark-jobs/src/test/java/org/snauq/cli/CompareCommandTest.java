package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.results.Comparison;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunManifest;
import org.snauq.results.TableRows;

/**
 * {@code sna compare} end to end: two runs of one study with other seeds (exit 0), a run whose input mean was
 * shifted (exit 3), the comparison table under the later run's ID (readable by DuckDB like every table, one set of
 * rows per reference), the later run's report re-rendered, and bad input (exit 2, one line). The statistics'
 * calibration over 20 seed pairs: {@code results.ComparisonTest}.
 */
class CompareCommandTest {

    static final String STUDY = """
            name: nightly
            model: {expression: "x1 + x2^2 + 0.5 * x1 * x3"}
            inputs:
              - {name: x1, dist: normal, mean: MEAN, sd: 1.0}
              - {name: x2, dist: normal, mean: 0.0, sd: 1.0}
              - {name: x3, dist: normal, mean: 0.0, sd: 1.0}
            sampling: {design: sobol, n: 4096, seed: SEED}
            statistics: {sobol: true, quantiles: [0.01, 0.5, 0.99], exceedance: [6.0], histogram: false}
            """;

    @TempDir
    static Path dir;

    static Path output;

    @BeforeAll
    static void threeRuns() throws IOException {
        output = dir.resolve("out");
        run("a", 0.0, 1);
        run("b", 0.0, 2);
        run("shifted", 0.25, 3); // a quarter of x1's sd: E[y] moves by 0.25, about 9 standard errors
    }

    static void run(String id, double mean, int seed) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, STUDY.replace("MEAN", Double.toString(mean)).replace("SEED", Integer.toString(seed)));
        SnaRun.Result r = SnaRun.sna("run", file.toString(), "--output", output.toString(), "--run-id", id);
        assertEquals(0, r.exit(), r.err());
    }

    static TableRows comparison(String runId) throws IOException {
        ResultsOutput out = ResultsOutput.open(output.toString(), new Configuration());
        return out.tables(out.manifest(runId)).get(ResultTable.COMPARISON);
    }

    @Test
    void compare_otherSeed_exit0AndTableUnderTheLaterRun() throws IOException {
        SnaRun.Result r = SnaRun.sna("compare", output.toString(), "b", "a"); // order does not matter
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("run b (nightly, "), r.out());
        assertTrue(r.out().contains(") against reference a (nightly, "), r.out());
        assertTrue(r.out().contains("0 of 12 statistics moved beyond their noise"), r.out());
        TableRows rows = comparison("b");
        assertEquals(12, rows.size(), "mean, variance, 3 quantiles, 1 exceedance, s1 and st of 3 inputs");
        for (int i = 0; i < rows.size(); i++) {
            assertEquals("a", rows.value(i, "reference_run_id"));
            assertEquals(Comparison.WITHIN_NOISE, rows.value(i, "verdict"));
        }
        String report = Files.readString(Published.runFolder(output, "b").resolve("report.html"));
        assertTrue(report.contains("<h3 id=\"comparison-a\">Reference run a</h3><p>0 of 12 statistics moved"),
                "the later run's report, re-rendered with the comparison");
        // comparing again with the same reference replaces its rows
        assertEquals(0, SnaRun.sna("compare", output.toString(), "a", "b").exit());
        assertEquals(12, comparison("b").size());
    }

    @Test
    void compare_shiftedInputMean_exit3AndMovedRowsInDuckDb() throws Exception {
        SnaRun.Result r = SnaRun.sna("compare", output.toString(), "a", "shifted");
        assertEquals(CompareCommand.MOVED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("note: the study changed between the runs"), r.out());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT study, run_id, reference_run_id, verdict FROM read_parquet('"
                    + output.resolve("comparison") + "/run_id=*/*.parquet', hive_partitioning = true)"
                    + " WHERE statistic = 'mean' AND run_id = 'shifted'");
            assertTrue(rs.next());
            assertEquals(List.of("nightly", "shifted", "a", Comparison.MOVED), List.of(rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getString(4)));
        }
    }

    @Test
    void compare_rerunOfTheLaterRun_dropsItsComparison() throws IOException {
        run("c", 0.0, 4);
        assertEquals(0, SnaRun.sna("compare", output.toString(), "a", "c").exit());
        assertTrue(Files.exists(Published.table(output, "comparison", "c")));
        run("c", 0.0, 5);
        assertFalse(Files.exists(Published.table(output, "comparison", "c")), "the comparison described the old run");
        RunManifest m = ResultsOutput.open(output.toString(), new Configuration()).manifest("c");
        assertEquals(5L, m.seed());
    }

    @Test
    void compare_badInput_oneLineExit2() {
        for (String[] args : List.of(new String[] {"compare", output.toString(), "a", "nope"},
                new String[] {"compare", output.toString(), "a", "a"},
                new String[] {"compare", output.toString(), "a", "b", "--alpha", "1.5"},
                new String[] {"compare", output.toString(), "a", "b", "--alpha", "1e-300"},
                new String[] {"compare", output.toString(), "a", "b", "--alpha", "NaN"},
                new String[] {"compare", dir.resolve("missing").toString(), "a", "b"})) {
            SnaRun.Result r = SnaRun.sna(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errorLines().size(), r.err());
        }
    }

    @Test
    void help_documentsExitCode3() {
        SnaRun.Result r = SnaRun.sna("compare", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("3   at least one statistic moved beyond its noise"), r.out());
    }
}
