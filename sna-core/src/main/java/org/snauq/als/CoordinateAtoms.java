package org.snauq.als;

import java.util.Arrays;
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
 */
final class CoordinateAtoms {

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
        int spans = atoms - degree;
        double lower = data.lower()[d];
        double upper = data.upper()[d];
        if (spans == 1) {
            return BSplineBasis.clampedUniform(degree, atoms, lower, upper);
        }
        int dim = data.dimension();
        double[] v = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            v[j] = data.x()[rows[j] * dim + d];
        }
        Arrays.sort(v);
        if (evenlySpread(v)) {
            return BSplineBasis.clampedUniform(degree, atoms, lower, upper);
        }
        double[] breakpoints = quantileBreakpoints(v, spans);
        breakpoints[0] = lower;
        breakpoints[spans] = upper;
        if (!increasing(breakpoints)) { // tied values (a discrete input) give equal quantiles: uniform atoms
            return BSplineBasis.clampedUniform(degree, atoms, lower, upper);
        }
        return new BSplineBasis(KnotVector.clamped(degree, breakpoints));
    }

    /** v_min, the quantiles k / spans (linear interpolation between order statistics) for 0 &lt; k &lt; spans, v_max. */
    static double[] quantileBreakpoints(double[] sorted, int spans) {
        double[] b = new double[spans + 1];
        double vMin = sorted[0];
        double vMax = sorted[sorted.length - 1];
        b[0] = vMin;
        b[spans] = vMax;
        for (int k = 1; k < spans; k++) {
            double position = (double) k / spans * (sorted.length - 1);
            int i = (int) position;
            double frac = position - i;
            b[k] = i + 1 < sorted.length ? sorted[i] + frac * (sorted[i + 1] - sorted[i]) : sorted[i];
        }
        return b;
    }

    /** Whether the sorted values pass the Kolmogorov-Smirnov test for a uniform law on [v_min, v_max] at 1%. */
    static boolean evenlySpread(double[] sorted) {
        int n = sorted.length;
        double lo = sorted[0];
        double width = sorted[n - 1] - lo;
        if (!(width > 0)) {
            return true;
        }
        double distance = 0.0;
        for (int i = 0; i < n; i++) {
            double cdf = (sorted[i] - lo) / width;
            distance = Math.max(distance, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
        }
        return distance <= KS_CRITICAL / Math.sqrt(n);
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
