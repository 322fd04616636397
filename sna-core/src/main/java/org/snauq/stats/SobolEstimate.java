package org.snauq.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Sobol indices of D inputs with confidence intervals: first order S_j (centred Saltelli 2010) and total
 * ST_j (Jansen 1999), from {@link SobolAccumulator}.
 *
 * @param n              number of pick-freeze rows
 * @param mean           mean of f over f(A) and f(B)
 * @param variance       variance of f over f(A) and f(B)
 * @param firstOrder     S_j with intervals, j &lt; D
 * @param total          ST_j with intervals, j &lt; D
 * @param intervalMethod how the intervals were obtained
 */
public record SobolEstimate(long n, double mean, double variance, List<ConfidenceInterval> firstOrder,
                            List<ConfidenceInterval> total, IntervalMethod intervalMethod) {

    /** Estimator names, as in the results' {@code method} column. */
    public static final String FIRST_ORDER_METHOD = "saltelli";
    public static final String TOTAL_METHOD = "jansen";

    /** How an interval was computed. */
    public enum IntervalMethod {
        /** Delta method on the accumulator's sums; rows independent (mc, lhs approximately). */
        DELTA,
        /** t-interval over independent replicates (randomised Sobol'). */
        REPLICATES
    }

    public SobolEstimate {
        firstOrder = List.copyOf(firstOrder);
        total = List.copyOf(total);
    }

    public int dimension() {
        return firstOrder.size();
    }

    /**
     * Estimates for a randomised QMC design made of K independent replicates (SOBOL-CONVENTION): points pool
     * all replicates (folded in replicate order), intervals are estimate +- t_{K-1} sd(replicate estimates)
     * / sqrt(K).
     *
     * @param replicates read, one accumulator per replicate, in replicate order, K &gt;= 2 for intervals
     */
    public static SobolEstimate fromReplicates(List<SobolAccumulator> replicates, double confidence) {
        SobolAccumulator pooled = Mergeable.foldInOrder(replicates);
        int dim = pooled.dimension();
        int k = replicates.size();
        List<ConfidenceInterval> first = new ArrayList<>(dim);
        List<ConfidenceInterval> total = new ArrayList<>(dim);
        double[] s = new double[k];
        double[] st = new double[k];
        for (int j = 0; j < dim; j++) {
            for (int r = 0; r < k; r++) {
                s[r] = replicates.get(r).firstOrder(j);
                st[r] = replicates.get(r).total(j);
            }
            first.add(Intervals.replicates(pooled.firstOrder(j), s, confidence));
            total.add(Intervals.replicates(pooled.total(j), st, confidence));
        }
        return new SobolEstimate(pooled.count(), pooled.mean(), pooled.variance(), first, total,
                IntervalMethod.REPLICATES);
    }
}
