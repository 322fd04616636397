package org.snauq.inverse;

/**
 * Small dense symmetric positive definite systems (p x p, p the number of unknowns: a handful) by Cholesky,
 * row-major arrays, in place.
 */
final class DenseSpd {

    private DenseSpd() {
    }

    /**
     * Overwrites the lower triangle of a (row-major n x n) with L, a = L L^T.
     *
     * @return false when a is not positive definite (a pivot &lt;= 0 or NaN)
     */
    static boolean cholesky(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                return false;
            }
            d = Math.sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / d;
            }
        }
        return true;
    }

    /** Solves L L^T x = b in place (b becomes x), L from {@link #cholesky}. */
    static void solve(double[] l, int n, double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
    }

    /** The inverse of a (row-major, SPD), or null when a is not positive definite. */
    static double[] inverse(double[] a, int n) {
        double[] l = a.clone();
        if (!cholesky(l, n)) {
            return null;
        }
        double[] inv = new double[n * n];
        double[] e = new double[n];
        for (int c = 0; c < n; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            solve(l, n, e);
            for (int r = 0; r < n; r++) {
                inv[r * n + c] = e[r];
            }
        }
        return inv;
    }
}
