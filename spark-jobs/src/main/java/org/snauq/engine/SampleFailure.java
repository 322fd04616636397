package org.snauq.engine;

import java.io.Serializable;
import java.util.List;

/**
 * One sample the model could not evaluate, or whose output is not finite: a row of the {@code failures} table.
 *
 * @param index  the sample (design row) index
 * @param inputs the sample's inputs in study order (the A point of a pick-freeze row)
 * @param output the output concerned, or null when the model failed the whole point
 * @param reason one line, e.g. {@code "model output y is NaN"}
 */
public record SampleFailure(long index, double[] inputs, String output, String reason) implements Serializable {

    public SampleFailure {
        inputs = inputs.clone();
    }

    @Override
    public double[] inputs() {
        return inputs.clone();
    }

    /** "sample 17 (x1 = 0.5, x2 = -1000.0): model output y is NaN". */
    public String describe(List<String> inputNames) {
        StringBuilder b = new StringBuilder("sample ").append(index).append(" (");
        for (int d = 0; d < inputs.length; d++) {
            b.append(d == 0 ? "" : ", ").append(inputNames.get(d)).append(" = ").append(inputs[d]);
        }
        return b.append("): ").append(reason).toString();
    }
}
