package org.snauq.qoi;

import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * Value, gradient and Hessian of an SNA at a point from the B-spline derivatives of its factors:
 *
 * <pre>  du/dz_d = sum_r lambda_r phi_r^d'(z_d) prod_{e != d} phi_r^e,
 *   d2u/dz_d dz_e = sum_r lambda_r phi_r^d' phi_r^e' prod_{f != d, e} phi_r^f   (d != e; phi_r^d'' for d = e).</pre>
 *
 * Cost O(D^2 R) after the D span searches (products without one or two factors are formed directly, no division,
 * so a zero factor is harmless). Points are clamped to the domain.
 *
 * <p>Mutable scratch: one instance per thread; the model is shared and read only.
 */
public final class SnaJet {

    private final double[] lambda;
    private final double[][] w;
    private final BSplineBasis[] basis;
    private final int rank;
    private final int dim;
    /** phi[k][d][r]: k-th derivative of phi_r^d at the current point. */
    private final double[][][] phi;
    private final double[] ders;
    private final double[] scratch;

    public SnaJet(SnaModel model) {
        this.lambda = model.lambda();
        this.dim = model.dimension();
        this.rank = model.rank();
        this.w = new double[dim][];
        this.basis = new BSplineBasis[dim];
        int maxDegree = 0;
        int scratchSize = 0;
        for (int d = 0; d < dim; d++) {
            w[d] = model.factor(d);
            basis[d] = model.basis(d);
            maxDegree = Math.max(maxDegree, basis[d].degree());
            scratchSize = Math.max(scratchSize, basis[d].derivativeScratchSize());
        }
        this.phi = new double[3][dim][rank];
        this.ders = new double[3 * (maxDegree + 1)];
        this.scratch = new double[scratchSize];
    }

    /**
     * @param z       the point, D coordinates (read; clamped)
     * @param grad    written, length D
     * @param hessian written when not null, row-major D x D
     * @return u(z)
     */
    public double evaluate(double[] z, double[] grad, double[] hessian) {
        int order = hessian == null ? 1 : 2;
        for (int d = 0; d < dim; d++) {
            BSplineBasis b = basis[d];
            double x = Math.min(Math.max(z[d], b.lower()), b.upper());
            int span = b.knots().findSpan(x);
            b.derivatives(x, span, order, ders, scratch);
            int p = b.degree();
            for (int k = 0; k <= order; k++) {
                java.util.Arrays.fill(phi[k][d], 0.0);
                for (int j = 0; j <= p; j++) {
                    double bj = ders[k * (p + 1) + j];
                    int row = (span - p + j) * rank;
                    for (int r = 0; r < rank; r++) {
                        phi[k][d][r] += bj * w[d][row + r];
                    }
                }
            }
        }
        java.util.Arrays.fill(grad, 0, dim, 0.0);
        if (hessian != null) {
            java.util.Arrays.fill(hessian, 0, dim * dim, 0.0);
        }
        double value = 0;
        for (int r = 0; r < rank; r++) {
            double all = lambda[r];
            for (int d = 0; d < dim; d++) {
                all *= phi[0][d][r];
            }
            value += all;
            for (int d = 0; d < dim; d++) {
                grad[d] += lambda[r] * phi[1][d][r] * without(r, d, -1);
                if (hessian != null) {
                    hessian[d * dim + d] += lambda[r] * phi[2][d][r] * without(r, d, -1);
                    for (int e = d + 1; e < dim; e++) {
                        double h = lambda[r] * phi[1][d][r] * phi[1][e][r] * without(r, d, e);
                        hessian[d * dim + e] += h;
                        hessian[e * dim + d] += h;
                    }
                }
            }
        }
        return value;
    }

    /** prod of phi_r^f over f other than d and e (e = -1: only d left out). */
    private double without(int r, int d, int e) {
        double s = 1;
        for (int f = 0; f < dim; f++) {
            if (f != d && f != e) {
                s *= phi[0][f][r];
            }
        }
        return s;
    }
}
