package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snauq.design.SamplingDesign;
import org.snauq.design.SamplingDesigns;

/**
 * Coverage of the quantile intervals over 200 seeds (the acceptance of issue 14 at reduced size), through the
 * two-pass protocol: the true quantiles of a standard normal output are known exactly.
 *
 * <p>Counts: with true coverage c, 200 seeds cover 200 c +- 3 sqrt(200 c (1 - c)) (= 190 +- 9 at c = 0.95); the
 * pooled count over 7 probabilities (1,400 trials, sd 0.58%) must land in the issue's [93%, 97%].
 */
class QuantileCoverageTest {

    static final double[] P = {0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999};
    static final int SEEDS = 200;
    static final double CONFIDENCE = 0.95;
    /** The acceptance range of pooled coverage. */
    static final double LOWEST = 0.93;
    static final double HIGHEST = 0.97;
    /** One probability's count: 4.5 sds below 190 (0.95 of 200) fails once in 300,000 honest runs. */
    static final int FEWEST_PER_P = 176;

    /** y = (z_1 + ... + z_d) / sqrt(d), z_i = Phi^-1(u_i): standard normal for every d. */
    static double[] normalOutput(String design, int dimension, int n, long seed) {
        SamplingDesign d = SamplingDesigns.of(design, dimension, n, seed);
        double[] u = new double[n * dimension];
        d.fill(0, n, u);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < dimension; j++) {
                s += QuantileBracketsTest.NORMAL.inverseCdf(u[i * dimension + j]);
            }
            y[i] = s / Math.sqrt(dimension);
        }
        return y;
    }

    /** How often each p's interval covers Phi^-1(p). */
    static int[] covered(String design, int dimension, int n, int replicates) {
        int[] hits = new int[P.length];
        for (int seed = 0; seed < SEEDS; seed++) {
            double[] y = normalOutput(design, dimension, n, 5000 + seed);
            List<QuantileEstimate> rows = QuantileBracketsTest.twoPass(y, replicates, P, CONFIDENCE);
            for (int j = 0; j < P.length; j++) {
                if (rows.get(j).covers(QuantileBracketsTest.NORMAL.inverseCdf(P[j]))) {
                    hits[j]++;
                }
            }
        }
        return hits;
    }

    static void assertCoverage(int[] hits, double lowest, double highest) {
        int total = Arrays.stream(hits).sum();
        double pooled = (double) total / (SEEDS * P.length);
        assertTrue(pooled >= lowest && pooled <= highest, "pooled coverage " + pooled + ", per p "
                + Arrays.toString(hits));
        for (int h : hits) {
            assertTrue(h >= FEWEST_PER_P, "per p " + Arrays.toString(hits));
        }
    }

    @Test
    void binomialInterval_mc2to14_coversIn93To97Percent() {
        assertCoverage(covered("mc", 1, 1 << 14, 1), LOWEST, HIGHEST);
    }

    @Test
    void replicateInterval_sobolThreeInputs2to14_coversIn93To97Percent() {
        assertCoverage(covered("sobol", 3, 1 << 14, 16), LOWEST, HIGHEST);
    }

    /** One input: LHS and a scrambled net stratify the line, and the intervals are conservative. */
    @Test
    void intervals_oneInputStratified_coverAtLeastNominally() {
        assertCoverage(covered("lhs", 1, 1 << 12, 1), LOWEST, 1.0);
        assertCoverage(covered("sobol", 1, 1 << 12, 16), LOWEST, 1.0);
    }
}
