package org.snauq.spark;

import java.util.ArrayList;
import java.util.Collections;
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
import org.snauq.engine.QuantileSketches;
import org.snauq.engine.SecondPass;
import org.snauq.engine.StatsSpec;
import org.snauq.models.UqModel;
import org.snauq.stats.BracketAccumulator;
import org.snauq.stats.GridRebinning;
import org.snauq.stats.HistogramAccumulator;
import org.snauq.stats.QuantileBrackets;
import org.snauq.stats.QuantileEstimate;
import org.snauq.study.BadInputException;
import org.snauq.study.FailurePolicy;
import org.snauq.study.StatisticsSpec;
import org.snauq.study.Study;

/**
 * The distributed passes over the blocks of a {@link SamplePlan} (DESIGN.md section 6). The driver makes an
 * RDD of block indices; each task rebuilds its design, distributions and evaluator once, turns each of its
 * blocks into points, evaluates them chunk by chunk and folds the block into one accumulator bundle. Only the
 * bundles (kilobytes per block) come back to the driver, which sorts them by block; no sample is collected, so
 * memory is flat in n. A retried task recomputes exactly its blocks.
 *
 * <p>A second pass (A points only) runs when the two-pass quantile method or a histogram over [min, max] needs
 * it; its per-task tallies, like the first-pass quantile sketches, combine in any order with the same rows, so
 * they are reduced as tasks finish. Exact quantiles then cost the values inside their brackets on the driver
 * (about 6% of n for 7 probabilities), never the sample.
 *
 * <p>Failed samples (not finite, or reported by the model) are left out by the kernel in every pass. Under
 * {@code on-failure: error} a task stops at its first block with a failure; the driver then names the first
 * failure in sample order ({@link RunResults}), which lies in the lowest failing block, and every block before it
 * was evaluated in full.
 *
 * <p>Functions here are static and capture only serialisable plans and the broadcast model.
 */
final class BlockJobs {

    /** Second passes before giving up: each retry widens the missed brackets 4-fold, so 2 almost never run. */
    static final int MAX_SECOND_PASSES = 8;

    private BlockJobs() {
    }

    /** The engine's view of a study's statistics and failure policy; messages start with the study file name. */
    static StatsSpec statsSpec(Study study) {
        StatisticsSpec s = study.statistics();
        StatsSpec.Quantiles method = switch (s.quantileMethod()) {
            case TWO_PASS -> StatsSpec.Quantiles.TWO_PASS;
            case EXACT -> StatsSpec.Quantiles.EXACT;
            case SKETCH -> StatsSpec.Quantiles.SKETCH;
        };
        return new StatsSpec(study.fileName(), s.moments(), s.quantiles().stream().mapToDouble(Double::doubleValue)
                .toArray(), method, s.exceedance().stream().mapToDouble(Double::doubleValue).toArray(),
                s.histogramBins(), s.sobol(), s.confidence(), study.onFailure() == FailurePolicy.SKIP);
    }

    /** The RDD of block indices in at most {@code slices} contiguous slices (never more slices than blocks). */
    static JavaRDD<Long> blocks(JavaSparkContext jsc, SamplePlan plan, int slices) {
        List<Long> ids = LongStream.range(0, plan.blocks()).boxed().toList();
        return jsc.parallelize(ids, (int) Math.min(slices, plan.blocks()));
    }

    /**
     * How the passes over the blocks run: as Spark jobs ({@link #onSpark}), or in one thread (tests of the driver's
     * logic, which is the same either way).
     */
    interface Passes {
        /**
         * Pass 1: every block's bundle, in block order.
         *
         * @param cells    when not null, the histogram grids to count every kept output into
         * @param sketches when not null, the first-pass quantile sketches to feed every kept output to
         */
        List<BlockStats> first(OnePassHistogram.CellSum cells, SketchSum sketches);

        /** A second pass: the tallies of every block, combined. */
        SecondPass.Tally second(SecondPass pass, String name);
    }

    /**
     * The passes as Spark jobs over the RDD of block indices, with progress lines.
     *
     * @param calls where the tasks add their calls to an external model, or null
     */
    static Passes onSpark(SparkSession spark, SamplePlan plan, Broadcast<UqModel> model, StatsSpec spec,
                          int slices, PhaseLog log, CallCounter calls) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int outputs = model.value().outputs().size();
        return new Passes() {
            @Override
            public List<BlockStats> first(OnePassHistogram.CellSum cells, SketchSum sketches) {
                if (cells != null) {
                    jsc.sc().register(cells, "histogram cells");
                }
                if (sketches != null) {
                    jsc.sc().register(sketches, "quantile sketches");
                }
                return UqRun.withProgress(spark, log, "sampling", plan, slices,
                        () -> statistics(jsc, plan, model, spec, slices, outputs, cells, sketches, calls));
            }

            @Override
            public SecondPass.Tally second(SecondPass pass, String name) {
                return UqRun.withProgress(spark, log, name, plan, slices,
                        () -> secondPassTally(jsc, plan, model, pass, slices, calls));
            }
        };
    }

    /**
     * Pass 1, then the second pass when needed: every table's rows. The histogram comes from pass 1's grid, or from
     * the second pass when the grid cannot give it exactly ({@link OnePassHistogram}); two-pass quantiles are
     * selected from the second pass, which runs again, for the probabilities it missed, with wider brackets.
     *
     * @param m        the model (for its outputs and the histogram's pilot rows)
     * @param analytic closed-form rows, or null
     */
    static RunResults propagate(Passes passes, SamplePlan plan, UqModel m, StatsSpec spec, PhaseLog log,
                                AnalyticResult analytic) {
        int outputs = m.outputs().size();
        OnePassHistogram.CellSum grid = spec.histogramBins() == 0 ? null
                : new OnePassHistogram.CellSum(OnePassHistogram.gridRanges(plan, m));
        SketchSum sketches = spec.quantiles().length == 0 || spec.quantileMethod() != StatsSpec.Quantiles.TWO_PASS
                ? null : new SketchSum(plan.replicates(), outputs);
        List<BlockStats> blocks = passes.first(grid, sketches);
        log.phase("sampling", "sampling done: " + plan.blocks() + "/" + plan.blocks() + " blocks, "
                + plan.evaluations() + " evaluations");
        RunResults results = new RunResults(m.outputs(), plan.inputNames(), plan, spec, blocks, analytic);
        double[][] ranges = histogramRanges(results, spec, grid, log);
        QuantileBrackets[] plans = new QuantileBrackets[outputs];
        if (sketches != null) {
            for (int k = 0; k < outputs; k++) {
                plans[k] = sketches.value().plan(k, spec.quantiles(), spec.confidence());
            }
        }
        secondPass(passes, spec, log, results, plans, ranges);
        return results;
    }

    /**
     * The histograms pass 1's grid gives, added to the results; per output, the range of the histogram the second
     * pass must count instead ([min, max] of pass 1), or null.
     */
    private static double[][] histogramRanges(RunResults results, StatsSpec spec, OnePassHistogram.CellSum grid,
                                              PhaseLog log) {
        int outputs = results.outputs().size();
        double[][] ranges = new double[outputs][];
        if (spec.histogramBins() == 0) {
            return ranges;
        }
        int fromGrid = 0;
        for (int k = 0; k < outputs; k++) {
            HistogramAccumulator counted = grid.value()[k];
            GridRebinning bins = counted == null ? null : GridRebinning.of(counted, results.moments(k).count(),
                    results.moments(k).min(), results.moments(k).max(), spec.histogramBins());
            if (bins != null) {
                results.histogram(k, bins.edges(), bins.counts());
                fromGrid++;
                continue;
            }
            double lower = results.moments(k).min();
            double upper = results.moments(k).max();
            if (!(upper > lower)) { // a constant output: one unit-wide range around it
                lower -= 0.5;
                upper += 0.5;
            }
            ranges[k] = new double[] {lower, upper}; // exact equal bins need [min, max] first: a second pass
        }
        log.info("histogram from the sampling pass for " + fromGrid + " of " + outputs + " outputs, "
                + spec.histogramBins() + " bins");
        return ranges;
    }

    /**
     * The second pass (re-evaluating the base points) while anything needs it: histograms over [min, max], and the
     * values inside the quantile brackets, from which the order statistics are selected exactly; a probability
     * whose ranks fell outside its bracket (the first-pass sketch erred beyond its margin, about 1e-7 per bracket
     * end) is resolved by another pass with wider brackets.
     */
    private static void secondPass(Passes passes, StatsSpec spec, PhaseLog log, RunResults results,
                                   QuantileBrackets[] plans, double[][] ranges) {
        int outputs = plans.length;
        List<List<QuantileEstimate>> quantiles = new ArrayList<>(Collections.nCopies(outputs, null));
        for (int attempt = 1; ; attempt++) {
            SecondPass pass = new SecondPass(plans, ranges, spec.histogramBins());
            if (pass.isEmpty()) {
                break;
            }
            if (attempt > MAX_SECOND_PASSES) {
                throw new IllegalStateException("quantiles still unresolved after " + MAX_SECOND_PASSES
                        + " second passes");
            }
            String name = attempt == 1 ? "second pass" : "second pass " + attempt;
            SecondPass.Tally tally = passes.second(pass, name);
            int retries = 0;
            for (int k = 0; k < outputs; k++) {
                if (ranges[k] != null) {
                    results.histogram(k, tally.histogram(k));
                    ranges[k] = null;
                }
                if (plans[k] == null) {
                    continue;
                }
                QuantileBrackets.Selection s = select(spec, results.outputs().get(k), plans[k], tally.brackets(k));
                if (s.complete()) {
                    quantiles.set(k, s.estimates());
                    plans[k] = null;
                } else {
                    plans[k] = s.retry();
                    retries++;
                }
            }
            log.phase(attempt == 1 ? "second_pass" : "second_pass_" + attempt, name + " done: "
                    + tally.retained() + " values kept in the quantile brackets"
                    + (retries > 0 ? "; " + retries + " outputs need wider brackets" : ""));
        }
        for (int k = 0; k < outputs; k++) {
            if (quantiles.get(k) != null) {
                results.quantiles(k, quantiles.get(k));
            }
        }
    }

    /**
     * The exact order statistics of one output from the second pass. Both passes leave out the same failed
     * samples, so they count the same values, unless the model answered differently the second time.
     */
    private static QuantileBrackets.Selection select(StatsSpec spec, String output, QuantileBrackets plan,
                                                     BracketAccumulator all) {
        try {
            return plan.select(all);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(spec.source() + ": output " + output + " differed between the two passes of"
                    + " quantile-method two-pass (" + e.getMessage() + "); the model must give the same outputs for"
                    + " the same inputs, else use quantile-method: sketch");
        }
    }

    /**
     * Pass 1: one statistics bundle per block, in block order (under on-failure: error, up to each task's first
     * block with a failure).
     *
     * @param cells    when not null, every kept output is also counted into this accumulator's grids (one per task)
     * @param sketches when not null, every kept output also goes into the two-pass method's first-pass sketches
     *                 (one set per task)
     * @param calls    when not null, where each task adds its calls to an external model
     */
    static List<BlockStats> statistics(JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model,
                                       StatsSpec spec, int slices, int outputs, OnePassHistogram.CellSum cells,
                                       SketchSum sketches, CallCounter calls) {
        List<BlockStats> out = new ArrayList<>(blocks(jsc, plan, slices).mapPartitions(it -> {
            FaultInjection.maybeFailTask();
            HistogramAccumulator[] grid = cells == null ? null : cells.newCells();
            QuantileSketches taskSketches = sketches == null ? null
                    : new QuantileSketches(plan.replicates(), outputs);
            List<BlockStats> done = new ArrayList<>();
            try (BlockKernel kernel = new BlockKernel(plan, model.value())) {
                while (it.hasNext()) {
                    BlockStats stats = statisticsOf(it.next(), kernel, plan, spec, outputs, grid, taskSketches);
                    done.add(stats);
                    if (stats.failed > 0 && !spec.skipFailures()) {
                        break; // the run stops: later blocks cannot hold the first failure
                    }
                }
                count(calls, kernel);
            }
            if (grid != null) {
                cells.add(grid);
            }
            if (taskSketches != null) {
                sketches.add(taskSketches);
            }
            return done.iterator();
        }).collect());
        out.sort(Comparator.comparingLong(s -> s.block));
        return out;
    }

    static BlockStats statisticsOf(long block, BlockKernel kernel, SamplePlan plan, StatsSpec spec, int outputs,
                                   HistogramAccumulator[] grid, QuantileSketches sketches) {
        int group = plan.replicateOf(block);
        BlockStats stats = new BlockStats(block, group, spec, plan.dimension(), outputs);
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
            if (sketches != null) {
                sketches.accept(group, kernel, kept);
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

    /**
     * The second pass over every block (A points only): one tally per task, reduced on the driver as tasks finish
     * (tallies combine in any order with the same result, see {@link SecondPass}), so the driver holds the kept
     * values once, never one result per block.
     */
    static SecondPass.Tally secondPassTally(JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model,
                                            SecondPass pass, int slices, CallCounter calls) {
        return blocks(jsc, plan, slices).mapPartitions(it -> {
            FaultInjection.maybeFailTask();
            SecondPass.Tally tally = null;
            try (BlockKernel kernel = new BlockKernel(plan, model.value())) {
                while (it.hasNext()) {
                    SecondPass.Tally block = secondPassOf(it.next(), kernel, plan, pass);
                    tally = tally == null ? block : tally.combine(block);
                }
                count(calls, kernel);
            }
            return tally == null ? Collections.emptyIterator() : List.of(tally).iterator();
        }).reduce(SecondPass.Tally::combine);
    }

    /** The second pass's tally of one block. */
    static SecondPass.Tally secondPassOf(long block, BlockKernel kernel, SamplePlan plan, SecondPass pass) {
        SecondPass.Tally tally = pass.newTally(plan.replicateOf(block));
        long start = plan.blockStart(block);
        int rows = plan.blockRows(block);
        for (int pos = 0; pos < rows; pos += kernel.chunk()) {
            int kept = kernel.run(start + pos, Math.min(kernel.chunk(), rows - pos), true);
            tally.accept(kernel, kept);
        }
        return tally;
    }

    /**
     * Sums the tasks' first-pass quantile sketches on the driver as tasks finish, in any order
     * ({@link QuantileSketches} says why that order cannot change a row). Spark applies a result task's update
     * once, also when the task is retried or run speculatively.
     */
    static final class SketchSum extends AccumulatorV2<QuantileSketches, QuantileSketches> {

        private static final long serialVersionUID = 1L;

        private final int replicates;
        private final int outputs;
        private QuantileSketches sum; // null: nothing added yet

        SketchSum(int replicates, int outputs) {
            this.replicates = replicates;
            this.outputs = outputs;
        }

        @Override
        public boolean isZero() {
            return sum == null;
        }

        @Override
        public SketchSum copy() {
            SketchSum c = new SketchSum(replicates, outputs);
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
        public void add(QuantileSketches s) {
            if (sum == null) {
                sum = new QuantileSketches(replicates, outputs);
            }
            sum.combine(s);
        }

        @Override
        public void merge(AccumulatorV2<QuantileSketches, QuantileSketches> other) {
            QuantileSketches o = ((SketchSum) other).sum;
            if (o != null) {
                add(o);
            }
        }

        @Override
        public QuantileSketches value() {
            return sum == null ? new QuantileSketches(replicates, outputs) : sum;
        }
    }

    /**
     * Every sample that did not fail as a row ([sample_index,] inputs..., outputs...), produced lazily chunk by chunk
     * in the tasks, for Spark to write; for pick-freeze plans the rows are the A points.
     *
     * @param failures when not null, collects the failed sample of lowest index (the caller refuses the data when
     *                 it holds one: tasks never throw for a failed sample, so Spark logs nothing)
     * @param calls    when not null, where each task adds its calls to an external model
     */
    static JavaRDD<Row> samples(JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model, int slices,
                                boolean withIndex, FirstFailure failures, CallCounter calls) {
        return blocks(jsc, plan, slices).mapPartitions(it -> {
            FaultInjection.maybeFailTask();
            return new SampleRows(it, new BlockKernel(plan, model.value()), plan, model.value().outputs().size(),
                    withIndex, failures, calls);
        });
    }

    /** Adds a task's calls to an external model to {@code calls}, when there is a counter. */
    private static void count(CallCounter calls, BlockKernel kernel) {
        if (calls != null) {
            calls.add(kernel.calls());
        }
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
        private final CallCounter calls;
        private boolean closed;
        private long blockStart;
        private int blockRows;
        private int pos;
        private int kept;
        private int inChunk;

        SampleRows(Iterator<Long> blocks, BlockKernel kernel, SamplePlan plan, int outputs, boolean withIndex,
                   FirstFailure failOn, CallCounter calls) {
            this.blocks = blocks;
            this.failOn = failOn;
            this.calls = calls;
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
                    if (!closed) { // Spark may ask again after the end
                        closed = true;
                        count(calls, kernel);
                        kernel.close();
                    }
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
