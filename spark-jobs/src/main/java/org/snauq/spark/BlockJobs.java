package org.snauq.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.snauq.engine.BlockKernel;
import org.snauq.engine.BlockStats;
import org.snauq.engine.SamplePlan;
import org.snauq.models.UqModel;
import org.snauq.stats.HistogramAccumulator;

/**
 * The distributed passes over the blocks of a {@link SamplePlan} (DESIGN.md section 6). The driver makes an
 * RDD of block indices; each task rebuilds its design, distributions and evaluator once, turns each of its
 * blocks into points, evaluates them chunk by chunk and folds the block into one accumulator bundle. Only the
 * bundles (kilobytes per block) come back to the driver, which sorts them by block; no sample is collected, so
 * memory is flat in n. A retried task recomputes exactly its blocks.
 *
 * <p>Functions here are static and capture only serialisable plans and the broadcast model.
 */
final class BlockJobs {

    private BlockJobs() {
    }

    /** The RDD of block indices in {@code slices} contiguous slices. */
    static JavaRDD<Integer> blocks(JavaSparkContext jsc, SamplePlan plan, int slices) {
        List<Integer> ids = IntStream.range(0, plan.blocks()).boxed().toList();
        return jsc.parallelize(ids, slices);
    }

    /**
     * Pass 1: one statistics bundle per block, in block order.
     *
     * @param cells when not null, every output is also counted into this accumulator's grid (one grid per task)
     */
    static List<BlockStats> statistics(JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model,
                                       BlockStats.StatsSpec spec, int slices, OnePassHistogram.CellSum cells) {
        List<BlockStats> out = new ArrayList<>(blocks(jsc, plan, slices).mapPartitions(it -> {
            FaultInjection.maybeFailTask();
            BlockKernel kernel = new BlockKernel(plan, model.value());
            HistogramAccumulator grid = cells == null ? null : cells.newCells();
            List<BlockStats> done = new ArrayList<>();
            while (it.hasNext()) {
                done.add(statisticsOf(it.next(), kernel, plan, spec, grid));
            }
            if (grid != null) {
                cells.add(grid);
            }
            return done.iterator();
        }).collect());
        out.sort(java.util.Comparator.comparingInt(s -> s.block));
        return out;
    }

    static BlockStats statisticsOf(int block, BlockKernel kernel, SamplePlan plan, BlockStats.StatsSpec spec,
                                   HistogramAccumulator grid) {
        BlockStats stats = new BlockStats(block, plan.replicateOf(block), spec, plan.dimension());
        kernel.reset();
        long start = plan.blockStart(block);
        int rows = plan.blockRows(block);
        long nextPrefix = block == 0 ? BlockStats.MIN_PREFIX : Long.MAX_VALUE;
        int done = 0;
        while (done < rows) {
            int count = Math.min(BlockKernel.CHUNK, rows - done);
            if (nextPrefix < rows) {
                count = (int) Math.min(count, nextPrefix - done);
            }
            kernel.run(start + done, count, false);
            stats.accept(kernel, count);
            if (grid != null) {
                grid.accept(kernel.fA, 0, count);
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

    /** Pass 2: the histogram of f over [lower, upper] (known from pass 1), one accumulator per block. */
    static List<HistogramAccumulator> histogram(JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model,
                                                double lower, double upper, int bins, int slices) {
        return blocks(jsc, plan, slices).mapPartitions(it -> {
            FaultInjection.maybeFailTask();
            BlockKernel kernel = new BlockKernel(plan, model.value());
            List<HistogramAccumulator> done = new ArrayList<>();
            while (it.hasNext()) {
                int block = it.next();
                HistogramAccumulator h = new HistogramAccumulator(lower, upper, bins);
                long start = plan.blockStart(block);
                int rows = plan.blockRows(block);
                for (int pos = 0; pos < rows; pos += BlockKernel.CHUNK) {
                    int count = Math.min(BlockKernel.CHUNK, rows - pos);
                    kernel.run(start + pos, count, true);
                    h.accept(kernel.fA, 0, count);
                }
                done.add(h);
            }
            return done.iterator();
        }).collect();
    }

    /**
     * Every sample as a row ([sample_index,] inputs..., output), produced lazily chunk by chunk in the tasks, for
     * Spark to write; for pick-freeze plans the rows are the A points.
     */
    static JavaRDD<Row> samples(JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model, int slices,
                                boolean withIndex) {
        return blocks(jsc, plan, slices).mapPartitions(it -> {
            FaultInjection.maybeFailTask();
            return new SampleRows(it, new BlockKernel(plan, model.value()), plan, withIndex);
        });
    }

    /** Rows of a partition's blocks, computed one chunk at a time. */
    private static final class SampleRows implements Iterator<Row> {
        private final Iterator<Integer> blocks;
        private final BlockKernel kernel;
        private final SamplePlan plan;
        private final int dim;
        private final int first;
        private long blockStart;
        private int blockRows;
        private int pos;
        private int chunk;
        private int inChunk;

        SampleRows(Iterator<Integer> blocks, BlockKernel kernel, SamplePlan plan, boolean withIndex) {
            this.blocks = blocks;
            this.kernel = kernel;
            this.plan = plan;
            this.dim = plan.dimension();
            this.first = withIndex ? 1 : 0;
        }

        @Override
        public boolean hasNext() {
            while (inChunk == chunk) {
                if (pos < blockRows) {
                    chunk = Math.min(BlockKernel.CHUNK, blockRows - pos);
                    kernel.run(blockStart + pos, chunk, true);
                    pos += chunk;
                    inChunk = 0;
                } else if (blocks.hasNext()) {
                    int b = blocks.next();
                    blockStart = plan.blockStart(b);
                    blockRows = plan.blockRows(b);
                    pos = 0;
                    chunk = 0;
                    inChunk = 0;
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object[] values = new Object[first + dim + 1];
            int k = inChunk++;
            if (first == 1) {
                values[0] = blockStart + pos - chunk + k;
            }
            for (int d = 0; d < dim; d++) {
                values[first + d] = kernel.x[k * dim + d];
            }
            values[first + dim] = kernel.fA[k];
            return RowFactory.create(values);
        }
    }
}
