package org.snauq.spark;

import org.apache.spark.util.AccumulatorV2;
import org.snauq.engine.BlockKernel;
import org.snauq.engine.SamplePlan;
import org.snauq.models.UqModel;
import org.snauq.stats.GridRebinning;
import org.snauq.stats.HistogramAccumulator;

/**
 * The output's histogram from the statistics pass itself, exact and deterministic, so the samples are not
 * evaluated a second time (docs/HISTOGRAM.md; the statistic itself is {@link GridRebinning}).
 *
 * <p>Before the pass the driver evaluates the first {@link #PILOT_ROWS} rows of the design (the run's own
 * first samples) and places the grid of {@link GridRebinning#gridRange} around their range. The tasks count
 * every output in {@link #CELLS} equal cells of that grid (a {@link HistogramAccumulator}); the counts are summed
 * by a Spark accumulator, exact in any order. After the pass, with min and max of the data known,
 * {@link GridRebinning#of} merges the cells into the table's bins, or returns null and the run falls back to a
 * second pass with equal bins over [min, max].
 */
final class OnePassHistogram {

    /** Cells of the grid: 512 KiB of counts per task, one cell is 1/65,536 of the grid range. */
    static final int CELLS = 1 << 16;

    /** Rows evaluated on the driver to place the grid: a few milliseconds, enough to see the bulk's range. */
    static final int PILOT_ROWS = 4096;

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
        return GridRebinning.gridRange(a, b);
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
