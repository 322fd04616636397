package org.snauq.stats;

import java.util.Arrays;

/**
 * The order statistics a {@link BracketAccumulator} kept, for one replicate group or pooled over all: bracket k
 * holds ranks below[k] + 1 .. below[k] + size[k], where below[k] counts every value under the bracket (gaps and
 * earlier brackets), and so counts the values up to any x inside [lower[k], upper[k]]; any other rank or value
 * throws {@link OrderedSample.OutsideBrackets}. Exact: rank error 0.
 */
final class BracketedSample implements OrderedSample {

    private final long count;
    private final double[] lower;
    private final double[] upper;
    private final long[] below;
    private final double[][] sorted;
    private final int[] sizes;

    private BracketedSample(BracketAccumulator a, long count, long[] below, double[][] sorted, int[] sizes) {
        this.count = count;
        this.lower = a.lower();
        this.upper = a.upper();
        this.below = below;
        this.sorted = sorted;
        this.sizes = sizes;
    }

    /** The kept values of group g (sorted in place). */
    static BracketedSample group(BracketAccumulator a, int g) {
        return over(a, a.count(g), g, g + 1);
    }

    /** The kept values of all groups together (one group: its arrays, sorted in place; else sorted copies). */
    static BracketedSample pooled(BracketAccumulator a) {
        return over(a, a.count(), 0, a.replicates());
    }

    private static BracketedSample over(BracketAccumulator a, long count, int fromGroup, int toGroup) {
        int brackets = a.brackets();
        long[] below = new long[brackets];
        double[][] sorted = new double[brackets][];
        int[] sizes = new int[brackets];
        long under = 0;
        for (int k = 0; k < brackets; k++) {
            long size = 0;
            for (int g = fromGroup; g < toGroup; g++) {
                under += a.gap(g, k);
                size += a.size(g, k);
            }
            below[k] = under;
            sizes[k] = Math.toIntExact(size);
            sorted[k] = toGroup - fromGroup == 1 ? a.sorted(fromGroup, k) : merged(a, k, sizes[k], fromGroup, toGroup);
            under += size;
        }
        return new BracketedSample(a, count, below, sorted, sizes);
    }

    private static double[] merged(BracketAccumulator a, int k, int size, int fromGroup, int toGroup) {
        double[] all = new double[size];
        int at = 0;
        for (int g = fromGroup; g < toGroup; g++) {
            int s = a.size(g, k);
            if (s > 0) {
                System.arraycopy(a.sorted(g, k), 0, all, at, s);
                at += s;
            }
        }
        Arrays.sort(all);
        return all;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public double valueAt(long rank) {
        for (int k = 0; k < below.length; k++) {
            if (rank > below[k] && rank <= below[k] + sizes[k]) {
                return sorted[k][(int) (rank - below[k] - 1)];
            }
        }
        throw new OutsideBrackets("rank " + rank);
    }

    @Override
    public double fractionAtMost(double x) {
        for (int k = 0; k < below.length; k++) {
            if (x >= lower[k] && x <= upper[k]) {
                return (below[k] + countAtMost(sorted[k], sizes[k], x)) / (double) count;
            }
        }
        throw new OutsideBrackets("value " + x);
    }

    /** Entries of a[0 .. size) that are &lt;= x, a sorted. */
    static int countAtMost(double[] a, int size, double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public double rankError(double q) {
        return 0;
    }
}
