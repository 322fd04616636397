package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.model.MultiSnaModel;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.serve.ServedModel;
import org.snauq.serve.UmBridgeServerTest;

/**
 * {@code sna serve}: bad input is exit 2 with one stderr line before anything listens; a served model answers
 * what {@code sna query} prints; SIGTERM lets a request in flight finish, then exits 0 within a second. The
 * protocol itself is tested in {@link UmBridgeServerTest}.
 */
class ServeCommandTest {

    /** SIGTERM to exit: the server waits at most 0.7 s for requests in flight, then closes; the JVM exits at once. */
    private static final long SHUTDOWN_BUDGET_MILLIS = 1_000;

    private static final Pattern START = Pattern.compile("serving (.+) at http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void writeModels() throws Exception {
        model = dir.resolve("borehole-3d.sna");
        SnaModelFile.write(UmBridgeServerTest.model("depth", 4), model);
    }

    private record Result(int exit, String out, String err) {
    }

    /** In-process, without Spark: serve fails before it listens, so nothing blocks. */
    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SnaCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static void assertBadInput(Result r, String... fragments) {
        assertEquals(CliErrors.BAD_INPUT, r.exit, () -> "stdout: " + r.out + "; stderr: " + r.err);
        String[] lines = r.err.strip().split("\n");
        assertEquals(1, lines.length, r.err);
        assertTrue(lines[0].startsWith("sna: "), r.err);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), () -> "stderr should contain '" + f + "', got: " + r.err);
        }
        assertEquals("", r.out);
    }

    @Test
    void badInput_exit2WithOneLineBeforeListening() throws Exception {
        Path notAModel = Files.writeString(dir.resolve("data.csv"), "x,y\n1,2\n");
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Path twinA = dir.resolve("a/m.sna");
        Path twinB = dir.resolve("b/m.sna");
        Files.copy(model, twinA);
        Files.copy(model, twinB);
        Path badStem = dir.resolve("my model.sna");
        Files.copy(model, badStem);
        assertBadInput(run("serve"), "Missing required parameter", "M.sna");
        assertBadInput(run("serve", dir.resolve("missing.sna").toString()), "missing.sna: no such file");
        assertBadInput(run("serve", notAModel.toString()), "data.csv: not an SNA model file");
        assertBadInput(run("serve", dir.toString()), "not a regular file");
        assertBadInput(run("serve", model.toString(), "--name", "a", "--name", "b"),
                "--name is given 2 times for 1 model files");
        assertBadInput(run("serve", twinA.toString(), twinB.toString()), "two models are named 'm'", "--name");
        assertBadInput(run("serve", badStem.toString()), "my model.sna: the file name must match", "give --name");
        assertBadInput(run("serve", model.toString(), "--name", "a/b"), "--name a/b must match [A-Za-z0-9_.-]+");
        assertBadInput(run("serve", model.toString(), "--port", "70000"), "--port must be in [0, 65535], got 70000");
        assertBadInput(run("serve", model.toString(), "--port", "x"), "--port");
        assertBadInput(run("serve", model.toString(), "--threads", "0"), "--threads must be >= 1, got 0");
        assertBadInput(run("serve", model.toString(), "--host", "192.0.2.123", "--port", "0"),
                "--host 192.0.2.123 --port 0: cannot listen there");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            assertBadInput(run("serve", model.toString(), "--port", port), "--port " + port + ": cannot listen there");
        }
    }

    @Test
    void startLine_namesModelsInputsAndOutputs() {
        SnaModel a = UmBridgeServerTest.model("depth", 1);
        List<ServedModel> served = List.of(new ServedModel("pair",
                MultiSnaModel.of(List.of(a, UmBridgeServerTest.model("width", 2)))),
                new ServedModel("one", MultiSnaModel.of(a)));
        assertEquals("serving pair (3 inputs, 2 outputs), one (3 inputs) at http://127.0.0.1:4242",
                ServeCommand.startLine(served, new InetSocketAddress("127.0.0.1", 4242)));
    }

    @Test
    void serve_answersAsQuery_thenSigtermFinishesTheRequestInFlightAndExits0() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.snauq.cli.SnaCli", "serve",
                model.toString(), "--port", "0", "--verbose"));
        Process p = new ProcessBuilder(command).start();
        StringBuffer err = new StringBuffer(); // read as it comes: destroy() closes the streams
        Thread errReader = new Thread(() -> {
            try {
                err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                err.append("(stderr unreadable: ").append(e).append(')');
            }
        });
        errReader.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = START.matcher(line == null ? "" : line);
            assertTrue(m.matches(), () -> "start line: " + line + "; stderr: " + err);
            assertEquals("borehole-3d (3 inputs)", m.group(1));
            int port = Integer.parseInt(m.group(2));

            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/Evaluate")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"borehole-3d\",\"input\":[[0.25,2.5,-1.5]]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Result query = run("query", model.toString(), "a=0.25", "b=2.5", "c=-1.5");
            assertEquals("{\"output\":[[" + query.out.strip() + "]]}", r.body());

            // a request in flight: headers and half of the body, then SIGTERM, then the rest
            String body = "{\"name\":\"borehole-3d\",\"input\":[[0.25,2.5,-1.5]]}";
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5_000);
                OutputStream o = s.getOutputStream();
                o.write(("POST /Evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
                o.flush();
                Thread.sleep(200); // the dispatcher has handed the exchange to a worker, which waits for the body
                long signalled = System.nanoTime();
                p.destroy(); // SIGTERM
                Thread.sleep(100);
                o.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
                o.flush();
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.endsWith("{\"output\":[[" + query.out.strip() + "]]}"), answer);
                assertTrue(p.waitFor(5, TimeUnit.SECONDS), "serve did not end after SIGTERM");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
                assertEquals(0, p.exitValue(), () -> "stderr: " + err);
                assertTrue(millis < SHUTDOWN_BUDGET_MILLIS, "SIGTERM to exit took " + millis + " ms");
            }
            errReader.join(5_000);
            assertEquals("", err.toString(), "stderr (--verbose: one line per error answer; there were none)");
        } finally {
            p.destroyForcibly();
        }
    }
}
