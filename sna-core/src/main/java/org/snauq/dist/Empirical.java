package org.snauq.dist;

import java.util.Arrays;

/**
 * The empirical distribution of n data values with linear interpolation: F^{-1}(u) = x_(i) + (h - i)(x_(i+1) -
 * x_(i)) with h = (n - 1) u and i = floor(h), x_(0) &lt;= ... &lt;= x_(n-1) the sorted values (Hyndman and Fan 1996,
 * "Sample quantiles in statistical packages", definition 7; R's and numpy's default quantile). Its CDF is piecewise
 * linear through (x_(i), i / (n - 1)): mass 1 / (n - 1) spread uniformly on each gap, so the law is continuous on
 * [x_(0), x_(n-1)] (tied values make an atom). Mean and variance are those of that piecewise uniform law.
 *
 * <p>Cost: O(1) per quantile, O(log n) per CDF; 8 bytes per value. Immutable, thread safe, allocation-free.
 */
final class Empirical implements Distribution {

    private final double[] x;
    private final double mean;
    private final double variance;

    /** @param sorted read, not copied: sorted, finite, two distinct values at least */
    Empirical(double[] sorted) {
        this.x = sorted;
        int gaps = sorted.length - 1;
        double m = 0;
        for (int i = 0; i < gaps; i++) {
            m += 0.5 * (sorted[i] + sorted[i + 1]);
        }
        m /= gaps;
        double v = 0;
        for (int i = 0; i < gaps; i++) {
            double a = sorted[i] - m; // centred first: no cancellation against m^2
            double b = sorted[i + 1] - m;
            v += (a * a + a * b + b * b) / 3;
        }
        this.mean = m;
        this.variance = v / gaps;
    }

    /**
     * The empirical law of {@code data} (read, copied).
     *
     * @throws IllegalArgumentException naming the value that is not finite, or when there are fewer than two
     *                                  distinct values
     */
    static Empirical of(double[] data) {
        double[] sorted = checkedSorted(data);
        return new Empirical(sorted);
    }

    /** A sorted copy of data values, checked: finite, at least two distinct. */
    static double[] checkedSorted(double[] data) {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("data[" + i + "] must be finite, got " + data[i]);
            }
        }
        if (data.length < 2) {
            throw new IllegalArgumentException("data must hold at least 2 values, got " + data.length);
        }
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        if (sorted[0] == sorted[sorted.length - 1]) {
            throw new IllegalArgumentException("data must hold two distinct values, got " + sorted.length
                    + " times " + sorted[0] + " (use constant)");
        }
        return sorted;
    }

    @Override
    public double inverseCdf(double u) {
        int n = x.length;
        double h = (n - 1) * u;
        if (!(h >= 0)) {
            return u == 0 ? x[0] : Double.NaN;
        }
        int i = (int) h;
        if (i >= n - 1) {
            return u <= 1 ? x[n - 1] : Double.NaN;
        }
        return x[i] + (h - i) * (x[i + 1] - x[i]);
    }

    @Override
    public double cdf(double v) {
        if (v < x[0]) {
            return 0;
        }
        int i = lastAtMost(v);
        if (i == x.length - 1) {
            return 1;
        }
        return (i + (v - x[i]) / (x[i + 1] - x[i])) / (x.length - 1); // x[i] <= v < x[i + 1]
    }

    @Override
    public double density(double v) {
        if (v < x[0] || v >= x[x.length - 1]) {
            return 0;
        }
        int i = lastAtMost(v);
        return 1 / ((x.length - 1) * (x[i + 1] - x[i]));
    }

    /** The largest index i with x[i] &lt;= v (v &gt;= x[0]). */
    private int lastAtMost(double v) {
        return SortedValues.count(x, v, false) - 1;
    }

    @Override
    public double mean() {
        return mean;
    }

    @Override
    public double variance() {
        return variance;
    }

    @Override
    public double supportLower() {
        return x[0];
    }

    @Override
    public double supportUpper() {
        return x[x.length - 1];
    }

    @Override
    public String toString() {
        return "empirical(" + x.length + " values in [" + x[0] + ", " + x[x.length - 1] + "])";
    }
}
