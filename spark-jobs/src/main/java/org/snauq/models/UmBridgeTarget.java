package org.snauq.models;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A UM-Bridge model as checked on the driver ({@link UmBridgeProbe}): everything an executor needs to send it
 * {@code Evaluate} requests. Immutable and serialisable (it travels inside the broadcast model).
 *
 * <p>A point's D coordinates (the study's inputs, in study order) are cut into the model's input vectors in order:
 * vector i takes the next {@code inputSizes[i]} coordinates, so the sizes sum to D. The answer's output vectors,
 * concatenated in order, are the K = sum of {@code outputSizes} outputs.
 *
 * @param where       the study place messages start with, e.g. {@code "s.yaml: model.umbridge"}
 * @param urls        the servers, one or more; requests go to each in turn
 * @param name        the model's name on the servers
 * @param config      the {@code config} object sent with every request, as JSON text
 * @param inputSizes  {@code InputSizes}, summing to the number of inputs
 * @param outputSizes {@code OutputSizes}, summing to the number of outputs
 * @param outputs     the outputs' names, as many as the sizes' sum
 * @param inputNames  the study's input names, for messages
 * @param parallel    requests in flight per task at most, &gt;= 1
 * @param retries     further attempts of a sample after a transient failure, &gt;= 0
 */
record UmBridgeTarget(String where, List<String> urls, String name, String config, int[] inputSizes,
                      int[] outputSizes, List<String> outputs, List<String> inputNames, int parallel, int retries)
        implements Serializable {

    UmBridgeTarget {
        urls = List.copyOf(urls);
        inputSizes = inputSizes.clone();
        outputSizes = outputSizes.clone();
        outputs = List.copyOf(outputs);
        inputNames = List.copyOf(inputNames);
        if (urls.isEmpty() || parallel < 1 || retries < 0 || Arrays.stream(inputSizes).sum() != inputNames.size()
                || outputs.isEmpty() || Arrays.stream(outputSizes).sum() != outputs.size()) {
            throw new IllegalArgumentException("a UM-Bridge target needs a URL, parallel >= 1, retries >= 0, input"
                    + " sizes summing to the inputs and output sizes summing to the outputs");
        }
    }

    @Override
    public int[] inputSizes() {
        return inputSizes.clone();
    }

    @Override
    public int[] outputSizes() {
        return outputSizes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UmBridgeTarget t && where.equals(t.where) && urls.equals(t.urls) && name.equals(t.name)
                && config.equals(t.config) && Arrays.equals(inputSizes, t.inputSizes)
                && Arrays.equals(outputSizes, t.outputSizes) && outputs.equals(t.outputs) && inputNames.equals(t.inputNames)
                && parallel == t.parallel && retries == t.retries;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(where, urls, name, config, Arrays.hashCode(inputSizes),
                Arrays.hashCode(outputSizes), outputs, inputNames, parallel, retries);
    }

    @Override
    public String toString() {
        return "UM-Bridge model " + name + " at " + String.join(", ", urls);
    }
}
