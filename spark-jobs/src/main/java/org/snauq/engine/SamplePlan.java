package org.snauq.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snauq.design.InputTransform;
import org.snauq.design.SamplingDesign;
import org.snauq.design.SamplingDesigns;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

/**
 * What every task needs to rebuild its share of the sample, as plain serialisable data: the design (name, n,
 * seed), the inputs' distributions, and the cut of the index range 0..n-1 into fixed blocks.
 *
 * <p>Blocks: block b holds rows [b B, min((b + 1) B, n)) with B = min({@link #BLOCK}, n / replicates) for the
 * sobol design (so a block never straddles a replicate group, and aligned power-of-two blocks are nets) and
 * B = min({@link #BLOCK}, n) otherwise. The cut depends only on the study, never on the cluster, which is what
 * makes results identical for any partitioning. A Sobol'-index study uses a design of dimension 2D whose rows
 * are (A_k, B_k) (SOBOL-CONVENTION); row k then costs D + 2 evaluations.
 */
public final class SamplePlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Rows per block: 2^16, so a block's accumulators cost little to ship and Sobol' blocks are nets. */
    public static final int BLOCK = 1 << 16;

    private final String design;
    private final long n;
    private final long seed;
    private final int replicates;
    private final boolean pickFreeze;
    private final String[] names;
    private final String[] families;
    private final String[][] keys;
    private final double[][] values;
    private final int blockSize;

    private SamplePlan(String design, long n, long seed, int replicates, boolean pickFreeze, List<InputSpec> inputs,
                       int blockSize) {
        this.design = design;
        this.n = n;
        this.seed = seed;
        this.replicates = replicates;
        this.pickFreeze = pickFreeze;
        int dim = inputs.size();
        this.names = new String[dim];
        this.families = new String[dim];
        this.keys = new String[dim][];
        this.values = new double[dim][];
        for (int d = 0; d < dim; d++) {
            InputSpec s = inputs.get(d);
            names[d] = s.name();
            families[d] = s.dist();
            keys[d] = s.parameters().keySet().toArray(String[]::new);
            values[d] = s.parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
        }
        this.blockSize = blockSize;
    }

    /**
     * The plan of a sampling design.
     *
     * @param design     a design of {@link SamplingDesigns#NAMES}
     * @param n          rows of the design, as checked by {@link SamplingDesigns#checkSize}
     * @param pickFreeze rows are (A, B) pairs for Sobol' indices
     */
    public static SamplePlan of(String design, long n, long seed, List<InputSpec> inputs, boolean pickFreeze) {
        return of(design, n, seed, inputs, pickFreeze, BLOCK);
    }

    /** As {@link #of(String, long, long, List, boolean)} with another maximum block size (a power of two). */
    public static SamplePlan of(String design, long n, long seed, List<InputSpec> inputs, boolean pickFreeze,
                                int maxBlock) {
        int dim = (pickFreeze ? 2 : 1) * inputs.size();
        SamplingDesign d = SamplingDesigns.of(design, dim, n, seed);
        long group = n / d.replicates();
        int block = (int) Math.min(maxBlock, group);
        return new SamplePlan(design, n, seed, d.replicates(), pickFreeze, inputs, block);
    }

    /** A new design object (each task builds its own). */
    SamplingDesign newDesign() {
        return SamplingDesigns.of(design, designDimension(), n, seed);
    }

    /** The map from design uniforms to inputs (twice over for pick-freeze rows). */
    InputTransform newTransform() {
        InputTransform t = InputTransform.of(distributions());
        return pickFreeze ? t.twice() : t;
    }

    List<Distribution> distributions() {
        List<Distribution> out = new ArrayList<>();
        for (InputSpec s : inputs()) {
            out.add(Distributions.of(s));
        }
        return out;
    }

    List<InputSpec> inputs() {
        List<InputSpec> out = new ArrayList<>();
        for (int d = 0; d < names.length; d++) {
            Map<String, Double> p = new LinkedHashMap<>();
            for (int i = 0; i < keys[d].length; i++) {
                p.put(keys[d][i], values[d][i]);
            }
            out.add(new InputSpec(names[d], families[d], p));
        }
        return out;
    }

    public String design() {
        return design;
    }

    /** Rows of the design: samples, or pick-freeze base rows. */
    public long rows() {
        return n;
    }

    public long seed() {
        return seed;
    }

    /** Independent replicate groups of the design (1 for mc and lhs). */
    public int replicates() {
        return replicates;
    }

    public boolean pickFreeze() {
        return pickFreeze;
    }

    /** D, the number of inputs. */
    public int dimension() {
        return names.length;
    }

    public List<String> inputNames() {
        return List.of(names);
    }

    int designDimension() {
        return (pickFreeze ? 2 : 1) * names.length;
    }

    /** Model evaluations per row: D + 2 for pick-freeze, else 1. */
    public int evaluationsPerRow() {
        return pickFreeze ? names.length + 2 : 1;
    }

    public int blockSize() {
        return blockSize;
    }

    /** The number of blocks, ceil(n / B): a long like every count (n may exceed 2^31 B in principle). */
    public long blocks() {
        return n / blockSize + (n % blockSize == 0 ? 0 : 1);
    }

    public long blockStart(long block) {
        return block * blockSize;
    }

    public int blockRows(long block) {
        return (int) Math.min(blockSize, n - blockStart(block));
    }

    /** The replicate group of a block (blocks never straddle groups). */
    public int replicateOf(long block) {
        return (int) (blockStart(block) / (n / replicates));
    }

    /** Model evaluations of the whole plan, rows x {@link #evaluationsPerRow()}, or an error if that overflows. */
    public long evaluations() {
        return Math.multiplyExact(n, evaluationsPerRow());
    }
}
