package org.snauq.thermal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.galerkin.AtomQuadrature;
import org.snauq.model.SnaModel;

/**
 * The chain rule of {@link MovingSourceModel} and the QoI sensitivities under it, against central differences, on a
 * synthetic moving-source SNA: two Gaussian blobs at x = +-0.4 whose weights depend on Pe and beta, so the pool's
 * principal point moves with the parameters.
 */
class MovingSourceModelTest {

    /** Central differences with relative step 1e-5: truncation ~1e-10 relative, roots located to ~1e-10 of an axis
     *  (FactorMeltPool) divided by the step ~1e-5 of the derivative's scale; 1e-4 of it. */
    private static final double FD = 1e-4;
    private static final Material ALLOY = new Material("alloy", 8000,
            PropertyCurve.of(new double[] {300, 1000, 1600}, new double[] {10, 24, 30}),
            PropertyCurve.of(new double[] {300, 1600}, new double[] {450, 650}), 1500, 1600, 2e5, 0.3, 0.6);

    static SnaModel synthetic() {
        BSplineBasis bx = BSplineBasis.clampedUniform(3, 80, -6, 3);
        BSplineBasis by = BSplineBasis.clampedUniform(3, 50, -3, 3);
        BSplineBasis bz = BSplineBasis.clampedUniform(3, 40, 0, 3);
        BSplineBasis bp = BSplineBasis.clampedUniform(3, 8, 2, 20);
        BSplineBasis bb = BSplineBasis.clampedUniform(3, 4, 0, 1);
        List<BSplineBasis> bases = List.of(bx, by, bz, bp, bb);
        DoubleUnaryOperator[][] g = {
            {x -> Math.exp(-(x - 0.4) * (x - 0.4) / 2.0), y -> Math.exp(-y * y / 0.8), z -> Math.exp(-z * z / 0.5),
                p -> 1 / (1 + 0.1 * p), b -> 1 - 0.3 * b},
            {x -> Math.exp(-(x + 0.4) * (x + 0.4) / 3.0), y -> Math.exp(-y * y / 0.6), z -> Math.exp(-z * z / 0.4),
                p -> Math.exp(-0.05 * p), b -> 0.5 + b * b}};
        double[][] w = new double[5][];
        for (int d = 0; d < 5; d++) {
            AtomQuadrature q = new AtomQuadrature(bases.get(d));
            double[] pts = q.points();
            w[d] = new double[bases.get(d).count() * 2];
            for (int r = 0; r < 2; r++) {
                double[] f = new double[pts.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = g[r][d].applyAsDouble(pts[i]);
                }
                double[] coef = q.project(f);
                for (int i = 0; i < coef.length; i++) {
                    w[d][2 * i + r] = coef[i];
                }
            }
        }
        return SnaModel.of(List.of("x", "y", "z", "Pe", "beta"), bases, new double[] {0.16, 0.10}, w, "u");
    }

    @Test
    void meltPoolAndTemperature_everyInput_derivativesMatchCentralDifferences() {
        MovingSourceModel m = new MovingSourceModel(synthetic(), new ThermalScaling(ALLOY, 300, 2.5));
        double[] in = {0.4, 1.1, 200, 0.9, 50e-6, 0.35};
        assertTrue(m.inDomain(in));
        double[] out = new double[5];
        double[] jac = new double[24];
        m.meltPool(in, out, jac);
        assertEquals(0, out[4], "pool inside the box");
        assertTrue(out[0] > ALLOY.liquidus() && out[3] > 0, "a pool: " + java.util.Arrays.toString(out));
        double[] grad = new double[6];
        double t = m.temperature(in, -0.8, 0.3, 0.1, grad);
        for (int i = 0; i < 6; i++) {
            double h = 1e-5 * Math.abs(in[i]);
            double[] up = in.clone();
            double[] dn = in.clone();
            up[i] += h;
            dn[i] -= h;
            double[] a = new double[5];
            double[] b = new double[5];
            m.meltPool(up, a, null);
            m.meltPool(dn, b, null);
            for (int q = 0; q < 4; q++) {
                double fd = (a[q] - b[q]) / (2 * h);
                double scale = Math.abs(out[q]) / Math.abs(in[i]);
                assertEquals(fd, jac[q * 6 + i], FD * scale, "QoI " + q + " input " + i);
            }
            double fdT = (m.temperature(up, -0.8, 0.3, 0.1, null) - m.temperature(dn, -0.8, 0.3, 0.1, null)) / (2 * h);
            assertEquals(fdT, grad[i], FD * t / Math.abs(in[i]), "T input " + i);
        }
    }
}
