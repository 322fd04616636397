package org.snauq.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model served over UM-Bridge protocol 1.0 (docs/UMBRIDGE.md, "Running a study through a UM-Bridge model"), one
 * more external model kind beside {@code command} and {@code java}, with their shared keys ({@link ExternalSpec}):
 * <pre>
 * model:
 *   umbridge:
 *     url: http://localhost:4242      # or a list of servers: requests go to each in turn
 *     name: forward                   # the model's name on the server; optional when it serves one model
 *     config: {fidelity: 2}           # sent with every request, as JSON; default {}
 *     parallel: 8                     # requests in flight per Spark task; default 8
 *     outputs: [depth, width]         # names of the outputs; default y1 .. yK from OutputSizes
 *     timeout: 60                     # seconds one request (one sample) may take; default: no limit
 *     retries: 3                      # further attempts after a connection error, HTTP 5xx or timeout; default 3
 *     block: 256                      # design rows per block (one task's share at a time); default: automatic
 * </pre>
 *
 * @param urls     the servers, http or https, without a trailing {@code /}
 * @param name     the model's name, or null for the one model the server serves
 * @param config   the config object as JSON text
 * @param parallel requests in flight per task at most
 * @param outputs  the output names, or empty for {@code y1 .. yK} (K from the server's {@code OutputSizes})
 * @param timeout  seconds one request may take, or 0 for no limit
 * @param retries  further attempts of a sample after a transient failure
 * @param block    design rows per block (a power of two), or 0 for automatic ({@link ExternalSpec#blockRows})
 */
public record UmBridgeSpec(List<String> urls, String name, String config, int parallel, List<String> outputs,
                           double timeout, int retries, int block) {

    /** The key of the {@code model} block. */
    public static final String KEY = "umbridge";
    static final List<String> KEYS = keys();
    public static final int DEFAULT_PARALLEL = 8;
    /** Network errors are mostly passing (a busy load balancer, a restarted pod): a few retries by default. */
    public static final int DEFAULT_RETRIES = 3;
    /** Most requests in flight per task: each holds a connection and a thread. */
    public static final int MAX_PARALLEL = 256;
    /** Longest config, as JSON: it travels with every request. */
    public static final int MAX_CONFIG_CHARS = 1 << 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    public UmBridgeSpec {
        urls = List.copyOf(urls);
        Objects.requireNonNull(config, "config");
        outputs = List.copyOf(outputs);
        if (urls.isEmpty() || parallel < 1 || parallel > MAX_PARALLEL) {
            throw new IllegalArgumentException("a UM-Bridge model needs a URL and parallel in [1, " + MAX_PARALLEL
                    + "], got " + urls + " and " + parallel);
        }
        external(outputs.isEmpty() ? List.of("y1") : outputs); // checks timeout, retries and block
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("url", "name", "config", "parallel"));
        keys.addAll(ExternalSpec.KEYS);
        return List.copyOf(keys);
    }

    /** The shared external-model settings, with the outputs' names (given, or y1 .. yK once K is known). */
    public ExternalSpec external(List<String> outputNames) {
        return new ExternalSpec(outputNames, timeout, retries, block);
    }

    /**
     * Reads {@code umbridge: {...}} from the mapping that holds it ({@code model}, or the simulator of
     * {@code train}); the shared keys ({@code outputs}, {@code timeout}, {@code retries}, {@code block}) are read
     * and checked by {@link ExternalSpec#parse}, only the default of {@code retries} differs.
     */
    static UmBridgeSpec parse(YamlFields holder) {
        YamlFields f = holder.mapping(KEY, KEYS);
        List<String> urls = urls(f);
        String name = f.has("name") ? f.string("name") : null;
        if (name != null && (name.isBlank() || name.length() > MAX_MODEL_NAME)) {
            throw f.error("name", "must be the model's name on the server (1 to " + MAX_MODEL_NAME + " characters)",
                    name);
        }
        String config = f.has("config") ? config(f) : "{}";
        int parallel = f.smallInteger("parallel", DEFAULT_PARALLEL);
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw f.error("parallel", "must lie in [1, " + MAX_PARALLEL + "] requests in flight per task",
                    f.raw("parallel"));
        }
        ExternalSpec shared = ExternalSpec.parse(f, List.of("y1")); // y1: a stand-in until the server says K
        return new UmBridgeSpec(urls, name, config, parallel, f.has("outputs") ? shared.outputs() : List.of(),
                shared.timeout(), f.has("retries") ? shared.retries() : DEFAULT_RETRIES, shared.block());
    }

    /** Longest model name: the protocol sets no limit, a name is not a document. */
    static final int MAX_MODEL_NAME = 256;

    /** {@code url: U} or {@code url: [U, ...]}, each checked and without a trailing {@code /}. */
    private static List<String> urls(YamlFields f) {
        Object raw = f.require("url");
        boolean list = raw instanceof List<?>;
        List<Object> items = list ? f.list("url") : List.of(raw);
        if (items.isEmpty()) {
            throw f.error("url", "must name at least one server");
        }
        if (items.size() > Limits.MAX_LIST) {
            throw f.error("url", "must list at most " + Limits.MAX_LIST + " servers", items.size() + " servers");
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String key = list ? "url[" + i + "]" : "url";
            if (!(items.get(i) instanceof String text)) {
                throw f.error(key, "must be a URL such as http://host:4242", items.get(i));
            }
            String problem = urlProblem(text);
            if (problem != null) {
                throw f.error(key, problem, text);
            }
            urls.add(text.replaceAll("/+$", ""));
        }
        return urls;
    }

    /** Why {@code text} is not a server URL, or null when it is one. */
    static String urlProblem(String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
        String scheme = u.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            return "must be an http:// or https:// URL with a host, such as http://host:4242";
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            return "must not have a query or fragment (the protocol's paths, /Evaluate and others, are appended)";
        }
        return null;
    }

    /** The config mapping as JSON text: text, numbers, booleans, null, lists and mappings only. */
    private static String config(YamlFields f) {
        if (!(f.raw("config") instanceof Map<?, ?>)) {
            throw f.error("config", "must be a mapping (sent to the model as a JSON object)", f.raw("config"));
        }
        String text;
        try {
            text = JSON.writeValueAsString(json(f, "config", f.raw("config")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
        if (text.length() > MAX_CONFIG_CHARS) {
            throw f.error("config", "must be at most " + MAX_CONFIG_CHARS + " characters as JSON (it goes with every"
                    + " request)", text.length() + " characters");
        }
        return text;
    }

    private static JsonNode json(YamlFields f, String key, Object v) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (v == null) {
            return nodes.nullNode();
        } else if (v instanceof String s) {
            return nodes.textNode(s);
        } else if (v instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (v instanceof Integer || v instanceof Long) {
            return nodes.numberNode(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            return nodes.numberNode(b);
        } else if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw f.error(key, "must be a finite number (JSON has no NaN or infinity)", v);
            }
            return nodes.numberNode(d);
        } else if (v instanceof List<?> l) {
            ArrayNode a = nodes.arrayNode();
            for (int i = 0; i < l.size(); i++) {
                a.add(json(f, key + "[" + i + "]", l.get(i)));
            }
            return a;
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode o = nodes.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw f.error(key, "must have text keys (JSON objects do)", e.getKey());
                }
                o.set(k, json(f, key + "." + k, e.getValue()));
            }
            return o;
        }
        String what = v instanceof java.util.Date ? "a date (quote it to send it as text)"
                : "a YAML " + v.getClass().getSimpleName(); // binary, set: not in JSON
        throw f.error(key, "must be text, a number, true, false, null, a list or a mapping (as in JSON), got " + what);
    }
}
