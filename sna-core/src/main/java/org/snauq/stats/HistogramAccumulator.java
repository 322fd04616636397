package org.snauq.stats;

import java.util.Arrays;

/**
 * Counts of values in {@code bins} equal bins over [lower, upper], plus underflow (y &lt; lower), overflow
 * (y &gt; upper) and NaN counts. Bin b is [e_b, e_{b+1}) with e_b = lower + b (upper - lower) / bins, the last
 * bin closed at upper; the bin of y is found from (y - lower) / width and corrected against the edges, so
 * assignment always agrees with {@link #lower(int)}. O(1) per value; combine adds counts (exactly
 * associative). Serialisation: Java serialization (primitives and a long[]), or {@link #counts()}.
 * Not thread safe.
 */
public final class HistogramAccumulator implements Mergeable<HistogramAccumulator> {

    private static final long serialVersionUID = 1L;

    private final double lower;
    private final double upper;
    private final int bins;
    private final long[] counts;
    private long underflow;
    private long overflow;
    private long nan;

    /**
     * @param lower lowest edge, finite
     * @param upper highest edge, finite, &gt; lower
     * @param bins  number of bins, &gt;= 1
     */
    public HistogramAccumulator(double lower, double upper, int bins) {
        if (!(Double.isFinite(lower) && Double.isFinite(upper) && upper > lower)) {
            throw new IllegalArgumentException("histogram range must be finite with lower < upper, got [" + lower
                    + ", " + upper + "]");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        this.lower = lower;
        this.upper = upper;
        this.bins = bins;
        this.counts = new long[bins];
    }

    public void accept(double y) {
        if (Double.isNaN(y)) {
            nan++;
        } else if (y < lower) {
            underflow++;
        } else if (y > upper) {
            overflow++;
        } else {
            counts[bin(y)]++;
        }
    }

    /** @param ys read */
    public void accept(double[] ys, int off, int len) {
        for (int i = off; i < off + len; i++) {
            accept(ys[i]);
        }
    }

    private int bin(double y) {
        int b = (int) Math.min(bins - 1, (y - lower) / (upper - lower) * bins);
        // rounding may put y one bin off its computed edges; the edges are the contract
        if (b > 0 && y < lower(b)) {
            b--;
        } else if (b < bins - 1 && y >= lower(b + 1)) {
            b++;
        }
        return b;
    }

    /** @throws IllegalArgumentException when the bin edges differ */
    @Override
    public HistogramAccumulator combine(HistogramAccumulator other) {
        if (other.lower != lower || other.upper != upper || other.bins != bins) {
            throw new IllegalArgumentException("cannot combine histograms over different bins: " + this + " and "
                    + other);
        }
        for (int b = 0; b < bins; b++) {
            counts[b] += other.counts[b];
        }
        underflow += other.underflow;
        overflow += other.overflow;
        nan += other.nan;
        return this;
    }

    @Override
    public HistogramAccumulator copy() {
        HistogramAccumulator c = new HistogramAccumulator(lower, upper, bins);
        c.combine(this);
        return c;
    }

    public int bins() {
        return bins;
    }

    /** Lower edge of bin b (b = bins gives the upper end). */
    public double lower(int b) {
        return b == bins ? upper : lower + b * ((upper - lower) / bins);
    }

    /** Upper edge of bin b. */
    public double upper(int b) {
        return lower(b + 1);
    }

    public long count(int b) {
        return counts[b];
    }

    /** A copy of the bin counts. */
    public long[] counts() {
        return counts.clone();
    }

    public long underflow() {
        return underflow;
    }

    public long overflow() {
        return overflow;
    }

    public long nanCount() {
        return nan;
    }

    /** Every value seen: bins, underflow, overflow and NaN. */
    public long total() {
        return Arrays.stream(counts).sum() + underflow + overflow + nan;
    }

    @Override
    public String toString() {
        return "Histogram[" + bins + " bins over [" + lower + ", " + upper + "]]";
    }
}
