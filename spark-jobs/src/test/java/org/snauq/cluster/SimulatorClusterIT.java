package org.snauq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.models.TestJars;
import org.snauq.models.TestSimulators;

/**
 * A user's simulator on the two-worker standalone cluster of {@code bin/sna-cluster} (issue 15): an external program
 * (a worker process per task) and a Java class from a jar compiled here. The driver ships the program and the jar
 * ({@code addFile}, {@code addJar}); each executor fetches them into its working folder, where the test finds them,
 * and the tables are bit-identical to the same study's on {@code local[2]}, where nothing is shipped.
 */
class SimulatorClusterIT {

    static final String COMMAND_STUDY = "name: cluster-command\n"
            + "model: {command: {run: [PROGRAM], worker: true, timeout: 60, block: 256}}\ninputs:\n"
            + TestSimulators.BOREHOLE_INPUTS
            + "sampling: {design: lhs, n: 4096, seed: 3}\n"
            + "statistics: {quantiles: [0.05, 0.5, 0.95], histogram: {bins: 32}, exceedance: [100]}\n";

    /** com.example.Borehole fails rw &gt; 0.14: the inputs stay below, so Sobol' indices are defined. */
    static final String JAVA_STUDY = "name: cluster-java\nmodel: {java: {class: com.example.Borehole, jar: JAR}}\n"
            + "inputs:\n" + TestSimulators.BOREHOLE_INPUTS.replace(
                    "{name: rw, dist: normal, mean: 0.10, sd: 0.0161812}",
                    "{name: rw, dist: uniform, lower: 0.06, upper: 0.14}")
            + "sampling: {design: sobol, n: 1024, seed: 4}\nstatistics: {sobol: true}\nspark: {partitions: 8}\n";

    static LoopbackCluster cluster;
    static String sparkClassPath;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        assertTrue(ClusterIT.JAR != null && Files.isRegularFile(Path.of(ClusterIT.JAR)),
                "the shaded jar (system property sna.it.jar) must exist: run through mvn verify, got " + ClusterIT.JAR);
        cluster = LoopbackCluster.start(ClusterIT.ROOT, ClusterIT.CLUSTER_HOME, 2, "1g");
        sparkClassPath = cluster.sparkClassPath();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        assertEquals(List.of(), LoopbackCluster.processes(ClusterIT.CLUSTER_HOME).stream()
                .map(LoopbackCluster::commandLine).toList(), "processes left after the cluster stopped");
    }

    @Test
    void commandModel_twoWorkerCluster_programShippedTablesBitIdenticalToLocal() throws Exception {
        Path program = TestSimulators.borehole(dir);
        String study = COMMAND_STUDY.replace("PROGRAM", program.toString());
        Path local = run(study, "local[2]", "command-local");
        List<Path> before = fetched("-borehole.sh"); // of earlier applications: the work folder outlives a run
        Path onCluster = run(study, cluster.masterUrl(), "command-cluster");
        RunTables.assertSame(RunTables.bits(local), RunTables.bits(onCluster));
        assertFalse(fetched("-borehole.sh").stream().allMatch(before::contains), "no executor fetched the program");
    }

    @Test
    void javaModel_twoWorkerCluster_jarShippedTablesBitIdenticalToLocal() throws Exception {
        Path jar = TestJars.simulators(dir.resolve("jar"));
        String study = JAVA_STUDY.replace("JAR", jar.toString());
        Path local = run(study, "local[2]", "java-local");
        List<Path> before = fetched("-simulators.jar"); // of earlier applications: the work folder outlives a run
        Path onCluster = run(study, cluster.masterUrl(), "java-cluster");
        RunTables.assertSame(RunTables.bits(local), RunTables.bits(onCluster));
        assertFalse(fetched("-simulators.jar").stream().allMatch(before::contains), "no executor fetched the jar");
    }

    /** Files under the workers' folders whose name ends with {@code suffix} (after the content-hash prefix). */
    static List<Path> fetched(String suffix) throws IOException {
        Path work = ClusterIT.CLUSTER_HOME.resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{16}" + suffix.replace(".", "\\.")))
                    .toList();
        }
    }

    /** Runs {@code study} on {@code master} in a driver JVM of its own; returns the run's folder. */
    static Path run(String study, String master, String runId) throws Exception {
        Path file = dir.resolve(runId + ".yaml");
        Files.writeString(file, study);
        Path output = dir.resolve("results");
        DriverRun.Result r = DriverRun.run(ClusterIT.ROOT, ClusterIT.JAR, sparkClassPath, ClusterIT.JVM_OPENS,
                List.of(), List.of("run", file.toString(), "--master", master, "--output", output.toString(),
                        "--run-id", runId), line -> { }, ClusterIT.RUN_TIMEOUT_SECONDS);
        assertEquals(0, r.exit(), () -> "sna run on " + master + " failed:\n" + r.err());
        return output.resolve("_runs/run_id=" + runId);
    }
}
