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
 * first samples) and places each output's grid of {@link GridRebinning#gridRange} around their range. The tasks count
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

    /**
     * The grid range [L, U] of each output from a pilot of the plan's first rows (failed samples left out), or
     * null for an output whose pilot gives no finite range (its histogram then takes the second pass).
     */
    static double[][] gridRanges(SamplePlan plan, UqModel model) {
        int outputs = model.outputs().size();
        double[] a = new double[outputs];
        double[] b = new double[outputs];
        java.util.Arrays.fill(a, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(b, Double.NEGATIVE_INFINITY);
        try (BlockKernel kernel = new BlockKernel(plan, model)) {
            long rows = Math.min(PILOT_ROWS, plan.rows());
            for (long pos = 0; pos < rows; pos += kernel.chunk()) {
                int kept = kernel.run(pos, (int) Math.min(kernel.chunk(), rows - pos), true);
                for (int k = 0; k < outputs; k++) {
                    for (int j = 0; j < kept; j++) {
                        a[k] = Math.min(a[k], kernel.y[k][j]);
                        b[k] = Math.max(b[k], kernel.y[k][j]);
                    }
                }
            }
        }
        double[][] ranges = new double[outputs][];
        for (int k = 0; k < outputs; k++) {
            ranges[k] = GridRebinning.gridRange(a[k], b[k]);
        }
        return ranges;
    }

    /**
     * Sums the tasks' grid counts (one grid per output) on the driver as tasks finish (integer sums: exact in any
     * order). Spark applies a result task's update once, also when the task is retried or run speculatively.
     */
    static final class CellSum extends AccumulatorV2<HistogramAccumulator[], HistogramAccumulator[]> {

        private static final long serialVersionUID = 2L;

        private final double[][] ranges;
        private HistogramAccumulator[] sum; // null: nothing added yet

        /** @param ranges per output, the grid's [lower, upper], or null for an output without a grid */
        CellSum(double[][] ranges) {
            this.ranges = ranges;
        }

        /** Empty grids of this accumulator's ranges (null for an output without a grid), for a task to fill. */
        HistogramAccumulator[] newCells() {
            HistogramAccumulator[] cells = new HistogramAccumulator[ranges.length];
            for (int k = 0; k < cells.length; k++) {
                cells[k] = ranges[k] == null ? null : new HistogramAccumulator(ranges[k][0], ranges[k][1], CELLS);
            }
            return cells;
        }

        @Override
        public boolean isZero() {
            return sum == null;
        }

        @Override
        public CellSum copy() {
            CellSum c = new CellSum(ranges);
            if (sum != null) {
                c.add(sum);
            }
            return c;
        }

        @Override
        public void reset() {
            sum = null;
        }

        @Override
        public void add(HistogramAccumulator[] cells) {
            if (sum == null) {
                sum = newCells();
            }
            for (int k = 0; k < sum.length; k++) {
                if (sum[k] != null) {
                    sum[k].combine(cells[k]);
                }
            }
        }

        @Override
        public void merge(AccumulatorV2<HistogramAccumulator[], HistogramAccumulator[]> other) {
            HistogramAccumulator[] o = ((CellSum) other).sum;
            if (o != null) {
                add(o);
            }
        }

        @Override
        public HistogramAccumulator[] value() {
            return sum == null ? newCells() : sum;
        }
    }
}
