package org.snauq.dist;

/** Searches in a sorted array of data values (shared by the laws built from data). */
final class SortedValues {

    private SortedValues() {
    }

    /** The number of entries of {@code a} that are &lt; v ({@code strict}) or &lt;= v; a sorted ascending. */
    static int count(double[] a, double v, boolean strict) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (strict ? a[mid] < v : a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {mean, sum of squared deviations} of the values, in two passes (no cancellation). */
    static double[] meanAndSquares(double[] a) {
        double m = 0;
        for (double v : a) {
            m += v;
        }
        m /= a.length;
        double ss = 0;
        for (double v : a) {
            ss += (v - m) * (v - m);
        }
        return new double[] {m, ss};
    }
}
