package org.snauq.galerkin;

/**
 * LU factorisation A = L U without pivoting of a square matrix of half-bandwidth b (lower and upper), in band
 * storage a[i * (2b + 1) + (j - i + b)] = A[i, j] for |i - j| &lt;= b, overwritten by L (unit diagonal, below) and U;
 * then forward and back substitution. Without pivoting no fill leaves the band, so the cost is O(n b^2).
 *
 * <p>Used for the ALS coordinate systems of a non-symmetric Galerkin problem (advection-diffusion): each is the
 * projection Z^T A Z of an operator whose symmetric part is positive definite (the advection part is skew), so
 * every leading minor is non-zero and elimination without pivoting is stable with growth bounded by the ratio of
 * the skew to the symmetric part (Golub and Van Loan, Matrix Computations, 4th ed., section 4.4.2). Not thread
 * safe on a shared array.
 */
final class BandLu {

    private BandLu() {
    }

    /**
     * Factorises in place.
     *
     * @param a written: on entry the band of A, on exit L (strictly below the diagonal) and U
     * @return false when a pivot is zero or not finite
     */
    static boolean factor(double[] a, int n, int b) {
        int w = 2 * b + 1;
        for (int k = 0; k < n; k++) {
            double pivot = a[k * w + b];
            if (pivot == 0.0 || !Double.isFinite(pivot)) {
                return false;
            }
            int imax = Math.min(n - 1, k + b);
            int jmax = imax;
            for (int i = k + 1; i <= imax; i++) {
                int ik = i * w + (k - i + b);
                double l = a[ik] / pivot;
                a[ik] = l;
                if (l == 0.0) {
                    continue;
                }
                int rowI = i * w - i + b;
                int rowK = k * w - k + b;
                for (int j = k + 1; j <= jmax; j++) {
                    a[rowI + j] -= l * a[rowK + j];
                }
            }
        }
        return true;
    }

    /**
     * Solves A x = y with the factors.
     *
     * @param a read, the factors from {@link #factor}
     * @param x written: on entry y, on exit x
     */
    static void solve(double[] a, int n, int b, double[] x) {
        int w = 2 * b + 1;
        for (int i = 0; i < n; i++) {
            double s = x[i];
            int row = i * w - i + b;
            for (int k = Math.max(0, i - b); k < i; k++) {
                s -= a[row + k] * x[k];
            }
            x[i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            int row = i * w - i + b;
            for (int j = i + 1; j <= Math.min(n - 1, i + b); j++) {
                s -= a[row + j] * x[j];
            }
            x[i] = s / a[row + i];
        }
    }
}
