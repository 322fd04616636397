package org.snauq.uq;

import java.util.List;

/**
 * Closed-form mean, variance and Sobol indices of an SNA under independent inputs ({@link ClosedFormUq}).
 *
 * @param output     the model's output name
 * @param inputs     the coordinate names, in model order
 * @param mean       E[u]
 * @param variance   Var[u]
 * @param firstOrder S_i, in model order
 * @param total      ST_i, in model order
 */
public record ClosedFormResult(String output, List<String> inputs, double mean, double variance,
                               List<Double> firstOrder, List<Double> total) {

    public ClosedFormResult {
        inputs = List.copyOf(inputs);
        firstOrder = List.copyOf(firstOrder);
        total = List.copyOf(total);
        if (firstOrder.size() != inputs.size() || total.size() != inputs.size()) {
            throw new IllegalArgumentException("one index per input expected: " + inputs.size() + " inputs, "
                    + firstOrder.size() + " first-order and " + total.size() + " total indices");
        }
    }

    public double firstOrder(int i) {
        return firstOrder.get(i);
    }

    public double total(int i) {
        return total.get(i);
    }

    public double std() {
        return Math.sqrt(variance);
    }
}
