package org.snauq.models;

import java.util.List;

/**
 * No model: the design's inputs alone ({@code sna generate --design-only}), for users who run their simulator
 * elsewhere. It has no outputs, so a data set of it holds one column per input and nothing can fail.
 */
public final class DesignOnlyModel implements UqModel {

    private static final long serialVersionUID = 1L;

    private final String[] inputs;

    public DesignOnlyModel(List<String> inputs) {
        this.inputs = inputs.toArray(String[]::new);
    }

    @Override
    public List<String> inputNames() {
        return List.of(inputs);
    }

    @Override
    public List<String> outputs() {
        return List.of();
    }

    @Override
    public Evaluator newEvaluator() {
        return (points, count, out, failures) -> {
        };
    }

    @Override
    public String description() {
        return "design only (no model)";
    }
}
