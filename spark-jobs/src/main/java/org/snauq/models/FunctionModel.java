package org.snauq.models;

import java.util.List;
import org.snauq.datasets.BenchmarkFunction;
import org.snauq.datasets.BenchmarkFunctions;

/**
 * A benchmark function from {@code org.snauq.datasets}, shipped by name and looked up again in each task.
 * {@code columns[d]} is the study column holding the function's coordinate d, so study inputs may come in any
 * order.
 */
public final class FunctionModel implements UqModel {

    /** The output's name. */
    static final String OUTPUT = "y";

    private final String function;
    private final String[] inputs;
    private final int[] columns;

    FunctionModel(String function, List<String> inputs, int[] columns) {
        this.function = function;
        this.inputs = inputs.toArray(String[]::new);
        this.columns = columns.clone();
    }

    @Override
    public List<String> inputNames() {
        return List.of(inputs);
    }

    @Override
    public List<String> outputs() {
        return List.of(OUTPUT);
    }

    @Override
    public String description() {
        return "function " + function;
    }

    @Override
    public Evaluator newEvaluator() {
        BenchmarkFunction f = BenchmarkFunctions.byName(function);
        int dim = inputs.length;
        double[] x = new double[columns.length];
        return (points, count, out, failures) -> {
            for (int j = 0; j < count; j++) {
                int base = j * dim;
                for (int d = 0; d < columns.length; d++) {
                    x[d] = points[base + columns[d]];
                }
                out[j] = f.value(x);
            }
        };
    }
}
