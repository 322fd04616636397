package org.snauq.results;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.spark.SparkTests;

/**
 * A commit killed at each of its steps, for real: a separate JVM ({@link CommitChild}) replaces run {@code r}
 * (old: summary, quantiles, designs; new: summary, quantiles) and halts at the step named by
 * {@link CrashPoints#HALT_AT}, as a {@code kill -9} would stop it. Then, before any recovery, the output holds the
 * old run complete or no complete run {@code r} (never a mixture), and the documented globs read it without
 * error; after the recovery that the next run starts with, {@code r} is the old run (killed before its staging was
 * marked) or the new one (after), and nothing else is left.
 *
 * <p>About 1-2 s per step (a JVM start and the parquet classes), two children at a time: the price of real kills.
 */
class CommitKillTest {

    /** Every step of {@link StagedRun#commit} and {@link Publication#rollForward}, in order. */
    private static final List<String> STEPS = List.of("staged:summary", "staged:quantiles", "staged:runs", "marked",
            "locked", "unlisted", "moved:summary", "moved:quantiles", "moved:_runs", "listed");
    /** The first step after which the new run is the one recovery completes. */
    private static final int FIRST_ROLLED_FORWARD = STEPS.indexOf("marked");
    private static final long CHILD_TIMEOUT_S = 120;

    @TempDir
    Path dir;

    @Test
    void commit_killedAtEachStep_oldOrNewRunWholeAfterRecovery() throws Exception {
        List<Path> outputs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> children = new ArrayList<>();
            for (String step : STEPS) {
                Path output = dir.resolve(step.replace(':', '-'));
                outputs.add(output);
                TestRuns.commit(TestRuns.open(output), TestRuns.STUDY, "r", "old", true);
                children.add(pool.submit(() -> child(output, step)));
            }
            for (int i = 0; i < STEPS.size(); i++) {
                assertEquals(CrashPoints.STATUS, children.get(i).get(), "the child halted at " + STEPS.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < STEPS.size(); i++) {
            String step = STEPS.get(i);
            Path output = outputs.get(i);
            ResultsOutput out = TestRuns.open(output);
            boolean listed = Files.exists(output.resolve("runs/run_id=r"));
            if (listed) {
                String seen = TestRuns.assertComplete(out, "r"); // whole, whichever it is
                assertEquals(step.equals("listed") ? "new" : "old", seen, step);
            } else {
                assertTrue(i > STEPS.indexOf("locked"), step + ": unlisted only while rolling forward");
            }
            documentedQueriesRead(output);
            out.recover();
            String expected = i >= FIRST_ROLLED_FORWARD ? "new" : "old";
            assertEquals(expected, TestRuns.assertComplete(out, "r"), "after recovery from a kill at " + step);
            assertEquals(expected.equals("old"), Files.exists(output.resolve("designs/run_id=r")), step);
            TestRuns.assertClean(output);
            assertFalse(out.recover().rolledForward().contains("r"), step + ": recovery is done once");
        }
    }

    /** The README's queries: DuckDB over the table and the catalogue, Spark SQL on the table's folder. */
    private static void documentedQueriesRead(Path output) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String table : List.of("summary", "runs")) {
                ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + output + "/" + table
                        + "/run_id=*/*.parquet', hive_partitioning = true)");
                assertTrue(rs.next());
            }
        } catch (java.sql.SQLException e) {
            if (!e.getMessage().contains("No files found")) { // the catalogue between unlisting and listing
                throw e;
            }
        }
        var spark = SparkTests.session();
        spark.sql("DROP TABLE IF EXISTS killed_summary");
        spark.sql("CREATE TABLE killed_summary USING parquet LOCATION '" + output.resolve("summary") + "'");
        spark.sql("SELECT * FROM killed_summary").collectAsList();
        spark.sql("DROP TABLE killed_summary");
    }

    /** Runs {@link CommitChild} halting at {@code step}; its exit status. */
    private static int child(Path output, String step) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + CrashPoints.HALT_AT + "=" + step);
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived JVM: C1 only starts faster
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(CommitChild.class.getName());
        command.add(output.toString());
        command.add("r");
        command.add("new");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.resolveSibling(output.getFileName() + ".log").toFile()).start();
        if (!p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child at " + step + " did not halt");
        }
        return p.exitValue();
    }
}
