package org.snauq.datasets.pde;

import java.util.function.DoubleBinaryOperator;

/**
 * Full-grid reference solver for quasi-steady conduction in the frame of a moving heat source (dimensionless):
 *
 * <pre>  -Laplace u - Pe du/dx = 0   on [x_0, x_n] x [y_0, y_m] x [z_0, z_l],
 *   -du/dz = g(x, y) at z = z_0 (heat flux into the top face),  du/dx = 0 at x = x_0 (outflow, insulated),
 *   u = 0 on the other four faces,</pre>
 *
 * on a tensor grid of given (graded) nodes, by vertex-centred finite volumes: control volumes halfway between
 * nodes, two-point diffusive fluxes, central (averaged) face values for advection and the node value on the
 * outflow face. Second order on smoothly graded grids; with a cell Peclet number Pe h / 2 below 1 the central
 * scheme does not oscillate. The system is non-symmetric (its symmetric part is positive definite); it is solved
 * by BiCGSTAB (van der Vorst, SIAM J. Sci. Stat. Comput. 13 (1992) 631) with a Jacobi preconditioner, on arrays,
 * matrix-free from a 7-point stencil. Memory 11 doubles per node; cost O(iterations x nodes).
 *
 * <p>Immutable after construction; {@link #solve} allocates its vectors.
 */
public final class MovingHeatGridSolver {

    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final int nx;
    private final int ny;
    private final int nz;
    /** Stencil: diag and the six neighbours (x-, x+, y-, y+, z-, z+); Dirichlet rows are the identity. */
    private final double[] diag;
    private final double[][] off;
    private final double[] rhs;

    /** The solution: values at every node, x slowest, z fastest. */
    public record Solution(double[] x, double[] y, double[] z, double[] values, int iterations, double residual,
                           double seconds) {
        public double value(int i, int j, int k) {
            return values[(i * y.length + j) * z.length + k];
        }
    }

    /**
     * @param x      nodes along x, increasing, at least 3 (read)
     * @param y      nodes along y (read)
     * @param z      nodes along z, z[0] the top face (read)
     * @param peclet Pe &gt;= 0
     * @param flux   g(x, y), the flux into the top face
     */
    public MovingHeatGridSolver(double[] x, double[] y, double[] z, double peclet, DoubleBinaryOperator flux) {
        check(x, "x");
        check(y, "y");
        check(z, "z");
        if (!(peclet >= 0)) {
            throw new IllegalArgumentException("peclet must be >= 0, got " + peclet);
        }
        this.x = x.clone();
        this.y = y.clone();
        this.z = z.clone();
        this.nx = x.length;
        this.ny = y.length;
        this.nz = z.length;
        int n = nx * ny * nz;
        this.diag = new double[n];
        this.off = new double[6][n];
        this.rhs = new double[n];
        assemble(peclet, flux);
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
        return i == nx - 1 || j == 0 || j == ny - 1 || k == nz - 1;
    }

    private void assemble(double pe, DoubleBinaryOperator flux) {
        for (int i = 0; i < nx; i++) {
            double wx = width(x, i);
            for (int j = 0; j < ny; j++) {
                double wy = width(y, j);
                for (int k = 0; k < nz; k++) {
                    double wz = width(z, k);
                    int id = index(i, j, k);
                    if (dirichlet(i, j, k)) {
                        diag[id] = 1.0;
                        continue;
                    }
                    double d = 0;
                    // diffusion: area / distance per face, both sides
                    if (i > 0) {
                        double c = wy * wz / (x[i] - x[i - 1]);
                        d += c;
                        off[0][id] -= c;
                    }
                    double cxp = wy * wz / (x[i + 1] - x[i]);
                    d += cxp;
                    off[1][id] -= cxp;
                    double cym = wx * wz / (y[j] - y[j - 1]);
                    double cyp = wx * wz / (y[j + 1] - y[j]);
                    d += cym + cyp;
                    off[2][id] -= cym;
                    off[3][id] -= cyp;
                    if (k > 0) {
                        double c = wx * wy / (z[k] - z[k - 1]);
                        d += c;
                        off[4][id] -= c;
                    }
                    double czp = wx * wy / (z[k + 1] - z[k]);
                    d += czp;
                    off[5][id] -= czp;
                    // advection -Pe (u_face+ - u_face-) times the face area wy wz
                    double a = pe * wy * wz;
                    off[1][id] -= 0.5 * a; // u_face+ = (u_i + u_{i+1}) / 2
                    d -= 0.5 * a;
                    if (i > 0) {
                        d += 0.5 * a; // u_face- = (u_{i-1} + u_i) / 2
                        off[0][id] += 0.5 * a;
                    } else {
                        d += a; // outflow face: u_face- = u_0
                    }
                    diag[id] = d;
                    if (k == 0) {
                        rhs[id] = wx * wy * flux.applyAsDouble(x[i], y[j]);
                    }
                }
            }
        }
        // decouple Dirichlet neighbours (their value is 0)
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (int k = 0; k < nz; k++) {
                    int id = index(i, j, k);
                    if (dirichlet(i, j, k)) {
                        continue;
                    }
                    if (i + 1 < nx && dirichlet(i + 1, j, k)) {
                        off[1][id] = 0;
                    }
                    if (dirichlet(i, j - 1, k)) {
                        off[2][id] = 0;
                    }
                    if (dirichlet(i, j + 1, k)) {
                        off[3][id] = 0;
                    }
                    if (k + 1 < nz && dirichlet(i, j, k + 1)) {
                        off[5][id] = 0;
                    }
                }
            }
        }
    }

    /** out = A u. */
    private void multiply(double[] u, double[] out) {
        int sx = ny * nz;
        int sy = nz;
        int n = u.length;
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
     * BiCGSTAB with Jacobi preconditioning from u = 0 until ||b - A u|| &lt;= tolerance ||b||.
     *
     * @throws IllegalStateException when it breaks down or does not converge in {@code maxIterations}
     */
    public Solution solve(double tolerance, int maxIterations) {
        long start = System.nanoTime();
        int n = rhs.length;
        double[] u = new double[n];
        double[] r = rhs.clone();
        double[] r0 = rhs.clone();
        double[] p = new double[n];
        double[] v = new double[n];
        double[] ph = new double[n];
        double[] s = new double[n];
        double[] sh = new double[n];
        double[] t = new double[n];
        double bnorm = Math.sqrt(dot(rhs, rhs));
        if (bnorm == 0) {
            return new Solution(x.clone(), y.clone(), z.clone(), u, 0, 0, 0);
        }
        double rho = 1;
        double alpha = 1;
        double omega = 1;
        double res = 1;
        int it = 0;
        while (it < maxIterations) {
            it++;
            double rhoNew = dot(r0, r);
            if (rhoNew == 0 || omega == 0) {
                throw new IllegalStateException("BiCGSTAB broke down at iteration " + it);
            }
            double beta = rhoNew / rho * (alpha / omega);
            rho = rhoNew;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * (p[i] - omega * v[i]);
                ph[i] = p[i] / diag[i];
            }
            multiply(ph, v);
            alpha = rho / dot(r0, v);
            for (int i = 0; i < n; i++) {
                s[i] = r[i] - alpha * v[i];
                sh[i] = s[i] / diag[i];
            }
            multiply(sh, t);
            double tt = dot(t, t);
            omega = tt == 0 ? 0 : dot(t, s) / tt;
            for (int i = 0; i < n; i++) {
                u[i] += alpha * ph[i] + omega * sh[i];
                r[i] = s[i] - omega * t[i];
            }
            res = Math.sqrt(dot(r, r)) / bnorm;
            if (res <= tolerance) {
                return new Solution(x.clone(), y.clone(), z.clone(), u, it, res, (System.nanoTime() - start) * 1e-9);
            }
        }
        throw new IllegalStateException("BiCGSTAB did not reach " + tolerance + " in " + maxIterations
                + " iterations (residual " + res + ")");
    }
}
