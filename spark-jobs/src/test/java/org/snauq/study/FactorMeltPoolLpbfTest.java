package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.datasets.pde.LpbfCase;
import org.snauq.galerkin.Vsna;
import org.snauq.model.SnaModel;
import org.snauq.qoi.FactorMeltPool;
import org.snauq.qoi.MeltPool;
import org.snauq.qoi.MeltPoolQoi;
import org.snauq.qoi.SnaSlice;

/**
 * The factor-line melt-pool searches ({@link FactorMeltPool}, the sweep's per-sample kernel) against the surface
 * scan of {@link MeltPool#extract} on a coarse solve of {@code conf/problems/lpbf7d.yaml} (rank 12), at random
 * parameter points uniform in the model's box.
 */
class FactorMeltPoolLpbfTest {

    private static final int POINTS = 30;
    /** Extents: both locate the crossings to ~1e-11 of an axis on lines through principal points that agree to
     *  ~1e-9 r_b (golden section + Newton against golden section alone); 1e-6 r_b is a wide margin. */
    private static final double EXTENT_TOL = 1e-6;
    /** Peak: the scan's four alternating line searches stop short on the curved ridge of a ring beam by up to
     *  ~1e-3 relative (measured 1.0e-3 on the rank-60 model); the fast path converges there, so it is never lower
     *  (but for rounding) and at most this much higher. */
    private static final double PEAK_GAIN = 3e-3;
    private static final double ROUNDING = 1e-12;

    @Test
    void extract_coarseLpbfRandomPoints_agreesWithSurfaceScan() throws Exception {
        ProblemFile f = ProblemFile.read(ProblemFileTest.PROBLEMS.resolve("lpbf7d.yaml"));
        SnaModel m = Vsna.solve(f.problem(), f.solver().withMaxRank(12)).model();
        int[] axes = {0, 1, 2};
        double threshold = LpbfCase.LIQUIDUS - LpbfCase.AMBIENT;
        FactorMeltPool fast = new FactorMeltPool(m, axes, 81);
        SplittableRandom rng = new SplittableRandom(6);
        for (int i = 0; i < POINTS; i++) {
            double[] z = new double[m.dimension()];
            for (int d = 3; d < z.length; d++) {
                z[d] = m.basis(d).lower() + rng.nextDouble() * (m.basis(d).upper() - m.basis(d).lower());
            }
            MeltPoolQoi scan = MeltPool.extract(new SnaSlice(m, axes, z), threshold, 81, 0.0);
            MeltPoolQoi q = fast.extract(z, threshold, 0.0);
            String at = "point " + java.util.Arrays.toString(z);
            assertTrue(q.peak() >= scan.peak() * (1 - ROUNDING), at + ": peak " + q.peak() + " < " + scan.peak());
            assertTrue(q.peak() <= scan.peak() * (1 + PEAK_GAIN), at + ": peak " + q.peak() + " vs " + scan.peak());
            assertEquals(scan.peakX(), q.peakX(), EXTENT_TOL, at + ": principal x");
            assertEquals(scan.length(), q.length(), EXTENT_TOL, at + ": length");
            assertEquals(scan.width(), q.width(), EXTENT_TOL, at + ": width");
            assertEquals(scan.depth(), q.depth(), EXTENT_TOL, at + ": depth");
            assertEquals(scan.clipped(), q.clipped(), at + ": clipped");
        }
    }
}
