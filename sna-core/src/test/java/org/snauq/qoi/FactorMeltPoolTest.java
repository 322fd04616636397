package org.snauq.qoi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snauq.model.SnaModel;

/**
 * The factor-line melt-pool searches on the closed-form ellipsoidal Gaussian pool of {@link MeltPoolTest}
 * (length 2 a L, width 2 b L, depth c L, L = sqrt(ln(s / T_L))) and against {@link MeltPool#extract} on the same
 * slices. The agreement with the surface-scan extraction on a coarse LPBF model is checked in spark-jobs
 * ({@code FactorMeltPoolLpbfTest}), where the problem file can be solved.
 */
class FactorMeltPoolTest {

    /** The projection error of the Gaussian factors, as in {@link MeltPoolTest}. */
    private static final double TOL = 1e-4;
    /** Both searches bisect the same crossing to ~1e-11 of an axis and golden-search the same maximum to ~1e-9. */
    private static final double AGREE = 1e-8;
    private static final int[] AXES = {0, 2, 3};
    /** A clipped extent is the end of the box itself: a few ULPs of 3. */
    private static final double END_TOL = 1e-12;

    @Test
    void extract_ellipsoidalGaussian_matchesClosedFormAndSurfaceScan() {
        SnaModel m = MeltPoolTest.gaussian();
        FactorMeltPool fast = new FactorMeltPool(m, AXES, 41);
        for (double s : new double[] {1.2, 2.0, 2.9}) {
            double[] z = {0, s, 0, 0};
            MeltPoolQoi q = fast.extract(z, 1.0, 0.0);
            double l = Math.sqrt(Math.log(s));
            assertEquals(s, q.peak(), TOL * s, "peak at s = " + s);
            assertEquals(2 * 1.5 * l, q.length(), TOL * 3.0, "length at s = " + s);
            assertEquals(2 * 0.8 * l, q.width(), TOL * 1.6, "width at s = " + s);
            assertEquals(0.6 * l, q.depth(), TOL * 0.6, "depth at s = " + s);
            assertFalse(q.clipped());
            MeltPoolQoi scan = MeltPool.extract(new SnaSlice(m, AXES, z), 1.0, 41, 0.0);
            assertEquals(scan.peak(), q.peak(), AGREE * s, "peak vs scan");
            assertEquals(scan.length(), q.length(), AGREE, "length vs scan");
            assertEquals(scan.width(), q.width(), AGREE, "width vs scan");
            assertEquals(scan.depth(), q.depth(), AGREE, "depth vs scan");
        }
    }

    @Test
    void construct_repeatedAxis_rejected() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FactorMeltPool(MeltPoolTest.gaussian(), new int[] {0, 2, 2}, 21));
        assertEquals("axes must be 3 distinct coordinates in [0, 4), got [0, 2, 2]", e.getMessage());
    }

    @Test
    void extract_peakBelowThreshold_zeroExtents() {
        MeltPoolQoi q = new FactorMeltPool(MeltPoolTest.gaussian(), AXES, 21).extract(new double[] {0, 0.8, 0, 0},
                1.0, 0.0);
        assertEquals(0.8, q.peak(), TOL);
        assertEquals(0, q.length());
        assertEquals(0, q.depth());
    }

    @Test
    void extract_poolCutByTheBox_flagsClipped() {
        MeltPoolQoi q = new FactorMeltPool(MeltPoolTest.gaussian(3.0), AXES, 21).extract(
                new double[] {0, 2.9, 0, 0}, 1.0, 0.0);
        assertTrue(q.clipped());
        assertEquals(3.0, q.depth(), END_TOL);
    }
}
