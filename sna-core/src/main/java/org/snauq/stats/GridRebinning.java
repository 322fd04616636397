package org.snauq.stats;

/**
 * An exact histogram with near-equal bins over [min, max] from the counts of a fine grid placed before min and
 * max were known (docs/HISTOGRAM.md). The grid is [L, U] = [a - w, b + w], with [a, b] the range of a pilot
 * sample and w = b - a, cut into equal cells (a {@link HistogramAccumulator}: cell j is [L + j h, L + (j + 1) h),
 * h = (U - L) / cells). Bin b of B has the edges e_0 = min, e_B = max and, inside, e_b = the cell edge nearest
 * to min + b (max - min) / B; its count is the sum of its cells, so it is exactly the number of values in
 * [e_b, e_{b+1}) (the last bin closed). The inner edges sit at most h / 2 from equal spacing. Cost O(cells).
 *
 * <p>When that cannot be exact and close to equal spacing, {@link #of} returns null and the caller counts again
 * over [min, max]: some value fell outside [L, U] or is NaN, or the data span fewer than
 * {@link #MIN_CELLS_PER_BIN} cells per bin. Immutable.
 */
public final class GridRebinning {

    /** With at least 64 cells per bin an inner edge moves by at most 1/128 of a bin width from equal spacing. */
    public static final int MIN_CELLS_PER_BIN = 64;

    private final double[] edges;
    private final long[] counts;

    private GridRebinning(double[] edges, long[] counts) {
        this.edges = edges;
        this.counts = counts;
    }

    /**
     * The grid range [L, U] = [a - w, b + w] around a pilot's range [a, b], or null when the pilot gives no
     * finite, non-empty range (a constant or NaN pilot: the caller counts over [min, max] instead).
     */
    public static double[] gridRange(double pilotMin, double pilotMax) {
        double w = pilotMax - pilotMin;
        if (!(w > 0) || !Double.isFinite(w)) {
            return null;
        }
        double lower = pilotMin - w;
        double upper = pilotMax + w;
        return Double.isFinite(lower) && Double.isFinite(upper) ? new double[] {lower, upper} : null;
    }

    /**
     * The histogram of {@code bins} bins over [min, max] from the grid counts, or null when it cannot be exact
     * with near-equal bins (see the class comment).
     *
     * @param cells the grid counts of every value, read
     * @param count the number of values (non-NaN and NaN alike)
     * @param min   the smallest value
     * @param max   the largest value
     * @param bins  the number of bins, &gt;= 1
     */
    public static GridRebinning of(HistogramAccumulator cells, long count, double min, double max, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (cells.total() != count || cells.underflow() > 0 || cells.overflow() > 0 || cells.nanCount() > 0
                || !(max > min)) {
            return null;
        }
        long[] c = cells.counts();
        int first = 0;
        while (c[first] == 0) {
            first++;
        }
        int last = c.length - 1;
        while (c[last] == 0) {
            last--;
        }
        if (last - first < (long) MIN_CELLS_PER_BIN * bins) {
            return null;
        }
        double width = (max - min) / bins;
        double h = (cells.lower(c.length) - cells.lower(0)) / c.length;
        int[] k = new int[bins + 1]; // bin b = cells [k[b], k[b + 1])
        k[0] = first;
        k[bins] = last + 1;
        for (int b = 1; b < bins; b++) {
            double target = min + b * width;
            k[b] = (int) Math.max(first + 1, Math.min(last, Math.round((target - cells.lower(0)) / h)));
            if (k[b] <= k[b - 1]) {
                return null; // cannot happen with MIN_CELLS_PER_BIN cells per bin; exactness first
            }
        }
        double[] edges = new double[bins + 1];
        long[] counts = new long[bins];
        edges[0] = min;
        edges[bins] = max;
        for (int b = 0; b < bins; b++) {
            if (b > 0) {
                edges[b] = cells.lower(k[b]);
            }
            for (int j = k[b]; j < k[b + 1]; j++) {
                counts[b] += c[j];
            }
        }
        return new GridRebinning(edges, counts);
    }

    /** The bins + 1 edges, a copy. */
    public double[] edges() {
        return edges.clone();
    }

    /** The counts of the bins, a copy. */
    public long[] counts() {
        return counts.clone();
    }
}
