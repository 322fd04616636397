package org.snauq.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone master and workers on 127.0.0.1, started and stopped by {@code bin/sna-cluster} (so the tests
 * cover the script too), in a folder of its own. Ports are chosen free when the cluster starts.
 *
 * <p>Clean-up is belt and braces: {@link #close()} runs {@code sna-cluster stop}, then kills whatever is left of
 * the process trees it started (found by the marker {@code -Dsna.cluster.home=<home>} on their command lines);
 * a shutdown hook does the same if the test JVM ends without closing.
 */
final class LoopbackCluster implements AutoCloseable {

    /** Marks the executors among a worker's descendants. */
    static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private static final long SCRIPT_TIMEOUT_SECONDS = 180;

    private final Path root;
    private final Path home;
    private final String masterUrl;
    private final Thread hook;

    private LoopbackCluster(Path root, Path home, String masterUrl, Thread hook) {
        this.root = root;
        this.home = home;
        this.masterUrl = masterUrl;
        this.hook = hook;
    }

    /**
     * Starts {@code workers} workers of one core and {@code memory} each.
     *
     * @param root the repository (holds bin/sna-cluster)
     * @param home the cluster's folder (SNA_CLUSTER_HOME); its Spark class path is kept between runs
     */
    static LoopbackCluster start(Path root, Path home, int workers, String memory)
            throws IOException, InterruptedException {
        int port = freePort();
        int webui = freePort();
        while (webui == port) {
            webui = freePort();
        }
        Thread hook = new Thread(() -> stopAll(root, home), "loopback-cluster-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        LoopbackCluster cluster = new LoopbackCluster(root, home, "spark://127.0.0.1:" + port, hook);
        try {
            Result r = script(root, home, "start", "--workers", String.valueOf(workers), "--cores", "1",
                    "--memory", memory, "--port", String.valueOf(port), "--webui-port", String.valueOf(webui));
            if (r.exit != 0) {
                throw new IllegalStateException("sna-cluster start failed (" + r.exit + "):\n" + r.output);
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The Spark jars the cluster runs on, as a class path (what the drivers use beside the shaded jar). */
    String sparkClassPath() throws IOException {
        return Files.readString(home.resolve("spark-classpath.txt")).strip();
    }

    /** The output of {@code sna-cluster status}. */
    String status() throws IOException, InterruptedException {
        return script(root, home, "status").output;
    }

    /** The executor JVMs running under this cluster's workers. */
    List<ProcessHandle> executors() {
        List<ProcessHandle> out = new ArrayList<>();
        for (ProcessHandle worker : processes(home).stream().filter(p -> commandLine(p).contains("Worker")).toList()) {
            worker.descendants().filter(p -> commandLine(p).contains(EXECUTOR_CLASS)).forEach(out::add);
        }
        return out;
    }

    /**
     * An executor that has finished a task of {@code stage} and so, with tasks left, is running the next: found by
     * its log, {@code work/worker-<i>/<app-id>/<executor-id>/stderr} (Spark's default INFO logging), whatever the
     * speed of the machine.
     */
    Optional<ProcessHandle> executorPastFirstTask(int stage) {
        String finished = "in stage " + stage + ".0";
        for (ProcessHandle p : executors()) {
            String[] args = commandLine(p).split(" ");
            String app = null;
            String id = null;
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("--app-id")) {
                    app = args[i + 1];
                } else if (args[i].equals("--executor-id")) {
                    id = args[i + 1];
                }
            }
            if (app == null || id == null) {
                continue;
            }
            try (Stream<Path> workers = Files.list(home.resolve("work"))) {
                String logOf = app + "/" + id + "/stderr";
                for (Path log : workers.map(w -> w.resolve(logOf)).toList()) {
                    if (Files.isReadable(log) && Files.readString(log).lines()
                            .anyMatch(l -> l.contains("Finished task") && l.contains(finished))) {
                        return Optional.of(p);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // a log being created or rotated: look again on the next poll
            }
        }
        return Optional.empty();
    }

    /** Every live process started for the cluster at {@code home}: daemons (by marker) and their descendants. */
    static List<ProcessHandle> processes(Path home) {
        String marker = "-Dsna.cluster.home=" + home;
        List<ProcessHandle> out = new ArrayList<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> commandLine(p).contains(marker)).forEach(p -> {
                out.add(p);
                p.descendants().forEach(out::add);
            });
        }
        return out;
    }

    /** The full command line, from /proc (ProcessHandle.Info may truncate or omit it). */
    static String commandLine(ProcessHandle p) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | UncheckedIOException e) {
            return p.info().commandLine().orElse("");
        }
    }

    @Override
    public void close() {
        stopAll(root, home);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }

    private static void stopAll(Path root, Path home) {
        try {
            script(root, home, "stop");
        } catch (IOException | RuntimeException e) {
            // fall through to the kill below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle p : processes(home)) {
            p.destroyForcibly();
        }
    }

    private record Result(int exit, String output) {
    }

    /** Runs the script; Maven flags for its first-use resolution of the Spark jars come from SNA_MVN_FLAGS. */
    private static Result script(Path root, Path home, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/sna-cluster").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SNA_CLUSTER_HOME", home.toString());
        Path log = Files.createTempFile("sna-cluster", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("sna-cluster " + args[0] + " did not finish in "
                        + SCRIPT_TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
