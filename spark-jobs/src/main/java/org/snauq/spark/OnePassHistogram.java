package org.snauq.spark;

import org.apache.spark.util.AccumulatorV2;
import org.snauq.stats.HistogramAccumulator;
import org.snauq.study.UqModel;

/**
 * The output's histogram from the statistics pass itself, exact and deterministic, so the samples are not
 * evaluated a second time (docs/HISTOGRAM.md).
 *
 * <p>Before the pass the driver evaluates the first {@link #PILOT_ROWS} rows of the design (the run's own
 * first samples) and takes the grid range [L, U] = [a - w, b + w] with [a, b] the pilot's range and w = b - a.
 * The tasks count every output in {@link #CELLS} equal cells over [L, U] (a {@link HistogramAccumulator}: cell
 * j is [L + j h, L + (j + 1) h), h = (U - L) / CELLS); the counts are summed by a Spark accumulator, exact in
 * any order. After the pass, with min and max of the data known, bin b of B has the edges e_0 = min,
 * e_B = max and, inside, e_b = the cell edge nearest to min + b (max - min) / B; its count is the sum of its
 * cells, so it is exactly the number of outputs in [e_b, e_{b+1}) (the last bin closed). The inner edges sit at
 * most h / 2 from equal spacing, which the table reports as they are ({@code lower}, {@code upper}).
 *
 * <p>When that cannot be done exactly and close to equal spacing, {@link #bin} returns null and the run falls
 * back to a second pass with equal bins over [min, max]: some output fell outside [L, U] (a tail the pilot did
 * not foresee) or is NaN, or the data span fewer than {@link #MIN_CELLS_PER_BIN} cells per bin.
 */
final class OnePassHistogram {

    /** Cells of the grid: 512 KiB of counts per task, one cell is 1/65,536 of the grid range. */
    static final int CELLS = 1 << 16;

    /** Rows evaluated on the driver to place the grid: a few milliseconds, enough to see the bulk's range. */
    static final int PILOT_ROWS = 4096;

    /** With at least 64 cells per bin an inner edge moves by at most 1/128 of a bin width from equal spacing. */
    static final int MIN_CELLS_PER_BIN = 64;

    private OnePassHistogram() {
    }

    /** The grid range [L, U] from a pilot of the plan's first rows, or null when the pilot gives no finite range. */
    static double[] gridRange(SamplePlan plan, UqModel model) {
        BlockKernel kernel = new BlockKernel(plan, model);
        long rows = Math.min(PILOT_ROWS, plan.rows());
        double a = Double.POSITIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        for (long pos = 0; pos < rows; pos += BlockKernel.CHUNK) {
            int count = (int) Math.min(BlockKernel.CHUNK, rows - pos);
            kernel.run(pos, count, true);
            for (int k = 0; k < count; k++) {
                a = Math.min(a, kernel.fA[k]);
                b = Math.max(b, kernel.fA[k]);
            }
        }
        double w = b - a;
        if (!(w > 0) || !Double.isFinite(w)) { // constant (or NaN) pilot: let the second pass decide
            return null;
        }
        double lower = a - w;
        double upper = b + w;
        return Double.isFinite(lower) && Double.isFinite(upper) ? new double[] {lower, upper} : null;
    }

    /** Bin edges (bins + 1) and counts (bins) of a histogram with unequal edges. */
    record Bins(double[] edges, long[] counts) {
    }

    /**
     * The histogram of {@code bins} bins over [min, max] from the grid counts, or null when it cannot be exact
     * with near-equal bins (see the class comment).
     *
     * @param cells the grid counts of every output, read
     * @param count the number of outputs (non-NaN and NaN alike)
     */
    static Bins bin(HistogramAccumulator cells, long count, double min, double max, int bins) {
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
        return new Bins(edges, counts);
    }

    /**
     * Sums the tasks' grid counts on the driver as tasks finish (integer sums: exact in any order). Spark applies
     * a result task's update once, also when the task is retried or run speculatively.
     */
    static final class CellSum extends AccumulatorV2<HistogramAccumulator, HistogramAccumulator> {

        private static final long serialVersionUID = 1L;

        private final double lower;
        private final double upper;
        private HistogramAccumulator sum; // null: nothing added yet

        CellSum(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }

        /** An empty grid of this accumulator's range, for a task to fill. */
        HistogramAccumulator newCells() {
            return new HistogramAccumulator(lower, upper, CELLS);
        }

        @Override
        public boolean isZero() {
            return sum == null;
        }

        @Override
        public CellSum copy() {
            CellSum c = new CellSum(lower, upper);
            c.sum = sum == null ? null : sum.copy();
            return c;
        }

        @Override
        public void reset() {
            sum = null;
        }

        @Override
        public void add(HistogramAccumulator cells) {
            sum = sum == null ? cells.copy() : sum.combine(cells);
        }

        @Override
        public void merge(AccumulatorV2<HistogramAccumulator, HistogramAccumulator> other) {
            HistogramAccumulator o = ((CellSum) other).sum;
            if (o != null) {
                add(o);
            }
        }

        @Override
        public HistogramAccumulator value() {
            return sum == null ? newCells() : sum;
        }
    }
}
