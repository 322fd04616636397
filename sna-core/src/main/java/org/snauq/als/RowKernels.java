package org.snauq.als;

/**
 * Per-row arithmetic of ALS, shared by the in-memory passes ({@link LocalPasses}) and the row-by-row passes of a
 * distributed fit ({@link CoordinatePass}, {@link ResidualPass}): both compute each row's atoms, factor values,
 * design row and residual with these loops. They differ only in the order of the sums over rows and in how the
 * products over coordinates associate (the in-memory passes keep running prefix and suffix products), a few ulps
 * per row.
 *
 * <p>Layouts: factor values phi[e][o + r] = phi_r^e(z_e) at one row (o = j R in a table of rows, 0 for one row);
 * atoms b[bo + k] = B_{first + k}(z), k &lt; width.
 */
final class RowKernels {

    private RowKernels() {
    }

    /**
     * out[o + r] = phi_r(z) = sum_k b[bo + k] W[(first + k) R + r], r &lt; R.
     *
     * @param b   read, the row's non-zero atoms
     * @param w   read, W row-major n x R
     * @param out written
     */
    static void factor(double[] b, int bo, int width, int first, double[] w, int rank, double[] out, int o) {
        for (int r = 0; r < rank; r++) {
            double s = 0.0;
            int at = first * rank + r;
            for (int k = 0; k < width; k++) {
                s += b[bo + k] * w[at];
                at += rank;
            }
            out[o + r] = s;
        }
    }

    /**
     * c[r] = prod_{e != d} phi[e][o + r], e ascending.
     *
     * @param phi read, the factor values of every coordinate
     * @param c   written, R values
     */
    static void othersProduct(double[][] phi, int o, int d, int rank, double[] c) {
        for (int r = 0; r < rank; r++) {
            c[r] = 1.0;
        }
        for (int e = 0; e < phi.length; e++) {
            if (e != d) {
                double[] f = phi[e];
                for (int r = 0; r < rank; r++) {
                    c[r] *= f[o + r];
                }
            }
        }
    }

    /** u = sum_r lambda_r prod_e phi[e][o + r], r and e ascending. */
    static double value(double[] lambda, double[][] phi, int o, int rank) {
        double u = 0.0;
        for (int r = 0; r < rank; r++) {
            double prod = lambda[r];
            for (double[] f : phi) {
                prod *= f[o + r];
            }
            u += prod;
        }
        return u;
    }

    /**
     * The row's non-zeros of the design matrix of one coordinate: a[k R + r] = b_k c_r.
     *
     * @param a written, width R values
     */
    static void design(double[] b, int bo, int width, double[] c, int rank, double[] a) {
        for (int k = 0; k < width; k++) {
            double bk = b[bo + k];
            for (int r = 0; r < rank; r++) {
                a[k * rank + r] = bk * c[r];
            }
        }
    }

    /** sum_u a[u] v[o + u], u &lt; m: a row's value a_j . V on the block of columns [o, o + m). */
    static double dot(double[] a, int m, double[] v, int o) {
        double s = 0.0;
        for (int u = 0; u < m; u++) {
            s += a[u] * v[o + u];
        }
        return s;
    }

    /** V = W diag(lambda) of one coordinate, row-major n x R (new array). */
    static double[] scaled(double[] w, double[] lambda, int rank) {
        double[] v = new double[w.length];
        for (int q = 0; q < v.length; q++) {
            v[q] = w[q] * lambda[q % rank];
        }
        return v;
    }
}
