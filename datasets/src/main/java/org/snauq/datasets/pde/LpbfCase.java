package org.snauq.datasets.pde;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.snauq.qoi.MeltPool;
import org.snauq.qoi.MeltPoolQoi;

/**
 * The 7-D parametric LPBF thermal case of {@code docs/cases/lpbf.md}: quasi-steady conduction in the frame of a
 * laser moving at speed v along +x over Ti-6Al-4V, the beam a surface heat flux with a ring-to-Gaussian shape.
 *
 * <p>Lengths are scaled by the beam radius r_b (x = xi / r_b, y / r_b, z / r_b) and the unknown is the temperature
 * rise theta = T - T0 in kelvin, so that
 *
 * <pre>  -Laplace theta - Pe d theta/dx = 0,   Pe = v r_b / alpha,
 *   -d theta/dz = A s(x, y; beta) at z = 0,   A = eta P / (pi k r_b),
 *   s = (1 - beta) 2 exp(-2 rho^2) + beta c_R exp(-(rho - 1)^2 / (2 w^2)),   rho^2 = x^2 + y^2,</pre>
 *
 * both shapes carrying the same power (integral of s over the plane = pi). theta = 0 on the front, side and bottom
 * faces, insulated outflow at the back face x = X_LO. Constants: Mills, "Recommended values of thermophysical
 * properties for selected commercial alloys" (Woodhead, 2002), Ti-6Al-4V, averaged over 300-1900 K.
 *
 * <p>Stateless; the grid solves allocate.
 */
public final class LpbfCase {

    /** Density, kg/m^3 (Mills 2002, 298 K). */
    public static final double DENSITY = 4420;
    /** Specific heat, J/(kg K): mean of Mills' 546 (298 K) to 760 (1900 K). */
    public static final double SPECIFIC_HEAT = 670;
    /** Thermal conductivity, W/(m K): mean of Mills' 7 (298 K) to 28 (1900 K). */
    public static final double CONDUCTIVITY = 20;
    /** Thermal diffusivity k / (rho c_p), m^2/s. */
    public static final double DIFFUSIVITY = CONDUCTIVITY / (DENSITY * SPECIFIC_HEAT);
    /** Liquidus, K (Mills 2002: 1923-1928 K). */
    public static final double LIQUIDUS = 1928;
    /** Preheat / far-field temperature, K. */
    public static final double AMBIENT = 300;
    /** Absorptivity of the powder bed (fixed in the 7-D model). */
    public static final double ABSORPTIVITY = 0.35;

    /** Parameter ranges: power W, speed m/s, 1/e^2 beam radius micrometres, shape (0 Gaussian, 1 ring). */
    public static final double[][] RANGES = {{150, 300}, {0.5, 1.2}, {40, 70}, {0, 1}};
    public static final String[] PARAMETERS = {"P", "v", "rb", "beta"};

    /** Box in beam radii: x (scan) back and front, y half-width, z depth. */
    public static final double X_LO = -16;
    public static final double X_HI = 4;
    public static final double Y_HALF = 5;
    public static final double Z_DEPTH = 4;

    /** Ring radius and width in beam radii. */
    public static final double RING_RADIUS = 1.0;
    public static final double RING_WIDTH = 0.25;
    /** c_R: normalises the ring to carry the Gaussian's power, pi / (2 pi int_0^inf rho exp(-(rho - 1)^2 / (2 w^2))). */
    public static final double RING_NORM = ringNorm();

    private LpbfCase() {
    }

    private static double ringNorm() {
        double a = 1 / (2 * RING_WIDTH * RING_WIDTH);
        double r0 = RING_RADIUS;
        double integral = Math.exp(-a * r0 * r0) / (2 * a) + r0 * Math.sqrt(Math.PI / a) / 2 * (1 + Erf.erf(r0 * Math.sqrt(a)));
        return Math.PI / (2 * Math.PI * integral);
    }

    /** Pe = v r_b / alpha. */
    public static double peclet(double speed, double radiusMicrons) {
        return speed * radiusMicrons * 1e-6 / DIFFUSIVITY;
    }

    /** A = eta P / (pi k r_b), kelvin. */
    public static double amplitude(double power, double radiusMicrons) {
        return ABSORPTIVITY * power / (Math.PI * CONDUCTIVITY * radiusMicrons * 1e-6);
    }

    /** The beam shape s(x, y; beta), lengths in beam radii. */
    public static double shape(double x, double y, double beta) {
        double rho2 = x * x + y * y;
        double ring = Math.sqrt(rho2) - RING_RADIUS;
        return (1 - beta) * 2 * Math.exp(-2 * rho2)
                + beta * RING_NORM * Math.exp(-ring * ring / (2 * RING_WIDTH * RING_WIDTH));
    }

    /**
     * Piecewise-uniform nodes: {@code cuts} split [cuts[0], cuts[last]] into segments, segment s has spacing close
     * to {@code spacing[s]} (rounded to a whole number of cells).
     */
    public static double[] nodes(double[] cuts, double[] spacing) {
        List<Double> out = new ArrayList<>();
        out.add(cuts[0]);
        for (int s = 0; s + 1 < cuts.length; s++) {
            int m = Math.max(1, (int) Math.round((cuts[s + 1] - cuts[s]) / spacing[s]));
            for (int i = 1; i <= m; i++) {
                out.add(i == m ? cuts[s + 1] : cuts[s] + (cuts[s + 1] - cuts[s]) * i / m);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Reference grid at refinement level {@code level} (spacings divided by 2^level): fine around the beam. */
    public static double[][] grid(int level) {
        double f = Math.pow(2, -level);
        return new double[][] {
            nodes(new double[] {X_LO, -6, -2, 1.5, X_HI}, new double[] {0.4 * f, 0.2 * f, 0.1 * f, 0.2 * f}),
            nodes(new double[] {-Y_HALF, -2, 2, Y_HALF}, new double[] {0.3 * f, 0.1 * f, 0.3 * f}),
            nodes(new double[] {0, 1.5, Z_DEPTH}, new double[] {0.075 * f, 0.25 * f})};
    }

    /** Full-grid reference temperature rise theta at one parameter point (power, speed, radius, shape). */
    public static MovingHeatGridSolver.Solution reference(double[] parameters, int level) {
        double pe = peclet(parameters[1], parameters[2]);
        double amp = amplitude(parameters[0], parameters[2]);
        double beta = parameters[3];
        double[][] g = grid(level);
        return new MovingHeatGridSolver(g[0], g[1], g[2], pe, (x, y) -> amp * shape(x, y, beta))
                .solve(1e-9, 20_000);
    }

    /** Melt-pool QoIs of a reference solution, lengths in beam radii, temperatures in K. */
    public static MeltPoolQoi qoi(MovingHeatGridSolver.Solution s) {
        return MeltPool.extract(new GridField(s, AMBIENT), LIQUIDUS, 81, 0.0);
    }

    /** n parameter points uniform in {@link #RANGES}, a pure function of (seed, index). */
    public static double[][] validationPoints(int n, long seed) {
        double[][] out = new double[n][RANGES.length];
        for (int i = 0; i < n; i++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            for (int d = 0; d < RANGES.length; d++) {
                out[i][d] = RANGES[d][0] + (RANGES[d][1] - RANGES[d][0]) * r.nextDouble();
            }
        }
        return out;
    }
}
