package org.snauq.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.snauq.model.MultiSnaModel;

/**
 * A UM-Bridge protocol 1.0 server for SNA models on the JDK's HTTP server (docs/UMBRIDGE.md): GET /Info; POST
 * /ModelInfo, /InputSizes, /OutputSizes, /Evaluate, /Gradient, /ApplyJacobian and /ApplyHessian with JSON bodies.
 *
 * <p>Every bad request is answered HTTP 400 with {@code {"error": {"type", "message"}}}: ModelNotFound for an
 * unknown model name, UnsupportedFeature for the shared-memory endpoints (a same-host transport of the reference
 * implementation this server does not offer), InvalidInput for anything else (malformed JSON, a body that is not
 * an object or larger than {@link #MAX_BODY_BYTES}, a missing or mistyped field, a wrong vector length, a value
 * that is not finite or outside the domain, an unknown path or method), each naming the field. The server keeps
 * serving; only a bug of ours is answered 500, and logged whether or not errors are.
 *
 * <p>Resources: a fixed pool of worker threads with a bounded queue; when it is full the HTTP dispatcher runs the
 * request itself, which stops it accepting more until one finishes (backpressure, no unbounded queue). Responses
 * go out with TCP_NODELAY: without it Nagle's algorithm holds the small response until the client's delayed ACK,
 * about 40 ms later on Linux. Concurrent clients never share state: requests are parsed into fresh objects and
 * each worker has its own evaluation workspace per model.
 *
 * <p>{@link #stop()} lets the requests in flight finish (up to {@link #DRAIN_MILLIS}), then closes every
 * connection and the pool.
 */
public final class UmBridgeServer {

    /** Largest request body read: a 10,000-coordinate input is about 250 KB of JSON, so 1 MiB is generous. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** How long {@link #stop()} waits for requests in flight (they take microseconds; a second is the budget). */
    static final long DRAIN_MILLIS = 700;

    /** Queued requests beyond the busy workers: at 20,000 requests/s, 256 is about 13 ms of work. */
    private static final int QUEUE = 256;

    /** Connections waiting to be accepted by the kernel. */
    private static final int BACKLOG = 128;

    private static final String[] SHARED_MEMORY = {"/EvaluateShMem", "/GradientShMem", "/ApplyJacobianShMem",
        "/ApplyHessianShMem", "/TestShMem"};

    private final HttpServer http;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, ServedModel> models;
    private final Map<String, ThreadLocal<MultiSnaModel.Workspace>> workspaces = new LinkedHashMap<>();
    private final Consumer<String> errorLog;
    private final byte[] info;

    static {
        // read once, when the JDK's server first loads its settings; a user's own -D setting wins. maxReqTime
        // (seconds) frees a worker from a client that stops sending a request body halfway.
        setDefault("sun.net.httpserver.nodelay", "true");
        setDefault("sun.net.httpserver.maxReqTime", "30");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private UmBridgeServer(List<ServedModel> served, InetSocketAddress address, int threads,
                           Consumer<String> errorLog) throws IOException {
        Map<String, ServedModel> byName = new LinkedHashMap<>();
        for (ServedModel m : served) {
            if (byName.put(m.name(), m) != null) {
                throw new IllegalArgumentException("two models are named '" + m.name() + "'");
            }
            workspaces.put(m.name(), ThreadLocal.withInitial(m.model()::newWorkspace));
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("no model to serve");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.models = Collections.unmodifiableMap(byName);
        this.errorLog = errorLog;
        this.info = Answers.info(new ArrayList<>(byName.keySet()));
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "umbridge-worker-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.http = HttpServer.create(address, BACKLOG);
        http.createContext("/", this::handle);
        http.setExecutor(counted(pool));
        http.start();
    }

    /**
     * Starts serving.
     *
     * @param address  where to listen (port 0: any free port, see {@link #address()})
     * @param threads  worker threads
     * @param errorLog receives one line per error answer, or null for none
     * @throws IOException              if the address cannot be bound (in use, not local)
     * @throws IllegalArgumentException if two models share a name, there are none, or threads &lt; 1
     */
    public static UmBridgeServer start(List<ServedModel> models, InetSocketAddress address, int threads,
                                       Consumer<String> errorLog) throws IOException {
        return new UmBridgeServer(models, address, threads, errorLog);
    }

    /** The address listened on, with the actual port. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The served models, by name, in the order given. */
    public Map<String, ServedModel> models() {
        return models;
    }

    /**
     * Waits for the requests in flight (at most {@link #DRAIN_MILLIS}), then closes the listener, every connection
     * and the worker pool.
     */
    public void stop() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop(0); // 0: no further wait; the JDK's own wait polls in 200 ms steps up to the full delay
        pool.shutdown();
        try {
            pool.awaitTermination(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pool, counting each exchange from the moment the dispatcher hands it over until it is answered. */
    private Executor counted(Executor executor) {
        return task -> {
            inFlight.incrementAndGet();
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        byte[] body;
        try {
            try {
                body = answer(method, path, exchange);
            } catch (ProtocolError e) {
                status = 400;
                body = Answers.error(e.type().name(), e.getMessage());
                log(method + " " + path + " from " + exchange.getRemoteAddress().getAddress().getHostAddress()
                        + ": 400 " + e.type() + ": " + e.getMessage(), false);
            } catch (RuntimeException e) { // a bug of ours: answer, log, keep serving
                status = 500;
                body = Answers.error("InternalError", "internal error: " + e);
                log(method + " " + path + ": 500 internal error: " + e, true);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.getResponseBody().flush(); // before close(), which first drains an unread request body
            }
        } finally {
            exchange.close();
        }
    }

    private void log(String line, boolean always) {
        if (errorLog != null || always) {
            (errorLog != null ? errorLog : (Consumer<String>) System.err::println).accept("sna serve: " + line);
        }
    }

    private byte[] answer(String method, String path, HttpExchange exchange) throws ProtocolError, IOException {
        if (path.equals("/Info")) {
            expect("GET", method, path);
            return info;
        }
        for (String shm : SHARED_MEMORY) {
            if (path.equals(shm)) {
                throw new ProtocolError(ProtocolError.Type.UnsupportedFeature, "shared memory (" + path.substring(1)
                        + ") is not supported by this server; send requests over HTTP (Evaluate, Gradient, ...)");
            }
        }
        Endpoint endpoint = Endpoint.of(path);
        expect("POST", method, path);
        RequestBody request = RequestBody.parse(readBody(exchange));
        String name = request.name();
        ServedModel model = models.get(name);
        if (model == null) {
            throw new ProtocolError(ProtocolError.Type.ModelNotFound, "model " + RequestBody.quoted(name)
                    + " is not served here; models: " + String.join(", ", models.keySet()));
        }
        return endpoint.answer(model, request, workspaces.get(name).get());
    }

    private static void expect(String expected, String method, String path) throws ProtocolError {
        if (!expected.equals(method)) {
            throw ProtocolError.invalidInput(path + " takes " + expected + ", got " + method);
        }
    }

    /** The request body, refused beyond {@link #MAX_BODY_BYTES} without reading the rest. */
    private static byte[] readBody(HttpExchange exchange) throws ProtocolError, IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > MAX_BODY_BYTES) {
                    throw tooLarge(declared.strip());
                }
            } catch (NumberFormatException e) {
                // the JDK's server has already refused a malformed length; a chunked body is bounded below
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge("more than " + MAX_BODY_BYTES);
            }
            return body;
        }
    }

    private static ProtocolError tooLarge(String size) {
        return ProtocolError.invalidInput("body of " + size + " bytes is larger than the limit of " + MAX_BODY_BYTES
                + " bytes");
    }
}
