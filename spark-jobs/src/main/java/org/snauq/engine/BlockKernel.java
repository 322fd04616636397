package org.snauq.engine;

import org.snauq.design.InputTransform;
import org.snauq.design.PickFreeze;
import org.snauq.design.SamplingDesign;
import org.snauq.models.UqModel;

/**
 * One task's evaluation engine: turns a run of consecutive design rows into inputs and model outputs, chunk by
 * chunk, with every buffer allocated once. Row k's uniforms come from (design, seed, k) only; they are mapped
 * through the inverse CDFs, expanded to the pick-freeze points A, B, A_B^(j) when the study wants Sobol'
 * indices, and evaluated in one batch call.
 *
 * <p>After {@link #run(long, int)}: {@link #x} holds the rows' inputs (row-major count x D, the A part),
 * {@link #fA} the outputs at A, and for pick-freeze {@link #fB} and {@link #fAB} (fAB[j * count + k], the
 * layout of {@code SobolAccumulator.accept}). Samples outside the model's domain are counted per input, with
 * the largest distance. Not thread safe: one per task.
 */
public final class BlockKernel {

    /** Rows per evaluation call: large enough to amortise the call, small enough to stay in cache. */
    public static final int CHUNK = 512;

    private final SamplePlan plan;
    private final SamplingDesign design;
    private final InputTransform transform;
    private final UqModel.Evaluator evaluator;
    private final int dim;
    private final int per;
    private final double[] lower;
    private final double[] upper;

    private final double[] rows;
    private final double[] points;
    private final double[] out;
    public final double[] x;
    public final double[] fA;
    final double[] fB;
    public final double[] fAB;
    /** Samples (A and B rows) outside the model's domain, per input. */
    public final long[] outside;
    /** The largest distance outside the domain seen, per input. */
    public final double[] farthest;

    public BlockKernel(SamplePlan plan, UqModel model) {
        this.plan = plan;
        this.design = plan.newDesign();
        this.transform = plan.newTransform();
        this.evaluator = model.newEvaluator();
        this.dim = plan.dimension();
        this.per = plan.evaluationsPerRow();
        this.lower = model.domainLower();
        this.upper = model.domainUpper();
        int width = plan.designDimension();
        this.rows = new double[CHUNK * width];
        this.points = plan.pickFreeze() ? new double[CHUNK * per * dim] : null;
        this.out = new double[CHUNK * per];
        this.x = new double[CHUNK * dim];
        this.fA = new double[CHUNK];
        this.fB = plan.pickFreeze() ? new double[CHUNK] : null;
        this.fAB = plan.pickFreeze() ? new double[CHUNK * dim] : null;
        this.outside = new long[dim];
        this.farthest = new double[dim];
    }

    /** Task time spent in the model's evaluator since the last {@link #reset()}. */
    public long evaluationNanos;

    /** Clears the domain counts and the evaluation time (at the start of each block). */
    public void reset() {
        java.util.Arrays.fill(outside, 0);
        java.util.Arrays.fill(farthest, 0.0);
        evaluationNanos = 0;
    }

    /**
     * Evaluates design rows [start, start + count), count &lt;= {@link #CHUNK}.
     *
     * @param aOnly evaluate only the A points (fills x and fA), as for samples and histograms
     */
    public void run(long start, int count, boolean aOnly) {
        assert count <= CHUNK;
        design.fill(start, count, rows, 0);
        transform.apply(rows, 0, count, rows, 0);
        if (lower != null) {
            countOutside(count);
        }
        if (!plan.pickFreeze() || aOnly) {
            int width = plan.designDimension();
            for (int k = 0; k < count; k++) {
                System.arraycopy(rows, k * width, x, k * dim, dim);
            }
            long t0 = System.nanoTime();
            evaluator.evaluate(x, count, fA);
            evaluationNanos += System.nanoTime() - t0;
            return;
        }
        PickFreeze.expand(rows, 0, count, dim, points, 0);
        long t0 = System.nanoTime();
        evaluator.evaluate(points, count * per, out);
        evaluationNanos += System.nanoTime() - t0;
        for (int k = 0; k < count; k++) {
            System.arraycopy(rows, k * 2 * dim, x, k * dim, dim);
            int base = k * per;
            fA[k] = out[base + PickFreeze.A];
            fB[k] = out[base + PickFreeze.B];
            for (int j = 0; j < dim; j++) {
                fAB[j * count + k] = out[base + PickFreeze.mixed(j)];
            }
        }
    }

    /** Counts coordinates of the mapped rows (A and B halves) outside the domain; NaN counts as outside. */
    private void countOutside(int count) {
        int values = count * plan.designDimension();
        for (int off = 0; off < values; off += dim) { // rows hold A (and B) points of dim coordinates each
            for (int d = 0; d < dim; d++) {
                double v = rows[off + d];
                if (!(v >= lower[d] && v <= upper[d])) {
                    outside(d, v);
                }
            }
        }
    }

    private void outside(int d, double v) {
        outside[d]++;
        double far = v < lower[d] ? lower[d] - v : v - upper[d];
        if (!(far <= farthest[d])) {
            farthest[d] = far;
        }
    }
}
