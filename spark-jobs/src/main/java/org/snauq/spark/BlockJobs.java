package org.snauq.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.AccumulatorV2;
import org.snauq.engine.AnalyticResult;
import org.snauq.engine.BlockKernel;
import org.snauq.engine.BlockStats;
import org.snauq.engine.PhaseLog;
import org.snauq.engine.RunResults;
import org.snauq.engine.SampleFailure;
import org.snauq.engine.SamplePlan;
import org.snauq.engine.StatsSpec;
import org.snauq.models.UqModel;
import org.snauq.stats.GridRebinning;
import org.snauq.stats.HistogramAccumulator;
import org.snauq.stats.Mergeable;
import org.snauq.study.FailurePolicy;
import org.snauq.study.QuantileMethod;
import org.snauq.study.StatisticsSpec;
import org.snauq.study.Study;

/**
 * The distributed passes over the blocks of a {@link SamplePlan} (DESIGN.md section 6). The driver makes an
 * RDD of block indices; each task rebuilds its design, distributions and evaluator once, turns each of its
 * blocks into points, evaluates them chunk by chunk and folds the block into one accumulator bundle. Only the
 * bundles (kilobytes per block) come back to the driver, which sorts them by block; no sample is collected, so
 * memory is flat in n. A retried task recomputes exactly its blocks.
 *
 * <p>Failed samples (not finite, or reported by the model) are left out by the kernel in every pass. Under
 * {@code on-failure: error} a task stops at its first block with a failure; the driver then names the first
 * failure in sample order ({@link RunResults}), which lies in the lowest failing block, and every block before it
 * was evaluated in full.
 *
 * <p>Functions here are static and capture only serialisable plans and the broadcast model.
 */
final class BlockJobs {

    private BlockJobs() {
    }

    /** The engine's view of a study's statistics and failure policy; messages start with the study file name. */
    static StatsSpec statsSpec(Study study) {
        StatisticsSpec s = study.statistics();
        return new StatsSpec(study.fileName(), s.moments(), s.quantiles().stream().mapToDouble(Double::doubleValue)
                .toArray(), s.quantileMethod() == QuantileMethod.EXACT, s.exceedance().stream()
                .mapToDouble(Double::doubleValue).toArray(), s.histogramBins(), s.sobol(), s.confidence(),
                study.onFailure() == FailurePolicy.SKIP);
    }

    /** The RDD of block indices in at most {@code slices} contiguous slices (never more slices than blocks). */
    static JavaRDD<Long> blocks(JavaSparkContext jsc, SamplePlan plan, int slices) {
        List<Long> ids = LongStream.range(0, plan.blocks()).boxed().toList();
        return jsc.parallelize(ids, (int) Math.min(slices, plan.blocks()));
    }

    /**
     * Pass 1, then the histograms: every table's rows (the histogram from pass 1's grid, or from a second pass when
     * the grid cannot give it exactly, see {@link OnePassHistogram}).
     *
     * @param analytic closed-form rows, or null
     */
    static RunResults propagate(SparkSession spark, SamplePlan plan, Broadcast<UqModel> model, StatsSpec spec,
                                int slices, PhaseLog log, AnalyticResult analytic) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        UqModel m = model.value();
        int outputs = m.outputs().size();
        OnePassHistogram.CellSum cells = null;
        if (spec.histogramBins() > 0) {
            cells = new OnePassHistogram.CellSum(OnePassHistogram.gridRanges(plan, m));
            jsc.sc().register(cells, "histogram cells");
        }
        OnePassHistogram.CellSum grid = cells;
        List<BlockStats> blocks = UqRun.withProgress(spark, log, "sampling", plan.blocks(), slices,
                () -> statistics(jsc, plan, model, spec, slices, outputs, grid));
        log.phase("sampling", "sampling done: " + plan.blocks() + "/" + plan.blocks() + " blocks, "
                + plan.evaluations() + " evaluations");
        RunResults results = new RunResults(m.outputs(), plan.inputNames(), plan, spec, blocks, analytic);
        if (spec.histogramBins() == 0) {
            return results;
        }
        List<Integer> secondPass = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            HistogramAccumulator counted = grid.value()[k];
            GridRebinning bins = counted == null ? null : GridRebinning.of(counted, results.moments(k).count(),
                    results.moments(k).min(), results.moments(k).max(), spec.histogramBins());
            if (bins == null) {
                secondPass.add(k);
            } else {
                results.histogram(k, bins.edges(), bins.counts());
            }
        }
        log.info("histogram from the sampling pass for " + (outputs - secondPass.size()) + " of " + outputs
                + " outputs, " + spec.histogramBins() + " bins");
        if (!secondPass.isEmpty()) { // exact equal bins need [min, max] first: a second pass
            double[] lower = new double[outputs];
            double[] upper = new double[outputs];
            for (int k = 0; k < outputs; k++) {
                lower[k] = results.moments(k).min();
                upper[k] = results.moments(k).max();
                if (!(upper[k] > lower[k])) { // a constant output: one unit-wide range around it
                    lower[k] -= 0.5;
                    upper[k] += 0.5;
                }
            }
            List<HistogramAccumulator[]> parts = UqRun.withProgress(spark, log, "histogram", plan.blocks(), slices,
                    () -> histogram(jsc, plan, model, lower, upper, spec.histogramBins(), slices));
            for (int k : secondPass) {
                final int output = k;
                results.histogram(k, Mergeable.foldInOrder(parts.stream().map(h -> h[output]).toList()));
            }
            log.phase("histogram", "histogram done: " + spec.histogramBins() + " bins for " + secondPass.size()
                    + " outputs");
        }
        return results;
    }

    /**
     * Pass 1: one statistics bundle per block, in block order (under on-failure: error, up to each task's first
     * block with a failure).
     *
     * @param cells when not null, every kept output is also counted into this accumulator's grids (one per task)
     */
    static List<BlockStats> statistics(JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model,
                                       StatsSpec spec, int slices, int outputs, OnePassHistogram.CellSum cells) {
        List<BlockStats> out = new ArrayList<>(blocks(jsc, plan, slices).mapPartitions(it -> {
            FaultInjection.maybeFailTask();
            HistogramAccumulator[] grid = cells == null ? null : cells.newCells();
            List<BlockStats> done = new ArrayList<>();
            try (BlockKernel kernel = new BlockKernel(plan, model.value())) {
                while (it.hasNext()) {
                    BlockStats stats = statisticsOf(it.next(), kernel, plan, spec, outputs, grid);
                    done.add(stats);
                    if (stats.failed > 0 && !spec.skipFailures()) {
                        break; // the run stops: later blocks cannot hold the first failure
                    }
                }
            }
            if (grid != null) {
                cells.add(grid);
            }
            return done.iterator();
        }).collect());
        out.sort(Comparator.comparingLong(s -> s.block));
        return out;
    }

    static BlockStats statisticsOf(long block, BlockKernel kernel, SamplePlan plan, StatsSpec spec, int outputs,
                                   HistogramAccumulator[] grid) {
        BlockStats stats = new BlockStats(block, plan.replicateOf(block), spec, plan.dimension(), outputs);
        kernel.reset();
        long start = plan.blockStart(block);
        int rows = plan.blockRows(block);
        long nextPrefix = block == 0 ? BlockStats.MIN_PREFIX : Long.MAX_VALUE;
        int done = 0;
        while (done < rows) {
            int count = Math.min(kernel.chunk(), rows - done);
            if (nextPrefix < rows) {
                count = (int) Math.min(count, nextPrefix - done);
            }
            int kept = kernel.run(start + done, count, false);
            stats.accept(kernel, kept);
            if (grid != null) {
                for (int k = 0; k < outputs; k++) {
                    if (grid[k] != null) {
                        grid[k].accept(kernel.y[k], 0, kept);
                    }
                }
            }
            done += count;
            if (done == nextPrefix && done < rows) { // the whole block is reported from the fold
                stats.snapshot(done);
                nextPrefix <<= 1;
            }
        }
        stats.outside = kernel.outside.clone();
        stats.farthest = kernel.farthest.clone();
        stats.evaluationNanos = kernel.evaluationNanos;
        return stats;
    }

    /** Pass 2: the histogram of each output over [lower[k], upper[k]] (known from pass 1), per block. */
    static List<HistogramAccumulator[]> histogram(JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model,
                                                  double[] lower, double[] upper, int bins, int slices) {
        List<HistogramAccumulator[]> out = new ArrayList<>(blocks(jsc, plan, slices).mapPartitions(it -> {
            FaultInjection.maybeFailTask();
            List<HistogramAccumulator[]> done = new ArrayList<>();
            try (BlockKernel kernel = new BlockKernel(plan, model.value())) {
                while (it.hasNext()) {
                    long block = it.next();
                    HistogramAccumulator[] h = new HistogramAccumulator[lower.length];
                    for (int k = 0; k < h.length; k++) {
                        h[k] = new HistogramAccumulator(lower[k], upper[k], bins);
                    }
                    long start = plan.blockStart(block);
                    int rows = plan.blockRows(block);
                    for (int pos = 0; pos < rows; pos += kernel.chunk()) {
                        int kept = kernel.run(start + pos, Math.min(kernel.chunk(), rows - pos), true);
                        for (int k = 0; k < h.length; k++) {
                            h[k].accept(kernel.y[k], 0, kept);
                        }
                    }
                    done.add(h);
                }
            }
            return done.iterator();
        }).collect());
        return out; // collect keeps partition order, and partitions hold ascending blocks
    }

    /**
     * Every sample that did not fail as a row ([sample_index,] inputs..., outputs...), produced lazily chunk by chunk
     * in the tasks, for Spark to write; for pick-freeze plans the rows are the A points.
     *
     * @param failures when not null, collects the failed sample of lowest index (the caller refuses the data when
     *                 it holds one: tasks never throw for a failed sample, so Spark logs nothing)
     */
    static JavaRDD<Row> samples(JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model, int slices,
                                boolean withIndex, FirstFailure failures) {
        return blocks(jsc, plan, slices).mapPartitions(it -> {
            FaultInjection.maybeFailTask();
            return new SampleRows(it, new BlockKernel(plan, model.value()), plan, model.value().outputs().size(),
                    withIndex, failures);
        });
    }

    /** The failed sample of lowest index seen by the tasks (deterministic in any order), or null. */
    static final class FirstFailure extends AccumulatorV2<SampleFailure, SampleFailure> {

        private static final long serialVersionUID = 1L;

        private SampleFailure first;

        @Override
        public boolean isZero() {
            return first == null;
        }

        @Override
        public FirstFailure copy() {
            FirstFailure c = new FirstFailure();
            c.first = first;
            return c;
        }

        @Override
        public void reset() {
            first = null;
        }

        @Override
        public void add(SampleFailure f) {
            if (first == null || f.index() < first.index()) {
                first = f;
            }
        }

        @Override
        public void merge(AccumulatorV2<SampleFailure, SampleFailure> other) {
            SampleFailure f = ((FirstFailure) other).first;
            if (f != null) {
                add(f);
            }
        }

        @Override
        public SampleFailure value() {
            return first;
        }
    }

    /** Rows of a partition's blocks, computed one chunk at a time; the kernel is closed after the last row. */
    private static final class SampleRows implements Iterator<Row> {
        private final Iterator<Long> blocks;
        private final BlockKernel kernel;
        private final SamplePlan plan;
        private final int dim;
        private final int outputs;
        private final int first;
        private final long[] index;
        private final FirstFailure failOn;
        private long blockStart;
        private int blockRows;
        private int pos;
        private int kept;
        private int inChunk;

        SampleRows(Iterator<Long> blocks, BlockKernel kernel, SamplePlan plan, int outputs, boolean withIndex,
                   FirstFailure failOn) {
            this.blocks = blocks;
            this.failOn = failOn;
            this.kernel = kernel;
            this.plan = plan;
            this.dim = plan.dimension();
            this.outputs = outputs;
            this.first = withIndex ? 1 : 0;
            this.index = new long[kernel.chunk()];
        }

        @Override
        public boolean hasNext() {
            while (inChunk == kept) {
                if (pos < blockRows) {
                    int count = Math.min(kernel.chunk(), blockRows - pos);
                    kept = kernel.run(blockStart + pos, count, true);
                    if (failOn != null && !kernel.failures.isEmpty()) {
                        failOn.add(kernel.failures.get(0));
                    }
                    keptIndices(blockStart + pos, count);
                    pos += count;
                    inChunk = 0;
                } else if (blocks.hasNext()) {
                    long b = blocks.next();
                    blockStart = plan.blockStart(b);
                    blockRows = plan.blockRows(b);
                    pos = 0;
                    kept = 0;
                    inChunk = 0;
                } else {
                    kernel.close();
                    return false;
                }
            }
            return true;
        }

        /** The sample indices of the kept rows: the chunk's indices without the failed ones. */
        private void keptIndices(long start, int count) {
            int f = 0;
            int row = 0;
            for (int r = 0; r < count; r++) {
                long i = start + r;
                if (f < kernel.failures.size() && kernel.failures.get(f).index() == i) {
                    f++;
                } else {
                    index[row++] = i;
                }
            }
            assert row == kept;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object[] values = new Object[first + dim + outputs];
            int k = inChunk++;
            if (first == 1) {
                values[0] = index[k];
            }
            for (int d = 0; d < dim; d++) {
                values[first + d] = kernel.x[k * dim + d];
            }
            for (int o = 0; o < outputs; o++) {
                values[first + dim + o] = kernel.y[o][k];
            }
            return RowFactory.create(values);
        }
    }
}
