package org.snauq.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Quantile rows with distribution-free confidence intervals, from any {@link OrderedSample}.
 * <ul>
 *   <li>One sample (mc, lhs): value X_(r), interval [X_(l), X_(u)] by binomial order statistics
 *       ({@link OrderStatistics}).</li>
 *   <li>Replicate groups (randomised Sobol'): value X_(r) of the pooled sample, interval by inverting the
 *       replicate t-test of the empirical CDF ({@link #replicates(OrderedSample, List, double, double, String)};
 *       replicate spread as docs/DECISIONS.md decides for Sobol' runs).</li>
 * </ul>
 * A sketch's rank error widens the interval: its end ranks move out by ceil(eps n). Stateless.
 */
final class QuantileRows {

    private QuantileRows() {
    }

    /**
     * Rows for the pooled sample: binomial intervals when there is at most one group, else replicate intervals.
     *
     * @param groups read: the replicate groups in group order (empty or one for mc and lhs)
     */
    static List<QuantileEstimate> of(OrderedSample pooled, List<? extends OrderedSample> groups,
                                     double[] probabilities, double confidence, String method) {
        return groups.size() <= 1 ? binomial(pooled, probabilities, confidence, method)
                : replicates(pooled, groups, probabilities, confidence, method);
    }

    /**
     * Rows for replicate groups of accumulators: their block-order fold as the pooled sample, each as a group.
     *
     * @param groups read, in group order
     * @param view   the ordered view of an accumulator
     */
    static <A extends Mergeable<A>> List<QuantileEstimate> ofGroups(List<A> groups, Function<A, OrderedSample> view,
                                                                   double[] probabilities, double confidence,
                                                                   String method) {
        List<OrderedSample> each = new ArrayList<>();
        for (A g : groups) {
            each.add(view.apply(g));
        }
        return of(view.apply(Mergeable.foldInOrder(groups)), each, probabilities, confidence, method);
    }

    /** Rows for one sample (mc, lhs); all NaN but p and the confidence when the sample is empty. */
    static List<QuantileEstimate> binomial(OrderedSample s, double[] probabilities, double confidence,
                                           String method) {
        checkAll(probabilities, confidence);
        List<QuantileEstimate> rows = new ArrayList<>(probabilities.length);
        for (double p : probabilities) {
            rows.add(binomial(s, p, confidence, method));
        }
        return rows;
    }

    static QuantileEstimate binomial(OrderedSample s, double p, double confidence, String method) {
        long n = s.count();
        if (n == 0) {
            return empty(p, confidence, method);
        }
        long[] lu = OrderStatistics.confidenceRanks(p, n, confidence);
        long l = lu[0] - slack(s, (double) lu[0] / n, n);
        long u = lu[1] + slack(s, (double) lu[1] / n, n);
        double low = l < 1 ? Double.NEGATIVE_INFINITY : s.lowerEnd(s.valueAt(l));
        double high = u > n ? Double.POSITIVE_INFINITY : s.upperEnd(s.valueAt(u));
        return new QuantileEstimate(p, s.valueAt(OrderStatistics.rank(p, n)), low, high, confidence,
                s.rankError(p), method);
    }

    /**
     * Rows from replicate groups: the pooled value, and the interval that inverts the replicate t-test of the
     * empirical CDF.
     *
     * @param groups read, at least 2, in group order
     */
    static List<QuantileEstimate> replicates(OrderedSample pooled, List<? extends OrderedSample> groups,
                                             double[] probabilities, double confidence, String method) {
        checkAll(probabilities, confidence);
        assert groups.size() >= 2;
        List<QuantileEstimate> rows = new ArrayList<>(probabilities.length);
        for (double p : probabilities) {
            rows.add(replicates(pooled, groups, p, confidence, method));
        }
        return rows;
    }

    /**
     * Each group's empirical CDF F_g(x) is unbiased for F(x) (every point of a scrambled net is uniform), and the
     * groups are independent, so mean_g F_g(x) +- t sd_g / sqrt(K) is a t-interval for F(x). The quantile's
     * interval is the run of pooled order statistics x around the estimate where p lies in that interval (test
     * inversion): it covers xi_p when the test at xi_p accepts ({@link #resolution} bounds the standard error from
     * below). A t-interval on the groups' quantiles themselves
     * would not do: a group quantile is biased by up to half a stratum, 1 / (2 n_g), far more than the spread of
     * 16 stratified groups (it covered normal 0.001-quantiles in 73% of seeds at n = 2^12).
     */
    static QuantileEstimate replicates(OrderedSample pooled, List<? extends OrderedSample> groups, double p,
                                       double confidence, String method) {
        long n = pooled.count();
        for (OrderedSample g : groups) {
            if (g.count() == 0) {
                return empty(p, confidence, method);
            }
        }
        double t = Intervals.studentQuantile(groups.size() - 1, confidence);
        long r = OrderStatistics.rank(p, n);
        // the step from X_(r-1) to X_(r) is where the pooled CDF crosses p: always inside
        long from = r - 1;
        long to = r - 1;
        long step = Math.max(1, slack(pooled, p, n) / 2); // a sketch's ranks are no finer than its error
        for (long k = from - step; k >= 1 && accepts(pooled, groups, k, p, t); k -= step) {
            from = k;
        }
        for (long k = to + step; k <= n && accepts(pooled, groups, k, p, t); k += step) {
            to = k;
        }
        long e = slack(pooled, p, n);
        long l = from - e;
        long u = to + 1 + e;
        double low = l < 1 ? Double.NEGATIVE_INFINITY : pooled.lowerEnd(pooled.valueAt(l));
        double high = u > n ? Double.POSITIVE_INFINITY : pooled.upperEnd(pooled.valueAt(u));
        return new QuantileEstimate(p, pooled.valueAt(r), low, high, confidence, pooled.rankError(p), method);
    }

    /** Whether p lies in the replicate t-interval of F at the pooled order statistic X_(k). */
    private static boolean accepts(OrderedSample pooled, List<? extends OrderedSample> groups, long k, double p,
                                   double t) {
        double x = pooled.valueAt(k);
        int m = groups.size();
        double[] f = new double[m];
        double mean = 0;
        for (int g = 0; g < m; g++) {
            f[g] = groups.get(g).fractionAtMost(x);
            mean += f[g];
        }
        mean /= m;
        double ss = 0;
        for (double v : f) {
            ss += (v - mean) * (v - mean); // two-pass: no cancellation
        }
        return Math.abs(mean - p) <= t * Math.max(Math.sqrt(ss / (m - 1) / m), resolution(groups));
    }

    /**
     * The smallest standard error the replicate test assumes: a group's CDF moves in steps of 1 / n_g, and in a
     * stratified group (a scrambled net in one dimension) whether the point of the stratum holding xi falls below it
     * is a coin flip whose 16 outcomes often agree; their sample sd is then 0 and the test would reject the truth
     * (normal 0.01-quantiles of 1-D Sobol' samples were covered in 50% of seeds). A fair coin at one step,
     * 0.5 / (n_g sqrt(K)), is the most such a flip can vary: about 4 pooled ranks, far below any iid interval.
     */
    static double resolution(List<? extends OrderedSample> groups) {
        long smallest = Long.MAX_VALUE;
        for (OrderedSample g : groups) {
            smallest = Math.min(smallest, g.count());
        }
        return 0.5 / (smallest * Math.sqrt(groups.size()));
    }

    /** The rank error near normalised rank q, in ranks, rounded up. */
    private static long slack(OrderedSample s, double q, long n) {
        double e = s.rankError(Math.min(1.0, q));
        return e > 0 ? (long) Math.ceil(e * n) : 0;
    }

    private static QuantileEstimate empty(double p, double confidence, String method) {
        return new QuantileEstimate(p, Double.NaN, Double.NaN, Double.NaN, confidence, Double.NaN, method);
    }

    static void checkAll(double[] probabilities, double confidence) {
        Intervals.checkConfidence(confidence);
        for (double p : probabilities) {
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
            }
        }
    }
}
