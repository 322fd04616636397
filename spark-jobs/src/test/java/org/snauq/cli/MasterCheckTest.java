package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong Spark master (issue 17 point 6) is one line on stderr, exit 2, within {@link #BOUND_S}: nothing
 * listening (checked before Spark starts), a port that is no Spark master (the master must accept the application
 * within {@code -Dsna.master.timeout}, here {@link #TIMEOUT_S}), a URL Spark would not parse. Each in a JVM of its
 * own, as a user runs {@code sna}: the test JVM's Spark session would be reused otherwise, and Spark's own logging
 * is part of what is checked.
 */
class MasterCheckTest {

    /** The bound for a wrong master, start of the JVM to exit. */
    private static final long BOUND_S = 30;
    /** The registration timeout given to the child: the default (15 s) plus a JVM and Spark start fits the bound
     *  too (22.8 s measured on the 2-core machine under load), but costs the build 15 s more. */
    private static final int TIMEOUT_S = 5;

    @TempDir
    Path dir;

    private Path study() throws IOException {
        Path study = dir.resolve("s.yaml");
        Files.writeString(study, String.join("\n", "name: s", "model: {expression: \"a + b\"}", "inputs:",
                "  - {name: a, dist: uniform, lower: 0, upper: 1}", "  - {name: b, dist: normal, mean: 0, sd: 1}",
                "sampling: {design: mc, n: 1000, seed: 1}", "output: " + dir.resolve("out"), ""));
        return study;
    }

    private record Child(int exit, List<String> stderr, double seconds) {
        void assertOneLine(String... fragments) {
            assertEquals(CliErrors.BAD_INPUT, exit, () -> "exit code; stderr: " + stderr);
            List<String> lines = stderr.stream().filter(l -> !l.startsWith("sna [")).toList();
            assertEquals(1, lines.size(), () -> "one line besides phase lines, got " + stderr);
            assertTrue(lines.get(0).startsWith("sna: "), lines.get(0));
            for (String f : fragments) {
                assertTrue(lines.get(0).contains(f), () -> "'" + f + "' in " + lines.get(0));
            }
            assertTrue(seconds < BOUND_S, () -> "took " + seconds + " s");
        }
    }

    private Child sna(String... args) throws Exception {
        // the application jar a remote master needs: never loaded here (no master accepts the application), and
        // the shaded jar does not exist yet when mvn verify runs the tests
        Path jar = Files.write(dir.resolve("app.jar"), new byte[0]);
        List<String> command = ChildSna.command(List.of("-Dsna.master.timeout=" + TIMEOUT_S, "-Dsna.jar=" + jar,
                // bin/sna's logging (warnings of our own and errors of Spark's), not the test classpath's
                "-Dlog4j.configurationFile=" + SnaRun.ROOT.resolve("conf/log4j2.properties")), List.of(args));
        Path err = dir.resolve("stderr.txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt")
                .toFile()).start();
        if (!p.waitFor(3 * BOUND_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sna did not end within " + 3 * BOUND_S + " s: " + Files.readString(err));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Child(p.exitValue(), Files.readAllLines(err), seconds);
    }

    @Test
    void run_nothingListeningAtTheMaster_oneLineExit2() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        sna("run", study().toString(), "--master", "spark://127.0.0.1:" + port)
                .assertOneLine("--master spark://127.0.0.1:" + port + ": no Spark master answers");
    }

    @Test
    void run_portThatIsNoSparkMaster_oneLineExit2() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread silent = new Thread(() -> { // accepts connections and never answers, like a wrong service
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(s.accept());
                    }
                } catch (IOException e) {
                    held.forEach(c -> {
                        try {
                            c.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            });
            silent.setDaemon(true);
            silent.start();
            sna("run", study().toString(), "--master", "spark://127.0.0.1:" + s.getLocalPort())
                    .assertOneLine("did not accept the application within " + TIMEOUT_S + " s");
        }
    }

    @Test
    void run_masterUrlSparkCannotParse_oneLineExit2() throws Exception {
        sna("run", study().toString(), "--master", "spark//127.0.0.1:7077")
                .assertOneLine("not a Spark master URL");
    }
}
