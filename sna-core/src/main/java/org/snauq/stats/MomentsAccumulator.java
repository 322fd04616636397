package org.snauq.stats;

import java.util.List;

/**
 * Count, mean, central moment sums M_k = sum (y - mean)^k for k = 2..4, min and max of a stream, updated one
 * value at a time and merged pairwise with Pébay's formulas (P. Pébay, "Formulas for robust, one-pass parallel
 * computation of covariances and arbitrary-order statistical moments", Sandia SAND2008-6212, eq. 2.1 and 3.1):
 * with delta = mean_B - mean_A and n = n_A + n_B,
 * <pre>
 *   M2 = M2_A + M2_B + delta^2 n_A n_B / n
 *   M3 = M3_A + M3_B + delta^3 n_A n_B (n_A - n_B) / n^2 + 3 delta (n_A M2_B - n_B M2_A) / n
 *   M4 = M4_A + M4_B + delta^4 n_A n_B (n_A^2 - n_A n_B + n_B^2) / n^3
 *        + 6 delta^2 (n_A^2 M2_B + n_B^2 M2_A) / n^2 + 4 delta (n_A M3_B - n_B M3_A) / n
 * </pre>
 * Centred sums avoid the cancellation of raw power sums. Results: unbiased variance M2/(n-1); skewness and
 * excess kurtosis with the usual small-sample corrections (G1, G2 as in Commons Math {@code Skewness},
 * {@code Kurtosis}); mean interval mean +- z s/sqrt(n) (CLT). Empty: every result NaN; variance needs n &gt;= 2,
 * skewness n &gt;= 3 (and M2 &gt; 0), kurtosis n &gt;= 4. NaN inputs propagate. O(1) per value, 7 numbers of state.
 *
 * <p>Serialisation: Java serialization (primitive fields only; Kryo's FieldSerializer works too), or the
 * array {@link #toArray()} / {@link #fromArray(double[])}. Not thread safe.
 */
public final class MomentsAccumulator implements Mergeable<MomentsAccumulator> {

    private static final long serialVersionUID = 1L;

    /** Length of {@link #toArray()}. */
    public static final int STATE_LENGTH = 7;

    // invariants: n >= 0; n == 0 => mean = m2 = m3 = m4 = 0, min = +inf, max = -inf; m2, m4 >= 0
    private long n;
    private double mean;
    private double m2;
    private double m3;
    private double m4;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public MomentsAccumulator() {
    }

    /** An accumulator holding {@code values}. */
    public static MomentsAccumulator of(double... values) {
        MomentsAccumulator m = new MomentsAccumulator();
        m.accept(values, 0, values.length);
        return m;
    }

    /** Adds one value (Pébay's update, the combine formulas with n_B = 1). */
    public void accept(double y) {
        long n1 = n;
        n++;
        double nn = n;
        double delta = y - mean;
        double deltaN = delta / nn;
        double deltaN2 = deltaN * deltaN;
        double term1 = delta * deltaN * n1;
        mean += deltaN;
        m4 += term1 * deltaN2 * (nn * nn - 3.0 * nn + 3.0) + 6.0 * deltaN2 * m2 - 4.0 * deltaN * m3;
        m3 += term1 * deltaN * (nn - 2.0) - 3.0 * deltaN * m2;
        m2 += term1;
        min = Math.min(min, y);
        max = Math.max(max, y);
    }

    /**
     * Adds values[off .. off+len) in order (same bits as {@code len} calls of {@link #accept(double)}).
     *
     * @param values read
     */
    public void accept(double[] values, int off, int len) {
        for (int k = off; k < off + len; k++) {
            accept(values[k]);
        }
    }

    @Override
    public MomentsAccumulator combine(MomentsAccumulator other) {
        assert other != this;
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            copyFrom(other);
            return this;
        }
        double na = n;
        double nb = other.n;
        double nt = na + nb;
        double delta = other.mean - mean;
        double delta2 = delta * delta;
        double m2a = m2;
        double m3a = m3;
        double m4a = m4;
        mean += delta * nb / nt;
        m4 = m4a + other.m4 + delta2 * delta2 * na * nb * (na * na - na * nb + nb * nb) / (nt * nt * nt)
                + 6.0 * delta2 * (na * na * other.m2 + nb * nb * m2a) / (nt * nt)
                + 4.0 * delta * (na * other.m3 - nb * m3a) / nt;
        m3 = m3a + other.m3 + delta2 * delta * na * nb * (na - nb) / (nt * nt)
                + 3.0 * delta * (na * other.m2 - nb * m2a) / nt;
        m2 = m2a + other.m2 + delta2 * na * nb / nt;
        n += other.n;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        return this;
    }

    private void copyFrom(MomentsAccumulator o) {
        n = o.n;
        mean = o.mean;
        m2 = o.m2;
        m3 = o.m3;
        m4 = o.m4;
        min = o.min;
        max = o.max;
    }

    @Override
    public MomentsAccumulator copy() {
        MomentsAccumulator c = new MomentsAccumulator();
        c.copyFrom(this);
        return c;
    }

    public long count() {
        return n;
    }

    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Unbiased sample variance M2 / (n - 1); NaN when n &lt; 2. */
    public double variance() {
        return n < 2 ? Double.NaN : m2 / (n - 1);
    }

    public double std() {
        return Math.sqrt(variance());
    }

    /** Adjusted skewness G1 = n sqrt(n - 1) M3 / ((n - 2) M2^1.5); NaN when n &lt; 3 or M2 = 0. */
    public double skewness() {
        if (n < 3 || !(m2 > 0)) {
            return Double.NaN;
        }
        double nn = n;
        return nn * Math.sqrt(nn - 1.0) / (nn - 2.0) * m3 / (m2 * Math.sqrt(m2));
    }

    /**
     * Adjusted excess kurtosis G2 = ((n+1) n (n-1) M4 / M2^2 - 3 (n-1)^2) / ((n-2)(n-3));
     * NaN when n &lt; 4 or M2 = 0.
     */
    public double excessKurtosis() {
        if (n < 4 || !(m2 > 0)) {
            return Double.NaN;
        }
        double nn = n;
        return ((nn + 1.0) * nn * (nn - 1.0) * m4 / (m2 * m2) - 3.0 * (nn - 1.0) * (nn - 1.0))
                / ((nn - 2.0) * (nn - 3.0));
    }

    public double min() {
        return n == 0 ? Double.NaN : min;
    }

    public double max() {
        return n == 0 ? Double.NaN : max;
    }

    /** The central moment sum M_k = sum (y - mean)^k, k in 2..4 (0 when empty). */
    public double centralMomentSum(int k) {
        return switch (k) {
            case 2 -> m2;
            case 3 -> m3;
            case 4 -> m4;
            default -> throw new IllegalArgumentException("k must be in 2..4, got " + k);
        };
    }

    /** CLT interval for the mean, mean +- z s / sqrt(n) (rows independent: mc; approximate for lhs). */
    public ConfidenceInterval meanInterval(double confidence) {
        return Intervals.normal(mean(), Math.sqrt(variance() / n), confidence);
    }

    /**
     * Interval for the mean of a randomised QMC run from its independent replicates (SOBOL-CONVENTION): the
     * point estimate pools all of them (folded in order), the interval is a t-interval over the K replicate
     * means.
     *
     * @param replicates read, one accumulator per replicate, in replicate order
     */
    public static ConfidenceInterval meanInterval(List<MomentsAccumulator> replicates, double confidence) {
        MomentsAccumulator pooled = Mergeable.foldInOrder(replicates);
        double[] means = new double[replicates.size()];
        for (int k = 0; k < means.length; k++) {
            means[k] = replicates.get(k).mean();
        }
        return Intervals.replicates(pooled.mean(), means, confidence);
    }

    /** The state as {n, mean, M2, M3, M4, min, max} (n as a double: exact below 2^53). */
    public double[] toArray() {
        return new double[] {n, mean, m2, m3, m4, min, max};
    }

    /** Inverse of {@link #toArray()}. */
    public static MomentsAccumulator fromArray(double[] state) {
        if (state.length != STATE_LENGTH) {
            throw new IllegalArgumentException("state must have " + STATE_LENGTH + " entries, got " + state.length);
        }
        MomentsAccumulator m = new MomentsAccumulator();
        m.n = (long) state[0];
        m.mean = state[1];
        m.m2 = state[2];
        m.m3 = state[3];
        m.m4 = state[4];
        m.min = state[5];
        m.max = state[6];
        return m;
    }

    @Override
    public String toString() {
        return "Moments[n=" + n + ", mean=" + mean() + ", variance=" + variance() + "]";
    }
}
