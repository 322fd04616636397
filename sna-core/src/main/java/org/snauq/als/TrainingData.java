package org.snauq.als;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Regression data (z_j, y_j), j &lt; N, with the domain [lower_d, upper_d] the model must cover.
 *
 * <p>Validated on construction: N &gt;= 2 rows, x has N * D finite values, y N finite values, names distinct,
 * lower_d &lt; upper_d finite with every row inside, no input column and no response constant (a constant
 * column carries no information about its coordinate). Messages name the column and the 0-based row,
 * e.g. {@code "column x2 has a NaN at row 17"}.
 *
 * <p>The arrays are copied in; the accessors return the stored arrays without copying (the data can be
 * large), which callers must treat as read-only.
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

    public TrainingData {
        names = List.copyOf(names); // also rejects null names
        checkValues(names, x, y);
        int dim = names.size();
        if (lower.length != dim || upper.length != dim) {
            throw new IllegalArgumentException("domain must have " + dim + " lower and upper bounds, got "
                    + lower.length + " and " + upper.length);
        }
        int rows = y.length;
        for (int d = 0; d < dim; d++) {
            String name = names.get(d);
            if (!Double.isFinite(lower[d]) || !Double.isFinite(upper[d]) || !(lower[d] < upper[d])) {
                throw new IllegalArgumentException("domain of " + name + " must be finite with lower < upper, got ["
                        + lower[d] + ", " + upper[d] + "]");
            }
            for (int j = 0; j < rows; j++) {
                double v = x[j * dim + d];
                if (v < lower[d] || v > upper[d]) {
                    throw new IllegalArgumentException("column " + name + " has " + v + " at row " + j
                            + ", outside its domain [" + lower[d] + ", " + upper[d] + "]");
                }
            }
        }
        x = x.clone();
        y = y.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    /** Data whose domain is the range of each column. */
    public static TrainingData of(List<String> names, double[] x, double[] y) {
        checkValues(names, x, y);
        int dim = names.size();
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        for (int d = 0; d < dim; d++) {
            lower[d] = Double.POSITIVE_INFINITY;
            upper[d] = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < y.length; j++) {
                lower[d] = Math.min(lower[d], x[j * dim + d]);
                upper[d] = Math.max(upper[d], x[j * dim + d]);
            }
        }
        return new TrainingData(names, x, y, lower, upper);
    }

    /** Data with an explicit domain that must contain every row. */
    public static TrainingData of(List<String> names, double[] x, double[] y, double[] lower, double[] upper) {
        return new TrainingData(names, x, y, lower, upper);
    }

    /** Shapes, names, finiteness and non-constant columns; independent of the domain. */
    private static void checkValues(List<String> names, double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int dim = names.size();
        if (dim < 1) {
            throw new IllegalArgumentException("names must list at least one coordinate, got none");
        }
        for (String n : names) {
            Objects.requireNonNull(n, "coordinate name");
        }
        if (new HashSet<>(names).size() != dim) {
            throw new IllegalArgumentException("names must be distinct, got " + names);
        }
        int rows = y.length;
        if (rows < 2) {
            throw new IllegalArgumentException("data must have at least 2 rows, got " + rows);
        }
        if ((long) rows * dim != x.length) {
            throw new IllegalArgumentException("x must have rows * D = " + rows + " * " + dim + " = "
                    + (long) rows * dim + " values, got " + x.length);
        }
        for (int d = 0; d < dim; d++) {
            String name = names.get(d);
            boolean constant = true;
            double first = x[d];
            for (int j = 0; j < rows; j++) {
                double v = x[j * dim + d];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("column " + name + " has a " + describe(v) + " at row " + j);
                }
                constant &= v == first;
            }
            if (constant) {
                throw new IllegalArgumentException("column " + name + " is constant (" + first
                        + " in every row): the data say nothing about it; drop the column");
            }
        }
        boolean constant = true;
        for (int j = 0; j < rows; j++) {
            if (!Double.isFinite(y[j])) {
                throw new IllegalArgumentException("response has a " + describe(y[j]) + " at row " + j);
            }
            constant &= y[j] == y[0];
        }
        if (constant) {
            throw new IllegalArgumentException("response is constant (" + y[0] + " in every row): nothing to fit");
        }
    }

    private static String describe(double v) {
        return Double.isNaN(v) ? "NaN" : (v > 0 ? "+Infinity" : "-Infinity");
    }

    public int rows() {
        return y.length;
    }

    public int dimension() {
        return names.size();
    }
}
