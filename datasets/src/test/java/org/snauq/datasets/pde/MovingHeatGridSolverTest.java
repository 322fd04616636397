package org.snauq.datasets.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The reference solver against closed forms: Eagar-Tsai (a Gaussian source on a half-space, constant properties)
 * with its own values imposed on the box's faces, so what remains is the discretisation error, second order; and the
 * Kirchhoff transform: with kappa(u), the enthalpy H(u) of the Picard solution solves the linear problem.
 */
class MovingHeatGridSolverTest {

    private static final double PE = 4.0;
    /** Box around the spot, lengths in beam radii. */
    private static final double[] X = {-3, 1.5};
    private static final double[] Y = {-1.5, 1.5};
    private static final double[] Z = {0, 1.5};
    /** Probes: the spot centre, behind it, beside it, below it. */
    private static final double[][] PROBES = {{0, 0, 0}, {-1, 0, 0}, {-0.5, 0.5, 0}, {-0.3, 0, 0.4}};
    /** Second order: halving h divides the error by 4; 2.5 leaves room for the pre-asymptotic regime. */
    private static final double MIN_ORDER_RATIO = 2.5;
    /** The fine grid (h = 0.05 in x, y, 0.05 in z) within 0.2 % of the peak: C h^2 with C ~ 1 at this source's
     *  curvature (|u''| ~ 4 over a spot of radius 1/2). */
    private static final double FINE_TOLERANCE = 2e-3;
    /** The spot's second moment (variance 1/4 per axis) against a point source: (1/8) |u_xx + u_yy| / u, about
     *  Pe / (16 R) in the wake (u_yy / u ~ -Pe / (2 R) there); twice that. */
    private static double rosenthalTolerance(double r) {
        return 2 * PE / (16 * r);
    }
    private static final double SOLVE_TOLERANCE = 1e-11;
    /** Two second-order discretisations of the same problem at h = 0.1 differ by ~C h^2 (1.1e-3 of the peak
     *  measured); 3e-3 of the peak. */
    private static final double KIRCHHOFF_TOLERANCE = 3e-3;
    /** A conductivity linear in u: the mean face conductivity times (u_j - u_i) is H(u_j) - H(u_i) exactly, so the
     *  scheme is the linear one in H up to the solver and Picard tolerances. */
    private static final double LINEAR_KAPPA_TOLERANCE = 1e-7;

    @Test
    void solve_conductivityLinearInTheUnknown_kirchhoffExactOnTheGrid() {
        MovingHeatGridSolver.Conductivity kappa = new MovingHeatGridSolver.Conductivity() {
            @Override
            public double kappa(double u) {
                return 1 + u / 2;
            }

            @Override
            public double integral(double u) {
                return u + u * u / 4;
            }

            @Override
            public double inverse(double h) {
                return 2 * (Math.sqrt(1 + h) - 1); // u^2 / 4 + u - h = 0
            }
        };
        double[] x = uniform(X, 0.1);
        double[] y = uniform(Y, 0.1);
        double[] z = uniform(Z, 0.1);
        MovingHeatGridSolver linear = new MovingHeatGridSolver(x, y, z, PE,
                (a, b) -> 8 * Math.exp(-2 * (a * a + b * b)));
        MovingHeatGridSolver.Solution h = linear.solve(SOLVE_TOLERANCE, 20_000);
        MovingHeatGridSolver.Solution u = linear.withConductivity(kappa).solve(SOLVE_TOLERANCE, 20_000);
        double peak = new GridField(h, 0).value(0, 0, 0);
        for (int i = 0; i < h.values().length; i++) {
            assertEquals(h.values()[i], kappa.integral(u.values()[i]), LINEAR_KAPPA_TOLERANCE * peak, "node " + i);
        }
    }

    @Test
    void eagarTsai_farField_tendsToRosenthal() {
        for (double[] p : new double[][] {{-8, 0, 0}, {-16, 0, 0}, {-6, 3, 2}, {-5, 0, 6}}) {
            double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            double rosenthal = Math.exp(-PE * (r + p[0]) / 2) / (2 * r); // exact: point source of power pi
            double u = EagarTsai.rise(p[0], p[1], p[2], PE);
            assertEquals(rosenthal, u, rosenthalTolerance(r) * rosenthal, "at " + java.util.Arrays.toString(p));
        }
    }

    @Test
    void solve_gaussianSourceWithExactFaces_secondOrderToEagarTsai() {
        double[] coarse = errors(0.1);
        double[] fine = errors(0.05);
        double peak = EagarTsai.rise(0, 0, 0, PE);
        for (int p = 0; p < PROBES.length; p++) {
            assertTrue(fine[p] <= FINE_TOLERANCE * peak, "probe " + p + ": error " + fine[p]);
            // both tiny: the ratio means nothing below rounding of the solve
            if (coarse[p] > 1e3 * SOLVE_TOLERANCE * peak) {
                assertTrue(coarse[p] / fine[p] >= MIN_ORDER_RATIO, "probe " + p + ": " + coarse[p] + " -> " + fine[p]);
            }
        }
    }

    @Test
    void solve_conductivityOfTheUnknown_enthalpySolvesTheLinearProblem() {
        // kappa = 1 + u^2 / 4 doubles the conductivity at u = 2 (the peak is ~2.4): H(u) = u + u^3 / 12. Not linear
        // in u: for a linear kappa the mean face conductivity would make the scheme's Kirchhoff transform exact
        MovingHeatGridSolver.Conductivity kappa = new MovingHeatGridSolver.Conductivity() {
            @Override
            public double kappa(double u) {
                return 1 + u * u / 4;
            }

            @Override
            public double integral(double u) {
                return u + u * u * u / 12;
            }

            @Override
            public double inverse(double h) {
                double u = h;
                for (int i = 0; i < 60; i++) {
                    u -= (integral(u) - h) / kappa(u); // Newton on a convex increasing function
                }
                return u;
            }
        };
        double[] x = uniform(X, 0.1);
        double[] y = uniform(Y, 0.1);
        double[] z = uniform(Z, 0.1);
        MovingHeatGridSolver linear = new MovingHeatGridSolver(x, y, z, PE,
                (a, b) -> 8 * Math.exp(-2 * (a * a + b * b)));
        GridField h = new GridField(linear.solve(SOLVE_TOLERANCE, 20_000), 0);
        MovingHeatGridSolver.Solution s = linear.withConductivity(kappa).solve(SOLVE_TOLERANCE, 20_000);
        GridField u = new GridField(s, 0);
        assertTrue(s.picardIterations() >= 2, "Picard iterations " + s.picardIterations());
        double peak = h.value(0, 0, 0);
        for (double[] q : PROBES) {
            double v = u.value(q[0], q[1], q[2]);
            // the face conductivity (mean of two nodes) differs from the exact Kirchhoff flux by O(h^2 kappa'' |u'|^2)
            assertEquals(h.value(q[0], q[1], q[2]), kappa.integral(v), KIRCHHOFF_TOLERANCE * peak,
                    "at " + java.util.Arrays.toString(q));
        }
    }

    /** |u_h - u| at the probes on a uniform grid of spacing h. */
    private static double[] errors(double h) {
        double[] x = uniform(X, h);
        double[] y = uniform(new double[] {0, Y[1]}, h); // the half y >= 0: the source is even in y
        double[] z = uniform(Z, h);
        MovingHeatGridSolver.Solution s = new MovingHeatGridSolver(x, y, z, PE,
                (a, b) -> 2 * Math.exp(-2 * (a * a + b * b)))
                .withDirichlet((a, b, c) -> EagarTsai.rise(a, b, c, PE)).withSymmetryAtLowerY()
                .solve(SOLVE_TOLERANCE, 20_000);
        GridField f = new GridField(s, 0);
        double[] e = new double[PROBES.length];
        for (int p = 0; p < PROBES.length; p++) {
            double[] q = PROBES[p];
            e[p] = Math.abs(f.value(q[0], q[1], q[2]) - EagarTsai.rise(q[0], q[1], q[2], PE));
        }
        return e;
    }

    private static double[] uniform(double[] range, double h) {
        int m = (int) Math.round((range[1] - range[0]) / h);
        double[] t = new double[m + 1];
        for (int i = 0; i <= m; i++) {
            t[i] = range[0] + (range[1] - range[0]) * i / m;
        }
        return t;
    }
}
