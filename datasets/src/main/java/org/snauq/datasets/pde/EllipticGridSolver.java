package org.snauq.datasets.pde;

import java.util.function.ToDoubleFunction;

/**
 * Full-grid reference solver for -sum_d d/dz_d (k(z) du/dz_d) + c(z) u = f(z) on a box in D dimensions with
 * Dirichlet data u = g on the boundary: second-order finite differences (the 2D + 1 point stencil with k at the
 * mid-points between nodes), solved by conjugate gradients with a Jacobi preconditioner (the matrix is symmetric
 * positive definite for k &gt; 0, c &gt;= 0).
 *
 * <p>Error O(h^2) for smooth data; unknowns prod_d (N_d - 1), i.e. exponential in D, which is the point of timing
 * VSNA against it. CG needs O(N) iterations of O(D N^D) each. Used to check VSNA on problems without a closed form.
 */
public final class EllipticGridSolver {

    private final double[] lower;
    private final double[] upper;
    private final int[] intervals;
    private final ToDoubleFunction<double[]> k;
    private final ToDoubleFunction<double[]> c;
    private final ToDoubleFunction<double[]> f;
    private final ToDoubleFunction<double[]> g;

    /**
     * @param lower     box lower corner (read)
     * @param upper     box upper corner (read)
     * @param intervals grid intervals N_d per coordinate, &gt;= 2
     * @param k         diffusion coefficient, &gt; 0
     * @param c         reaction coefficient, &gt;= 0
     * @param f         source
     * @param g         boundary values (read on boundary nodes only)
     */
    public EllipticGridSolver(double[] lower, double[] upper, int[] intervals, ToDoubleFunction<double[]> k,
                              ToDoubleFunction<double[]> c, ToDoubleFunction<double[]> f,
                              ToDoubleFunction<double[]> g) {
        if (lower.length != upper.length || lower.length != intervals.length || lower.length < 1) {
            throw new IllegalArgumentException("lower, upper and intervals must have the same length >= 1");
        }
        for (int d = 0; d < lower.length; d++) {
            if (!(lower[d] < upper[d])) {
                throw new IllegalArgumentException("lower[" + d + "] must be < upper[" + d + "], got " + lower[d]
                        + " >= " + upper[d]);
            }
            if (intervals[d] < 2) {
                throw new IllegalArgumentException("intervals[" + d + "] must be >= 2, got " + intervals[d]);
            }
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.intervals = intervals.clone();
        this.k = k;
        this.c = c;
        this.f = f;
        this.g = g;
    }

    /** Solves to a relative preconditioned residual below {@code tolerance}. */
    public GridSolution solve(double tolerance, int maxIterations) {
        long start = System.nanoTime();
        int dim = lower.length;
        int[] nodes = new int[dim];
        int[] stride = new int[dim];
        double[] h = new double[dim];
        long total = 1;
        for (int d = dim - 1; d >= 0; d--) {
            nodes[d] = intervals[d] + 1;
            h[d] = (upper[d] - lower[d]) / intervals[d];
            stride[d] = (int) total;
            total *= nodes[d];
        }
        if (total > 200_000_000L) {
            throw new IllegalArgumentException("grid has " + total + " nodes, more than 2e8");
        }
        int size = (int) total;
        GridSolution shape = new GridSolution(lower, upper, nodes, null, 0, 0);
        boolean[] boundary = new boolean[size];
        double[] u = new double[size];
        double[] rhs = new double[size];
        double[] react = new double[size];
        // kHalf[d][node] = k at node + h_d/2 e_d (used for the edge from node to node + e_d)
        double[][] kHalf = new double[dim][size];
        int[] idx = new int[dim];
        for (int flat = 0; flat < size; flat++) {
            double[] z = shape.point(flat);
            boolean onBoundary = false;
            for (int d = 0; d < dim; d++) {
                onBoundary |= idx[d] == 0 || idx[d] == intervals[d];
            }
            boundary[flat] = onBoundary;
            if (onBoundary) {
                u[flat] = g.applyAsDouble(z);
            } else {
                rhs[flat] = f.applyAsDouble(z);
                react[flat] = c.applyAsDouble(z);
            }
            for (int d = 0; d < dim; d++) {
                if (idx[d] < intervals[d]) {
                    double saved = z[d];
                    z[d] = saved + 0.5 * h[d];
                    kHalf[d][flat] = k.applyAsDouble(z);
                    z[d] = saved;
                }
            }
            for (int d = dim - 1; d >= 0; d--) {
                if (++idx[d] < nodes[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        // move the boundary values to the right-hand side: rhs -= A u_boundary on interior nodes
        double[] au = new double[size];
        apply(u, au, boundary, kHalf, react, h, stride, true);
        double[] diag = new double[size];
        for (int flat = 0; flat < size; flat++) {
            if (!boundary[flat]) {
                rhs[flat] -= au[flat];
                double s = react[flat];
                for (int d = 0; d < dim; d++) {
                    s += (kHalf[d][flat] + kHalf[d][flat - stride[d]]) / (h[d] * h[d]);
                }
                diag[flat] = s;
            }
        }
        // preconditioned CG on the interior unknowns (boundary entries stay zero in x, r, p)
        double[] x = new double[size];
        double[] r = rhs.clone();
        double[] zv = new double[size];
        double[] p = new double[size];
        double[] ap = new double[size];
        for (int i = 0; i < size; i++) {
            zv[i] = boundary[i] ? 0 : r[i] / diag[i];
        }
        System.arraycopy(zv, 0, p, 0, size);
        double rz = dot(r, zv);
        double stop = tolerance * tolerance * rz;
        int it = 0;
        while (it < maxIterations && rz > stop && rz > 0) {
            apply(p, ap, boundary, kHalf, react, h, stride, false);
            double alpha = rz / dot(p, ap);
            for (int i = 0; i < size; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
                zv[i] = boundary[i] ? 0 : r[i] / diag[i];
            }
            double next = dot(r, zv);
            double beta = next / rz;
            rz = next;
            for (int i = 0; i < size; i++) {
                p[i] = zv[i] + beta * p[i];
            }
            it++;
        }
        if (rz > stop && rz > 0) {
            throw new IllegalStateException("CG did not converge in " + maxIterations + " iterations");
        }
        for (int i = 0; i < size; i++) {
            if (!boundary[i]) {
                u[i] = x[i];
            }
        }
        return new GridSolution(lower, upper, nodes, u, it, (System.nanoTime() - start) * 1e-9);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * y = A x on interior nodes (zero on boundary nodes). With {@code boundaryOnly}, only the couplings to boundary
     * neighbours are applied (to move Dirichlet data to the right-hand side).
     */
    private static void apply(double[] x, double[] y, boolean[] boundary, double[][] kHalf, double[] react,
                              double[] h, int[] stride, boolean boundaryOnly) {
        int dim = h.length;
        for (int i = 0; i < x.length; i++) {
            if (boundary[i]) {
                y[i] = 0;
                continue;
            }
            double s = boundaryOnly ? 0 : react[i] * x[i];
            for (int d = 0; d < dim; d++) {
                int up = i + stride[d];
                int down = i - stride[d];
                double kUp = kHalf[d][i] / (h[d] * h[d]);
                double kDown = kHalf[d][down] / (h[d] * h[d]);
                if (boundaryOnly) {
                    if (boundary[up]) {
                        s -= kUp * x[up];
                    }
                    if (boundary[down]) {
                        s -= kDown * x[down];
                    }
                } else {
                    s += kUp * (x[i] - (boundary[up] ? 0 : x[up])) + kDown * (x[i] - (boundary[down] ? 0 : x[down]));
                }
            }
            y[i] = s;
        }
    }
}
