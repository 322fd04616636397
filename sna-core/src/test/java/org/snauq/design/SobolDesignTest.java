package org.snauq.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

class SobolDesignTest {

    /** Commons Math stores 52-bit digits: floor(u * 2^52) of our cell midpoints recovers them exactly. */
    private static final double TWO52 = 0x1.0p52;

    private static long digits(double u) {
        return (long) Math.floor(u * TWO52);
    }

    @Test
    void unscrambled_firstPoints_matchKnownSobolSequence() {
        // Bratley-Fox / Joe-Kuo: coordinates 1 and 2 of points 0..3 (Gray-code order, as in Commons Math).
        double[][] known = {{0, 0}, {0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}};
        SobolDesign design = SobolDesign.unscrambled(2, 4);
        double[] p = new double[2];
        for (int k = 0; k < 4; k++) {
            design.point(k, p);
            for (int d = 0; d < 2; d++) {
                assertEquals(known[k][d], p[d], 0x1.0p-53, "point " + k + " coordinate " + d);
            }
        }
    }

    @Test
    void unscrambled_anyDimension_equalsCommonsMath() {
        for (int dimension : new int[] {1, 7, 40, 1000}) {
            int n = dimension == 1000 ? 64 : 4096;
            SobolDesign design = SobolDesign.unscrambled(dimension, n);
            double[] ours = new double[n * dimension];
            design.fill(0, n, ours);
            SobolSequenceGenerator reference = new SobolSequenceGenerator(dimension);
            for (int k = 0; k < n; k++) {
                double[] v = reference.nextVector();
                for (int d = 0; d < dimension; d++) {
                    assertEquals(digits(v[d]), digits(ours[k * dimension + d]),
                            "dimension " + dimension + " point " + k + " coordinate " + d);
                }
            }
        }
        int start = 123457;
        SobolSequenceGenerator skipped = new SobolSequenceGenerator(3);
        double[] ours = new double[3 * 10];
        SobolDesign.unscrambled(3, 1 << 20).fill(start, 10, ours);
        for (int k = 0; k < 10; k++) {
            double[] v = k == 0 ? skipped.skipTo(start) : skipped.nextVector(); // skipTo returns point start
            for (int d = 0; d < 3; d++) {
                assertEquals(digits(v[d]), digits(ours[3 * k + d]), "skip to " + start + " + " + k);
            }
        }
    }

    /** Every elementary interval [i 2^-a, (i+1) 2^-a) x [j 2^-b, (j+1) 2^-b), a + b = m, holds one point. */
    private static void assertNet(double[] points, int from, int count, int dimension, String what) {
        int m = Integer.numberOfTrailingZeros(count);
        for (int a = 0; a <= m; a++) {
            int b = m - a;
            int[] cells = new int[count];
            for (int k = from; k < from + count; k++) {
                long i = (long) Math.floor(points[k * dimension] * (1L << a));
                long j = (long) Math.floor(points[k * dimension + 1] * (1L << b));
                cells[(int) ((i << b) | j)]++;
            }
            for (int c = 0; c < count; c++) {
                assertEquals(1, cells[c], what + ": interval " + c + " of shape 2^-" + a + " x 2^-" + b);
            }
        }
    }

    @Test
    void fill_eachReplicateGroup_isA0m2NetInFirstTwoCoordinates() {
        for (long seed : new long[] {1, 2, 3}) {
            SobolDesign design = new SobolDesign(3, 1 << 14, seed, 16);
            double[] all = new double[(1 << 14) * 3];
            design.fill(0, 1 << 14, all);
            int group = (int) design.groupSize();
            for (int g = 0; g < design.replicates(); g++) {
                assertNet(all, g * group, group, 3, "seed " + seed + " group " + g);
                // Aligned power-of-two blocks inside a group are nets too (the union of blocks is the sequence).
                assertNet(all, g * group + group / 4, group / 4, 3, "seed " + seed + " group " + g + " quarter 1");
            }
        }
    }

    /** prod_i (1 + (x_i - 1/2) / (i + 1)) over [0, 1]^5: smooth, exact integral 1. */
    private static double product(double[] x, int off) {
        double f = 1;
        for (int i = 0; i < 5; i++) {
            f *= 1 + (x[off + i] - 0.5) / (i + 2);
        }
        return f;
    }

    /** prod_i exp(x_i) / (e - 1): exact integral 1. */
    private static double exponentials(double[] x, int off) {
        double f = 1;
        for (int i = 0; i < 5; i++) {
            f *= Math.exp(x[off + i]) / (Math.E - 1);
        }
        return f;
    }

    private static double meanSquareError(String design, boolean useProduct, int n, int seeds) {
        double sum = 0;
        double[] points = new double[n * 5];
        for (int s = 0; s < seeds; s++) {
            SamplingDesigns.of(design, 5, n, 1000 + s).fill(0, n, points);
            double mean = 0;
            for (int k = 0; k < n; k++) {
                mean += useProduct ? product(points, 5 * k) : exponentials(points, 5 * k);
            }
            mean /= n;
            sum += (mean - 1) * (mean - 1);
        }
        return sum / seeds;
    }

    @Test
    void fill_smooth5dIntegrand_meanSquareErrorTenTimesBelowMonteCarlo() {
        int n = 1 << 14;
        int seeds = 12;
        for (boolean useProduct : new boolean[] {true, false}) {
            double mc = meanSquareError("mc", useProduct, n, seeds);
            double sobol = meanSquareError("sobol", useProduct, n, seeds);
            assertTrue(sobol * 10 < mc, (useProduct ? "product" : "exponentials") + ": sobol MSE " + sobol
                    + " vs mc " + mc);
        }
    }

    @Test
    void fill_replicateGroups_estimatesIndependentAndUnbiased() {
        // The 16 group estimates of one design behave like i.i.d. draws: their mean is within 4 standard errors
        // (from their own spread) of the exact integral, pooled over seeds.
        int n = 1 << 14;
        double[] points = new double[n * 5];
        int worse = 0;
        for (int s = 0; s < 20; s++) {
            SobolDesign design = new SobolDesign(5, n, 77 + s, 16);
            design.fill(0, n, points);
            int group = (int) design.groupSize();
            double[] est = new double[16];
            for (int k = 0; k < n; k++) {
                est[design.replicateOf(k)] += exponentials(points, 5 * k) / group;
            }
            double m = 0;
            for (double e : est) {
                m += e / 16;
            }
            double v = 0;
            for (double e : est) {
                v += (e - m) * (e - m) / 15;
            }
            double t = (m - 1) / Math.sqrt(v / 16);
            worse += Math.abs(t) > 2.947 ? 1 : 0; // t_{15, 0.995}: 1% two-sided
        }
        assertTrue(worse <= 2, worse + " of 20 seeds outside the 99% t-interval"); // P(>2 | p=0.01) ~ 1e-3
    }
}
