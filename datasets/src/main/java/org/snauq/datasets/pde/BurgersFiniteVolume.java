package org.snauq.datasets.pde;

import java.util.function.DoubleUnaryOperator;

/**
 * Reference finite-volume solver for Burgers u_t + (u^2/2)_x = nu u_xx on an interval with Dirichlet values at both
 * ends: cell averages, MUSCL reconstruction with minmod slopes, the Rusanov (local Lax-Friedrichs) flux for u^2/2,
 * the central flux for nu u_x, and the three-stage strong-stability-preserving Runge-Kutta scheme (Shu and Osher,
 * J. Comput. Phys. 77 (1988) 439-471) with dt = min(0.4 h / max |u|, 0.25 h^2 / nu). Second order where the
 * solution is smooth and resolved, non-oscillatory at shocks, so it also serves nu = 0 (the entropy solution).
 * A Dirichlet end is a ghost cell whose average makes the face value the boundary value.
 *
 * <p>Cost O(N) per step and O(N) steps (O(N^2) with viscosity when h^2 / nu limits dt). Used to check
 * {@link BurgersColeHopf} and {@link BurgersCharacteristics}.
 */
public final class BurgersFiniteVolume {

    /** Courant number of the convective step (MUSCL with SSP-RK3 is stable up to 1/2). */
    private static final double CFL = 0.4;
    /** Diffusion number nu dt / h^2 (explicit SSP-RK3 is stable up to about 0.6). */
    private static final double DIFFUSION_NUMBER = 0.25;

    private final double lower;
    private final double h;
    private final int cells;
    private final double nu;
    private final double left;
    private final double right;
    private final double[] initial;

    /**
     * @param lower lower end, &lt; upper
     * @param cells number of cells, &gt;= 4
     * @param nu    viscosity, &gt;= 0
     * @param u0    initial condition (averaged over each cell by 3-point Gauss)
     * @param left  u at the lower end
     * @param right u at the upper end
     */
    public BurgersFiniteVolume(double lower, double upper, int cells, double nu, DoubleUnaryOperator u0, double left,
                               double right) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("lower must be < upper, got [" + lower + ", " + upper + "]");
        }
        if (cells < 4) {
            throw new IllegalArgumentException("cells must be >= 4, got " + cells);
        }
        if (!(nu >= 0)) {
            throw new IllegalArgumentException("nu must be >= 0, got " + nu);
        }
        this.lower = lower;
        this.h = (upper - lower) / cells;
        this.cells = cells;
        this.nu = nu;
        this.left = left;
        this.right = right;
        this.initial = new double[cells];
        double g = Math.sqrt(0.6) / 2; // 3-point Gauss-Legendre on a cell
        for (int i = 0; i < cells; i++) {
            double c = center(i);
            initial[i] = (5 * u0.applyAsDouble(c - g * h) + 8 * u0.applyAsDouble(c) + 5 * u0.applyAsDouble(c + g * h))
                    / 18;
        }
    }

    /** Centre of cell i. */
    public double center(int i) {
        return lower + (i + 0.5) * h;
    }

    public int cells() {
        return cells;
    }

    public double width() {
        return h;
    }

    /** Cell averages at time t. */
    public double[] solve(double t) {
        double[] u = initial.clone();
        double[] u1 = new double[cells];
        double[] u2 = new double[cells];
        double[] rhs = new double[cells];
        double time = 0;
        while (time < t) {
            double max = 1e-12;
            for (double v : u) {
                max = Math.max(max, Math.abs(v));
            }
            double dt = CFL * h / Math.max(max, Math.max(Math.abs(left), Math.abs(right)));
            if (nu > 0) {
                dt = Math.min(dt, DIFFUSION_NUMBER * h * h / nu);
            }
            dt = Math.min(dt, t - time);
            rate(u, rhs);
            for (int i = 0; i < cells; i++) {
                u1[i] = u[i] + dt * rhs[i];
            }
            rate(u1, rhs);
            for (int i = 0; i < cells; i++) {
                u2[i] = 0.75 * u[i] + 0.25 * (u1[i] + dt * rhs[i]);
            }
            rate(u2, rhs);
            for (int i = 0; i < cells; i++) {
                u[i] = (u[i] + 2 * (u2[i] + dt * rhs[i])) / 3;
            }
            time += dt;
        }
        return u;
    }

    /** du_i/dt = -(F_{i+1/2} - F_{i-1/2}) / h. */
    private void rate(double[] u, double[] out) {
        double[] ext = new double[cells + 4]; // two ghost cells at each end
        System.arraycopy(u, 0, ext, 2, cells);
        ext[1] = 2 * left - u[0];
        ext[0] = ext[1];
        ext[cells + 2] = 2 * right - u[cells - 1];
        ext[cells + 3] = ext[cells + 2];
        double previous = 0;
        for (int f = 0; f <= cells; f++) {
            int l = f + 1; // cell left of face f in ext
            double ul = ext[l] + 0.5 * minmod(ext[l] - ext[l - 1], ext[l + 1] - ext[l]);
            double ur = ext[l + 1] - 0.5 * minmod(ext[l + 1] - ext[l], ext[l + 2] - ext[l + 1]);
            if (f == 0) {
                ul = left; // the boundary value is the outer state of a Dirichlet face
            } else if (f == cells) {
                ur = right;
            }
            double a = Math.max(Math.abs(ul), Math.abs(ur));
            double flux = 0.25 * (ul * ul + ur * ur) - 0.5 * a * (ur - ul) - nu * (ext[l + 1] - ext[l]) / h;
            if (f > 0) {
                out[f - 1] = -(flux - previous) / h;
            }
            previous = flux;
        }
    }

    private static double minmod(double a, double b) {
        return a * b <= 0 ? 0.0 : Math.abs(a) < Math.abs(b) ? a : b;
    }
}
