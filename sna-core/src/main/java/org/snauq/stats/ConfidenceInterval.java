package org.snauq.stats;

/**
 * A point estimate with a two-sided confidence interval [low, high]. Every component is NaN when the
 * estimate is undefined (no samples); low and high are NaN when the interval is (too few samples).
 *
 * @param estimate   the point estimate
 * @param low        the lower end
 * @param high       the upper end
 * @param confidence the nominal coverage in (0, 1)
 */
public record ConfidenceInterval(double estimate, double low, double high, double confidence) {

    /** Whether {@code value} lies in [low, high] (false when the interval is NaN). */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    /** high - low. */
    public double width() {
        return high - low;
    }
}
