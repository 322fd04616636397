package org.snauq.qoi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.galerkin.AtomQuadrature;
import org.snauq.model.SnaModel;

/**
 * Melt-pool extraction on an SNA of an ellipsoidal Gaussian field with a closed-form pool:
 * T = s exp(-(x - x0)^2 / a^2 - y^2 / b^2 - z^2 / c^2) on a box with the surface at z = 0, s a parameter
 * coordinate. For s &gt; T_L the peak is s at (x0, 0) and {T &gt;= T_L} has half-axes (a, b, c) sqrt(ln(s / T_L)), so
 * length = 2 a L, width = 2 b L, depth = c L with L = sqrt(ln(s / T_L)).
 */
class MeltPoolTest {

    /** Cubic L2 projection of each Gaussian factor with h ~ 0.1 a: relative error ~ h^4 |g''''| / 384 ~ 1e-5; an
     *  extent error is that over the relative slope at the crossing (~1): 1e-4 is a safe margin. */
    private static final double TOL = 1e-4;
    private static final double A = 1.5;
    private static final double B = 0.8;
    private static final double C = 0.6;
    private static final double X0 = -0.7;
    private static final double TL = 1.0;

    /** T(x, s, y, z) with coordinates ordered (x, s, y, z) to check the axis mapping; rank 2 with lambda split. */
    static SnaModel gaussian() {
        return gaussian(C);
    }

    static SnaModel gaussian(double c) {
        BSplineBasis bx = BSplineBasis.clampedUniform(3, 90, -6, 4);
        BSplineBasis bs = BSplineBasis.clampedUniform(3, 4, 0.5, 3);
        BSplineBasis by = BSplineBasis.clampedUniform(3, 60, -3, 3);
        BSplineBasis bz = BSplineBasis.clampedUniform(3, 40, 0, 3);
        List<BSplineBasis> bases = List.of(bx, bs, by, bz);
        java.util.function.DoubleUnaryOperator[] g = {
            x -> Math.exp(-(x - X0) * (x - X0) / (A * A)), s -> s,
            y -> Math.exp(-y * y / (B * B)), z -> Math.exp(-z * z / (c * c))};
        double[][] w = new double[4][];
        for (int d = 0; d < 4; d++) {
            AtomQuadrature q = new AtomQuadrature(bases.get(d));
            double[] pts = q.points();
            double[] f = new double[pts.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = g[d].applyAsDouble(pts[i]);
            }
            double[] coef = q.project(f);
            w[d] = new double[coef.length * 2];
            for (int i = 0; i < coef.length; i++) {
                w[d][2 * i] = coef[i];
                w[d][2 * i + 1] = coef[i];
            }
        }
        return SnaModel.of(List.of("x", "s", "y", "z"), bases, new double[] {0.3, 0.7}, w, "T");
    }

    @Test
    void extract_ellipsoidalGaussian_matchesClosedForm() {
        SnaModel m = gaussian();
        for (double s : new double[] {1.2, 2.0, 2.9}) {
            MeltPoolQoi q = MeltPool.extract(new SnaSlice(m, new int[] {0, 2, 3}, new double[] {0, s, 0, 0}), TL, 41);
            double l = Math.sqrt(Math.log(s / TL));
            assertEquals(s, q.peak(), TOL * s, "peak at s = " + s);
            assertEquals(X0, q.peakX(), 1e-3, "peak x"); // a flat maximum: position to sqrt(value error)
            assertEquals(0, q.peakY(), 1e-3, "peak y");
            assertEquals(2 * A * l, q.length(), TOL * 2 * A, "length at s = " + s);
            assertEquals(2 * B * l, q.width(), TOL * 2 * B, "width at s = " + s);
            assertEquals(C * l, q.depth(), TOL * C, "depth at s = " + s);
            assertFalse(q.clipped());
        }
    }

    @Test
    void extract_peakBelowThreshold_zeroExtents() {
        MeltPoolQoi q = MeltPool.extract(new SnaSlice(gaussian(), new int[] {0, 2, 3}, new double[] {0, 0.8, 0, 0}),
                TL, 21);
        assertEquals(0.8, q.peak(), TOL);
        assertEquals(0, q.length());
        assertEquals(0, q.depth());
    }

    @Test
    void extract_poolCutByTheBox_flagsClipped() {
        // depth scale 3 in a box 3 deep: T(z = 3) = 2.9 / e > T_L, the pool reaches the bottom
        MeltPoolQoi q = MeltPool.extract(new SnaSlice(gaussian(3.0), new int[] {0, 2, 3},
                new double[] {0, 2.9, 0, 0}), TL, 21);
        assertTrue(q.clipped());
        assertEquals(3.0, q.depth(), 1e-12);
    }
}
