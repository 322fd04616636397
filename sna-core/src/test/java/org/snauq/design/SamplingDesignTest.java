package org.snauq.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract of every design: determinism under any split, the open unit cube, uniform marginals, factory errors. */
class SamplingDesignTest {

    /** Monte Carlo bound on a sample mean or variance: 4 standard errors (false alarm ~ 6e-5 per check). */
    private static final double SIGMAS = 4;

    private static List<SamplingDesign> designs(int dimension, long n, long seed) {
        return List.of(
                SamplingDesigns.of("mc", dimension, n, seed),
                SamplingDesigns.of("lhs", dimension, n, seed),
                SamplingDesigns.of("sobol", dimension, n, seed));
    }

    private static double[] whole(SamplingDesign design) {
        double[] all = new double[(int) design.size() * design.dimension()];
        design.fill(0, (int) design.size(), all);
        return all;
    }

    /** Random cut points of [0, n) into pieces. */
    private static List<long[]> randomPieces(long n, int cuts, SplittableRandom rng) {
        List<Long> at = new ArrayList<>();
        at.add(0L);
        at.add(n);
        for (int i = 0; i < cuts; i++) {
            at.add(rng.nextLong(n));
        }
        Collections.sort(at);
        List<long[]> pieces = new ArrayList<>();
        for (int i = 1; i < at.size(); i++) {
            pieces.add(new long[] {at.get(i - 1), at.get(i) - at.get(i - 1)});
        }
        return pieces;
    }

    @Test
    void fill_anySplitAnyOrder_bitIdenticalToWhole() {
        SplittableRandom rng = new SplittableRandom(7);
        for (SamplingDesign design : designs(5, 4096, 11)) {
            double[] all = whole(design);
            for (int trial = 0; trial < 6; trial++) {
                List<long[]> pieces = randomPieces(design.size(), 1 + trial * 7, rng);
                if (trial % 2 == 1) {
                    Collections.reverse(pieces);
                }
                double[] split = new double[all.length];
                for (long[] p : pieces) {
                    design.fill(p[0], (int) p[1], split, (int) p[0] * design.dimension());
                }
                assertArrayEquals(all, split, design + " split " + trial);
            }
            double[] one = new double[design.dimension()];
            for (long k : new long[] {0, 1, 1023, 1024, 2049, 4095}) {
                design.point(k, one);
                for (int d = 0; d < one.length; d++) {
                    assertEquals(all[(int) k * one.length + d], one[d], 0.0, design + " point " + k);
                }
            }
        }
    }

    @Test
    void fill_parallelThreads_bitIdenticalToWhole() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (SamplingDesign design : designs(3, 1 << 13, 5)) {
                double[] all = whole(design);
                double[] parallel = new double[all.length];
                int block = 700; // deliberately not a power of two: blocks straddle Sobol groups
                List<Future<?>> jobs = new ArrayList<>();
                for (int start = 0; start < design.size(); start += block) {
                    int s = start;
                    int c = (int) Math.min(block, design.size() - start);
                    jobs.add(pool.submit(() -> design.fill(s, c, parallel, s * design.dimension())));
                }
                for (Future<?> f : jobs) {
                    f.get();
                }
                assertArrayEquals(all, parallel, design.toString());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void fill_anyDesign_insideOpenUnitCube() {
        for (SamplingDesign design : designs(4, 2048, 3)) {
            for (double u : whole(design)) {
                assertTrue(u > 0 && u < 1, design + " gave " + u);
            }
        }
        double[] first = new double[3];
        SobolDesign.unscrambled(3, 2).point(0, first); // the Sobol' origin maps to the first cell midpoint
        assertTrue(first[0] > 0, "unscrambled origin stays inside (0, 1)");
    }

    @Test
    void fill_anyDesign_uniformMeanAndVariance() {
        int n = 1 << 14;
        double mean = 0.5;
        double variance = 1.0 / 12;
        double fourth = 1.0 / 80; // E (U - 1/2)^4
        double meanTol = SIGMAS * Math.sqrt(variance / n);
        double varTol = SIGMAS * Math.sqrt((fourth - variance * variance) / n);
        for (SamplingDesign design : designs(6, n, 2024)) {
            double[] all = whole(design);
            for (int d = 0; d < design.dimension(); d++) {
                double s = 0;
                double ss = 0;
                for (int k = 0; k < n; k++) {
                    double u = all[k * design.dimension() + d];
                    s += u;
                    ss += (u - 0.5) * (u - 0.5);
                }
                assertEquals(mean, s / n, meanTol, design + " mean of coordinate " + d);
                assertEquals(variance, ss / n, varTol, design + " variance of coordinate " + d);
            }
        }
    }

    /**
     * A scramble is random across seeds: the same point index under S consecutive seeds gives i.i.d. uniforms
     * (mean 1/2, variance 1/12, lag-one correlation 0 within 4 standard errors). Within one design, two seeds'
     * point sets are not uncorrelated point by point for Sobol' (both are nets of the same points), so the check
     * is across seeds, as the estimators use them. For Sobol' the same holds across replicate groups.
     */
    @Test
    void point_acrossSeedsAndGroups_independentUniforms() {
        int seeds = 4096; // a power of two, so the Sobol' check below can use one group per seed
        double meanTol = SIGMAS * Math.sqrt(1.0 / 12 / seeds);
        double varTol = SIGMAS * Math.sqrt((1.0 / 80 - 1.0 / 144) / seeds);
        double corrTol = SIGMAS / Math.sqrt(seeds);
        double[] p = new double[3];
        for (String name : SamplingDesigns.NAMES) {
            for (long k : new long[] {0, 5, 1000}) {
                double[][] v = new double[3][seeds];
                for (int s = 0; s < seeds; s++) {
                    SamplingDesigns.of(name, 3, 1024, s).point(k, p);
                    for (int d = 0; d < 3; d++) {
                        v[d][s] = p[d];
                    }
                }
                for (int d = 0; d < 3; d++) {
                    assertIidUniform(v[d], meanTol, varTol, corrTol, name + " point " + k + " coordinate " + d);
                }
            }
        }
        SobolDesign design = new SobolDesign(3, 2L * seeds, 99, seeds);
        double[] all = new double[2 * seeds * 3];
        design.fill(0, 2 * seeds, all);
        for (int d = 0; d < 3; d++) {
            double[] v = new double[seeds];
            for (int g = 0; g < seeds; g++) {
                v[g] = all[(2 * g) * 3 + d]; // local index 0 of group g: the same Sobol' point, scramble g
            }
            assertIidUniform(v, meanTol, varTol, corrTol, "sobol groups, coordinate " + d);
        }
    }

    private static void assertIidUniform(double[] v, double meanTol, double varTol, double corrTol, String what) {
        int s = v.length;
        double mean = 0;
        double var = 0;
        double lag = 0;
        for (int i = 0; i < s; i++) {
            mean += v[i] / s;
            var += (v[i] - 0.5) * (v[i] - 0.5) / s;
            if (i > 0) {
                lag += (v[i] - 0.5) * (v[i - 1] - 0.5) / (s - 1);
            }
        }
        assertEquals(0.5, mean, meanTol, what + ": mean");
        assertEquals(1.0 / 12, var, varTol, what + ": variance");
        assertEquals(0.0, lag * 12, corrTol, what + ": lag-one correlation");
    }

    @Test
    void replicates_mcAndLhs_oneGroup() {
        for (String name : List.of("mc", "lhs")) {
            SamplingDesign d = SamplingDesigns.of(name, 2, 1000, 1);
            assertEquals(1, d.replicates());
            assertEquals(0, d.replicateOf(999));
        }
        SamplingDesign s = SamplingDesigns.of("sobol", 2, 1024, 1);
        assertEquals(SobolDesign.DEFAULT_REPLICATES, s.replicates());
        assertEquals(0, s.replicateOf(63));
        assertEquals(1, s.replicateOf(64));
        assertEquals(15, s.replicateOf(1023));
        assertEquals(1, SamplingDesigns.of("sobol", 2, 2, 1).replicates());
    }

    @Test
    void of_badArguments_messagesNameTheProblem() {
        assertMessage("unknown design 'x'; known: mc, lhs, sobol", () -> SamplingDesigns.of("x", 2, 16, 1));
        assertMessage("n must be a power of two for the sobol design (e.g. 65536 or 131072), got 100000",
                () -> SamplingDesigns.of("sobol", 2, 100000, 1));
        assertMessage("n must be >= 2, got 1", () -> SamplingDesigns.of("mc", 2, 1, 1));
        assertMessage("dimension must be >= 1, got 0", () -> SamplingDesigns.of("lhs", 0, 16, 1));
        assertMessage("replicates must be a power of two in [1, n/2 = 8], got 3",
                () -> SamplingDesigns.of("sobol", 2, 16, 1, 3));
        assertMessage("replicates must be a power of two in [1, n/2 = 8], got 16",
                () -> SamplingDesigns.of("sobol", 2, 16, 1, 16));
        assertMessage("replicates must be 1 for design 'mc' (one replicate), got 4",
                () -> SamplingDesigns.of("mc", 2, 16, 1, 4));
        assertMessage("sobol dimension must be <= 1000 (Joe-Kuo direction numbers), got 1001",
                () -> SamplingDesigns.of("sobol", 1001, 16, 1));
        SamplingDesign d = SamplingDesigns.of("mc", 2, 16, 1);
        assertMessage("points [10, 10 + 7) must lie in [0, n = 16)", () -> d.fill(10, 7, new double[14]));
        assertMessage("out must hold offset + count * dimension = 8 values, got length 7 (offset 0)",
                () -> d.fill(0, 4, new double[7]));
    }

    @Test
    void checkSize_eachDesign_sameRuleAsConstruction() {
        for (String name : SamplingDesigns.NAMES) {
            SamplingDesigns.checkSize(name, 1024);
            assertMessage("n must be >= 2, got 1", () -> SamplingDesigns.checkSize(name, 1));
        }
        SamplingDesigns.checkSize("mc", 1000);
        SamplingDesigns.checkSize("lhs", 1000);
        assertMessage("n must be a power of two for the sobol design (e.g. 512 or 1024), got 1000",
                () -> SamplingDesigns.checkSize("sobol", 1000));
        assertMessage("n must be <= 2^62 for the sobol design, got " + Long.MAX_VALUE,
                () -> SamplingDesigns.checkSize("sobol", Long.MAX_VALUE));
        assertMessage("unknown design 'qmc'; known: mc, lhs, sobol", () -> SamplingDesigns.checkSize("qmc", 8));
        assertEquals(1, SamplingDesigns.defaultReplicates("lhs", 1024));
        assertEquals(SobolDesign.DEFAULT_REPLICATES, SamplingDesigns.defaultReplicates("sobol", 1024));
    }

    @Test
    void seed_sameSeed_sameDesignDifferentObjects() {
        for (String name : SamplingDesigns.NAMES) {
            assertArrayEquals(whole(SamplingDesigns.of(name, 3, 256, 9)), whole(SamplingDesigns.of(name, 3, 256, 9)));
            assertNotEquals(whole(SamplingDesigns.of(name, 3, 256, 9))[0], whole(SamplingDesigns.of(name, 3, 256, 10))[0]);
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
