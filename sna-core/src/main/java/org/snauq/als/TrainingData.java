package org.snauq.als;

import java.util.List;

/**
 * Regression data (z_j, y_j), j &lt; N, with the domain [lower_d, upper_d] the model must cover.
 *
 * <p>API CONTRACT: {@link #of(List, double[], double[])} (domain = data range) and
 * {@link #of(List, double[], double[], double[], double[])} (domain given, e.g. the support of the inputs).
 *
 * @param names coordinate names, D of them
 * @param x     row-major N x D inputs
 * @param y     N responses
 * @param lower D lower domain bounds
 * @param upper D upper domain bounds
 */
public record TrainingData(List<String> names, double[] x, double[] y, double[] lower, double[] upper) {

    /** Data whose domain is the range of each column. */
    public static TrainingData of(List<String> names, double[] x, double[] y) {
        throw new UnsupportedOperationException("TODO(als)");
    }

    /** Data with an explicit domain that must contain every row. */
    public static TrainingData of(List<String> names, double[] x, double[] y, double[] lower, double[] upper) {
        throw new UnsupportedOperationException("TODO(als)");
    }

    public int rows() {
        return y.length;
    }

    public int dimension() {
        return names.size();
    }
}
