package org.snauq.stats;

/**
 * A sample of {@link #count()} values read by rank: exactly (a sorted array, the values kept by a bracketed second
 * pass) or within a rank error (a sketch). The quantile rows of {@link QuantileRows} are built on it.
 */
interface OrderedSample {

    /** Number of (non-NaN) values. */
    long count();

    /**
     * The rank-th smallest value, 1 &lt;= rank &lt;= count(); for a sketch, its estimate of it.
     *
     * @throws OutsideBrackets when a bracketed pass did not keep that rank
     */
    double valueAt(long rank);

    /**
     * The fraction of the values that are &lt;= x (for a sketch, its estimate).
     *
     * @throws OutsideBrackets when a bracketed pass cannot count up to x
     */
    double fractionAtMost(double x);

    /** A bound on the normalised rank error of {@link #valueAt} near normalised rank q; 0 when exact. */
    double rankError(double q);

    /** The largest double not above any value that rounds to v (a sketch that stores floats widens here). */
    default double lowerEnd(double v) {
        return v;
    }

    /** The smallest double not below any value that rounds to v. */
    default double upperEnd(double v) {
        return v;
    }

    /** Thrown by a bracketed sample asked for a rank it did not keep. */
    final class OutsideBrackets extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutsideBrackets(String what) {
            super(what + " lies outside the brackets", null, false, false);
        }
    }
}
