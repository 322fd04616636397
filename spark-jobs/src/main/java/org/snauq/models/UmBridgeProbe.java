package org.snauq.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snauq.study.Limits;
import org.snauq.study.StudyException;

/**
 * Checks a UM-Bridge model on the driver before any sampling, server by server: {@code Info} answers protocol 1.0
 * and lists the model (or, with no name given, exactly one model), {@code ModelInfo} says it supports
 * {@code Evaluate}, {@code InputSizes} sum to the study's number of inputs, and {@code OutputSizes} give the
 * outputs (as many as {@code outputs} names, when given); every server of a list must agree. Each problem is a
 * one-line {@link StudyException} naming the URL; an unreachable server is reported after at most the
 * connection timeout, without retries.
 */
final class UmBridgeProbe {

    /** Time limit of each request of the check (they ask for sizes, not evaluations). */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private UmBridgeProbe() {
    }

    /**
     * The checked model.
     *
     * @param where      the study place, e.g. {@code "s.yaml: model.umbridge"}
     * @param urls       the servers, checked in order
     * @param name       the model's name, or null for the one model the servers serve
     * @param config     the {@code config} object, as JSON text
     * @param inputNames the study's inputs, in order
     * @param outputs    the output names given, or empty for {@code y1 .. yK}
     */
    static UmBridgeTarget check(String where, List<String> urls, String name, String config, List<String> inputNames,
                                List<String> outputs, int parallel, int retries) {
        Duration limit = CHECK_TIMEOUT;
        JsonNode configNode;
        try {
            configNode = UmBridgeClient.JSON.readTree(config);
        } catch (IOException e) {
            throw new IllegalArgumentException("config must be JSON text", e);
        }
        String model = name;
        int[] inputSizes = null;
        int[] outputSizes = null;
        String first = null;
        for (int u = 0; u < urls.size(); u++) {
            String url = urls.get(u);
            String place = where + ".url" + (urls.size() == 1 ? "" : "[" + u + "]") + ": " + url;
            UmBridgeClient client = new UmBridgeClient(url);
            model = listed(place, client, model, limit);
            ObjectNode request = UmBridgeClient.JSON.createObjectNode().put("name", model);
            JsonNode support = ask(place, client, "ModelInfo", request, limit).path("support");
            if (!support.path("Evaluate").asBoolean(false)) {
                throw new StudyException(place + ": model " + model + " does not support Evaluate (ModelInfo: "
                        + UmBridgeClient.abbreviated(support.toString()) + ")");
            }
            request.set("config", configNode);
            int[] in = sizes(place, client, "InputSizes", "inputSizes", request, limit, model);
            int[] out = sizes(place, client, "OutputSizes", "outputSizes", request, limit, model);
            if (inputSizes == null) {
                inputSizes = in;
                outputSizes = out;
                first = url;
            } else if (!Arrays.equals(in, inputSizes) || !Arrays.equals(out, outputSizes)) {
                throw new StudyException(place + ": model " + model + " has InputSizes " + Arrays.toString(in)
                        + " and OutputSizes " + Arrays.toString(out) + ", but " + Arrays.toString(inputSizes) + " and "
                        + Arrays.toString(outputSizes) + " at " + first + "; every server must serve the same model");
            }
        }
        long dim = Arrays.stream(inputSizes).asLongStream().sum();
        if (dim != inputNames.size()) {
            throw new StudyException(where + ": model " + model + " at " + first + " takes " + dim + " inputs"
                    + " (InputSizes " + Arrays.toString(inputSizes) + "), the study has " + inputNames.size() + " ("
                    + String.join(", ", inputNames) + "); list one input per coordinate, in the model's order");
        }
        long k = Arrays.stream(outputSizes).asLongStream().sum();
        if (k < 1 || k > Limits.MAX_OUTPUTS) {
            throw new StudyException(where + ": model " + model + " at " + first + " has " + k + " outputs"
                    + " (OutputSizes " + Arrays.toString(outputSizes) + "); sna takes 1 to " + Limits.MAX_OUTPUTS);
        }
        if (!outputs.isEmpty() && outputs.size() != k) {
            throw new StudyException(where + ".outputs names " + outputs.size() + " outputs (" + String.join(", ",
                    outputs) + "), but model " + model + " at " + first + " has " + k + " (OutputSizes "
                    + Arrays.toString(outputSizes) + ")");
        }
        return new UmBridgeTarget(where, urls, model, configNode.toString(), inputSizes, outputSizes,
                outputs.isEmpty() ? defaultOutputs((int) k) : outputs, inputNames, parallel, retries);
    }

    /** {@code y1 .. yK}. */
    static List<String> defaultOutputs(int k) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            names.add("y" + i);
        }
        return names;
    }

    /** The model's name, checked against {@code Info}: protocol 1.0, and the model listed. */
    private static String listed(String place, UmBridgeClient client, String name, Duration limit) {
        JsonNode info;
        try {
            info = client.info(limit);
        } catch (UmBridgeClient.Failure f) {
            throw failed(place, "Info", f);
        }
        JsonNode version = info.get("protocolVersion");
        if (version == null || !version.isNumber()) {
            throw new StudyException(place + ": the Info answer has no protocolVersion; is it a UM-Bridge server? ("
                    + UmBridgeClient.abbreviated(info.toString()) + ")");
        }
        if (version.doubleValue() != UmBridgeClient.PROTOCOL_VERSION) {
            throw new StudyException(place + ": the server speaks UM-Bridge protocol " + version.asText()
                    + "; sna speaks " + UmBridgeClient.PROTOCOL_VERSION);
        }
        List<String> models = new ArrayList<>();
        info.path("models").forEach(m -> models.add(m.asText()));
        if (name == null) {
            if (models.size() != 1) {
                throw new StudyException(place + ": the server serves " + (models.isEmpty() ? "no model" : "models "
                        + String.join(", ", models)) + "; name the one to use (name: ...)");
            }
            return models.get(0);
        }
        if (!models.contains(name)) {
            throw new StudyException(place + ": the server does not serve a model named '" + name + "'; it serves "
                    + (models.isEmpty() ? "none" : String.join(", ", models)));
        }
        return name;
    }

    private static JsonNode ask(String place, UmBridgeClient client, String action, ObjectNode request,
                                Duration limit) {
        try {
            return client.post(action, request, limit);
        } catch (UmBridgeClient.Failure f) {
            throw failed(place, action, f);
        }
    }

    /** {@code InputSizes} or {@code OutputSizes}: a list of vector lengths, each &gt;= 0. */
    private static int[] sizes(String place, UmBridgeClient client, String action, String key, ObjectNode request,
                               Duration limit, String model) {
        JsonNode answer = ask(place, client, action, request, limit).get(key);
        if (answer == null || !answer.isArray() || answer.size() > Limits.MAX_INPUTS) {
            throw new StudyException(place + ": model " + model + " answered " + action + " without a list " + key
                    + " of at most " + Limits.MAX_INPUTS + " sizes, got " + UmBridgeClient.abbreviated(
                    String.valueOf(answer)));
        }
        int[] sizes = new int[answer.size()];
        for (int i = 0; i < sizes.length; i++) {
            JsonNode s = answer.get(i);
            if (!s.canConvertToInt() || !s.isIntegralNumber() || s.intValue() < 0 || s.intValue() > Limits.MAX_INPUTS) {
                throw new StudyException(place + ": model " + model + " answered " + action + " with " + key + "["
                        + i + "] = " + UmBridgeClient.abbreviated(s.toString()) + "; a size is an integer in [0, "
                        + Limits.MAX_INPUTS + "]");
            }
            sizes[i] = s.intValue();
        }
        return sizes;
    }

    private static StudyException failed(String place, String action, UmBridgeClient.Failure f) {
        String what = switch (f.kind()) {
            case TRANSIENT -> action.equals("Info") ? "cannot reach the server: " : action + " failed: ";
            case MODEL_ERROR -> "the server answered " + action + " with ";
            default -> "the server's " + action + " answer is not UM-Bridge: ";
        };
        return new StudyException(place + ": " + what + f.getMessage());
    }
}
