package org.snauq.datasets.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Burgers references agree with an independent finite-volume solver at its order of accuracy. */
class BurgersReferenceTest {

    private static final double NU_CLASSIC = 0.01 / Math.PI;
    /** Gauss-Hermite with 120 and 240 nodes: both at rounding (the integrand is resolved by 80). */
    private static final double NODES_AGREE = 1e-13;
    /** Second-order finite volumes: the error falls by 4 per halving of h; at least 3 allows the limiter's clipping
     *  near extrema. */
    private static final double SECOND_ORDER_RATIO = 3.0;
    /** First order at a shock: the L1 error halves with h; at least 1.8. */
    private static final double FIRST_ORDER_RATIO = 1.8;
    /** Measured largest FV-Cole-Hopf difference at nu = 0.05, 800 cells, t = 1: 3.9e-5. */
    private static final double FV_800_TOL = 1e-4;

    @Test
    void coleHopf_doubledNodes_agreesToRounding() {
        BurgersColeHopf a = new BurgersColeHopf(NU_CLASSIC, 120);
        BurgersColeHopf b = new BurgersColeHopf(NU_CLASSIC, 240);
        for (double t : new double[] {0.3, 0.6, 1.0}) {
            for (int i = 0; i <= 200; i++) {
                double x = -1 + i / 100.0;
                assertEquals(b.value(x, t), a.value(x, t), NODES_AGREE, "x = " + x + ", t = " + t);
            }
        }
        assertEquals(-Math.sin(0.3 * Math.PI), a.value(0.3, 0), 0.0);
    }

    /** Largest and L1 difference at time t between the finite volumes on n cells and Cole-Hopf. */
    private static double[] coleHopfError(double nu, int n, double t) {
        BurgersColeHopf exact = new BurgersColeHopf(nu);
        BurgersFiniteVolume fv = new BurgersFiniteVolume(-1, 1, n, nu, x -> -Math.sin(Math.PI * x), 0, 0);
        double[] u = fv.solve(t);
        double max = 0;
        double l1 = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.abs(u[i] - exact.value(fv.center(i), t));
            max = Math.max(max, e);
            l1 += e * fv.width();
        }
        return new double[] {max, l1};
    }

    @Test
    void coleHopf_againstFiniteVolumes_secondOrderAgreement() {
        double[] coarse = coleHopfError(0.05, 400, 1.0);
        double[] fine = coleHopfError(0.05, 800, 1.0);
        assertTrue(coarse[0] / fine[0] >= SECOND_ORDER_RATIO, "ratio " + coarse[0] / fine[0]);
        assertTrue(fine[0] <= FV_800_TOL, "max difference " + fine[0]);
        // the steep layer of nu = 0.01/pi (width about 0.007) in L1
        double[] layerCoarse = coleHopfError(NU_CLASSIC, 800, 1.0);
        double[] layerFine = coleHopfError(NU_CLASSIC, 1600, 1.0);
        assertTrue(layerCoarse[1] / layerFine[1] >= SECOND_ORDER_RATIO, "ratio " + layerCoarse[1] / layerFine[1]);
    }

    @Test
    void characteristics_againstInviscidFiniteVolumes_firstOrderAtTheShock() {
        BurgersCharacteristics exact = new BurgersCharacteristics(0.5);
        double[] l1 = new double[2];
        int[] cells = {800, 1600};
        for (int k = 0; k < 2; k++) {
            BurgersFiniteVolume fv = new BurgersFiniteVolume(-1, 1, cells[k], 0, x -> 0.5 - Math.sin(Math.PI * x),
                    0.5, 0.5);
            double[] u = fv.solve(1.0);
            int jump = 1;
            for (int i = 1; i < cells[k]; i++) {
                l1[k] += Math.abs(u[i] - exact.value(fv.center(i), 1.0)) * fv.width();
                if (u[i - 1] - u[i] > u[jump - 1] - u[jump]) {
                    jump = i;
                }
            }
            // the largest drop between two cells brackets the Rankine-Hugoniot position c t = 0.5
            assertEquals(exact.shockPosition(1.0), fv.center(jump) - fv.width() / 2, fv.width());
        }
        assertTrue(l1[0] / l1[1] >= FIRST_ORDER_RATIO, "L1 ratio " + l1[0] / l1[1]);
        assertEquals(0.5 - Math.sin(0.2 * Math.PI), exact.value(0.2, 0), 1e-15);
    }
}
