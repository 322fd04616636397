package org.snauq.stats;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Arrays;

/**
 * The second pass of the bracketed exact quantiles ({@link QuantileBrackets}): for each replicate group, the values
 * that fall inside the plan's brackets, and how many fell in each gap between them, so the driver can tell which
 * ranks the kept values hold and select order statistics exactly.
 *
 * <p>Invariants: the brackets [lower[k], upper[k]], k = 0..K-1, are disjoint and increasing; for group g,
 * gaps[g][k] counts the values below bracket k and above bracket k - 1 (gap K: above the last) and kept[g][k]
 * holds sizes[g][k] values of bracket k, in arrival order. NaN values are skipped.
 *
 * <p>{@code combine} adds counts and appends values, so the kept multiset, and therefore every selected order
 * statistic, is the same whatever the order of combination (the selection sorts); combining in block order, as
 * {@link Mergeable} asks, is still the rule. Memory: 8 bytes per kept value (arrays grow by doubling and are
 * trimmed when serialised). Accepting costs a binary search over the K brackets. Not thread safe.
 */
public final class BracketAccumulator implements Mergeable<BracketAccumulator> {

    private static final long serialVersionUID = 1L;
    private static final int INITIAL_CAPACITY = 64;

    private final double[] lower;
    private final double[] upper;
    private final int group;
    private final long[][] gaps;
    private final double[][][] kept;
    private final int[][] sizes;

    /** An empty accumulator whose accepted values belong to {@code group} (0 .. replicates - 1). */
    BracketAccumulator(double[] lower, double[] upper, int replicates, int group) {
        assert lower.length == upper.length && group >= 0 && group < replicates;
        this.lower = lower;
        this.upper = upper;
        this.group = group;
        this.gaps = new long[replicates][];
        this.kept = new double[replicates][][];
        this.sizes = new int[replicates][];
    }

    /** Adds one value to this accumulator's group. */
    public void accept(double y) {
        if (Double.isNaN(y)) {
            return;
        }
        int k = firstUpperAtLeast(y);
        if (k < lower.length && y >= lower[k]) {
            keep(group, k, y);
        } else {
            gapsOf(group)[k]++;
        }
    }

    /**
     * Adds ys[off .. off+len).
     *
     * @param ys read
     */
    public void accept(double[] ys, int off, int len) {
        for (int i = off; i < off + len; i++) {
            accept(ys[i]);
        }
    }

    /** The index of the first bracket whose upper end is &gt;= y (K when none). */
    private int firstUpperAtLeast(double y) {
        int lo = 0;
        int hi = upper.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (upper[mid] >= y) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private void keep(int g, int k, double y) {
        if (kept[g] == null) {
            kept[g] = new double[lower.length][];
            sizes[g] = new int[lower.length];
        }
        double[] a = kept[g][k];
        int s = sizes[g][k];
        if (a == null || s == a.length) {
            a = kept[g][k] = Arrays.copyOf(a == null ? new double[0] : a,
                    Math.max(INITIAL_CAPACITY, a == null ? 0 : 2 * a.length));
        }
        a[s] = y;
        sizes[g][k] = s + 1;
    }

    private long[] gapsOf(int g) {
        if (gaps[g] == null) {
            gaps[g] = new long[lower.length + 1];
        }
        return gaps[g];
    }

    /** @throws IllegalArgumentException when {@code other} comes from another plan */
    @Override
    public BracketAccumulator combine(BracketAccumulator other) {
        assert other != this;
        if (!Arrays.equals(lower, other.lower) || !Arrays.equals(upper, other.upper)
                || gaps.length != other.gaps.length) {
            throw new IllegalArgumentException("cannot combine bracket accumulators of different plans");
        }
        for (int g = 0; g < gaps.length; g++) {
            if (other.gaps[g] != null) {
                long[] mine = gapsOf(g);
                for (int k = 0; k < mine.length; k++) {
                    mine[k] += other.gaps[g][k];
                }
            }
            if (other.kept[g] == null) {
                continue;
            }
            for (int k = 0; k < lower.length; k++) {
                int add = other.sizes[g][k];
                if (add == 0) {
                    continue;
                }
                if (kept[g] == null) {
                    kept[g] = new double[lower.length][];
                    sizes[g] = new int[lower.length];
                }
                int s = sizes[g][k];
                int need = Math.addExact(s, add);
                double[] a = kept[g][k];
                if (a == null || need > a.length) {
                    a = kept[g][k] = Arrays.copyOf(a == null ? new double[0] : a,
                            Math.max(need, a == null ? 0 : (int) Math.min(Integer.MAX_VALUE - 8, 2L * a.length)));
                }
                System.arraycopy(other.kept[g][k], 0, a, s, add);
                sizes[g][k] = need;
            }
        }
        return this;
    }

    @Override
    public BracketAccumulator copy() {
        BracketAccumulator c = new BracketAccumulator(lower, upper, gaps.length, group);
        return c.combine(this);
    }

    /** Number of (non-NaN) values seen. */
    public long count() {
        long n = 0;
        for (int g = 0; g < gaps.length; g++) {
            n += count(g);
        }
        return n;
    }

    /** Number of values kept inside the brackets (8 bytes each). */
    public long retained() {
        long n = 0;
        for (int g = 0; g < gaps.length; g++) {
            n += kept(g);
        }
        return n;
    }

    int replicates() {
        return gaps.length;
    }

    int brackets() {
        return lower.length;
    }

    double[] lower() {
        return lower;
    }

    double[] upper() {
        return upper;
    }

    long count(int g) {
        long n = kept(g);
        if (gaps[g] != null) {
            for (long c : gaps[g]) {
                n += c;
            }
        }
        return n;
    }

    private long kept(int g) {
        long n = 0;
        if (sizes[g] != null) {
            for (int s : sizes[g]) {
                n += s;
            }
        }
        return n;
    }

    /** Values of group g below bracket k (not kept). */
    long gap(int g, int k) {
        return gaps[g] == null ? 0 : gaps[g][k];
    }

    /** Number of kept values of group g in bracket k. */
    int size(int g, int k) {
        return sizes[g] == null ? 0 : sizes[g][k];
    }

    /** The kept values of group g in bracket k, sorted in place (the array may be longer than size(g, k)). */
    double[] sorted(int g, int k) {
        if (sizes[g] == null || kept[g][k] == null) {
            return new double[0];
        }
        Arrays.sort(kept[g][k], 0, sizes[g][k]);
        return kept[g][k];
    }

    private void trim() {
        for (int g = 0; g < kept.length; g++) {
            if (kept[g] != null) {
                for (int k = 0; k < kept[g].length; k++) {
                    if (kept[g][k] != null && kept[g][k].length != sizes[g][k]) {
                        kept[g][k] = Arrays.copyOf(kept[g][k], sizes[g][k]);
                    }
                }
            }
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        trim(); // no spare capacity on the wire
        out.defaultWriteObject();
    }

    @Override
    public String toString() {
        return "Brackets[" + lower.length + " brackets, " + gaps.length + " groups, n=" + count() + ", kept="
                + retained() + "]";
    }
}
