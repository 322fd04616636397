package org.snauq.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.snauq.stats.QuantileAccumulator;
import org.snauq.stats.QuantileBrackets;

/**
 * The first pass of the two-pass exact quantiles (docs/QUANTILES.md): one KLL sketch
 * ({@link QuantileBrackets#firstPass()}) per replicate group and output, over the values of every block a task
 * evaluated; tasks' sketches are combined on the driver as they arrive.
 *
 * <p>The order of combination changes the sketch's bits, and so the brackets, but never a quantile row: the rows
 * are selected exactly from the second pass, whatever the brackets were (a bracket that missed a needed rank
 * makes a retry, not a different row). That is why this, unlike every other statistic, need not be folded per
 * block in block order: the driver keeps one sketch per group and output (about 30 KB each) instead of one per
 * block. Not thread safe.
 *
 * <p>Invariant: {@code sketches[g][k]} is null or has seen only the non-failed values of output k in blocks of
 * replicate group g.
 */
public final class QuantileSketches implements Serializable {

    private static final long serialVersionUID = 1L;

    private final QuantileAccumulator[][] sketches;

    /** Empty sketches for a plan of {@code replicates} groups and {@code outputs} outputs. */
    public QuantileSketches(int replicates, int outputs) {
        this.sketches = new QuantileAccumulator[replicates][outputs];
    }

    /** Adds the {@code kept} rows of the kernel's last run, from a block of replicate group {@code group}. */
    public void accept(int group, BlockKernel kernel, int kept) {
        QuantileAccumulator[] row = sketches[group];
        for (int k = 0; k < row.length; k++) {
            if (row[k] == null) {
                row[k] = QuantileBrackets.firstPass();
            }
            row[k].accept(kernel.y[k], 0, kept);
        }
    }

    /**
     * Adds another task's sketches (in any order, see the class comment).
     *
     * @return this
     */
    public QuantileSketches combine(QuantileSketches other) {
        for (int g = 0; g < sketches.length; g++) {
            for (int k = 0; k < sketches[g].length; k++) {
                QuantileAccumulator o = other.sketches[g][k];
                if (o != null) {
                    sketches[g][k] = sketches[g][k] == null ? o.copy() : sketches[g][k].combine(o);
                }
            }
        }
        return this;
    }

    /**
     * The brackets of the second pass for output {@code k}.
     *
     * @param probabilities read, each in (0, 1)
     * @throws IllegalStateException when a group saw no block (a bug: every group has blocks)
     */
    public QuantileBrackets plan(int k, double[] probabilities, double confidence) {
        List<QuantileAccumulator> groups = new ArrayList<>(sketches.length);
        for (int g = 0; g < sketches.length; g++) {
            if (sketches[g][k] == null) {
                throw new IllegalStateException("no first-pass sketch for replicate group " + g + " of output " + k);
            }
            groups.add(sketches[g][k]);
        }
        return QuantileBrackets.plan(groups, probabilities, confidence);
    }
}
