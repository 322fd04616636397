package org.snauq.galerkin;

import java.util.Arrays;

/**
 * A square n x n matrix with entries only on |i - j| &lt;= band, stored row by row in general band form:
 * a[i * (2 band + 1) + (j - i + band)] = A[i, j]. One-dimensional operator matrices on B-spline atoms of degree
 * p have band = p (METHOD.md section 3), so storage and products cost O(n p).
 *
 * <p>Immutable and thread safe: the array is copied in and never handed out.
 */
public final class BandedMatrix {

    private final int n;
    private final int band;
    private final double[] a;

    BandedMatrix(int n, int band, double[] a) {
        assert a.length == n * (2 * band + 1);
        this.n = n;
        this.band = band;
        this.a = a;
    }

    /** A matrix from its band entries (copied), laid out as described in the class comment. */
    public static BandedMatrix of(int n, int band, double[] entries) {
        if (n < 1 || band < 0 || entries.length != n * (2 * band + 1)) {
            throw new IllegalArgumentException("band storage must have n * (2 band + 1) = " + n * (2 * band + 1)
                    + " entries for n = " + n + ", band = " + band + ", got " + entries.length);
        }
        return new BandedMatrix(n, band, entries.clone());
    }

    public int size() {
        return n;
    }

    public int band() {
        return band;
    }

    /** A[i, j] (zero outside the band). */
    public double get(int i, int j) {
        int k = j - i;
        if (k < -band || k > band) {
            return 0.0;
        }
        return a[i * (2 * band + 1) + k + band];
    }

    /** True when A equals its transpose up to {@code tolerance} times the largest entry. */
    public boolean isSymmetric(double tolerance) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j <= Math.min(n - 1, i + band); j++) {
                if (Math.abs(get(i, j) - get(j, i)) > tolerance * max) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Y = A X for X with {@code columns} columns, both row-major (X[j * columns + c]).
     *
     * @param x read, n * columns
     * @param y written, n * columns; must not alias x
     */
    public void multiply(double[] x, int columns, double[] y) {
        int width = 2 * band + 1;
        Arrays.fill(y, 0, n * columns, 0.0);
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - band);
            int hi = Math.min(n - 1, i + band);
            int row = i * width + band - i;
            for (int j = lo; j <= hi; j++) {
                double aij = a[row + j];
                if (aij == 0.0) {
                    continue;
                }
                int xo = j * columns;
                int yo = i * columns;
                for (int c = 0; c < columns; c++) {
                    y[yo + c] += aij * x[xo + c];
                }
            }
        }
    }

    /** A x for one vector (allocating convenience form). */
    public double[] multiply(double[] x) {
        double[] y = new double[n];
        multiply(x, 1, y);
        return y;
    }

    /** x^T A y. */
    public double bilinear(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - band);
            int hi = Math.min(n - 1, i + band);
            double t = 0;
            for (int j = lo; j <= hi; j++) {
                t += get(i, j) * y[j];
            }
            s += x[i] * t;
        }
        return s;
    }

    /** The matrix without its first {@code dropLower} and last {@code dropUpper} rows and columns. */
    public BandedMatrix restrict(int dropLower, int dropUpper) {
        int m = n - dropLower - dropUpper;
        if (m < 1) {
            throw new IllegalArgumentException("cannot drop " + dropLower + " + " + dropUpper + " of " + n + " atoms");
        }
        int width = 2 * band + 1;
        return new BandedMatrix(m, band, Arrays.copyOfRange(a, dropLower * width, (dropLower + m) * width));
    }

    /** Read access for kernels in this package: A[i, i + k] = raw()[i * (2 band + 1) + k + band]. */
    double[] raw() {
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandedMatrix m && m.n == n && m.band == band && Arrays.equals(m.a, a);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * n + band) + Arrays.hashCode(a);
    }

    @Override
    public String toString() {
        return "BandedMatrix[n=" + n + ", band=" + band + "]";
    }
}
