package org.snauq.datasets.pde;

import java.util.function.DoubleBinaryOperator;

/**
 * Full-grid reference solver for quasi-steady conduction in the frame of a moving heat source (dimensionless), with
 * a conductivity kappa(u) that may depend on the unknown:
 *
 * <pre>  -div(kappa(u) grad u) - Pe d H(u)/dx = 0   on [x_0, x_n] x [y_0, y_m] x [z_0, z_l],   H(u) = int_0^u kappa,
 *   -kappa du/dz = g(x, y) at z = z_0 (heat flux into the top face),  du/dx = 0 at x = x_0 (outflow, insulated),
 *   u = 0 on the other four faces (or u = b(x, y, z) on all five, {@link #withDirichlet}).</pre>
 *
 * H is the enthalpy of a material whose heat capacity follows its conductivity (constant diffusivity), so kappa = 1
 * is the linear problem -Laplace u - Pe du/dx = 0. Vertex-centred finite volumes on a tensor grid of given (graded)
 * nodes: control volumes halfway between nodes, two-point diffusive fluxes with the face conductivity the mean of
 * the two nodes', central (averaged) face values of H for advection and the node value on the outflow face. Second
 * order on smoothly graded grids; with a cell Peclet number Pe h / 2 below 1 the central scheme does not oscillate.
 * It never uses the Kirchhoff transform (the SNA model does), so it judges it.
 *
 * <p>Each linear system is non-symmetric (its symmetric part is positive definite) and solved by BiCGSTAB (van der
 * Vorst, SIAM J. Sci. Stat. Comput. 13 (1992) 631) with a Jacobi preconditioner, matrix-free from a 7-point stencil.
 * A non-constant kappa is handled by Picard iteration: the face conductivities at the last iterate and H(u_i)
 * written as c_i u_i with the secant c_i = H(u_i) / u_i, so that a fixed point solves the nonlinear scheme exactly;
 * it starts from H^-1 of the linear solution (the Kirchhoff image, exact for the continuous problem, so only the
 * scheme's own difference is left to iterate away) and each linear solve starts from the last iterate. Memory 12 doubles per node; cost O(iterations x nodes).
 *
 * <p>Immutable; {@link #solve} allocates its vectors.
 */
public final class MovingHeatGridSolver {

    /** A conductivity kappa(u) &gt; 0 of the unknown, its integral H(u) = int_0^u kappa and the inverse of H. */
    public interface Conductivity {
        double kappa(double u);

        double integral(double u);

        /** u with H(u) = h. */
        double inverse(double h);
    }

    /** A function of a grid point, for Dirichlet data. */
    @FunctionalInterface
    public interface PointFunction {
        double at(double x, double y, double z);
    }

    /** Picard stops when an iteration moves no node by more than this fraction of max |u|: the QoIs then move by
     *  ~1e-7 relative, far below the 1e-3 the validations resolve. */
    static final double PICARD_TOLERANCE = 1e-7;
    /** Cap on the Picard iterations. */
    static final int PICARD_STEPS = 200;
    /** BiCGSTAB restarts after this many iterations without reaching its tolerance (a converging run on these
     *  grids needs 250-550). */
    static final int RESTART = 1000;

    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double peclet;
    private final DoubleBinaryOperator flux;
    private final Conductivity conductivity;
    private final PointFunction boundary;
    private final boolean mirrorY;

    /**
     * The solution: values at every node, x slowest, z fastest; iterations are BiCGSTAB's, summed over Picard's;
     * mirrorY when it covers the half y &gt;= y[0] of a symmetric domain.
     */
    public record Solution(double[] x, double[] y, double[] z, double[] values, int iterations, double residual,
                           double seconds, int picardIterations, boolean mirrorY) {
        public double value(int i, int j, int k) {
            return values[(i * y.length + j) * z.length + k];
        }
    }

    /**
     * The linear problem (kappa = 1), zero Dirichlet data.
     *
     * @param x      nodes along x, increasing, at least 3 (read)
     * @param y      nodes along y (read)
     * @param z      nodes along z, z[0] the top face (read)
     * @param peclet Pe &gt;= 0
     * @param flux   g(x, y), the flux into the top face
     */
    public MovingHeatGridSolver(double[] x, double[] y, double[] z, double peclet, DoubleBinaryOperator flux) {
        this(x.clone(), y.clone(), z.clone(), peclet, flux, null, null, false);
        check(x, "x");
        check(y, "y");
        check(z, "z");
        if (!(peclet >= 0)) {
            throw new IllegalArgumentException("peclet must be >= 0, got " + peclet);
        }
    }

    private MovingHeatGridSolver(double[] x, double[] y, double[] z, double peclet, DoubleBinaryOperator flux,
                                 Conductivity conductivity, PointFunction boundary, boolean mirrorY) {
        this.x = x;
        this.y = y;
        this.z = z;
        this.nx = x.length;
        this.ny = y.length;
        this.nz = z.length;
        this.peclet = peclet;
        this.flux = flux;
        this.conductivity = conductivity;
        this.boundary = boundary;
        this.mirrorY = mirrorY;
    }

    /** The same problem with conductivity kappa(u) (Picard iterations in {@link #solve}). */
    public MovingHeatGridSolver withConductivity(Conductivity kappa) {
        return new MovingHeatGridSolver(x, y, z, peclet, flux, kappa, boundary, mirrorY);
    }

    /**
     * The same problem with u = b(x, y, z) on all faces but the top one, the back face x = x_0 included (for checks
     * against a solution known in closed form).
     */
    public MovingHeatGridSolver withDirichlet(PointFunction b) {
        return new MovingHeatGridSolver(x, y, z, peclet, flux, conductivity, b, mirrorY);
    }

    /**
     * The same problem on the half y &gt;= y_0 of a domain symmetric about y = y_0 (flux and data even in y - y_0):
     * y = y_0 becomes a symmetry plane (zero flux), halving the nodes. Read the solution with
     * {@link GridField} (it mirrors y).
     */
    public MovingHeatGridSolver withSymmetryAtLowerY() {
        return new MovingHeatGridSolver(x, y, z, peclet, flux, conductivity, boundary, true);
    }

    private static void check(double[] nodes, String name) {
        if (nodes.length < 3) {
            throw new IllegalArgumentException(name + " needs >= 3 nodes, got " + nodes.length);
        }
        for (int i = 1; i < nodes.length; i++) {
            if (!(nodes[i] > nodes[i - 1])) {
                throw new IllegalArgumentException(name + " nodes must increase, got " + nodes[i - 1] + " then "
                        + nodes[i] + " at " + i);
            }
        }
    }

    /** Half-width of the control volume of node i. */
    private static double width(double[] t, int i) {
        double lo = i > 0 ? t[i] - t[i - 1] : 0;
        double hi = i < t.length - 1 ? t[i + 1] - t[i] : 0;
        return 0.5 * (lo + hi);
    }

    private int index(int i, int j, int k) {
        return (i * ny + j) * nz + k;
    }

    private boolean dirichlet(int i, int j, int k) {
        return i == nx - 1 || (j == 0 && !mirrorY) || j == ny - 1 || k == nz - 1 || (i == 0 && boundary != null);
    }

    /** The linear system of one (Picard) step: stencil, right-hand side, and the Dirichlet values. */
    private final class System {
        /** Diag and the six neighbours (x-, x+, y-, y+, z-, z+); Dirichlet rows are the identity. */
        final double[] diag;
        final double[][] off;
        final double[] rhs;

        System(int n) {
            diag = new double[n];
            off = new double[6][n];
            rhs = new double[n];
        }
    }

    /**
     * Assembles with node conductivities kap and enthalpy secants c (both null: kappa = 1).
     */
    private System assemble(double[] kap, double[] c) {
        int n = nx * ny * nz;
        System s = new System(n);
        double[] diag = s.diag;
        double[][] off = s.off;
        double[] rhs = s.rhs;
        double pe = peclet;
        for (int i = 0; i < nx; i++) {
            double wx = width(x, i);
            for (int j = 0; j < ny; j++) {
                double wy = width(y, j);
                for (int k = 0; k < nz; k++) {
                    double wz = width(z, k);
                    int id = index(i, j, k);
                    if (dirichlet(i, j, k)) {
                        diag[id] = 1.0;
                        rhs[id] = boundary == null ? 0 : boundary.at(x[i], y[j], z[k]);
                        continue;
                    }
                    double kc = kap == null ? 1 : kap[id];
                    double d = 0;
                    // diffusion: face conductivity times area / distance, both sides
                    if (i > 0) {
                        double f = face(kap, kc, id - ny * nz) * wy * wz / (x[i] - x[i - 1]);
                        d += f;
                        off[0][id] -= f;
                    }
                    double fxp = face(kap, kc, id + ny * nz) * wy * wz / (x[i + 1] - x[i]);
                    d += fxp;
                    off[1][id] -= fxp;
                    if (j > 0) { // j = 0 here only on a symmetry plane: no flux through it
                        double fym = face(kap, kc, id - nz) * wx * wz / (y[j] - y[j - 1]);
                        d += fym;
                        off[2][id] -= fym;
                    }
                    double fyp = face(kap, kc, id + nz) * wx * wz / (y[j + 1] - y[j]);
                    d += fyp;
                    off[3][id] -= fyp;
                    if (k > 0) {
                        double f = face(kap, kc, id - 1) * wx * wy / (z[k] - z[k - 1]);
                        d += f;
                        off[4][id] -= f;
                    }
                    double fzp = face(kap, kc, id + 1) * wx * wy / (z[k + 1] - z[k]);
                    d += fzp;
                    off[5][id] -= fzp;
                    // advection -Pe (H_face+ - H_face-) times the face area wy wz, H_i = c_i u_i
                    double a = pe * wy * wz;
                    double ci = c == null ? 1 : c[id];
                    off[1][id] -= 0.5 * a * (c == null ? 1 : c[id + ny * nz]); // H_face+ = (H_i + H_{i+1}) / 2
                    d -= 0.5 * a * ci;
                    if (i > 0) {
                        d += 0.5 * a * ci; // H_face- = (H_{i-1} + H_i) / 2
                        off[0][id] += 0.5 * a * (c == null ? 1 : c[id - ny * nz]);
                    } else {
                        d += a * ci; // outflow face: H_face- = H_0
                    }
                    diag[id] = d;
                    if (k == 0) {
                        rhs[id] = wx * wy * flux.applyAsDouble(x[i], y[j]);
                    }
                }
            }
        }
        // move the known Dirichlet neighbours to the right-hand side
        int sx = ny * nz;
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (int k = 0; k < nz; k++) {
                    int id = index(i, j, k);
                    if (dirichlet(i, j, k)) {
                        continue;
                    }
                    if (i > 0 && dirichlet(i - 1, j, k)) {
                        rhs[id] -= off[0][id] * rhs[id - sx];
                        off[0][id] = 0;
                    }
                    if (i + 1 < nx && dirichlet(i + 1, j, k)) {
                        rhs[id] -= off[1][id] * rhs[id + sx];
                        off[1][id] = 0;
                    }
                    if (j > 0 && dirichlet(i, j - 1, k)) {
                        rhs[id] -= off[2][id] * rhs[id - nz];
                        off[2][id] = 0;
                    }
                    if (dirichlet(i, j + 1, k)) {
                        rhs[id] -= off[3][id] * rhs[id + nz];
                        off[3][id] = 0;
                    }
                    if (k + 1 < nz && dirichlet(i, j, k + 1)) {
                        rhs[id] -= off[5][id] * rhs[id + 1];
                        off[5][id] = 0;
                    }
                }
            }
        }
        return s;
    }

    private static double face(double[] kap, double kc, int neighbour) {
        return kap == null ? 1 : 0.5 * (kc + kap[neighbour]);
    }

    /** out = A u. */
    private static void multiply(System a, double[] u, double[] out, int sx, int sy) {
        int n = u.length;
        double[] diag = a.diag;
        double[][] off = a.off;
        for (int id = 0; id < n; id++) {
            double s = diag[id] * u[id];
            if (id - sx >= 0) {
                s += off[0][id] * u[id - sx];
            }
            if (id + sx < n) {
                s += off[1][id] * u[id + sx];
            }
            if (id - sy >= 0) {
                s += off[2][id] * u[id - sy];
            }
            if (id + sy < n) {
                s += off[3][id] * u[id + sy];
            }
            if (id - 1 >= 0) {
                s += off[4][id] * u[id - 1];
            }
            if (id + 1 < n) {
                s += off[5][id] * u[id + 1];
            }
            out[id] = s;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Solves to a relative residual of {@code tolerance} (||b - A u|| &lt;= tolerance ||b|| for each linear system);
     * with a conductivity, Picard iterations until no node moves by more than {@link #PICARD_TOLERANCE} max |u|.
     *
     * @throws IllegalStateException when BiCGSTAB breaks down or a loop does not converge in its cap
     */
    public Solution solve(double tolerance, int maxIterations) {
        long start = java.lang.System.nanoTime();
        int n = nx * ny * nz;
        double[] u = new double[n];
        int[] its = new int[1];
        double res = bicgstab(assemble(null, null), u, tolerance, maxIterations, its);
        int picard = 0;
        if (conductivity != null) {
            double[] kap = new double[n];
            double[] c = new double[n];
            double[] previous = new double[n];
            boolean converged = false;
            // start from the Kirchhoff image of the linear solution, H^-1(u_lin): exact for the continuous problem,
            // so Picard only has to remove the discretisation's difference (its fixed point does not depend on
            // the start)
            for (int id = 0; id < n; id++) {
                u[id] = conductivity.inverse(u[id]);
            }
            while (picard < PICARD_STEPS && !converged) {
                picard++;
                for (int id = 0; id < n; id++) {
                    kap[id] = conductivity.kappa(u[id]);
                    c[id] = u[id] == 0 ? kap[id] : conductivity.integral(u[id]) / u[id];
                }
                java.lang.System.arraycopy(u, 0, previous, 0, n);
                res = bicgstab(assemble(kap, c), u, tolerance, maxIterations, its);
                double change = 0;
                double size = 0;
                for (int id = 0; id < n; id++) {
                    change = Math.max(change, Math.abs(u[id] - previous[id]));
                    size = Math.max(size, Math.abs(u[id]));
                }
                converged = change <= PICARD_TOLERANCE * size;
            }
            if (!converged) {
                throw new IllegalStateException("Picard iteration did not converge in " + PICARD_STEPS + " steps");
            }
        }
        return new Solution(x.clone(), y.clone(), z.clone(), u, its[0], res,
                (java.lang.System.nanoTime() - start) * 1e-9, picard, mirrorY);
    }

    /**
     * BiCGSTAB with Jacobi preconditioning from the given u (written: the solution) until
     * ||b - A u|| &lt;= tolerance ||b||, restarted from the current iterate (a fresh shadow residual) every
     * {@link #RESTART} iterations: on the nonlinear steps' systems an unrestarted run can stagnate far above the
     * tolerance. Adds its iterations to its[0]; returns the relative residual.
     */
    private double bicgstab(System a, double[] u, double tolerance, int maxIterations, int[] its) {
        int done = 0;
        double res = Double.NaN;
        while (done < maxIterations) {
            int chunk = Math.min(RESTART, maxIterations - done);
            int before = its[0];
            res = bicgstabRun(a, u, tolerance, chunk, its);
            if (res <= tolerance) {
                return res;
            }
            done += Math.max(its[0] - before, 1);
        }
        throw new IllegalStateException("BiCGSTAB did not reach " + tolerance + " in " + maxIterations
                + " iterations (residual " + res + ")");
    }

    /** One BiCGSTAB run of at most maxIterations; returns the relative residual reached (iterations added). */
    private double bicgstabRun(System a, double[] u, double tolerance, int maxIterations, int[] its) {
        int n = u.length;
        int sx = ny * nz;
        int sy = nz;
        double[] diag = a.diag;
        double[] rhs = a.rhs;
        double[] r = new double[n];
        multiply(a, u, r, sx, sy);
        for (int i = 0; i < n; i++) {
            r[i] = rhs[i] - r[i];
        }
        double bnorm = Math.sqrt(dot(rhs, rhs));
        if (bnorm == 0) {
            java.util.Arrays.fill(u, 0);
            return 0;
        }
        double res = Math.sqrt(dot(r, r)) / bnorm;
        if (res <= tolerance) {
            return res;
        }
        double[] r0 = r.clone();
        double[] p = new double[n];
        double[] v = new double[n];
        double[] ph = new double[n];
        double[] s = new double[n];
        double[] sh = new double[n];
        double[] t = new double[n];
        double rho = 1;
        double alpha = 1;
        double omega = 1;
        int it = 0;
        while (it < maxIterations) {
            it++;
            double rhoNew = dot(r0, r);
            if (rhoNew == 0 || omega == 0) {
                its[0] += it;
                return res; // breakdown: the caller restarts from here
            }
            double beta = rhoNew / rho * (alpha / omega);
            rho = rhoNew;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * (p[i] - omega * v[i]);
                ph[i] = p[i] / diag[i];
            }
            multiply(a, ph, v, sx, sy);
            alpha = rho / dot(r0, v);
            for (int i = 0; i < n; i++) {
                s[i] = r[i] - alpha * v[i];
                sh[i] = s[i] / diag[i];
            }
            multiply(a, sh, t, sx, sy);
            double tt = dot(t, t);
            omega = tt == 0 ? 0 : dot(t, s) / tt;
            for (int i = 0; i < n; i++) {
                u[i] += alpha * ph[i] + omega * sh[i];
                r[i] = s[i] - omega * t[i];
            }
            res = Math.sqrt(dot(r, r)) / bnorm;
            if (res <= tolerance) {
                its[0] += it;
                return res;
            }
        }
        its[0] += it;
        return res;
    }
}
