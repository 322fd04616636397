package org.snauq.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Confidence intervals shared by the accumulators.
 * <ul>
 *   <li>CLT / delta method: estimate +- z_{(1+c)/2} se.</li>
 *   <li>Replicates (randomised QMC, SOBOL-CONVENTION): estimate +- t_{K-1,(1+c)/2} sd(e_1..e_K) / sqrt(K) over K
 *       independent replicate estimates e_k; the point estimate pools all samples.</li>
 *   <li>Wilson score interval for a proportion k/n (Wilson 1927; Newcombe 1998, Stat. Med. 17, method 3):
 *       (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).</li>
 * </ul>
 * Quantiles of the normal and t laws come from Commons Math.
 */
public final class Intervals {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);

    private Intervals() {
    }

    /** z with P(|Z| &lt;= z) = confidence. */
    public static double normalQuantile(double confidence) {
        checkConfidence(confidence);
        return STANDARD_NORMAL.inverseCumulativeProbability(0.5 * (1.0 + confidence));
    }

    /** t with P(|T_df| &lt;= t) = confidence. */
    public static double studentQuantile(int degreesOfFreedom, double confidence) {
        checkConfidence(confidence);
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + degreesOfFreedom);
        }
        // tight solver accuracy: the default (1e-9) would show in the digits of reported intervals
        return new TDistribution(null, degreesOfFreedom, 1e-14).inverseCumulativeProbability(0.5 * (1.0 + confidence));
    }

    /** estimate +- z se; NaN ends when se is NaN. */
    public static ConfidenceInterval normal(double estimate, double standardError, double confidence) {
        double half = normalQuantile(confidence) * standardError;
        return new ConfidenceInterval(estimate, estimate - half, estimate + half, confidence);
    }

    /**
     * estimate +- t_{K-1} sd(replicateEstimates) / sqrt(K); NaN ends when K &lt; 2.
     *
     * @param estimate           the pooled point estimate
     * @param replicateEstimates read, one estimate per independent replicate
     */
    public static ConfidenceInterval replicates(double estimate, double[] replicateEstimates, double confidence) {
        checkConfidence(confidence);
        int k = replicateEstimates.length;
        if (k < 2) {
            return new ConfidenceInterval(estimate, Double.NaN, Double.NaN, confidence);
        }
        double mean = 0.0;
        for (double e : replicateEstimates) {
            mean += e;
        }
        mean /= k;
        double ss = 0.0;
        for (double e : replicateEstimates) {
            ss += (e - mean) * (e - mean); // two-pass: no cancellation
        }
        double se = Math.sqrt(ss / (k - 1) / k);
        double half = studentQuantile(k - 1, confidence) * se;
        return new ConfidenceInterval(estimate, estimate - half, estimate + half, confidence);
    }

    /** Wilson score interval for {@code successes} out of {@code trials}; all NaN when trials = 0. */
    public static ConfidenceInterval wilson(long successes, long trials, double confidence) {
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be in [0, trials = " + trials + "], got " + successes);
        }
        if (trials == 0) {
            return new ConfidenceInterval(Double.NaN, Double.NaN, Double.NaN, confidence);
        }
        double z = normalQuantile(confidence);
        double n = trials;
        double p = successes / n;
        double z2n = z * z / n;
        double centre = (p + 0.5 * z2n) / (1.0 + z2n);
        double half = z * Math.sqrt(p * (1.0 - p) / n + 0.25 * z2n / n) / (1.0 + z2n);
        return new ConfidenceInterval(p, Math.max(0.0, centre - half), Math.min(1.0, centre + half), confidence);
    }

    static void checkConfidence(double confidence) {
        if (!(confidence > 0.0 && confidence < 1.0)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }
}
