package org.snauq.galerkin;

/**
 * Cholesky factorisation A = L L^T of a symmetric positive definite matrix of half-bandwidth b, in lower band
 * storage l[i * (b + 1) + k] = A[i, i - k] (k = 0..b), overwritten by L; then forward and back substitution.
 *
 * <p>The ALS coordinate systems of {@link VsnaSolver} are block banded: with unknowns ordered (atom i, term r)
 * their half-bandwidth is (p + 1) R - 1, so the factorisation costs O(n R (p R)^2) instead of the
 * O((n R)^3 / 3) of a dense Cholesky (EJML has no band factorisation). Same algorithm as LAPACK's dpbtf2.
 * Only the lower band is read; the result is written in place. Not thread safe on a shared array.
 */
final class BandCholesky {

    private BandCholesky() {
    }

    /**
     * Factorises in place.
     *
     * @param l written: on entry the lower band of A, on exit that of L
     * @return false when a pivot is not positive (A not positive definite to working precision)
     */
    static boolean factor(double[] l, int n, int b) {
        int w = b + 1;
        for (int j = 0; j < n; j++) {
            int k0 = Math.max(0, j - b);
            // diagonal: L[j,j] = sqrt(A[j,j] - sum_k L[j,k]^2)
            double d = l[j * w];
            for (int k = k0; k < j; k++) {
                double v = l[j * w + (j - k)];
                d -= v * v;
            }
            if (!(d > 0)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            l[j * w] = ljj;
            // column below: L[i,j] = (A[i,j] - sum_k L[i,k] L[j,k]) / L[j,j], i = j+1..j+b
            int imax = Math.min(n - 1, j + b);
            for (int i = j + 1; i <= imax; i++) {
                double s = l[i * w + (i - j)];
                int kk = Math.max(k0, i - b);
                for (int k = kk; k < j; k++) {
                    s -= l[i * w + (i - k)] * l[j * w + (j - k)];
                }
                l[i * w + (i - j)] = s / ljj;
            }
        }
        return true;
    }

    /**
     * Solves L L^T x = rhs in place with the factor from {@link #factor}.
     *
     * @param l read, the factor
     * @param x written: on entry the right-hand side, on exit the solution
     */
    static void solve(double[] l, int n, int b, double[] x) {
        int w = b + 1;
        for (int i = 0; i < n; i++) {
            double s = x[i];
            for (int k = Math.max(0, i - b); k < i; k++) {
                s -= l[i * w + (i - k)] * x[k];
            }
            x[i] = s / l[i * w];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            int kmax = Math.min(n - 1, i + b);
            for (int k = i + 1; k <= kmax; k++) {
                s -= l[k * w + (k - i)] * x[k];
            }
            x[i] = s / l[i * w];
        }
    }

    /**
     * The factor of a symmetric banded matrix (its lower band is read), or null when it is not positive definite.
     *
     * @param a read
     */
    static double[] factorOf(BandedMatrix a) {
        int n = a.size();
        int b = a.band();
        double[] l = new double[n * (b + 1)];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= b && k <= i; k++) {
                l[i * (b + 1) + k] = a.get(i, i - k);
            }
        }
        return factor(l, n, b) ? l : null;
    }
}
