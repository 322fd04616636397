package org.snauq.stats;

/**
 * One row of the quantiles table: the p-quantile of a sample, its distribution-free confidence interval and the
 * error bound of the method that produced it.
 *
 * @param probability p in (0, 1)
 * @param value       the p-quantile (the inclusive lower quantile, {@link OrderStatistics#rank}); NaN when empty
 * @param low         the interval's lower end (-infinity when the sample cannot bound it, NaN when empty)
 * @param high        the interval's upper end (+infinity when the sample cannot bound it, NaN when empty)
 * @param confidence  the nominal coverage of [low, high]
 * @param rankError   the method's bound on the normalised rank error of {@code value}: 0 for exact methods; for a
 *                    sketch, the bound it guarantees at this p with the stated confidence (see {@link #method})
 * @param method      how the row was computed: {@code exact}, {@code two-pass} (both exact), {@code kll} or
 *                    {@code req} (sketches)
 */
public record QuantileEstimate(double probability, double value, double low, double high, double confidence,
                               double rankError, String method) {

    /** Whether {@code x} lies in [low, high]. */
    public boolean covers(double x) {
        return x >= low && x <= high;
    }
}
