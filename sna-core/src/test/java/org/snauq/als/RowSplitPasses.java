package org.snauq.als;

import java.util.List;
import org.snauq.basis.BSplineBasis;

/**
 * {@link AlsPasses} as a distributed fit makes them, on one machine: the rows are cut into blocks (the
 * partitions), each block fills its own accumulator row by row through {@link CoordinatePass} or
 * {@link ResidualPass} (raw inputs, atoms evaluated per row, nothing cached), and the blocks combine in block
 * order, as Spark's {@code treeAggregate} would combine partitions.
 */
final class RowSplitPasses implements AlsPasses {

    private final List<BSplineBasis> bases;
    private final double[] x;
    private final double[] y;
    private final int dim;
    private final int[][] trainBlocks;
    private final int[][] validBlocks;

    /**
     * @param x      read, row-major N x D inputs
     * @param y      read, N responses
     * @param split  {training row ids, validation row ids}
     * @param blocks how many blocks each side is cut into (consecutive, of unequal sizes)
     */
    RowSplitPasses(List<BSplineBasis> bases, double[] x, double[] y, int[][] split, int blocks) {
        this.bases = List.copyOf(bases);
        this.x = x;
        this.y = y;
        this.dim = bases.size();
        this.trainBlocks = cut(split[0], blocks);
        this.validBlocks = cut(split[1], blocks);
    }

    /** Block b of k holds the ids from about (b / k)^2 to ((b + 1) / k)^2 of the way: unequal sizes. */
    private static int[][] cut(int[] ids, int k) {
        int[][] out = new int[k][];
        int from = 0;
        for (int b = 0; b < k; b++) {
            int to = b == k - 1 ? ids.length : (int) ((long) ids.length * (b + 1) * (b + 1) / ((long) k * k));
            out[b] = java.util.Arrays.copyOfRange(ids, from, to);
            from = to;
        }
        return out;
    }

    @Override
    public List<BSplineBasis> bases() {
        return bases;
    }

    @Override
    public NormalEquationsAccumulator normalEquations(int d, CpFactors terms, CpFactors offset) {
        CoordinatePass pass = CoordinatePass.of(bases, d, terms, offset);
        NormalEquationsAccumulator total = null;
        for (int[] block : trainBlocks) {
            NormalEquationsAccumulator part = pass.newAccumulator();
            AlsWorkspace ws = pass.newWorkspace();
            for (int j : block) {
                pass.accept(part, x, j * dim, y[j], ws);
            }
            total = total == null ? part : total.combine(part);
        }
        return total;
    }

    @Override
    public ResidualAccumulator trainingResiduals(CpFactors terms, CpFactors offset) {
        return residuals(trainBlocks, terms, offset);
    }

    @Override
    public ResidualAccumulator validationResiduals(CpFactors terms, CpFactors offset) {
        return residuals(validBlocks, terms, offset);
    }

    private ResidualAccumulator residuals(int[][] blocks, CpFactors terms, CpFactors offset) {
        ResidualPass pass = ResidualPass.of(bases, terms, offset);
        ResidualAccumulator total = new ResidualAccumulator();
        for (int[] block : blocks) {
            ResidualAccumulator part = new ResidualAccumulator();
            AlsWorkspace ws = pass.newWorkspace();
            for (int j : block) {
                pass.accept(part, x, j * dim, y[j], ws);
            }
            total.combine(part);
        }
        return total;
    }
}
