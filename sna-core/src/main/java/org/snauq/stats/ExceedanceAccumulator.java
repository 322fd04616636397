package org.snauq.stats;

/**
 * Exceedance probabilities P(Y &gt; t) for several thresholds t_j: counts k_j = #{y &gt; t_j} out of n values
 * (NaN counts in n and never exceeds), estimate k_j / n with a Wilson score interval
 * ({@link Intervals#wilson}), which keeps its coverage near 0 and 1 where the Wald interval collapses.
 * O(#thresholds) per value; combine adds counts (exactly associative). Empty: NaN. Serialisation: Java
 * serialization (a double[] and a long[]). Not thread safe.
 */
public final class ExceedanceAccumulator implements Mergeable<ExceedanceAccumulator> {

    private static final long serialVersionUID = 1L;

    private final double[] thresholds;
    private final long[] exceed;
    private long n;

    /** @param thresholds read (copied), finite */
    public ExceedanceAccumulator(double... thresholds) {
        for (int j = 0; j < thresholds.length; j++) {
            if (!Double.isFinite(thresholds[j])) {
                throw new IllegalArgumentException("threshold[" + j + "] must be finite, got " + thresholds[j]);
            }
        }
        this.thresholds = thresholds.clone();
        this.exceed = new long[thresholds.length];
    }

    public void accept(double y) {
        n++;
        for (int j = 0; j < thresholds.length; j++) {
            if (y > thresholds[j]) {
                exceed[j]++;
            }
        }
    }

    /** @param ys read */
    public void accept(double[] ys, int off, int len) {
        for (int i = off; i < off + len; i++) {
            accept(ys[i]);
        }
    }

    /** @throws IllegalArgumentException when the thresholds differ */
    @Override
    public ExceedanceAccumulator combine(ExceedanceAccumulator other) {
        if (!java.util.Arrays.equals(thresholds, other.thresholds)) {
            throw new IllegalArgumentException("cannot combine exceedance counts for different thresholds");
        }
        for (int j = 0; j < exceed.length; j++) {
            exceed[j] += other.exceed[j];
        }
        n += other.n;
        return this;
    }

    @Override
    public ExceedanceAccumulator copy() {
        ExceedanceAccumulator c = new ExceedanceAccumulator(thresholds);
        c.combine(this);
        return c;
    }

    public int size() {
        return thresholds.length;
    }

    public double threshold(int j) {
        return thresholds[j];
    }

    public long count() {
        return n;
    }

    public long exceedances(int j) {
        return exceed[j];
    }

    /** P(Y &gt; t_j) with its Wilson interval at {@code confidence}. */
    public ConfidenceInterval probability(int j, double confidence) {
        return Intervals.wilson(exceed[j], n, confidence);
    }
}
