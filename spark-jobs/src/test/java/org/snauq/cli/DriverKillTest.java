package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunManifest;
import org.snauq.results.RunTables;

/**
 * {@code kill -9} of the driver mid-run (issue 18 point 5): a separate {@code sna run} JVM that re-runs an
 * existing run ID is killed while its executors write the samples into the staging folder. The previous run with
 * that ID is still complete and unchanged, byte for byte; the next start's recovery deletes what the killed run
 * left, and nothing else.
 *
 * <p>One Spark driver JVM (5-10 s to start on two free cores): the price of a real kill of a real driver.
 */
class DriverKillTest {

    /** Samples of the killed run: enough that writing them lasts well beyond the 10 ms polls of the test. */
    private static final int KILLED_N = 1 << 20;
    private static final long CHILD_TIMEOUT_S = 300;

    @TempDir
    Path dir;

    @Test
    void run_driverKilledWhileWriting_previousRunIntactAndLeftoversRecovered() throws Exception {
        Path study = dir.resolve("ishigami.yaml");
        String shipped = Files.readString(SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml"));
        Files.writeString(study, shipped.replace("n: 65536", "n: 1024"));
        Path output = dir.resolve("out");
        SnaRun.Result first = SnaRun.sna("run", study.toString(), "--output", output.toString(), "--run-id", "same");
        assertEquals(0, first.exit(), first.err());
        List<String> before = snapshot(output);
        ResultsOutput out = ResultsOutput.open(output.toString(), new Configuration());
        RunManifest manifest = out.manifest("same");
        RunTables tables = out.tables(manifest);

        Path big = dir.resolve("big.yaml");
        Files.writeString(big, shipped.replace("design: sobol, n: 65536", "design: mc, n: " + KILLED_N)
                .replace("sobol: {enabled: true", "sobol: {enabled: false").replace("keep-samples: false",
                        "keep-samples: true"));
        Process driver = startDriver(List.of("run", big.toString(), "--output", output.toString(), "--run-id", "same",
                "--master", "local[2]"), dir.resolve("driver.log"));
        Path staging = output.resolve("_staging");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
        while (!writingSamples(staging) && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(driver.isAlive(), () -> "the driver ended before it was killed: " + log(dir.resolve("driver.log")));
        driver.destroyForcibly(); // SIGKILL
        assertTrue(driver.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, driver.exitValue(), "killed by signal 9");

        assertEquals(manifest, out.manifest("same"), "the previous run is still the complete one");
        assertEquals(tables, out.tables(manifest), "with its tables unchanged");
        SnaRun.Result listed = SnaRun.sna("runs", output.toString());
        assertTrue(listed.out().contains("crashed (sna runs --repair or the next run finishes it)"), listed.out());

        SnaRun.Result next = SnaRun.sna("run", study.toString(), "--output", output.toString(), "--run-id", "next");
        assertEquals(0, next.exit(), next.err());
        assertTrue(next.err().contains("output recovered: rolled forward [], deleted stagings [same-"), next.err());
        assertEquals(manifest, out.manifest("same"), "the next run recovers around the previous one");
        List<String> after = snapshot(output).stream().filter(f -> !f.contains("run_id=next/")).toList();
        assertEquals(before, after, "nothing of the killed run is left");
    }

    /** Whether a staging folder holds the samples being written. */
    private static boolean writingSamples(Path staging) throws IOException {
        if (!Files.isDirectory(staging)) {
            return false;
        }
        try (Stream<Path> s = Files.list(staging)) {
            return s.anyMatch(p -> Files.isDirectory(p.resolve("samples")));
        }
    }

    /** Every file under the output except the lock folders, with its size and content hash. */
    private static List<String> snapshot(Path output) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(output)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = output.relativize(p).toString();
                if (!rel.startsWith("_locks/")) {
                    files.add(rel + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    private static Process startDriver(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
                command.add(a); // what Spark needs on Java 17, as the test JVM has it
            }
        }
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(SnaCli.class.getName());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String log(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
