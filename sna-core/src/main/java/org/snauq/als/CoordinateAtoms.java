package org.snauq.als;

import java.util.Arrays;
import java.util.function.LongToDoubleFunction;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;

/**
 * Where a regression fit puts the atoms of one coordinate (METHOD.md section 2): uniform breakpoints over the
 * domain when the training values spread evenly over their range, else the interior breakpoints at the quantiles
 * k / (n - p) of the training values and the end breakpoints at the domain ends.
 *
 * <p>Quantiles, because then every span holds about as many training rows whatever the input's law: a lognormal
 * input gets short spans where its rows are dense instead of a few spans holding nearly all of them. Evenly
 * spread values (a uniform input, a space-filling design) keep uniform breakpoints, which represent exactly the
 * splines users plant and test with and locate a span in O(1); "evenly" is the Kolmogorov-Smirnov test against
 * the uniform law on the values' range at the 1% level. Uniform breakpoints over the domain are the fallback
 * when tied values (a discrete input) do not give increasing quantiles.
 *
 * <p>Domain ends, because the model is queried beyond its training rows: rows held out for validation, and every
 * sample of an input law whose support is wider than the data (a normal or lognormal input). The end spans then
 * reach from the outermost interior breakpoint to the domain end, so the polynomial piece fitted to the lowest
 * (highest) rows continues smoothly beyond them; uniform knots over the domain would leave atoms there without
 * data, and clamping at the data range holds a trend constant.
 *
 * <p>Rows anywhere: the rule needs of the sorted training values only their count, the Kolmogorov-Smirnov
 * distance (a maximum of per-rank terms, {@link #uniformityTerm}) and the order statistics at
 * {@link #quantileRanks}; a distributed fit computes these where the rows are and calls
 * {@link #place(double, double, int, int, long, double, LongToDoubleFunction)}, which places the same atoms, bit
 * for bit, as the in-memory fit.
 *
 * <p>API CONTRACT: the three public methods.
 */
public final class CoordinateAtoms {

    /** Kolmogorov-Smirnov critical value at the 1% level, times sqrt(N) (asymptotic). */
    private static final double KS_CRITICAL = 1.628;

    private CoordinateAtoms() {
    }

    /**
     * The atoms of coordinate d.
     *
     * @param data   the rows and the domain
     * @param rows   the training rows (their values place the breakpoints)
     * @param d      the coordinate
     * @param degree p &gt;= 1
     * @param atoms  n &gt;= p + 1
     */
    static BSplineBasis place(TrainingData data, int[] rows, int d, int degree, int atoms) {
        double lower = data.lower()[d];
        double upper = data.upper()[d];
        if (atoms - degree == 1) {
            return BSplineBasis.clampedUniform(degree, atoms, lower, upper);
        }
        int dim = data.dimension();
        double[] v = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            v[j] = data.x()[rows[j] * dim + d];
        }
        Arrays.sort(v);
        return place(lower, upper, degree, atoms, v.length, uniformDistance(v), i -> v[(int) i]);
    }

    /**
     * The atoms of a coordinate on [lower, upper] from its n sorted training values, given as their
     * Kolmogorov-Smirnov distance to the uniform law on their range (the maximum of {@link #uniformityTerm} over
     * all ranks) and the order statistics at {@link #quantileRanks} (the only ones read).
     *
     * @param orderStatistic rank i (0-based) to the i-th smallest training value
     */
    public static BSplineBasis place(double lower, double upper, int degree, int atoms, long n, double ksDistance,
                                     LongToDoubleFunction orderStatistic) {
        int spans = atoms - degree;
        if (spans == 1 || ksDistance <= KS_CRITICAL / Math.sqrt(n)) {
            return BSplineBasis.clampedUniform(degree, atoms, lower, upper);
        }
        double[] breakpoints = new double[spans + 1];
        for (int k = 1; k < spans; k++) {
            double position = (double) k / spans * (n - 1);
            long i = (long) position;
            double frac = position - i;
            double low = orderStatistic.applyAsDouble(i);
            breakpoints[k] = i + 1 < n ? low + frac * (orderStatistic.applyAsDouble(i + 1) - low) : low;
        }
        breakpoints[0] = lower;
        breakpoints[spans] = upper;
        if (!increasing(breakpoints)) { // tied values (a discrete input) give equal quantiles: uniform atoms
            return BSplineBasis.clampedUniform(degree, atoms, lower, upper);
        }
        return new BSplineBasis(KnotVector.clamped(degree, breakpoints));
    }

    /** The ranks whose order statistics {@link #place} reads for n values and atoms - degree spans, ascending. */
    public static long[] quantileRanks(long n, int spans) {
        java.util.TreeSet<Long> ranks = new java.util.TreeSet<>();
        for (int k = 1; k < spans; k++) {
            long i = (long) ((double) k / spans * (n - 1));
            ranks.add(i);
            if (i + 1 < n) {
                ranks.add(i + 1);
            }
        }
        return ranks.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The Kolmogorov-Smirnov term of the value v of rank i (0-based) among n sorted values whose range is
     * [lo, lo + width]: the larger gap between its empirical and its uniform distribution function. 0 for a
     * range of width 0 (all values equal count as evenly spread).
     */
    public static double uniformityTerm(double v, long i, long n, double lo, double width) {
        if (!(width > 0)) {
            return 0.0;
        }
        double cdf = (v - lo) / width;
        return Math.max((i + 1.0) / n - cdf, cdf - (double) i / n);
    }

    /** The Kolmogorov-Smirnov distance of sorted values to the uniform law on their range. */
    static double uniformDistance(double[] sorted) {
        int n = sorted.length;
        double lo = sorted[0];
        double width = sorted[n - 1] - lo;
        double distance = 0.0;
        for (int i = 0; i < n; i++) {
            distance = Math.max(distance, uniformityTerm(sorted[i], i, n, lo, width));
        }
        return distance;
    }

    /** Whether the sorted values pass the Kolmogorov-Smirnov test for a uniform law on [v_min, v_max] at 1%. */
    static boolean evenlySpread(double[] sorted) {
        return uniformDistance(sorted) <= KS_CRITICAL / Math.sqrt(sorted.length);
    }

    private static boolean increasing(double[] b) {
        for (int k = 1; k < b.length; k++) {
            if (!(b[k] > b[k - 1])) {
                return false;
            }
        }
        return true;
    }
}
