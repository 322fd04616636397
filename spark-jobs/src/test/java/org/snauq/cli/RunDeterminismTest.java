package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.spark.FaultInjection;
import org.snauq.spark.SparkTests;

/**
 * Runs that must give the same bits whatever Spark does: any number of partitions, retried tasks; and runs that
 * fail midway, which must leave no folder that looks complete and an earlier run with the same ID intact.
 */
class RunDeterminismTest {

    /** A Sobol'-index study of 2^13 rows: 16 replicate groups, so 16 blocks of 512 rows. */
    static final String SOBOL_STUDY = """
            name: det
            model: {function: ishigami}
            inputs:
              - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x2, dist: normal, mean: 0.0, sd: 1.0}
              - {name: x3, dist: triangular, lower: -3.0, mode: 1.0, upper: 3.0}
            sampling: {design: sobol, n: 8192, seed: 3}
            statistics: {sobol: true, exceedance: [5.0], histogram: {bins: 16}}
            spark: {partitions: PARTITIONS}
            """;

    /** A Monte Carlo study whose last block is partial (150000 = 2 x 65536 + 18928). */
    static final String MC_STUDY = """
            name: det-mc
            model: {expression: "x1 * exp(x2) + x3"}
            inputs:
              - {name: x1, dist: gamma, shape: 2.0, scale: 1.5}
              - {name: x2, dist: beta, alpha: 2.0, beta: 5.0, lower: 0.0, upper: 1.0}
              - {name: x3, dist: weibull, shape: 1.5, scale: 1.0}
            sampling: {design: mc, n: 150000, seed: 11}
            statistics: {quantiles: [0.1, 0.9]}
            spark: {partitions: PARTITIONS}
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void session() {
        SparkTests.session();
    }

    @AfterEach
    void clearHooks() {
        System.clearProperty(FaultInjection.FAIL_FIRST_ATTEMPT);
        System.clearProperty(FaultInjection.FAIL_AFTER_TABLE);
    }

    /** A published run: its output and ID. */
    record Run(Path output, String id) {
        Path table(String name) {
            return Published.table(output, name, id);
        }

        Path folder() {
            return Published.runFolder(output, id);
        }
    }

    static Run run(String study, int partitions, String output, String runId) throws IOException {
        Path file = dir.resolve("study-" + partitions + ".yaml");
        Files.writeString(file, study.replace("PARTITIONS", String.valueOf(partitions)));
        SnaRun.Result r = SnaRun.sna("run", file.toString(), "--output", dir.resolve(output).toString(), "--run-id", runId);
        assertEquals(0, r.exit(), r.err());
        return new Run(dir.resolve(output), runId);
    }

    /** Every value of a table but the run ID as exact bits (doubles by doubleToLongBits), rows in written order. */
    static List<String> bits(Run run, String table) {
        List<String> out = new ArrayList<>();
        for (Row r : SparkTests.session().read().parquet(run.table(table).toString()).collectAsList()) {
            StringBuilder b = new StringBuilder();
            for (int i = 2; i < r.size(); i++) { // after study and run_id
                Object v = r.get(i);
                b.append(v instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d)) : String.valueOf(v))
                        .append('|');
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void run_partitions1And5And32_bitIdenticalTables() throws IOException {
        Run one = run(SOBOL_STUDY, 1, "p", "p1");
        Run five = run(SOBOL_STUDY, 5, "p", "p5");
        Run many = run(SOBOL_STUDY, 32, "p", "p32");
        for (String table : List.of("summary", "sobol", "quantiles", "convergence_moments", "convergence_sobol", "histogram",
                "exceedance")) {
            List<String> expected = bits(one, table);
            assertEquals(expected, bits(five, table), table + " with 5 partitions");
            assertEquals(expected, bits(many, table), table + " with 32 partitions");
        }
        assertFalse(bits(one, "sobol").isEmpty());
    }

    @Test
    void run_mcWithPartialLastBlock_sameTablesOn1And5Partitions() throws IOException {
        Run one = run(MC_STUDY, 1, "m", "m1");
        Run five = run(MC_STUDY, 5, "m", "m5");
        for (String table : List.of("summary", "quantiles", "convergence_moments", "histogram")) {
            assertEquals(bits(one, table), bits(five, table), table);
        }
    }

    @Test
    void run_firstAttemptsFail_retriedTasksGiveCleanRunsTables() throws IOException {
        Run clean = run(SOBOL_STUDY, 4, "f", "clean");
        System.setProperty(FaultInjection.FAIL_FIRST_ATTEMPT, "true");
        Run retried = run(SOBOL_STUDY, 4, "f", "retried");
        for (String table : List.of("summary", "sobol", "quantiles", "histogram", "convergence_moments", "convergence_sobol")) {
            assertEquals(bits(clean, table), bits(retried, table), table);
        }
    }

    @Test
    void run_failsAfterSomeTables_previousRunIntactAndNothingPartial() throws IOException {
        Run first = run(SOBOL_STUDY, 2, "a", "same");
        String manifest = Files.readString(first.folder().resolve("manifest.json"));
        System.setProperty(FaultInjection.FAIL_AFTER_TABLE, "quantiles");
        Path file = dir.resolve("study-fail.yaml");
        Files.writeString(file, SOBOL_STUDY.replace("PARTITIONS", "2").replace("seed: 3", "seed: 4"));
        for (String id : List.of("same", "fresh")) {
            SnaRun.Result r = SnaRun.sna("run", file.toString(), "--output", dir.resolve("a").toString(), "--run-id", id);
            assertNotEquals(0, r.exit(), "the injected failure must fail the run");
            assertEquals(1, r.errorLines().size(), r.err());
        }
        assertEquals(manifest, Files.readString(first.folder().resolve("manifest.json")), "the earlier run is untouched");
        try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
            assertEquals(List.of(), s.map(p -> dir.resolve("a").relativize(p).toString())
                    .filter(p -> p.contains("fresh") || p.startsWith("_staging/")).toList(),
                    "no partial folder, hidden or not");
        }
        System.clearProperty(FaultInjection.FAIL_AFTER_TABLE);
        SnaRun.Result ok = SnaRun.sna("run", file.toString(), "--output", dir.resolve("a").toString(), "--run-id", "same");
        assertEquals(0, ok.exit(), ok.err());
        assertNotEquals(manifest, Files.readString(first.folder().resolve("manifest.json")), "a rerun replaces the run");
        assertTrue(Files.exists(first.table("sobol")));
    }
}
