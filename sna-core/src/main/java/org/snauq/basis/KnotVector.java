package org.snauq.basis;

import java.util.Arrays;

/**
 * An open (clamped) knot vector of degree p over [a, b] carrying n B-spline basis functions.
 *
 * <p>The knots are t_0 = .. = t_p = a &lt; t_{p+1} &lt;= .. &lt;= t_{n-1} &lt; t_n = .. = t_{n+p} = b,
 * so there are n + p + 1 of them and n - p knot spans of positive length. Interior breakpoints are
 * strictly increasing (no repeated interior knots), so every basis function is C^{p-1}.
 *
 * <p>Immutable and thread safe. A uniform vector locates a span in O(1); a graded one by binary search.
 */
public final class KnotVector {

    private final int degree;
    private final int count;
    private final double[] knots;
    private final boolean uniform;
    private final double invStep;

    private KnotVector(int degree, double[] breakpoints, boolean uniform) {
        this.degree = degree;
        this.count = breakpoints.length - 1 + degree;
        this.knots = new double[count + degree + 1];
        for (int i = 0; i < knots.length; i++) {
            int b = Math.min(Math.max(i - degree, 0), breakpoints.length - 1);
            knots[i] = breakpoints[b];
        }
        this.uniform = uniform;
        this.invStep = (breakpoints.length - 1) / (upper() - lower());
    }

    /**
     * Uniform clamped knots: {@code count} basis functions of degree {@code degree} over [lower, upper].
     *
     * @throws IllegalArgumentException if degree &lt; 1, count &lt; degree + 1 or the interval is empty
     */
    public static KnotVector clampedUniform(int degree, int count, double lower, double upper) {
        checkDegree(degree);
        if (count < degree + 1) {
            throw new IllegalArgumentException(
                    "knots must be >= degree + 1 = " + (degree + 1) + ", got " + count);
        }
        checkInterval(lower, upper);
        int spans = count - degree;
        double[] breakpoints = new double[spans + 1];
        for (int i = 0; i <= spans; i++) {
            breakpoints[i] = lower + (upper - lower) * i / spans;
        }
        breakpoints[spans] = upper;
        return new KnotVector(degree, breakpoints, true);
    }

    /**
     * Clamped knots on the given breakpoints a = x_0 &lt; x_1 &lt; .. &lt; x_m = b (graded meshes).
     *
     * @param breakpoints read, not modified; strictly increasing, at least two
     */
    public static KnotVector clamped(int degree, double[] breakpoints) {
        checkDegree(degree);
        if (breakpoints.length < 2) {
            throw new IllegalArgumentException("breakpoints must have at least 2 values, got " + breakpoints.length);
        }
        for (int i = 1; i < breakpoints.length; i++) {
            if (!(breakpoints[i] > breakpoints[i - 1])) {
                throw new IllegalArgumentException("breakpoints must be strictly increasing and finite, got "
                        + breakpoints[i - 1] + " then " + breakpoints[i] + " at index " + i);
            }
        }
        checkInterval(breakpoints[0], breakpoints[breakpoints.length - 1]);
        return new KnotVector(degree, breakpoints.clone(), false);
    }

    private static void checkDegree(int degree) {
        if (degree < 1) {
            throw new IllegalArgumentException("degree must be >= 1, got " + degree);
        }
    }

    private static void checkInterval(double lower, double upper) {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower < upper)) {
            throw new IllegalArgumentException("interval must be finite with lower < upper, got [" + lower + ", " + upper + "]");
        }
    }

    /** Polynomial degree p of the basis. */
    public int degree() {
        return degree;
    }

    /** Number n of basis functions (atoms). */
    public int count() {
        return count;
    }

    public double lower() {
        return knots[0];
    }

    public double upper() {
        return knots[knots.length - 1];
    }

    /** True when the interior breakpoints are equally spaced. */
    public boolean isUniform() {
        return uniform;
    }

    /** Knot t_i, 0 &lt;= i &lt; n + p + 1. */
    public double knot(int i) {
        return knots[i];
    }

    /** A copy of all n + p + 1 knots. */
    public double[] knots() {
        return knots.clone();
    }

    /** The distinct breakpoints a = x_0 &lt; .. &lt; x_m = b (a copy). */
    public double[] breakpoints() {
        return Arrays.copyOfRange(knots, degree, count + 1);
    }

    /** Number of knot spans of positive length, n - p. */
    public int spanCount() {
        return count - degree;
    }

    /**
     * The span index i in [p, n-1] with t_i &lt;= x &lt; t_{i+1}; x = b gives n - 1. Points outside
     * [a, b] get the first or last span (the caller decides whether that is allowed).
     */
    public int findSpan(double x) {
        if (!(x > knots[degree])) { // also catches NaN, which lands in the first span
            return degree;
        }
        if (x >= knots[count]) {
            return count - 1;
        }
        if (uniform) {
            int s = degree + (int) ((x - knots[degree]) * invStep);
            // Rounding in (x - a) / h can put x one span off near a breakpoint.
            if (s > count - 1) {
                s = count - 1;
            }
            if (x < knots[s]) {
                s--;
            } else if (x >= knots[s + 1]) {
                s++;
            }
            return s;
        }
        int lo = degree;
        int hi = count;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x < knots[mid]) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return lo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnotVector k && k.degree == degree && Arrays.equals(k.knots, knots);
    }

    @Override
    public int hashCode() {
        return 31 * degree + Arrays.hashCode(knots);
    }

    @Override
    public String toString() {
        return "KnotVector[degree=" + degree + ", count=" + count + ", [" + lower() + ", " + upper() + "]"
                + (uniform ? ", uniform]" : ", graded]");
    }
}
