package org.snauq.datasets.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EllipticGridSolverTest {

    /** Second-order scheme: errors at h and h/2 have ratio 4; allow [3.5, 4.5] (pre-asymptotic terms). */
    private static final double ORDER_TOL = 0.5;

    private static double maxError(int n) {
        // u = sin(pi x) exp(y) with k = 1 + x: f = -(k u_x)_x - k u_yy
        EllipticGridSolver s = new EllipticGridSolver(new double[] {0, 0}, new double[] {1, 1}, new int[] {n, n},
                z -> 1 + z[0], z -> 0.0,
                z -> {
                    double ux = Math.PI * Math.cos(Math.PI * z[0]) * Math.exp(z[1]);
                    double uxx = -Math.PI * Math.PI * Math.sin(Math.PI * z[0]) * Math.exp(z[1]);
                    double uyy = Math.sin(Math.PI * z[0]) * Math.exp(z[1]);
                    return -(ux + (1 + z[0]) * uxx) - (1 + z[0]) * uyy;
                },
                z -> Math.sin(Math.PI * z[0]) * Math.exp(z[1]));
        GridSolution u = s.solve(1e-12, 10_000);
        double err = 0;
        for (int i = 0; i < u.values().length; i++) {
            double[] z = u.point(i);
            err = Math.max(err, Math.abs(u.values()[i] - Math.sin(Math.PI * z[0]) * Math.exp(z[1])));
        }
        return err;
    }

    @Test
    void solve_variableCoefficient_secondOrder() {
        double ratio = maxError(32) / maxError(64);
        assertEquals(4.0, ratio, ORDER_TOL);
    }
}
