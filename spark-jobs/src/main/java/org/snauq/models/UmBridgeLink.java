package org.snauq.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.snauq.study.StudyException;

/**
 * One task's connection to a UM-Bridge model: evaluates the points of a call with one {@code Evaluate} request
 * each, up to {@link UmBridgeTarget#parallel()} of them in flight, over the keep-alive connections of the JVM's
 * HTTP client. Requests go to the servers in turn, from a random first one per link, so the tasks of a job spread
 * over a list of servers.
 *
 * <p>Each answer is written at its point's place, so the outputs do not depend on {@code parallel}, on the order in
 * which answers arrive, or on the server that answered. A sample whose request fails transiently (no connection,
 * a lost connection, a timeout, HTTP 5xx, 408 or 429 without a protocol error) is sent again after an exponential
 * backoff, up to {@link UmBridgeTarget#retries()} more times, then reported as failed with the last reason (the
 * study's {@code on-failure} policy decides the rest). An answer that is not JSON fails its sample at once. An
 * answer carrying a protocol error object ({@code InvalidInput}, {@code InvalidOutput}, ...), or one that breaks
 * the protocol, is the model's verdict on every attempt: it stops the run with one line naming the model, the
 * sample's inputs and the server's message.
 *
 * <p>Threads: the calling thread waits while {@code parallel} daemon workers of the link send the requests; failed
 * samples are reported from the calling thread, in point order. Not thread safe itself: one task calls it.
 */
final class UmBridgeLink implements ExternalLink {

    /** First backoff before a retry; doubled on each further attempt (with jitter), up to {@link #BACKOFF_MAX}. */
    static final Duration BACKOFF_START = Duration.ofMillis(100);
    /** Longest wait between two attempts of a sample. */
    static final Duration BACKOFF_MAX = Duration.ofSeconds(10);

    private final UmBridgeTarget target;
    private final List<UmBridgeClient> servers = new ArrayList<>();
    private final JsonNode config;
    private final int outputs;
    private final AtomicLong nextServer;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private long waitNanos;
    private ExecutorService workers;

    UmBridgeLink(UmBridgeTarget target) {
        this.target = target;
        for (String url : target.urls()) {
            servers.add(new UmBridgeClient(url));
        }
        try {
            this.config = UmBridgeClient.JSON.readTree(target.config());
        } catch (IOException e) {
            throw new IllegalArgumentException("config is JSON written by the driver", e);
        }
        this.outputs = target.outputs().size();
        this.nextServer = new AtomicLong(ThreadLocalRandom.current().nextInt(servers.size()));
    }

    /** What one call shares between its workers. */
    private static final class Call {
        final double[] points;
        final double[] out;
        final int from;
        final int count;
        final Duration timeout;
        final String[] reasons;
        final AtomicInteger next = new AtomicInteger();
        final AtomicReference<String> fatal = new AtomicReference<>();
        final CompletableFuture<Void> stopped = new CompletableFuture<>();

        Call(double[] points, int from, int count, double[] out, Duration timeout) {
            this.points = points;
            this.out = out;
            this.from = from;
            this.count = count;
            this.timeout = timeout;
            this.reasons = new String[count];
        }

        boolean stopping() {
            return fatal.get() != null;
        }

        void stop(String message) {
            if (fatal.compareAndSet(null, message)) {
                stopped.complete(null);
            }
        }
    }

    /**
     * Evaluates points {@code from .. from + count - 1} (row-major, D = inputs values each) into
     * {@code out[j * K + k]}, reporting the samples that failed to {@code failures}, in point order. Every point is
     * answered or failed here (retries included), so the call never breaks.
     *
     * @param timeout the time limit of each request, in nanoseconds, or 0 for none
     * @throws StudyException when a server answers a protocol error object or breaks the protocol
     */
    @Override
    public Reply call(double[] points, int from, int count, double[] out, UqModel.Failures failures, long timeout) {
        long start = System.nanoTime();
        Call call = new Call(points, from, count, out, timeout > 0 ? Duration.ofNanos(timeout) : null);
        int n = Math.min(target.parallel(), count);
        CompletableFuture<?>[] running = new CompletableFuture<?>[n];
        for (int w = 0; w < n; w++) {
            running[w] = CompletableFuture.runAsync(() -> work(call), workers());
        }
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(running), call.stopped).get();
        } catch (InterruptedException e) {
            call.stop("interrupted");
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for UM-Bridge answers", e);
        } catch (ExecutionException e) {
            call.stop("a worker failed");
            throw new IllegalStateException("a UM-Bridge worker failed", e.getCause()); // a bug of ours
        } finally {
            waitNanos += System.nanoTime() - start;
        }
        if (call.fatal.get() != null) {
            throw new StudyException(target.where() + ": " + call.fatal.get());
        }
        for (int j = 0; j < count; j++) {
            if (call.reasons[j] != null) {
                failures.fail(from + j, call.reasons[j]);
            }
        }
        return Reply.complete(count);
    }

    /** A worker: takes the next unsent sample until none is left or the call stops. */
    private void work(Call call) {
        for (int j = call.next.getAndIncrement(); j < call.count && !call.stopping(); j = call.next.getAndIncrement()) {
            sample(call, j);
        }
    }

    /** Sample j of the call: answered, failed (its reason set) or fatal (the call stopped). */
    private void sample(Call call, int j) {
        int p = call.from + j;
        int dim = target.inputNames().size();
        ObjectNode body = UmBridgeClient.JSON.createObjectNode();
        body.put("name", target.name());
        body.set("input", UmBridgeClient.inputVectors(call.points, p * dim, target.inputSizes()));
        body.set("config", config);
        for (int attempt = 1; ; attempt++) {
            UmBridgeClient server = servers.get((int) Math.floorMod(nextServer.getAndIncrement(), servers.size()));
            requests.incrementAndGet();
            try {
                JsonNode answer = server.post("Evaluate", body, call.timeout);
                UmBridgeClient.readOutput(answer, target.outputSizes(), call.out, p * outputs);
                answered.incrementAndGet();
                return;
            } catch (UmBridgeClient.Failure f) {
                switch (f.kind()) {
                    case MODEL_ERROR -> {
                        call.stop(target.name() + " at " + server.url() + " answered " + f.errorType() + " for "
                                + inputs(call.points, p) + ": " + f.errorMessage());
                        return;
                    }
                    case BAD_ANSWER -> {
                        call.stop(target.name() + " at " + server.url() + " broke the UM-Bridge protocol answering "
                                + inputs(call.points, p) + ": " + f.getMessage());
                        return;
                    }
                    case NOT_JSON -> {
                        call.reasons[j] = f.getMessage() + " from " + server.url();
                        return;
                    }
                    default -> {
                        if (attempt > target.retries() || call.stopping() || !backoff(attempt)) {
                            call.reasons[j] = f.getMessage() + " from " + server.url() + (attempt == 1 ? ""
                                    : " (" + attempt + " attempts)");
                            return;
                        }
                        retried.incrementAndGet();
                    }
                }
            }
        }
    }

    /** Waits before attempt {@code attempt + 1}: about 2^(attempt-1) x {@link #BACKOFF_START}; false if interrupted. */
    private static boolean backoff(int attempt) {
        long max = Math.min(BACKOFF_MAX.toNanos(), BACKOFF_START.toNanos() << Math.min(attempt - 1, 20));
        long nanos = max / 2 + ThreadLocalRandom.current().nextLong(max / 2 + 1); // jitter: retries do not align
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code "x1 = 0.5, x2 = -1.0"}: the sample's inputs, for messages. */
    private String inputs(double[] points, int p) {
        List<String> names = target.inputNames();
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < names.size(); d++) {
            s.append(d == 0 ? "" : ", ").append(names.get(d)).append(" = ").append(points[p * names.size() + d]);
        }
        return s.toString();
    }

    private ExecutorService workers() {
        if (workers == null) {
            AtomicInteger id = new AtomicInteger();
            workers = Executors.newFixedThreadPool(target.parallel(), r -> {
                Thread t = new Thread(r, "umbridge-" + target.name() + "-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return workers;
    }

    @Override
    public UqModel.Calls calls() {
        return new UqModel.Calls(requests.get(), retried.get(), waitNanos);
    }

    /** Evaluate requests sent, retries included. */
    long requests() {
        return requests.get();
    }

    /** Requests that were retries of a transient failure. */
    long retries() {
        return retried.get();
    }

    /** Samples answered (outputs written). */
    long answered() {
        return answered.get();
    }

    /** Time the calling thread spent waiting for answers, in nanoseconds. */
    long waitNanos() {
        return waitNanos;
    }

    /** Stops the workers (interrupting requests still in flight after a fatal answer). */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
