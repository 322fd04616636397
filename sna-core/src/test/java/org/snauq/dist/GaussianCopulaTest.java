package org.snauq.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;
import org.snauq.design.SamplingDesign;
import org.snauq.design.SamplingDesigns;

class GaussianCopulaTest {

    /**
     * Cody's approximations are good to about 1e-16 relative in the smaller tail; the reference, Commons' erfc, is
     * good to 1e-15 but forms e^{-z^2/2} directly, so the rounding of its exponent adds about z^2/2 ulps: the
     * tolerance is 1e-15 max(10, z^2).
     */
    private static final double CDF_REL_TOL = 1e-15;
    /**
     * Phi(Phi^-1(u)) = u up to the quantile's relative error in z (about 1e-16, AS 241), which Phi turns into a
     * relative error of z^2 times that (d ln Phi / dz is about |z| in the tail): 4e-16 max(1, z^2).
     */
    private static final double ROUND_TRIP_REL = 4e-16;

    @Test
    void normalCdf_grid_agreesWithErfcInBothTails() {
        // to |z| = 30 (Phi = 5e-198): far beyond the 2^-60 a copula ever meets; deeper, both sides near underflow
        for (double z = -30; z <= 30; z += 0.03125) {
            double smaller = 0.5 * Erf.erfc(Math.abs(z) / Math.sqrt(2)); // Phi(-|z|)
            double ours = z <= 0 ? NormalCdf.of(z) : 1 - NormalCdf.of(z);
            if (z <= 0 || smaller > 1e-15) { // 1 - Phi(z) loses the upper tail below an ulp of 1
                double tol = z <= 0 ? CDF_REL_TOL * Math.max(10, z * z) * smaller : 2 * Math.ulp(1.0);
                assertEquals(smaller, ours, tol, "z = " + z);
            }
        }
        assertEquals(0.5, NormalCdf.of(0.0), 0.0);
        assertEquals(0.0, NormalCdf.of(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, NormalCdf.of(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(NormalCdf.of(Double.NaN)));
    }

    @Test
    void normalCdf_ofQuantile_roundTrips() {
        for (double u : new double[] {1e-300, 1e-20, 1e-9, 0.001, 0.2, 0.5, 0.7, 0.999, 1 - 1e-12}) {
            double z = NormalQuantile.of(u);
            assertEquals(u, NormalCdf.of(z), ROUND_TRIP_REL * Math.max(1, z * z) * Math.min(u, 1 - u) + Math.ulp(u));
        }
    }

    @Test
    void ofSpearman_entry_convertedExactly() {
        GaussianCopula c = GaussianCopula.ofSpearman(new double[][] {{1, 0.5}, {0.5, 1}});
        // 2 sin(pi / 12) = (sqrt 6 - sqrt 2) / 2, to the last bit
        assertEquals((Math.sqrt(6) - Math.sqrt(2)) / 2, c.correlation()[0][1], 2 * Math.ulp(0.5));
        assertEquals(2 * Math.sin(Math.PI * 0.5 / 6), c.correlation()[1][0], 0.0);
        for (double s = -1; s <= 1; s += 0.125) {
            assertEquals(s, GaussianCopula.spearmanFromNormal(GaussianCopula.normalFromSpearman(s)), 1e-15);
        }
        assertEquals(1.0, GaussianCopula.normalFromSpearman(1.0), 1e-15);
    }

    @Test
    void apply_spearmanCopula_sampleRankCorrelationMatches() {
        int n = 1 << 15;
        double rhoS = -0.6;
        GaussianCopula c = GaussianCopula.ofSpearman(new double[][] {{1, rhoS}, {rhoS, 1}});
        SamplingDesign d = SamplingDesigns.of("sobol", 2, n, 3);
        double[] u = new double[2 * n];
        d.fill(0, n, u);
        c.apply(u, 0, n, 2, 0);
        // any continuous marginals: ranks are those of the uniforms
        double[] a = new double[n];
        double[] b = new double[n];
        Distribution gamma = Distributions.of(new InputSpec("g", "gamma", Map.of("shape", 0.5, "scale", 2.0)));
        for (int i = 0; i < n; i++) {
            a[i] = gamma.inverseCdf(u[2 * i]);
            b[i] = u[2 * i + 1];
        }
        // 4 standard errors of a sample Spearman coefficient, sd <= (1 - rho_S^2) / sqrt(n) roughly (Fieller 1957)
        double tol = 4 * 1.06 * (1 - rhoS * rhoS) / Math.sqrt(n);
        assertEquals(rhoS, new SpearmansCorrelation().correlation(a, b), tol);
    }

    @Test
    void apply_identity_leavesUniformsBitForBit() {
        double[] u = {0.1, 0.7, 0.3, 0.2, 0.9, 0.5};
        double[] v = u.clone();
        GaussianCopula.independent(3).apply(v, 0, 2, 3, 0);
        assertArrayEquals(u, v, 0.0);
        // an uncorrelated input is untouched by the others' correlation
        GaussianCopula.ofCorrelation(new double[][] {{1, 0, 0}, {0, 1, 0.4}, {0, 0.4, 1}}).apply(v, 0, 2, 3, 0);
        assertEquals(u[0], v[0], 0.0);
        assertEquals(u[3], v[3], 0.0);
        assertTrue(v[1] != u[1] || v[2] != u[2]);
    }

    @Test
    void apply_extremeUniforms_stayInsideTheOpenInterval() {
        GaussianCopula c = GaussianCopula.ofCorrelation(new double[][] {{1, 0.99}, {0.99, 1}});
        double[] u = {0x1.0p-53, 0x1.0p-53, 1 - 0x1.0p-53, 1 - 0x1.0p-53};
        c.apply(u, 0, 2, 2, 0);
        for (double v : u) {
            assertTrue(v > 0 && v < 1, Arrays.toString(u));
        }
    }

    @Test
    void of_badMatrices_messagesNameTheEntries() {
        assertMessage("correlation[1][1] must be 1, got 0.9", () -> GaussianCopula.ofCorrelation(
                new double[][] {{1, 0.2}, {0.2, 0.9}}));
        assertMessage("correlation[0][1] and correlation[1][0] must be equal, got 0.5 and 0.4",
                () -> GaussianCopula.ofCorrelation(new double[][] {{1, 0.5}, {0.4, 1}}));
        assertMessage("correlation[0][1] must be in [-1, 1], got 1.2",
                () -> GaussianCopula.ofCorrelation(new double[][] {{1, 1.2}, {1.2, 1}}));
        assertMessage("correlation[1] must have 2 entries (one per input), got 3",
                () -> GaussianCopula.ofCorrelation(new double[][] {{1, 0}, {0, 1, 0}}));
        assertMessage("spearman[0][1] must be in [-1, 1], got NaN",
                () -> GaussianCopula.ofSpearman(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
        // x1 ~ x2 and x1 ~ x3 strongly, but x2 ~ -x3: no such normal vector
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                GaussianCopula.ofCorrelation(new double[][] {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}}));
        assertTrue(e.getMessage().startsWith("correlation must be positive definite: correlation[2][0] = 0.9, "
                + "correlation[2][1] = -0.9 contradict the rows above (Cholesky pivot -"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianCopula.ofCorrelation(new double[][] {{1, 1}, {1, 1}}));
        assertTrue(e.getMessage().startsWith("correlation must be positive definite: correlation[1][0] = 1.0"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
