package org.snauq.dist;

/**
 * Inverse CDF of a continuous law with support [lower, upper] (upper may be +infinity) by safeguarded Newton
 * iteration on the log of the smaller tail, for the laws Commons Math inverts only with a bracketing solver
 * (gamma, beta: about 50 CDF evaluations and a new solver object per call, absolute accuracy 1e-9).
 *
 * <p>For u &lt;= 1/2 it solves G(s) = ln F(x) - ln u with x = lower + e^s; for u &gt; 1/2 it solves
 * G(s) = ln Q(x) - ln(1 - u), Q = 1 - F, with x = upper - e^s (finite upper) or x = -s (infinite upper). G is
 * increasing in s, G' = f(x) |dx/ds| / T(x), and near a tail T behaves like a power of the distance to the end or an
 * exponential, so G is nearly linear in s there: Halley steps (Newton with the second derivative) converge in two
 * or three tail evaluations and the quantile keeps the
 * relative accuracy of its tail. A step leaving the bracket of signs seen so far is replaced by bisection (or by
 * doubling while one side is unbounded), so the iteration always converges. No allocation; thread safe as long as
 * the tail and density functions are.
 */
abstract class TailInversion {

    private static final int MAX_ITERATIONS = 200;
    /** Stop when a step changes s by less than a few ulps of s (or of 1 near s = 0). */
    private static final double STEP_TOLERANCE = 4e-16;
    /**
     * Halley's iteration converges cubically: once a Halley step is below 1e-6 (relative to max(1, |s|)), the error
     * after taking it is of order 1e-18, so it is taken without another tail evaluation.
     */
    private static final double HALLEY_FINAL_STEP = 1e-6;

    /** F(x) when {@code upper} is false, 1 - F(x) when true, each with full relative accuracy. */
    abstract double tail(double x, boolean upper);

    abstract double pdf(double x);

    /** d ln f / dx at x inside the support (for Halley's correction). */
    abstract double logPdfSlope(double x);

    /** A starting point inside the support for probability u. */
    abstract double guess(double u);

    abstract double lowerEnd();

    abstract double upperEnd();

    /** x with F(x) = u: the support's ends at 0 and 1, NaN outside [0, 1]. */
    final double solve(double u) {
        if (!(u > 0 && u < 1)) {
            return u == 0 ? lowerEnd() : u == 1 ? upperEnd() : Double.NaN;
        }
        boolean upperSide = u > 0.5;
        double logTarget = Math.log(upperSide ? 1 - u : u);
        double lo = lowerEnd();
        double hi = upperEnd();
        boolean unbounded = hi == Double.POSITIVE_INFINITY;
        double x = guess(u);
        if (!(x > lo && x < hi)) {
            x = unbounded ? lo + 1 : 0.5 * (lo + hi);
        }
        double s = toS(x, upperSide, unbounded, lo, hi);
        double sLo = Double.NEGATIVE_INFINITY;
        // The far end of the support in s, where the tail is 1 and G > 0: ln(hi - lo), or -lo when s = -x.
        double sHi = unbounded ? (upperSide ? -lo : Double.POSITIVE_INFINITY) : Math.log(hi - lo);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            x = toX(s, upperSide, unbounded, lo, hi);
            double t = tail(x, upperSide);
            double g = Math.log(t) - logTarget;
            if (g == 0) {
                return x;
            }
            if (g > 0) {
                sHi = s;
            } else {
                sLo = s;
            }
            // G' = f |x'| / T and G'' = G' (d ln f/dx x' + x''/x' - G'), with x' = e^s (lower side), -e^s (upper,
            // finite end) or -1 (s = -x), and x''/x' = 1, 1, 0 respectively.
            double dxds = upperSide ? (unbounded ? -1 : -(hi - x)) : x - lo;
            double slope = pdf(x) * Math.abs(dxds) / t;
            double curvature = slope * (logPdfSlope(x) * dxds + (unbounded && upperSide ? 0 : 1) - slope);
            double halley = s - 2 * g * slope / (2 * slope * slope - g * curvature);
            double next = Double.isFinite(halley) ? halley : s - g / slope;
            if (next > sLo && next < sHi && Math.abs(next - s) <= HALLEY_FINAL_STEP * Math.max(1, Math.abs(s))) {
                s = next;
                break;
            }
            if (!(next > sLo && next < sHi)) {
                if (sLo == Double.NEGATIVE_INFINITY) {
                    next = sHi - Math.max(1, Math.abs(sHi));
                } else if (sHi == Double.POSITIVE_INFINITY) {
                    next = sLo + Math.max(1, Math.abs(sLo));
                } else {
                    next = 0.5 * (sLo + sHi);
                }
            }
            if (Math.abs(next - s) <= STEP_TOLERANCE * Math.max(1, Math.abs(s)) || next == sLo || next == sHi) {
                s = next;
                break;
            }
            s = next;
        }
        x = toX(s, upperSide, unbounded, lo, hi);
        return Math.min(Math.max(x, lo), hi);
    }

    private static double toS(double x, boolean upperSide, boolean unbounded, double lo, double hi) {
        if (!upperSide) {
            return Math.log(x - lo);
        }
        return unbounded ? -x : Math.log(hi - x);
    }

    private static double toX(double s, boolean upperSide, boolean unbounded, double lo, double hi) {
        if (!upperSide) {
            return lo + Math.exp(s);
        }
        return unbounded ? -s : hi - Math.exp(s);
    }
}
