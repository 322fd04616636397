package org.snauq.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.snauq.engine.AnalyticResult;
import org.snauq.engine.BlockKernel;
import org.snauq.engine.BlockStats;
import org.snauq.engine.PhaseLog;
import org.snauq.engine.QuantileSketches;
import org.snauq.engine.RunResults;
import org.snauq.engine.SamplePlan;
import org.snauq.engine.SecondPass;
import org.snauq.engine.StatsSpec;
import org.snauq.models.UqModel;
import org.snauq.stats.HistogramAccumulator;

/** The per-block folds and the driver logic of the Spark job, for engine tests that run them in one thread. */
public final class BlockJobsAccess {

    private BlockJobsAccess() {
    }

    public static BlockStats statisticsOf(long block, BlockKernel kernel, SamplePlan plan, StatsSpec spec,
                                          int outputs) {
        return BlockJobs.statisticsOf(block, kernel, plan, spec, outputs, null, null);
    }

    /**
     * Every table's rows as {@code sna run} computes them ({@link BlockJobs#propagate}), with the passes run in this
     * thread, one task per {@code blocksPerTask} consecutive blocks.
     */
    public static RunResults propagate(SamplePlan plan, UqModel model, StatsSpec spec, int blocksPerTask,
                                       AnalyticResult analytic) {
        return BlockJobs.propagate(new InThread(plan, model, spec, blocksPerTask), plan, model, spec,
                new PhaseLog(new PrintWriter(new StringWriter())), analytic);
    }

    /** The passes in one thread, cut into tasks as Spark would cut the blocks into slices. */
    private record InThread(SamplePlan plan, UqModel model, StatsSpec spec, int blocksPerTask)
            implements BlockJobs.Passes {

        @Override
        public List<BlockStats> first(OnePassHistogram.CellSum cells, BlockJobs.SketchSum sketches) {
            int outputs = model.outputs().size();
            List<BlockStats> out = new ArrayList<>();
            try (BlockKernel kernel = new BlockKernel(plan, model)) {
                for (long first = 0; first < plan.blocks(); first += blocksPerTask) {
                    HistogramAccumulator[] grid = cells == null ? null : cells.newCells();
                    QuantileSketches task = sketches == null ? null
                            : new QuantileSketches(plan.replicates(), outputs);
                    for (long b = first; b < Math.min(plan.blocks(), first + blocksPerTask); b++) {
                        out.add(BlockJobs.statisticsOf(b, kernel, plan, spec, outputs, grid, task));
                    }
                    if (grid != null) {
                        cells.add(grid);
                    }
                    if (task != null) {
                        sketches.add(task);
                    }
                }
            }
            return out;
        }

        @Override
        public SecondPass.Tally second(SecondPass pass, String name) {
            SecondPass.Tally all = null;
            try (BlockKernel kernel = new BlockKernel(plan, model)) {
                for (long b = 0; b < plan.blocks(); b++) {
                    SecondPass.Tally t = BlockJobs.secondPassOf(b, kernel, plan, pass);
                    all = all == null ? t : all.combine(t);
                }
            }
            return all;
        }
    }
}
