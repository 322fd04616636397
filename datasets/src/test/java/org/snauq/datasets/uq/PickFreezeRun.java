package org.snauq.datasets.uq;

import java.util.ArrayList;
import java.util.List;
import org.snauq.datasets.BenchmarkFunction;
import org.snauq.design.InputTransform;
import org.snauq.design.PickFreeze;
import org.snauq.design.SamplingDesign;
import org.snauq.model.SnaModel;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.stats.SobolAccumulator;

/**
 * What a block task of the distributed job does, in plain Java: design rows (A, B) of 2D uniforms -> inputs
 * -> the D + 2 pick-freeze points -> f -> per-block accumulators (Sobol sums, and moments of f(A)).
 */
final class PickFreezeRun {

    /** Batch evaluation of f. */
    interface Model {
        /** out[k] = f(points[k D .. k D + D)). */
        void evaluate(double[] points, int count, double[] out);
    }

    /** Per-block results. */
    record Block(SobolAccumulator sobol, MomentsAccumulator moments) {
    }

    private final SamplingDesign design;
    private final InputTransform twice;
    private final Model model;
    private final int dim;

    PickFreezeRun(SamplingDesign design, InputTransform inputs, Model model) {
        this.design = design;
        this.twice = inputs.twice();
        this.model = model;
        this.dim = inputs.dimension();
        if (design.dimension() != 2 * dim) {
            throw new IllegalArgumentException("design must have 2D = " + 2 * dim + " coordinates");
        }
    }

    static Model of(BenchmarkFunction f) {
        int d = f.dimension();
        return (points, count, out) -> {
            double[] x = new double[d];
            for (int k = 0; k < count; k++) {
                System.arraycopy(points, k * d, x, 0, d);
                out[k] = f.value(x);
            }
        };
    }

    static Model of(SnaModel m) {
        SnaModel.Workspace ws = m.newWorkspace();
        return (points, count, out) -> m.evaluate(points, count, out, ws);
    }

    /** The accumulators of samples start .. start + count - 1. */
    Block block(long start, int count) {
        double[] rows = new double[count * 2 * dim];
        design.fill(start, count, rows);
        twice.apply(rows, count);
        int per = PickFreeze.pointsPerSample(dim);
        double[] points = new double[count * per * dim];
        PickFreeze.expand(rows, 0, count, dim, points, 0);
        double[] f = new double[count * per];
        model.evaluate(points, count * per, f);
        SobolAccumulator sobol = new SobolAccumulator(dim);
        sobol.acceptSamples(f, 0, count);
        MomentsAccumulator moments = new MomentsAccumulator();
        for (int i = 0; i < count; i++) {
            moments.accept(f[i * per + PickFreeze.A]);
        }
        return new Block(sobol, moments);
    }

    /** Blocks of {@code blockSize} (never straddling a replicate group), in order, covering the design. */
    List<Block> blocks(int blockSize) {
        long n = design.size();
        long group = n / design.replicates();
        int size = (int) Math.min(blockSize, group);
        List<Block> out = new ArrayList<>();
        for (long s = 0; s < n; s += size) {
            out.add(block(s, (int) Math.min(size, n - s)));
        }
        return out;
    }

    /** One accumulator pair per replicate group, each folded in block order. */
    List<Block> replicates(int blockSize) {
        List<Block> blocks = blocks(blockSize);
        int k = design.replicates();
        List<Block> reps = new ArrayList<>();
        int per = blocks.size() / k;
        for (int g = 0; g < k; g++) {
            SobolAccumulator s = blocks.get(g * per).sobol().copy();
            MomentsAccumulator m = blocks.get(g * per).moments().copy();
            for (int b = g * per + 1; b < (g + 1) * per; b++) {
                s.combine(blocks.get(b).sobol());
                m.combine(blocks.get(b).moments());
            }
            reps.add(new Block(s, m));
        }
        return reps;
    }
}
