package org.snauq.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * UM-Bridge protocol 1.0 requests to one server (https://um-bridge-benchmarks.readthedocs.io/en/docs/protocol.html):
 * {@code GET /Info}, {@code POST /ModelInfo}, {@code /InputSizes}, {@code /OutputSizes} and {@code /Evaluate} with
 * JSON bodies, over the JDK's HTTP client (HTTP/1.1, keep-alive connections pooled per JVM) and Jackson.
 *
 * <p>Every unsuccessful request is a {@link Failure} of one of three kinds, which decide what the caller does:
 * <ul>
 *   <li>{@link Failure.Kind#TRANSIENT}: no answer (refused or lost connection, timeout), HTTP 5xx, 408 or 429 without
 *       a protocol error object: worth another attempt;</li>
 *   <li>{@link Failure.Kind#MODEL_ERROR}: an answer carrying {@code {"error": {"type", "message"}}}, whatever its
 *       status (the reference Python server answers {@code InvalidOutput} with 500): the model's own verdict, so
 *       another attempt would only repeat it;</li>
 *   <li>{@link Failure.Kind#BAD_ANSWER}: any other answer that breaks the protocol (an HTTP 404 from a wrong path,
 *       an output of the wrong shape);</li>
 *   <li>{@link Failure.Kind#NOT_JSON}: a successful status with a body that is not JSON, as the reference Python
 *       server sends when its model returns NaN (it prints {@code nan}): the sample's answer is unusable.</li>
 * </ul>
 * Numbers in answers may be {@code NaN} or {@code Infinity} (Jackson's non-standard tokens, as some servers write
 * them): a non-finite output is then a failed sample, found by the engine. Thread safe: one client may serve many
 * threads.
 */
final class UmBridgeClient {

    /** The protocol version this client speaks ({@code protocolVersion} in {@code /Info}). */
    static final double PROTOCOL_VERSION = 1.0;

    /** How long opening a connection may take: an address that answers nothing is reported after this. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final String url;
    private final URI base;

    /**
     * @param url the server, {@code http://host:port} or with a path prefix (a reverse proxy), as checked by the study
     *            parser ({@code UmBridgeSpec}); a trailing {@code /} is ignored
     */
    UmBridgeClient(String url) {
        this.url = url;
        this.base = URI.create(url.replaceAll("/+$", ""));
    }

    /** The URL as given. */
    String url() {
        return url;
    }

    /** {@code GET /Info}: the protocol version and the served models. */
    JsonNode info(Duration timeout) throws Failure {
        return send(HttpRequest.newBuilder(URI.create(base + "/Info")).GET(), timeout);
    }

    /**
     * {@code POST /<action>} with {@code body}; the answer, a JSON object without an {@code error} member.
     *
     * @param timeout how long the answer may take, or null for no limit
     */
    JsonNode post(String action, ObjectNode body, Duration timeout) throws Failure {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
        return send(HttpRequest.newBuilder(URI.create(base + "/" + action))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), timeout);
    }

    private JsonNode send(HttpRequest.Builder request, Duration timeout) throws Failure {
        if (timeout != null) {
            request.timeout(timeout);
        }
        HttpResponse<byte[]> response;
        try {
            response = Shared.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new Failure(Failure.Kind.TRANSIENT, "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw new Failure(Failure.Kind.TRANSIENT, "no answer within " + seconds(timeout));
        } catch (ConnectException e) {
            throw new Failure(Failure.Kind.TRANSIENT, "cannot connect (" + reason(e) + ")");
        } catch (IOException e) {
            throw new Failure(Failure.Kind.TRANSIENT, "connection lost (" + reason(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.TRANSIENT, "interrupted");
        }
        return answer(response.statusCode(), response.body());
    }

    /** The answer's object, or the failure its status and body say. */
    static JsonNode answer(int status, byte[] body) throws Failure {
        JsonNode json = null;
        String notJson = null;
        try {
            json = JSON.readTree(body);
            if (json.isMissingNode()) { // Jackson's answer to an empty body
                json = null;
                notJson = "an empty body";
            }
        } catch (IOException e) {
            notJson = firstLine(e.getMessage());
        }
        JsonNode error = json == null ? null : json.get("error");
        if (error != null && error.isObject()) {
            String type = error.path("type").asText("error");
            String message = abbreviated(error.path("message").asText(""));
            throw new Failure(Failure.Kind.MODEL_ERROR, type + ": " + message, type, message);
        }
        boolean retry = status >= 500 || status == 408 || status == 429;
        if (status / 100 != 2) {
            throw new Failure(retry ? Failure.Kind.TRANSIENT : Failure.Kind.BAD_ANSWER, "HTTP " + status
                    + (json == null ? "" : " " + abbreviated(json.toString())));
        }
        if (notJson != null) {
            throw new Failure(Failure.Kind.NOT_JSON, "the answer is not JSON (" + notJson + ")");
        }
        if (!json.isObject()) {
            throw new Failure(Failure.Kind.BAD_ANSWER, "the answer is not a JSON object: " + abbreviated(json.toString()));
        }
        return json;
    }

    /**
     * Copies an {@code Evaluate} answer's {@code output} (vectors of the given sizes) into {@code out[off ..]}.
     *
     * @throws Failure of kind {@link Failure.Kind#BAD_ANSWER} when the shape or a value is not as declared
     */
    static void readOutput(JsonNode answer, int[] outputSizes, double[] out, int off) throws Failure {
        JsonNode output = answer.get("output");
        if (output == null || !output.isArray() || output.size() != outputSizes.length) {
            throw new Failure(Failure.Kind.BAD_ANSWER, "output must be a list of " + outputSizes.length + " vectors"
                    + " (OutputSizes " + java.util.Arrays.toString(outputSizes) + "), got "
                    + abbreviated(String.valueOf(output)));
        }
        int k = off;
        for (int v = 0; v < outputSizes.length; v++) {
            JsonNode vector = output.get(v);
            if (!vector.isArray() || vector.size() != outputSizes[v]) {
                throw new Failure(Failure.Kind.BAD_ANSWER, "output[" + v + "] must be a vector of " + outputSizes[v]
                        + " numbers, got " + abbreviated(vector.toString()));
            }
            for (JsonNode value : vector) {
                if (!value.isNumber()) {
                    throw new Failure(Failure.Kind.BAD_ANSWER, "output[" + v + "] must hold numbers, got "
                            + abbreviated(value.toString()));
                }
                out[k++] = value.doubleValue();
            }
        }
    }

    /** {@code [[x_0 .. x_{s0-1}], [x_{s0} ..], ...]}: a point cut into the model's input vectors. */
    static ArrayNode inputVectors(double[] points, int off, int[] inputSizes) {
        ArrayNode vectors = JSON.createArrayNode();
        int d = off;
        for (int size : inputSizes) {
            ArrayNode v = vectors.addArray();
            for (int i = 0; i < size; i++) {
                v.add(points[d++]);
            }
        }
        return vectors;
    }

    static String seconds(Duration d) {
        return d == null ? "no limit" : (d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s");
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(m);
    }

    /** At most 200 characters of a server's text, on one line. */
    static String abbreviated(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /**
     * One HTTP client per JVM (that is per executor): its pool keeps the keep-alive connections of every task, and
     * Java 17's client cannot be closed. HTTP/1.1: servers such as the reference aiohttp one do not speak HTTP/2,
     * and an upgrade attempt costs a round trip. Redirects are not followed: a POST body would be lost.
     */
    private static final class Shared {
        static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A request that did not give a usable answer; the message is one line. */
    static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        enum Kind { TRANSIENT, MODEL_ERROR, BAD_ANSWER, NOT_JSON }

        private final Kind kind;
        private final String errorType;
        private final String errorMessage;

        Failure(Kind kind, String message) {
            this(kind, message, null, null);
        }

        Failure(Kind kind, String message, String errorType, String errorMessage) {
            super(message, null, false, false); // expected outcomes: no stack trace
            this.kind = kind;
            this.errorType = errorType;
            this.errorMessage = errorMessage;
        }

        Kind kind() {
            return kind;
        }

        /** The protocol error's type ({@code InvalidInput}, ...) of a {@link Kind#MODEL_ERROR}, else null. */
        String errorType() {
            return errorType;
        }

        /** The protocol error's message (one line, abbreviated) of a {@link Kind#MODEL_ERROR}, else null. */
        String errorMessage() {
            return errorMessage;
        }
    }
}
