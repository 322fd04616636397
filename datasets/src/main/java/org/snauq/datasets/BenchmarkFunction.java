package org.snauq.datasets;

import java.util.List;
import java.util.OptionalDouble;
import org.snauq.dist.InputSpec;

/**
 * A named test function with its standard input distributions and, where known in closed form, its exact
 * mean, variance and Sobol indices. The exact values are computed from their formulas here, never typed in
 * as literals, so the tests that use them check the code against the mathematics.
 */
public interface BenchmarkFunction {

    /** Registry name, as written in a study file ({@code model: {function: NAME}}). */
    String name();

    /** The standard inputs in order, with their distributions. */
    List<InputSpec> inputs();

    default int dimension() {
        return inputs().size();
    }

    default List<String> inputNames() {
        return inputs().stream().map(InputSpec::name).toList();
    }

    /**
     * f(x).
     *
     * @param x read, length {@link #dimension()}
     */
    double value(double[] x);

    /** Exact E[f] under {@link #inputs()}, when known. */
    OptionalDouble mean();

    /** Exact Var[f] under {@link #inputs()}, when known. */
    OptionalDouble variance();

    /** Exact first-order Sobol indices S_i, or null when not known in closed form. */
    double[] firstOrder();

    /** Exact total Sobol indices ST_i, or null when not known in closed form. */
    double[] total();
}
