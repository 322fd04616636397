package org.snauq.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snauq.study.Study;
import org.snauq.study.UmBridgeSpec;

/**
 * A model served over UM-Bridge protocol 1.0 as a study model ({@code model: {umbridge: ...}}, docs/UMBRIDGE.md):
 * each Spark task sends its points to the server(s) as {@code Evaluate} requests, up to {@code parallel} in flight
 * ({@link UmBridgeLink}); blocks, names, the failure policy and the task lifecycle are {@link ExternalModel}'s.
 *
 * <p>The driver checks the model before any sampling ({@link #of}, {@link UmBridgeProbe}): the protocol version,
 * the name, Evaluate support, and sizes that match the study's inputs; the outputs are the server's
 * {@code OutputSizes}, named by {@code outputs} or y1 .. yK. The study's {@code timeout} applies to each request.
 */
public final class UmBridgeModel extends ExternalModel {

    private static final long serialVersionUID = 1L;

    private final UmBridgeTarget target;

    private UmBridgeModel(List<String> inputs, UmBridgeSpec spec, UmBridgeTarget target, String where) {
        super(inputs, spec.external(target.outputs()), where, "UM-Bridge model " + target.name() + " at "
                + String.join(", ", target.urls()));
        this.target = target;
    }

    /**
     * The model of {@code spec}, checked against the servers and the study's inputs.
     *
     * @param where the study place for messages, e.g. {@code "s.yaml: model.umbridge"}
     * @throws org.snauq.study.StudyException naming the URL and the mismatch, or the unreachable server
     */
    public static UmBridgeModel of(Study study, UmBridgeSpec spec, String where) {
        UmBridgeTarget target = UmBridgeProbe.check(where, spec.urls(), spec.name(), spec.config(),
                study.inputNames(), spec.outputs(), spec.parallel(), spec.retries());
        return new UmBridgeModel(study.inputNames(), spec, target, where);
    }

    @Override
    protected ExternalLink open() {
        return new UmBridgeLink(target);
    }

    /**
     * What defines the model, for its hash: its name, config and sizes (not the servers: the same model behind
     * another load balancer is the same model) and the output names.
     */
    String identity() {
        return "umbridge:" + target.name() + "\u0000" + target.config() + "\u0000"
                + Arrays.toString(target.inputSizes()) + Arrays.toString(target.outputSizes()) + outputs();
    }

    /** Facts for the manifest. */
    Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("umbridge_urls", target.urls());
        r.put("umbridge_model", target.name());
        try {
            r.put("umbridge_config", UmBridgeClient.JSON.readValue(target.config(), Map.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the config is JSON written by the parser", e);
        }
        r.put("input_sizes", Arrays.stream(target.inputSizes()).boxed().toList());
        r.put("output_sizes", Arrays.stream(target.outputSizes()).boxed().toList());
        r.put("parallel", target.parallel());
        r.put("timeout_s", timeoutSeconds());
        r.put("retries", target.retries());
        return r;
    }
}
