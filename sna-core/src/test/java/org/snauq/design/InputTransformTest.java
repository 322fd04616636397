package org.snauq.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.GaussianCopula;
import org.snauq.dist.InputSpec;
import org.snauq.stats.ConfidenceInterval;
import org.snauq.stats.Intervals;
import org.snauq.stats.MomentsAccumulator;

class InputTransformTest {

    private static final List<Distribution> MARGINALS = List.of(
            Distributions.of(new InputSpec("a", "normal", Map.of("mean", 1.0, "sd", 2.0))),
            Distributions.of(new InputSpec("b", "constant", Map.of("value", 0.5))),
            Distributions.of(new InputSpec("c", "gamma", Map.of("shape", 2.0, "scale", 3.0))));

    @Test
    void apply_inPlaceOrCopy_equalsMarginalQuantiles() {
        int count = 100;
        double[] u = new double[count * 3];
        new LatinHypercubeDesign(3, count, 1).fill(0, count, u);
        double[] copy = new double[u.length + 5];
        InputTransform transform = InputTransform.of(MARGINALS);
        transform.apply(u, 0, count, copy, 5);
        double[] inPlace = u.clone();
        transform.apply(inPlace, count);
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < 3; d++) {
                double expected = MARGINALS.get(d).inverseCdf(u[i * 3 + d]);
                assertEquals(expected, copy[5 + i * 3 + d], 0.0);
                assertEquals(expected, inPlace[i * 3 + d], 0.0);
            }
        }
    }

    @Test
    void twice_pickFreezeRow_mapsBothHalves() {
        InputTransform both = InputTransform.of(MARGINALS).twice();
        assertEquals(6, both.dimension());
        double[] row = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        double[] x = new double[6];
        both.apply(row, 0, 1, x, 0);
        for (int d = 0; d < 6; d++) {
            assertEquals(MARGINALS.get(d % 3).inverseCdf(row[d]), x[d], 0.0);
        }
    }

    private static final Distribution STANDARD_NORMAL =
            Distributions.of(new InputSpec("x", "normal", Map.of("mean", 0.0, "sd", 1.0)));
    private static final GaussianCopula RHO_08 = GaussianCopula.ofCorrelation(new double[][] {{1, 0.8}, {0.8, 1}});

    /**
     * Var(y) of y = x1 + x2 as the mean of y^2 (E[y] = 0 is known), for each of 16 independent replicates (the
     * design's groups for sobol): unbiased for every design, where the sample variance's n - 1 would bias a
     * scrambled net's estimate by 1 / n_g, more than its tiny spread.
     */
    private static ConfidenceInterval sumVariance(String design, int n, long seed) {
        InputTransform t = InputTransform.of(List.of(STANDARD_NORMAL, STANDARD_NORMAL), RHO_08);
        int groups = 16;
        List<MomentsAccumulator> each = new ArrayList<>();
        MomentsAccumulator all = new MomentsAccumulator();
        for (int g = 0; g < groups; g++) {
            // sobol: the groups of one design; mc and lhs: independent designs of n / 16 points
            SamplingDesign d = design.equals("sobol") ? SamplingDesigns.of(design, 2, n, seed)
                    : SamplingDesigns.of(design, 2, n / groups, seed * groups + g);
            long start = design.equals("sobol") ? (long) g * n / groups : 0;
            double[] x = new double[2 * n / groups];
            d.fill(start, n / groups, x);
            t.apply(x, n / groups);
            MomentsAccumulator m = new MomentsAccumulator();
            for (int i = 0; i < n / groups; i++) {
                double y = x[2 * i] + x[2 * i + 1];
                m.accept(y * y);
            }
            each.add(m);
            all.combine(m);
        }
        return Intervals.replicates(all.mean(), each.stream().mapToDouble(MomentsAccumulator::mean).toArray(), 0.95);
    }

    /**
     * 95% intervals over 20 seeds: 19 expected to hold 3.6; at least 17 (an honest 95% interval gives fewer once in
     * 60 runs). Scrambled-net replicates of E[y^2] with normal tails are heavy-tailed, so a single seed would be a
     * weak test either way.
     */
    @Test
    void copula_twoNormalsCorrelated08_sumVariance36WithinInterval() {
        for (String design : SamplingDesigns.NAMES) {
            int held = 0;
            for (long seed = 0; seed < 20; seed++) {
                ConfidenceInterval v = sumVariance(design, 1 << 14, seed);
                held += v.contains(3.6) ? 1 : 0; // Var(x1 + x2) = 1 + 1 + 2 * 0.8 (exact)
                // not vacuous: for independent draws the interval is about 2 t_15 sqrt(2 * 3.6^2 / n) = 0.17 wide
                assertTrue(v.width() < 2 * 0.17, design + ": " + v);
            }
            assertTrue(held >= 17, design + ": 3.6 in " + held + " of 20 intervals");
        }
    }

    @Test
    void copula_anySplit_bitIdenticalToWhole() {
        InputTransform t = InputTransform.of(MARGINALS, GaussianCopula.ofCorrelation(
                new double[][] {{1, 0, -0.5}, {0, 1, 0}, {-0.5, 0, 1}}));
        SamplingDesign d = SamplingDesigns.of("sobol", 3, 1024, 4);
        double[] whole = new double[3 * 1024];
        d.fill(0, 1024, whole);
        double[] u = whole.clone();
        t.apply(whole, 1024);
        double[] pieces = new double[whole.length];
        for (int start = 0; start < 1024; start += 100) {
            int count = Math.min(100, 1024 - start);
            t.apply(u, 3 * start, count, pieces, 3 * start);
        }
        assertArrayEquals(whole, pieces, 0.0);
    }

    @Test
    void twice_withCopula_eachHalfCorrelatedAlone() {
        InputTransform one = InputTransform.of(List.of(STANDARD_NORMAL, STANDARD_NORMAL), RHO_08);
        InputTransform both = one.twice();
        double[] row = {0.1, 0.2, 0.3, 0.9};
        double[] a = {0.1, 0.2};
        double[] b = {0.3, 0.9};
        double[] x = new double[4];
        both.apply(row, 0, 1, x, 0);
        one.apply(a, 1);
        one.apply(b, 1);
        assertArrayEquals(new double[] {a[0], a[1], b[0], b[1]}, x, 0.0);
    }

    @Test
    void of_copulaOfAnotherDimension_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputTransform.of(MARGINALS,
                RHO_08));
        assertEquals("correlation must have one row per input (3), got 2", e.getMessage());
    }
}
