package org.snauq.datasets.pde;

import java.util.SplittableRandom;
import org.snauq.qoi.MeltPool;
import org.snauq.qoi.MeltPoolQoi;
import org.snauq.thermal.ThermalScaling;

/**
 * The material-agnostic LPBF case of {@code docs/cases/lpbf-inverse.md} and {@code conf/problems/lpbf5d.yaml}: the
 * full-grid reference at one physical point, solved in kelvin with the material's k(T) (never through the Kirchhoff
 * transform the SNA model uses), so it judges the whole chain from (eta, s, P, v, r_b, beta) to temperatures.
 *
 * <p>In the frame of the beam, lengths in beam radii, the rise u = T - T0 solves
 * {@code -div(kappa grad u) - Pe d H(u)/dx = 0} with kappa(u) = s k_0(T0 + u) / (s k_ref) and H = int kappa (constant
 * diffusivity: the heat capacity follows k), {@code -kappa du/dz = A s(x, y; beta)} on the surface, the groups
 * Pe and A of {@link ThermalScaling}; box x in [-24, 4], y in [-5, 5] (the half y &gt;= 0 by symmetry), z in [0, 4],
 * outflow at the back face, u = 0 on the others. Stateless.
 */
public final class LpbfMaterialCase {

    /** Inputs of a physical point, in this order: absorptivity, conductivity scale s, power W, speed m/s, 1/e^2 beam
     *  radius m, ring fraction. */
    public static final String[] INPUTS = {"eta", "s", "P", "v", "rb", "beta"};
    public static final double X_LO = -24;
    public static final double X_HI = 4;
    public static final double Y_HALF = 5;
    public static final double Z_DEPTH = 4;
    /** The SNA model's Peclet range (conf/problems/lpbf5d.yaml). */
    public static final double PE_LO = 2;
    public static final double PE_HI = 20;
    /** BiCGSTAB relative residual per linear solve. */
    static final double SOLVE_TOLERANCE = 1e-9;

    private LpbfMaterialCase() {
    }

    /**
     * Reference grid at refinement level {@code level} (spacings divided by 2^level), half in y: 0.1 r_b from 3 r_b
     * behind the spot to the front face (a cell Peclet number Pe h / 2 &lt;= 1 up to Pe = 20), 0.075 r_b in the top
     * 1.5 r_b.
     */
    public static double[][] grid(int level) {
        double f = Math.pow(2, -level);
        return new double[][] {
            LpbfCase.nodes(new double[] {X_LO, -8, -3, X_HI}, new double[] {0.5 * f, 0.2 * f, 0.1 * f}),
            LpbfCase.nodes(new double[] {0, 2, Y_HALF}, new double[] {0.1 * f, 0.3 * f}),
            LpbfCase.nodes(new double[] {0, 1.5, Z_DEPTH}, new double[] {0.075 * f, 0.25 * f})};
    }

    /** The temperature rise T - T0 in kelvin at one physical point {eta, s, P, v, rb, beta} (see {@link #INPUTS}). */
    public static MovingHeatGridSolver.Solution reference(ThermalScaling material, double[] point, int level) {
        double eta = point[0];
        double scale = point[1];
        double pe = material.peclet(point[3], point[4], scale);
        double amp = material.amplitude(eta, point[2], point[4], scale);
        double beta = point[5];
        double t0 = material.ambient();
        double[][] g = grid(level);
        MovingHeatGridSolver.Conductivity kappa = new MovingHeatGridSolver.Conductivity() {
            @Override
            public double kappa(double u) {
                return material.kappa(t0 + u);
            }

            @Override
            public double integral(double u) {
                return material.theta(t0 + u);
            }

            @Override
            public double inverse(double h) {
                return material.temperature(h) - t0;
            }
        };
        return new MovingHeatGridSolver(g[0], g[1], g[2], pe, (x, y) -> amp * LpbfCase.shape(x, y, beta))
                .withSymmetryAtLowerY().withConductivity(kappa).solve(SOLVE_TOLERANCE, 20_000);
    }

    /** Melt-pool QoIs of a reference solution: peak in K, lengths in beam radii. */
    public static MeltPoolQoi qoi(ThermalScaling material, MovingHeatGridSolver.Solution s) {
        return MeltPool.extract(new GridField(s, material.ambient()), material.material().liquidus(), 81, 0.0);
    }

    /**
     * n physical points, each input uniform in its range {@code ranges[i] = {lower, upper}} (in {@link #INPUTS}
     * order), kept only when Pe is inside the model's range: a pure function of (seed, index) and the ranges.
     */
    public static double[][] points(ThermalScaling material, double[][] ranges, int n, long seed) {
        double[][] out = new double[n][];
        long index = 0;
        for (int i = 0; i < n; index++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
            double[] p = new double[INPUTS.length];
            for (int d = 0; d < p.length; d++) {
                p[d] = ranges[d][0] + (ranges[d][1] - ranges[d][0]) * r.nextDouble();
            }
            double pe = material.peclet(p[3], p[4], p[1]);
            if (pe >= PE_LO && pe <= PE_HI) {
                out[i++] = p;
            }
            if (index > 1000L * n) {
                throw new IllegalArgumentException("points: the ranges give Pe outside [" + PE_LO + ", " + PE_HI
                        + "] almost everywhere");
            }
        }
        return out;
    }
}
