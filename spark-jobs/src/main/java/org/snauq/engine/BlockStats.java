package org.snauq.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.snauq.stats.ExceedanceAccumulator;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.stats.QuantileAccumulator;
import org.snauq.stats.SobolAccumulator;

/**
 * The one accumulator bundle of one block: per output, moments, quantiles, exceedance and Sobol' sums of its rows;
 * the domain counts; the block's failed samples (counted, and the first {@link #MAX_RECORDED} recorded); and, for
 * block 0, copies of the moments and Sobol' sums at power-of-two prefixes (the convergence tables' small-n rows).
 * A few kilobytes per output, shipped to the driver with Java serialization.
 *
 * <p>Invariant: every accumulator has seen exactly the rows of {@link #block} that did not fail, in index order.
 */
public final class BlockStats implements Serializable {

    private static final long serialVersionUID = 2L;

    /** The smallest prefix reported in the convergence table: fewer samples show noise, not convergence. */
    public static final long MIN_PREFIX = 64;
    /** Failed samples recorded per block (all are counted): the failures table stays small on the driver. */
    public static final int MAX_RECORDED = 1000;

    public final long block;
    final int replicate;
    /** Per output k. */
    public final MomentsAccumulator[] moments;
    final QuantileAccumulator[] quantiles;
    final ExceedanceAccumulator[] exceedance;
    final SobolAccumulator[] sobol;
    public long[] outside;
    public double[] farthest;
    /** Samples of this block that failed. */
    public long failed;
    /** The first {@link #MAX_RECORDED} of them, in index order. */
    public final List<SampleFailure> recorded = new ArrayList<>();
    /** Task time spent inside the model's evaluator, for the manifest (not part of the results). */
    public long evaluationNanos;
    final List<Prefix> prefixes = new ArrayList<>();

    /** The running moments and Sobol' sums per output after the first {@code rows} rows of the sample. */
    record Prefix(long rows, MomentsAccumulator[] moments, SobolAccumulator[] sobol) implements Serializable {
    }

    public BlockStats(long block, int replicate, StatsSpec spec, int dimension, int outputs) {
        this.block = block;
        this.replicate = replicate;
        this.moments = new MomentsAccumulator[outputs];
        this.quantiles = spec.quantiles().length == 0 ? null : new QuantileAccumulator[outputs];
        this.exceedance = spec.thresholds().length == 0 ? null : new ExceedanceAccumulator[outputs];
        this.sobol = spec.sobol() ? new SobolAccumulator[outputs] : null;
        for (int k = 0; k < outputs; k++) {
            moments[k] = new MomentsAccumulator();
            if (quantiles != null) {
                quantiles[k] = spec.exactQuantiles() ? QuantileAccumulator.exact() : QuantileAccumulator.sketch();
            }
            if (exceedance != null) {
                exceedance[k] = new ExceedanceAccumulator(spec.thresholds());
            }
            if (sobol != null) {
                sobol[k] = new SobolAccumulator(dimension);
            }
        }
    }

    /** Folds the {@code kept} rows of the kernel's last run into the accumulators, and records its failures. */
    public void accept(BlockKernel kernel, int kept) {
        for (int k = 0; k < moments.length; k++) {
            moments[k].accept(kernel.y[k], 0, kept);
            if (quantiles != null) {
                quantiles[k].accept(kernel.y[k], 0, kept);
            }
            if (exceedance != null) {
                exceedance[k].accept(kernel.y[k], 0, kept);
            }
            if (sobol != null) {
                sobol[k].accept(kernel.y[k], kernel.yB[k], kernel.yAB[k], kept);
            }
        }
        for (SampleFailure f : kernel.failures) {
            failed++;
            if (recorded.size() < MAX_RECORDED) {
                recorded.add(f);
            }
        }
    }

    public void snapshot(long rows) {
        MomentsAccumulator[] m = new MomentsAccumulator[moments.length];
        SobolAccumulator[] s = sobol == null ? null : new SobolAccumulator[sobol.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = moments[k].copy();
            if (s != null) {
                s[k] = sobol[k].copy();
            }
        }
        prefixes.add(new Prefix(rows, m, s));
    }
}
