package org.snauq.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.snauq.stats.ExceedanceAccumulator;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.stats.QuantileAccumulator;
import org.snauq.stats.SobolAccumulator;

/**
 * The one accumulator bundle of one block: moments, quantiles, exceedance and Sobol' sums of its rows, the
 * domain counts, and, for block 0, copies of the moments and Sobol' sums at power-of-two prefixes (the
 * convergence table's small-n rows). A few kilobytes, shipped to the driver with Java serialization.
 *
 * <p>Invariant: every accumulator has seen exactly the rows of {@link #block}, in index order.
 */
public final class BlockStats implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The smallest prefix reported in the convergence table: fewer samples show noise, not convergence. */
    public static final long MIN_PREFIX = 64;

    public final int block;
    final int replicate;
    public final MomentsAccumulator moments = new MomentsAccumulator();
    public final QuantileAccumulator quantiles;
    final ExceedanceAccumulator exceedance;
    public final SobolAccumulator sobol;
    public long[] outside;
    public double[] farthest;
    /** Task time spent inside the model's evaluator, for the manifest (not part of the results). */
    public long evaluationNanos;
    public final List<Prefix> prefixes = new ArrayList<>();

    /** The running moments and Sobol' sums after the first {@code rows} rows of the sample. */
    record Prefix(long rows, MomentsAccumulator moments, SobolAccumulator sobol) implements Serializable {
    }

    public BlockStats(int block, int replicate, StatsSpec spec, int dimension) {
        this.block = block;
        this.replicate = replicate;
        this.quantiles = !spec.quantiles() ? null
                : spec.exactQuantiles() ? QuantileAccumulator.exact() : QuantileAccumulator.sketch();
        this.exceedance = spec.thresholds().length == 0 ? null : new ExceedanceAccumulator(spec.thresholds());
        this.sobol = spec.sobol() ? new SobolAccumulator(dimension) : null;
    }

    /** Which accumulators a block carries. */
    public record StatsSpec(boolean quantiles, boolean exactQuantiles, double[] thresholds, boolean sobol)
            implements Serializable {
    }

    /** Folds {@code count} evaluated rows of the kernel into the accumulators. */
    public void accept(BlockKernel k, int count) {
        moments.accept(k.fA, 0, count);
        if (quantiles != null) {
            quantiles.accept(k.fA, 0, count);
        }
        if (exceedance != null) {
            exceedance.accept(k.fA, 0, count);
        }
        if (sobol != null) {
            sobol.accept(k.fA, k.fB, k.fAB, count);
        }
    }

    public void snapshot(long rows) {
        prefixes.add(new Prefix(rows, moments.copy(), sobol == null ? null : sobol.copy()));
    }
}
