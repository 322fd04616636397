package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class OrderStatisticsTest {

    /** Commons Math's binomial CDF and ours both rest on the incomplete beta function: agreement to rounding. */
    private static final double CDF_TOL = 1e-12;

    @Test
    void confidenceRanks_median20_isTextbookSixToFifteen() {
        // the 95% interval for the median of 20 values is [X_(6), X_(15)] (Conover, Practical Nonparametric
        // Statistics, 3rd ed., table A3; coverage 0.9586)
        assertArrayEquals(new long[] {6, 15}, OrderStatistics.confidenceRanks(0.5, 20, 0.95));
        assertEquals(0.95862, OrderStatistics.coverage(6, 15, 0.5, 20), 1e-5);
    }

    @Test
    void confidenceRanks_anyCase_tailsAtMostHalfTheRestAndTight() {
        for (long n : new long[] {7, 100, 4096, 100_000}) {
            for (double p : new double[] {0.001, 0.01, 0.3, 0.5, 0.99, 0.999}) {
                BinomialDistribution b = new BinomialDistribution(null, (int) n, p);
                long[] lu = OrderStatistics.confidenceRanks(p, n, 0.9);
                long l = lu[0];
                long u = lu[1];
                // P(B < l) <= 5% and l is the largest such; P(B >= u) <= 5% and u the smallest such
                assertTrue(b.cumulativeProbability((int) l - 1) <= 0.05 + CDF_TOL);
                assertTrue(l == n || b.cumulativeProbability((int) l) > 0.05);
                assertTrue(1 - b.cumulativeProbability((int) u - 1) <= 0.05 + CDF_TOL);
                assertTrue(u == 1 || 1 - b.cumulativeProbability((int) u - 2) > 0.05);
                assertTrue(l >= 0 && l <= OrderStatistics.rank(p, n) && u >= OrderStatistics.rank(p, n)
                        && u <= n + 1, n + " " + p);
                assertEquals(b.cumulativeProbability((int) u - 1) - b.cumulativeProbability((int) l - 1),
                        OrderStatistics.coverage(l, u, p, n), CDF_TOL);
                assertTrue(OrderStatistics.coverage(l, u, p, n) >= 0.9 - CDF_TOL);
            }
        }
    }

    @Test
    void confidenceRanks_hugeN_matchNormalApproximation() {
        // n = 10^10 is beyond Commons' int binomial; the normal approximation is accurate to a few ranks there
        long n = 10_000_000_000L;
        double p = 0.01;
        double half = new NormalDistribution().inverseCumulativeProbability(0.975) * Math.sqrt(n * p * (1 - p));
        long[] lu = OrderStatistics.confidenceRanks(p, n, 0.95);
        assertEquals(n * p - half, lu[0], 3);
        assertEquals(n * p + half, lu[1], 3);
    }

    @Test
    void confidenceRanks_smallSample_openEnds() {
        // with 10 values nothing bounds the 0.001-quantile from below or the 0.999-quantile from above
        assertEquals(0, OrderStatistics.confidenceRanks(0.001, 10, 0.95)[0]);
        assertEquals(11, OrderStatistics.confidenceRanks(0.999, 10, 0.95)[1]);
    }

    @Test
    void rank_edges_ceilPnAtLeastOne() {
        assertEquals(1, OrderStatistics.rank(0.0, 10));
        assertEquals(1, OrderStatistics.rank(0.1, 10));
        assertEquals(2, OrderStatistics.rank(0.11, 10));
        assertEquals(10, OrderStatistics.rank(1.0, 10));
        assertThrows(IllegalArgumentException.class, () -> OrderStatistics.rank(1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> OrderStatistics.confidenceRanks(0.0, 10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> OrderStatistics.confidenceRanks(0.5, 10, 1.0));
    }
}
