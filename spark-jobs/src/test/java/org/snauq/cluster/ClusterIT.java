package org.snauq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sna run} on a real Spark standalone cluster (issue 8): a master and two one-core workers on 127.0.0.1,
 * each a JVM of its own started by {@code bin/sna-cluster} from Spark's jars alone, so the application's
 * classes reach the executors only through the shaded jar ({@code spark.jars}) and every broadcast and result
 * crosses a process boundary through Kryo. Each driver is a JVM of its own too (see {@link DriverRun}).
 *
 * <p>What local mode hides and these runs would show: closures or models that do not serialise, missing Kryo
 * registrations, classes absent from the shaded jar, state in static fields, paths only the driver sees, and
 * partial results after a lost executor. Run by {@code mvn verify} (failsafe) after the jar is built.
 */
class ClusterIT {

    /**
     * Pick-freeze Sobol' study on Ishigami with mixed input laws: 2^21 rows x 5 evaluations in 32 tasks, so an
     * executor that has finished one task still has others to run when it is killed.
     */
    static final String SOBOL_STUDY = """
            name: cluster-sobol
            model: {function: ishigami}
            inputs:
              - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x2, dist: normal, mean: 0.0, sd: 1.0}
              - {name: x3, dist: triangular, lower: -3.0, mode: 1.0, upper: 3.0}
            sampling: {design: sobol, n: 2097152, seed: 5}
            statistics:
              quantiles: [0.01, 0.5, 0.99]
              exceedance: [5.0]
              histogram: {bins: 32}
              sobol: {enabled: true, confidence: 0.95}
            spark: {partitions: 32}
            """;

    /** An SNA trained by ALS inside the run (driver side), then broadcast and evaluated on the executors. */
    static final String TRAIN_STUDY = """
            name: cluster-train
            model:
              train: {data: DATA, response: y, rank: 6, degree: 3, knots: 12}
            inputs:
              - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
            sampling: {design: sobol, n: 32768, seed: 9}
            statistics: {moments: true, sobol: true, analytic: true}
            spark: {partitions: 8}
            """;

    /** Wall-clock bound of one driver run; a hang fails the test instead of the build. */
    static final long RUN_TIMEOUT_SECONDS = 150;

    /** How often the executor killer looks at the executors' logs. */
    static final long KILL_POLL_MILLIS = 20;

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String JAR = System.getProperty("sna.it.jar");
    static final List<String> JVM_OPENS = Arrays.asList(System.getProperty("sna.it.jvmOpens", "").trim()
            .split("\\s+"));
    static final Path CLUSTER_HOME = Path.of(System.getProperty("sna.it.clusterHome",
            ROOT.resolve("spark-jobs/target/it-cluster").toString()));

    static LoopbackCluster cluster;
    static String sparkClassPath;
    static Path localSobol; // the local[2] reference run of SOBOL_STUDY, made once

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        assertTrue(JAR != null && Files.isRegularFile(Path.of(JAR)),
                "the shaded jar (system property sna.it.jar) must exist: run through mvn verify, got " + JAR);
        cluster = LoopbackCluster.start(ROOT, CLUSTER_HOME, 2, "1g");
        sparkClassPath = cluster.sparkClassPath();
        String status = cluster.status();
        assertEquals(2, status.lines().filter(l -> l.startsWith("worker") && l.contains("ALIVE")).count(), status);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        assertEquals(List.of(), LoopbackCluster.processes(CLUSTER_HOME).stream().map(LoopbackCluster::commandLine)
                .toList(), "processes left after the cluster stopped");
    }

    @Test
    void sobolStudy_twoWorkerCluster_tablesBitIdenticalToLocal() throws Exception {
        Path onCluster = run(SOBOL_STUDY, cluster.masterUrl(), "cluster", List.of(), line -> { });
        Map<String, List<String>> expected = RunTables.bits(localSobol());
        assertEquals(List.of("convergence_moments", "convergence_sobol", "exceedance", "histogram", "quantiles", "sobol",
                "summary"),
                List.copyOf(expected.keySet()));
        RunTables.assertSame(expected, RunTables.bits(onCluster));
    }

    @Test
    void executorKilledMidRun_jobCompletesByRetries_tablesEqualCleanRun() throws Exception {
        AtomicLong killed = new AtomicLong(-1);
        AtomicBoolean samplingDone = new AtomicBoolean();
        AtomicBoolean samplingDoneBeforeKill = new AtomicBoolean();
        // Kills (SIGKILL: no goodbye to the driver, as when a machine dies) the first executor seen past its first
        // sampling task (stage 0), so it is running another of the 32 tasks.
        Thread killer = new Thread(() -> {
            while (killed.get() < 0 && !Thread.currentThread().isInterrupted()) {
                Optional<ProcessHandle> victim = cluster.executorPastFirstTask(0);
                if (victim.isPresent()) {
                    samplingDoneBeforeKill.set(samplingDone.get());
                    victim.get().destroyForcibly();
                    killed.set(victim.get().pid());
                    return;
                }
                try {
                    Thread.sleep(KILL_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "executor-killer");
        List<String> err = new CopyOnWriteArrayList<>();
        killer.start();
        Path onCluster;
        try {
            onCluster = run(SOBOL_STUDY, cluster.masterUrl(), "killed", List.of(), line -> {
                if (line.contains("sampling done")) {
                    samplingDone.set(true);
                }
                err.add(line);
            });
        } finally {
            killer.interrupt();
            killer.join(5_000);
        }
        assertTrue(killed.get() > 0, "no executor was seen running a sampling task, so none was killed");
        assertFalse(samplingDoneBeforeKill.get(), "the kill came after the sampling pass had finished");
        List<String> lost = err.stream().filter(l -> l.contains("Lost executor") || l.contains("Lost task")).toList();
        assertFalse(lost.isEmpty(), "the driver never noticed the lost executor");
        System.out.println("killed executor pid " + killed.get() + "; the driver logged:\n" + String.join("\n", lost));
        RunTables.assertSame(RunTables.bits(localSobol()), RunTables.bits(onCluster));
    }

    @Test
    void trainedModel_kryoRegistrationRequired_reachesExecutors() throws Exception {
        String study = TRAIN_STUDY.replace("DATA", ROOT.resolve("conf/data/ishigami-2000.csv").toString());
        Path run = run(study, cluster.masterUrl(), "train",
                List.of("-Dspark.kryo.registrationRequired=true"), line -> { });
        // The executors evaluated the broadcast SNA: its sampling mean matches its closed-form mean (the same
        // model, integrated exactly on the driver) within 4 standard errors of the sampling mean.
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.mean, s.std, s.n, a.mean FROM read_parquet('"
                     + RunTables.table(run, "summary") + "/*.parquet') s, read_parquet('" + RunTables.table(run, "summary")
                     + "/*.parquet') a WHERE s.method = 'sampling' AND a.method = 'analytic'")) {
            assertTrue(rs.next(), "summary needs a sampling and an analytic row");
            double sampled = rs.getDouble(1);
            double standardError = rs.getDouble(2) / Math.sqrt(rs.getLong(3));
            double exact = rs.getDouble(4);
            assertEquals(exact, sampled, 4 * standardError);
        }
    }

    private static synchronized Path localSobol() throws Exception {
        if (localSobol == null) {
            localSobol = run(SOBOL_STUDY, "local[2]", "local", List.of(), line -> { });
        }
        return localSobol;
    }

    /** Runs {@code study} on {@code master} in a driver JVM of its own; returns the run's folder (its manifest's). */
    static Path run(String study, String master, String runId, List<String> jvmFlags, Consumer<String> onStderr)
            throws Exception {
        Path file = dir.resolve(runId + ".yaml");
        Files.writeString(file, study);
        Path output = dir.resolve("results");
        DriverRun.Result r = DriverRun.run(ROOT, JAR, sparkClassPath, JVM_OPENS, jvmFlags,
                List.of("run", file.toString(), "--master", master, "--output", output.toString(), "--run-id", runId),
                onStderr, RUN_TIMEOUT_SECONDS);
        assertEquals(0, r.exit(), () -> "sna run on " + master + " failed:\n" + r.err());
        Path folder = output.resolve("_runs/run_id=" + runId);
        assertTrue(Files.isRegularFile(folder.resolve("manifest.json")), folder + " has no manifest");
        return folder;
    }
}
