package org.snauq.spark;

import org.snauq.engine.BlockKernel;
import org.snauq.engine.BlockStats;
import org.snauq.engine.SamplePlan;
import org.snauq.engine.StatsSpec;

/** The per-block fold of the Spark job, for engine tests that run it in one thread. */
public final class BlockJobsAccess {

    private BlockJobsAccess() {
    }

    public static BlockStats statisticsOf(long block, BlockKernel kernel, SamplePlan plan, StatsSpec spec,
                                          int outputs) {
        return BlockJobs.statisticsOf(block, kernel, plan, spec, outputs, null);
    }
}
