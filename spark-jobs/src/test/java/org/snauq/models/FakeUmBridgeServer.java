package org.snauq.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UM-Bridge protocol 1.0 server for tests, on the JDK's HTTP server, serving model {@code "sim"} with input sizes
 * [2, 1] (x1, x2 | x3) and output sizes [1, 1]: y1 = x1 + 2 x2 + x3^2 and y2 = x1 x2 - x3, computed in Java
 * doubles, so a client that places answers right reproduces {@link #y1}/{@link #y2} bit for bit (Jackson writes
 * and reads doubles as their shortest round-trip decimals). Its {@code Evaluate} misbehaves as a test asks:
 * randomly delayed answers (so they arrive out of order), every k-th call failing with HTTP 503, never answering,
 * closing the connection, answering a protocol error or text that is not JSON, for every point or only for those
 * with x1 below a threshold. The config of every request is kept.
 */
public final class FakeUmBridgeServer implements AutoCloseable {

    /** How {@code Evaluate} behaves. */
    public enum Mode { ANSWER, FLAKY, NEVER, CLOSE, INVALID_OUTPUT, NOT_JSON, WRONG_SHAPE }

    public static final String MODEL = "sim";

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // without it Nagle's algorithm holds each small answer for the client's delayed ACK, about 40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer http;
    private final ExecutorService pool;
    private final Mode mode;
    private final int k;
    private final int maxDelayMillis;
    private final double below;
    private final CountDownLatch release = new CountDownLatch(1);
    public final AtomicInteger evaluateCalls = new AtomicInteger();
    public final AtomicInteger answered = new AtomicInteger();
    public final ConcurrentLinkedQueue<JsonNode> configs = new ConcurrentLinkedQueue<>();
    volatile double protocolVersion = 1.0;
    volatile String inputSizes = "[2, 1]";
    volatile String outputSizes = "[1, 1]";
    volatile boolean supportsEvaluate = true;

    /**
     * @param mode           how Evaluate behaves
     * @param k              for {@link Mode#FLAKY}: calls k, 2k, 3k, ... fail with HTTP 503
     * @param maxDelayMillis each answer waits a random time up to this, so answers arrive out of order
     */
    public FakeUmBridgeServer(Mode mode, int k, int maxDelayMillis) throws IOException {
        this(mode, k, maxDelayMillis, Double.POSITIVE_INFINITY);
    }

    /**
     * @param below the mode applies to points with x1 &lt; below only; the others are answered
     */
    public FakeUmBridgeServer(Mode mode, int k, int maxDelayMillis, double below) throws IOException {
        this.mode = mode;
        this.below = below;
        this.k = k;
        this.maxDelayMillis = maxDelayMillis;
        this.pool = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fake-umbridge");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.createContext("/", this::handle);
        http.setExecutor(pool);
        http.start();
    }

    public static FakeUmBridgeServer answering() throws IOException {
        return new FakeUmBridgeServer(Mode.ANSWER, 0, 0);
    }

    /** A URL on this machine where nothing listens (a port just opened and closed again). */
    public static String nobodyListening() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public static double y1(double x1, double x2, double x3) {
        return x1 + 2 * x2 + x3 * x3;
    }

    public static double y2(double x1, double x2, double x3) {
        return x1 * x2 - x3;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (path.equals("/Info")) {
                send(exchange, 200, "{\"protocolVersion\": " + protocolVersion + ", \"models\": [\"" + MODEL
                        + "\", \"other\"]}");
                return;
            }
            ObjectNode body = (ObjectNode) JSON.readTree(request);
            if (!MODEL.equals(body.path("name").asText())) {
                send(exchange, 400, "{\"error\": {\"type\": \"ModelNotFound\", \"message\": \"no such model\"}}");
                return;
            }
            switch (path) {
                case "/ModelInfo" -> send(exchange, 200, "{\"support\": {\"Evaluate\": " + supportsEvaluate
                        + ", \"Gradient\": false}}");
                case "/InputSizes" -> send(exchange, 200, "{\"inputSizes\": " + inputSizes + "}");
                case "/OutputSizes" -> send(exchange, 200, "{\"outputSizes\": " + outputSizes + "}");
                case "/Evaluate" -> evaluate(exchange, body);
                default -> send(exchange, 400, "{\"error\": {\"type\": \"InvalidInput\", \"message\": \"path\"}}");
            }
        }
    }

    private void evaluate(HttpExchange exchange, ObjectNode body) throws IOException {
        int call = evaluateCalls.incrementAndGet();
        configs.add(body.path("config"));
        if (maxDelayMillis > 0) {
            sleep(ThreadLocalRandom.current().nextInt(maxDelayMillis + 1));
        }
        JsonNode in = body.path("input");
        double x1 = in.get(0).get(0).doubleValue();
        double x2 = in.get(0).get(1).doubleValue();
        double x3 = in.get(1).get(0).doubleValue();
        Mode now = x1 < below ? mode : Mode.ANSWER;
        switch (now) {
            case FLAKY -> {
                if (call % k == 0) {
                    send(exchange, 503, "busy");
                    return;
                }
            }
            case NEVER -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            case CLOSE -> {
                return; // closing the exchange before any response closes the connection
            }
            case INVALID_OUTPUT -> { // what UM-Bridge's reference Python server sends, status included
                send(exchange, 500, "{\"error\": {\"type\": \"InvalidOutput\", \"message\": \"Output vector 0 has"
                        + " invalid length! Model declared 1 but returned 2.\"}}");
                return;
            }
            case NOT_JSON -> { // the reference server prints a NaN output as Python does
                send(exchange, 200, "{\"output\": [[nan], [1.0]] }");
                return;
            }
            default -> {
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode output = answer.putArray("output");
        output.addArray().add(y1(x1, x2, x3));
        if (now != Mode.WRONG_SHAPE) {
            output.addArray().add(y2(x1, x2, x3));
        }
        answered.incrementAndGet();
        send(exchange, 200, JSON.writeValueAsString(answer));
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        http.stop(0);
        pool.shutdownNow();
    }
}
