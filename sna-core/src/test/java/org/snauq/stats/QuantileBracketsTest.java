package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snauq.design.SamplingDesign;
import org.snauq.design.SamplingDesigns;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

/**
 * The bracketed two-pass quantiles against the full sort of the same sample: exact values and exact interval ends
 * at every p, per replicate group too; retries when the first pass misleads; coverage of the intervals.
 */
class QuantileBracketsTest {

    /** Every p of the acceptance range [0.001, 0.999], tails dense. */
    static final double[] PROBABILITIES = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95,
            0.98, 0.99, 0.995, 0.998, 0.999};
    static final double CONFIDENCE = 0.95;
    static final int BLOCK = 1 << 14;

    static final Distribution NORMAL =
            Distributions.of(new InputSpec("y", "normal", Map.of("mean", 0.0, "sd", 1.0)));

    /** n standard normal values, y_k = Phi^-1(u_k) of the design's point k. */
    static double[] normalSample(String design, long n, long seed) {
        SamplingDesign d = SamplingDesigns.of(design, 1, n, seed);
        double[] y = new double[(int) n];
        d.fill(0, (int) n, y);
        for (int i = 0; i < y.length; i++) {
            y[i] = NORMAL.inverseCdf(y[i]);
        }
        return y;
    }

    /** The whole two-pass protocol as the job runs it: per-block accumulators folded per group in block order. */
    static List<QuantileEstimate> twoPass(double[] y, int replicates, double[] p, double confidence) {
        return twoPass(y, y, replicates, p, confidence, new int[1]);
    }

    /** First pass over {@code first}, second passes over {@code second}; passes[0] counts the second passes. */
    static List<QuantileEstimate> twoPass(double[] first, double[] second, int replicates, double[] p,
                                          double confidence, int[] passes) {
        int group = first.length / replicates;
        int block = Math.min(BLOCK, group);
        List<QuantileAccumulator> groups = new ArrayList<>();
        for (int g = 0; g < replicates; g++) {
            List<QuantileAccumulator> blocks = new ArrayList<>();
            for (int b = g * group; b < (g + 1) * group; b += block) {
                QuantileAccumulator q = QuantileBrackets.firstPass();
                q.accept(first, b, block);
                blocks.add(q);
            }
            groups.add(Mergeable.foldInOrder(blocks));
        }
        QuantileBrackets plan = QuantileBrackets.plan(groups, p, confidence);
        while (true) {
            passes[0]++;
            List<BracketAccumulator> blocks = new ArrayList<>();
            for (int b = 0; b < second.length; b += block) {
                BracketAccumulator acc = plan.newAccumulator(b / group);
                acc.accept(second, b, block);
                blocks.add(acc);
            }
            QuantileBrackets.Selection s = plan.select(Mergeable.foldInOrder(blocks));
            if (s.complete()) {
                return s.estimates();
            }
            plan = s.retry();
        }
    }

    @Test
    void select_normal2to20_everyProbabilityExactAgainstFullSort() {
        int n = 1 << 20;
        double[] y = normalSample("mc", n, 20);
        double[] sorted = y.clone();
        Arrays.sort(sorted);
        int[] passes = new int[1];
        List<QuantileEstimate> rows = twoPass(y, y, 1, PROBABILITIES, CONFIDENCE, passes);
        assertEquals(1, passes[0], "one second pass");
        for (int j = 0; j < PROBABILITIES.length; j++) {
            double p = PROBABILITIES[j];
            QuantileEstimate row = rows.get(j);
            long[] lu = OrderStatistics.confidenceRanks(p, n, CONFIDENCE);
            assertEquals(sorted[(int) OrderStatistics.rank(p, n) - 1], row.value(), 0.0, "p = " + p);
            assertEquals(sorted[(int) lu[0] - 1], row.low(), 0.0, "p = " + p);
            assertEquals(sorted[(int) lu[1] - 1], row.high(), 0.0, "p = " + p);
            assertEquals(0.0, row.rankError());
            assertEquals("two-pass", row.method());
        }
    }

    @Test
    void select_sobolGroups_sameRowsAsExactGroups() {
        int n = 1 << 16;
        int replicates = 16;
        double[] y = normalSample("sobol", n, 21);
        List<QuantileAccumulator> exact = new ArrayList<>();
        for (int g = 0; g < replicates; g++) {
            QuantileAccumulator q = QuantileAccumulator.exact();
            q.accept(y, g * (n / replicates), n / replicates);
            exact.add(q);
        }
        List<QuantileEstimate> expected = QuantileAccumulator.estimates(exact, PROBABILITIES, CONFIDENCE);
        List<QuantileEstimate> rows = twoPass(y, replicates, PROBABILITIES, CONFIDENCE);
        for (int j = 0; j < PROBABILITIES.length; j++) {
            QuantileEstimate e = expected.get(j);
            QuantileEstimate r = rows.get(j);
            assertEquals(e.value(), r.value(), 0.0);
            assertEquals(e.low(), r.low(), 0.0);
            assertEquals(e.high(), r.high(), 0.0);
            assertTrue(e.low() < e.value() && e.value() < e.high(), "a t-interval around the pooled value");
        }
    }

    @Test
    void select_firstPassOfAnotherSample_retriesUntilExact() {
        int n = 1 << 14;
        double[] first = normalSample("mc", n, 22);
        double[] second = first.clone();
        for (int i = 0; i < n; i++) {
            second[i] = 0.5 * first[i] + 0.3; // same count, brackets in the wrong place
        }
        double[] sorted = second.clone();
        Arrays.sort(sorted);
        int[] passes = new int[1];
        List<QuantileEstimate> rows = twoPass(first, second, 1, PROBABILITIES, CONFIDENCE, passes);
        assertTrue(passes[0] > 1, "the misleading first pass needs retries");
        for (int j = 0; j < PROBABILITIES.length; j++) {
            assertEquals(sorted[(int) OrderStatistics.rank(PROBABILITIES[j], n) - 1], rows.get(j).value(), 0.0);
        }
    }

    @Test
    void select_heavyTiesAndNaN_exactAgainstSort() {
        int n = 1 << 13;
        double[] y = normalSample("lhs", n, 23);
        for (int i = 0; i < n; i++) {
            y[i] = i % 97 == 0 ? Double.NaN : Math.rint(4 * y[i]) / 4; // a dozen distinct values
        }
        double[] kept = Arrays.stream(y).filter(v -> !Double.isNaN(v)).sorted().toArray();
        List<QuantileEstimate> rows = twoPass(y, 1, PROBABILITIES, CONFIDENCE);
        for (int j = 0; j < PROBABILITIES.length; j++) {
            long r = OrderStatistics.rank(PROBABILITIES[j], kept.length);
            assertEquals(kept[(int) r - 1], rows.get(j).value(), 0.0, "p = " + PROBABILITIES[j]);
        }
    }

    @Test
    void retained_normal2to16_boundedByTheBrackets() {
        int n = 1 << 16;
        double[] y = normalSample("mc", n, 24);
        QuantileAccumulator first = QuantileBrackets.firstPass();
        first.accept(y, 0, n);
        double[] p = {0.5};
        QuantileBrackets plan = QuantileBrackets.plan(List.of(first), p, CONFIDENCE);
        BracketAccumulator acc = plan.newAccumulator(0);
        acc.accept(y, 0, n);
        // one p keeps its CI ranks plus SKETCH_MARGIN rank errors and one rank on each side
        long[] lu = OrderStatistics.confidenceRanks(0.5, n, CONFIDENCE);
        double bound = (lu[1] - lu[0] + 2.0) / n
                + 2 * (QuantileBrackets.SKETCH_MARGIN + 1) * first.normalizedRankError();
        assertTrue((double) acc.retained() / n <= bound, acc.retained() + " kept of " + n);
        assertEquals(n, acc.count());
        assertEquals(1, plan.brackets());
    }

    @Test
    void select_anotherSampleSize_namesBothCounts() {
        double[] y = normalSample("mc", 1000, 25);
        QuantileAccumulator first = QuantileBrackets.firstPass();
        first.accept(y, 0, 1000);
        QuantileBrackets plan = QuantileBrackets.plan(List.of(first), new double[] {0.5}, CONFIDENCE);
        BracketAccumulator acc = plan.newAccumulator(0);
        acc.accept(y, 0, 999);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan.select(acc));
        assertEquals("the second pass saw 999 values in group 0, the first pass 1000: both passes must cover the "
                + "same sample", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plan.newAccumulator(1));
        assertThrows(IllegalArgumentException.class,
                () -> QuantileBrackets.plan(List.of(first), new double[] {1.0}, CONFIDENCE));
    }

    @Test
    void select_emptySample_rowsAreNaN() {
        QuantileBrackets plan = QuantileBrackets.plan(List.of(QuantileBrackets.firstPass()), new double[] {0.5},
                CONFIDENCE);
        QuantileBrackets.Selection s = plan.select(plan.newAccumulator(0));
        assertTrue(s.complete());
        assertTrue(Double.isNaN(s.estimates().get(0).value()));
        assertFalse(s.estimates().get(0).covers(0.0));
    }
}
