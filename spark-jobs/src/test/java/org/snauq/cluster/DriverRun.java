package org.snauq.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code sna run} in a JVM of its own, launched as {@code bin/sna} launches it (the shaded jar, then Spark's jars;
 * the {@code --add-opens} flags; {@code conf/log4j2.properties}; {@code conf/spark-defaults.conf} as {@code -D}
 * properties) but without bin/sna's build check, which would start a nested Maven build inside {@code mvn verify}.
 * A JVM per run: one Spark context per JVM, and a driver that dies cannot take the test with it.
 */
final class DriverRun {

    /** What a run printed and returned. */
    record Result(int exit, String out, String err) {
    }

    private DriverRun() {
    }

    /**
     * @param extraJvmFlags e.g. {@code -Dspark.kryo.registrationRequired=true}
     * @param onStderrLine called with each stderr line as it arrives (from a reader thread)
     */
    static Result run(Path root, String jar, String sparkClassPath, List<String> jvmOpens, List<String> extraJvmFlags,
                      List<String> snaArgs, Consumer<String> onStderrLine, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(jvmOpens);
        command.add("-Dlog4j.configurationFile=" + root.resolve("conf/log4j2.properties"));
        for (String line : Files.readAllLines(root.resolve("conf/spark-defaults.conf"))) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv.length == 2 && !kv[0].startsWith("#")) {
                command.add("-D" + kv[0] + "=" + kv[1]);
            }
        }
        command.add("-Dspark.ui.showConsoleProgress=false"); // no progress bar in a log
        command.addAll(extraJvmFlags);
        command.add("-cp");
        command.add(jar + java.io.File.pathSeparator + sparkClassPath);
        command.add("org.snauq.cli.SnaCli");
        command.addAll(snaArgs);

        Process p = new ProcessBuilder(command).directory(root.toFile()).start();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Thread outReader = reader(p.getInputStream(), out, line -> { });
        Thread errReader = reader(p.getErrorStream(), err, onStderrLine);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("sna " + String.join(" ", snaArgs) + " did not finish in "
                        + timeoutSeconds + " s; stderr so far:\n" + tail(err));
            }
            outReader.join(5_000);
            errReader.join(5_000);
            synchronized (out) {
                synchronized (err) {
                    return new Result(p.exitValue(), out.toString(), err.toString());
                }
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static Thread reader(java.io.InputStream in, StringBuilder sink, Consumer<String> onLine) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (sink) {
                        sink.append(line).append('\n');
                    }
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "driver-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String tail(StringBuilder b) {
        synchronized (b) {
            return b.length() <= 4000 ? b.toString() : b.substring(b.length() - 4000);
        }
    }
}
