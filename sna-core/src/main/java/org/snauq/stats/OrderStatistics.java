package org.snauq.stats;

import org.apache.commons.math3.special.Beta;

/**
 * Which order statistics estimate a quantile and bound it, distribution-free.
 *
 * <p>The p-quantile of n values is the inclusive lower quantile, the r-th smallest value with r = ceil(p n) (at
 * least 1). Its confidence interval is [X_(l), X_(u)] with l, u chosen from the binomial law: for n independent
 * draws of a continuous law with p-quantile xi, B = #{X_i &lt;= xi} ~ Binomial(n, p), X_(l) &lt;= xi exactly when
 * B &gt;= l and X_(u) &gt;= xi exactly when B &lt;= u - 1, so the coverage is P(l &lt;= B &lt;= u - 1) (David and Nagaraja,
 * "Order Statistics", 3rd ed., 2003, section 7.1). Each tail is held at most (1 - confidence) / 2, so the coverage is
 * at least the confidence (more when np is small: B is discrete). An end the sample cannot bound is l = 0 or
 * u = n + 1 (the interval end is then infinite). Latin hypercube samples make B less variable (Owen 1997), so the
 * interval is conservative there.
 *
 * <p>The binomial CDF is I_{1-p}(n - k, k + 1) (the regularised incomplete beta function, Commons Math), valid for
 * any n that fits a long; a rank search costs about 2 log2(n) evaluations.
 */
public final class OrderStatistics {

    /** Relative accuracy of the incomplete beta function: far below the 1e-3 steps of a tail probability. */
    private static final double BETA_EPS = 1e-15;
    private static final int BETA_ITERATIONS = 1_000_000;

    private OrderStatistics() {
    }

    /**
     * The rank of the p-quantile among n values: ceil(p n), at least 1.
     *
     * @throws IllegalArgumentException unless p is in [0, 1] and n &gt;= 1
     */
    public static long rank(double p, long n) {
        checkProbability(p);
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        return Math.max(1, Math.min(n, (long) Math.ceil(p * n)));
    }

    /**
     * The ranks {l, u} of the distribution-free confidence interval [X_(l), X_(u)] of the p-quantile; l = 0 and
     * u = n + 1 stand for an infinite end.
     *
     * @throws IllegalArgumentException unless p is in (0, 1), n &gt;= 1 and confidence in (0, 1)
     */
    public static long[] confidenceRanks(double p, long n, double confidence) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
        }
        Intervals.checkConfidence(confidence);
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        double tail = 0.5 * (1 - confidence);
        // l - 1 = the largest k with F(k) <= tail (-1 when F(0) > tail): then P(B < l) <= tail
        long lo = -1;
        long hi = n;
        while (hi - lo > 1) { // invariant: F(lo) <= tail < F(hi), with F(-1) = 0 and F(n) = 1
            long mid = lo + (hi - lo) / 2;
            if (binomialCdf(mid, n, p) <= tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        long l = lo + 1;
        // u - 1 = the smallest k with F(k) >= 1 - tail: then P(B >= u) <= tail
        lo = -1;
        hi = n;
        while (hi - lo > 1) { // invariant: F(lo) < 1 - tail <= F(hi)
            long mid = lo + (hi - lo) / 2;
            if (binomialCdf(mid, n, p) >= 1 - tail) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        long u = hi + 1;
        return new long[] {l, u};
    }

    /** The exact coverage P(l &lt;= B &lt;= u - 1), B ~ Binomial(n, p), of [X_(l), X_(u)] (l = 0, u = n + 1: open). */
    public static double coverage(long l, long u, double p, long n) {
        return binomialCdf(u - 1, n, p) - binomialCdf(l - 1, n, p);
    }

    /** P(B &lt;= k) for B ~ Binomial(n, p). */
    static double binomialCdf(long k, long n, double p) {
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        return Beta.regularizedBeta(1 - p, n - k, k + 1.0, BETA_EPS, BETA_ITERATIONS);
    }

    static void checkProbability(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
    }
}
