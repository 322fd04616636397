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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model served over UM-Bridge protocol 1.0 (docs/UMBRIDGE.md, "Running a study through a UM-Bridge model"):
 * <pre>
 * model:
 *   umbridge:
 *     url: http://localhost:4242      # or a list of servers: requests go to each in turn
 *     name: forward                   # the model's name on the server; optional when it serves one model
 *     config: {fidelity: 2}           # sent with every request, as JSON; default {}
 *     outputs: [depth, width]         # names of the outputs; default y1 .. yK from OutputSizes
 *     parallel: 8                     # requests in flight per Spark task; default 8
 *     timeout: 60                     # seconds one request may take; default: no limit
 *     retries: 3                      # further attempts after a connection error, HTTP 5xx or timeout; default 3
 * </pre>
 *
 * @param urls     the servers, http or https, without a trailing {@code /}
 * @param name     the model's name, or null for the one model the server serves
 * @param config   the config object as JSON text
 * @param outputs  the output names, or empty for {@code y1 .. yK}
 * @param parallel requests in flight per task at most
 * @param timeout  seconds one request may take, or 0 for no limit
 * @param retries  further attempts of a sample after a transient failure
 */
public record UmBridgeSpec(List<String> urls, String name, String config, List<String> outputs, int parallel,
                           double timeout, int retries) {

    /** The key of the {@code model} block. */
    public static final String KEY = "umbridge";
    static final List<String> KEYS = List.of("url", "name", "config", "outputs", "parallel", "timeout", "retries");
    public static final int DEFAULT_PARALLEL = 8;
    public static final int DEFAULT_RETRIES = 3;
    /** Most requests in flight per task: each holds a connection and a thread. */
    public static final int MAX_PARALLEL = 256;
    /** Most retries of one sample: with the backoff doubling up to 10 s, ten take about a minute. */
    public static final int MAX_RETRIES = 10;
    /** Longest timeout: a week for one request is a typo, not a simulation. */
    public static final double MAX_TIMEOUT = 7 * 24 * 3600.0;
    /** Longest config, as JSON: it travels with every request. */
    public static final int MAX_CONFIG_CHARS = 1 << 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    public UmBridgeSpec {
        urls = List.copyOf(urls);
        Objects.requireNonNull(config, "config");
        outputs = List.copyOf(outputs);
        if (urls.isEmpty() || parallel < 1 || parallel > MAX_PARALLEL || !(timeout >= 0 && timeout <= MAX_TIMEOUT)
                || retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("a UM-Bridge model needs a URL, parallel in [1, " + MAX_PARALLEL
                    + "], timeout in [0, " + MAX_TIMEOUT + "] and retries in [0, " + MAX_RETRIES + "]");
        }
    }

    /** Reads {@code umbridge: {...}} from the mapping that holds it ({@code model} or a simulator block). */
    static UmBridgeSpec parse(YamlFields holder) {
        YamlFields f = holder.mapping(KEY, KEYS);
        List<String> urls = urls(f);
        String name = f.has("name") ? f.string("name") : null;
        if (name != null && (name.isBlank() || name.length() > Limits.MAX_NAME_LENGTH * 4)) {
            throw f.error("name", "must be the model's name on the server (1 to " + Limits.MAX_NAME_LENGTH * 4
                    + " characters)", name);
        }
        String config = f.has("config") ? config(f) : "{}";
        List<String> outputs = f.has("outputs") ? outputs(f) : List.of();
        int parallel = f.smallInteger("parallel", DEFAULT_PARALLEL);
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw f.error("parallel", "must lie in [1, " + MAX_PARALLEL + "] requests in flight per task",
                    f.raw("parallel"));
        }
        double timeout = 0;
        if (f.has("timeout")) {
            timeout = f.number("timeout");
            if (!(timeout > 0 && timeout <= MAX_TIMEOUT)) {
                throw f.error("timeout", "must be a number of seconds in (0, " + (long) MAX_TIMEOUT + "]",
                        f.raw("timeout"));
            }
        }
        int retries = f.smallInteger("retries", DEFAULT_RETRIES);
        if (retries < 0 || retries > MAX_RETRIES) {
            throw f.error("retries", "must lie in [0, " + MAX_RETRIES + "]", f.raw("retries"));
        }
        return new UmBridgeSpec(urls, name, config, outputs, parallel, timeout, retries);
    }

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
        throw f.error(key, "must be text, a number, true, false, null, a list or a mapping (as in JSON)",
                v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v);
    }

    private static List<String> outputs(YamlFields f) {
        List<Object> items = f.list("outputs");
        if (items.isEmpty() || items.size() > Limits.MAX_OUTPUTS) {
            throw f.error("outputs", "must name 1 to " + Limits.MAX_OUTPUTS + " outputs", items.size() + " names");
        }
        List<String> names = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String key = "outputs[" + i + "]";
            if (!(items.get(i) instanceof String name)) {
                throw f.error(key, "must be a name", items.get(i));
            }
            StudyParser.checkName(f, key, name, seen, "output");
            names.add(name);
        }
        return names;
    }
}
