package org.snauq.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>Failures: a row fails when the model reports one of its points as failed or gives an output that is not
 * finite (in any of its points, for pick-freeze rows). After {@link #run}, the rows that did not fail are packed
 * to the front: {@link #x} holds their inputs (row-major kept x D, the A part), {@link #y}[k] output k at A, and
 * for pick-freeze {@link #yB}[k] and {@link #yAB}[k] (yAB[k][j * kept + r], the layout of
 * {@code SobolAccumulator.accept}); {@link #failures} lists the failed rows in index order. Samples outside the
 * model's domain are counted per input, with the largest distance. Not thread safe: one per task.
 */
public final class BlockKernel implements AutoCloseable {

    /** Rows per evaluation call by default: large enough to amortise the call, small enough to stay in cache. */
    public static final int CHUNK = 512;
    /** Values (points x coordinates, or points x outputs) one chunk may hold: 32 MiB of doubles per buffer. */
    static final int MAX_CHUNK_VALUES = 1 << 22;

    private final SamplePlan plan;
    private final SamplingDesign design;
    private final InputTransform transform;
    private final UqModel.Evaluator evaluator;
    private final List<String> outputs;
    private final int dim;
    private final int outs;
    private final int per;
    private final int chunk;
    private final double[] lower;
    private final double[] upper;

    private final double[] rows;
    private final double[] points;
    private final double[] out;
    private final String[] failed;
    private final boolean[] keep;
    /** Inputs of the kept rows, row-major kept x D. */
    public final double[] x;
    /** Output k at the A points of the kept rows. */
    public final double[][] y;
    final double[][] yB;
    final double[][] yAB;
    /** The rows of the last {@link #run} that failed, in index order. */
    public final List<SampleFailure> failures = new ArrayList<>();
    /** Samples (A and B rows) outside the model's domain, per input. */
    public final long[] outside;
    /** The largest distance outside the domain seen, per input. */
    public final double[] farthest;
    /** Task time spent in the model's evaluator since the last {@link #reset()}. */
    public long evaluationNanos;

    public BlockKernel(SamplePlan plan, UqModel model) {
        this.plan = plan;
        this.design = plan.newDesign();
        this.transform = plan.newTransform();
        this.evaluator = model.newEvaluator();
        this.outputs = model.outputs();
        this.dim = plan.dimension();
        this.outs = outputs.size();
        this.per = plan.evaluationsPerRow();
        this.chunk = chunkRows(model.batchSize(), plan.blockSize(), per * Math.max(dim, outs));
        this.lower = model.domainLower();
        this.upper = model.domainUpper();
        this.rows = new double[chunk * plan.designDimension()];
        this.points = plan.pickFreeze() ? new double[chunk * per * dim] : null;
        this.out = new double[chunk * per * outs];
        this.failed = new String[chunk * per];
        this.keep = new boolean[chunk];
        this.x = new double[chunk * dim];
        this.y = new double[outs][chunk];
        this.yB = plan.pickFreeze() ? new double[outs][chunk] : null;
        this.yAB = plan.pickFreeze() ? new double[outs][chunk * dim] : null;
        this.outside = new long[dim];
        this.farthest = new double[dim];
    }

    /**
     * Rows per call: the model's batch size (0: {@link #CHUNK}), at most a block, and at most
     * {@link #MAX_CHUNK_VALUES} / width so that wide pick-freeze rows do not need huge buffers.
     */
    static int chunkRows(int batchSize, int blockSize, int width) {
        int rows = batchSize > 0 ? Math.min(batchSize, blockSize) : Math.min(CHUNK, blockSize);
        return Math.max(1, Math.min(rows, MAX_CHUNK_VALUES / Math.max(1, width)));
    }

    /** Rows per {@link #run} call at most. */
    public int chunk() {
        return chunk;
    }

    /** Clears the domain counts and the evaluation time (at the start of each block). */
    public void reset() {
        Arrays.fill(outside, 0);
        Arrays.fill(farthest, 0.0);
        evaluationNanos = 0;
    }

    /**
     * Evaluates design rows [start, start + count), count &lt;= {@link #chunk()}.
     *
     * @param aOnly evaluate only the A points (fills x and y), as for samples and histograms
     * @return the rows kept (that did not fail), packed to the front of x, y, yB, yAB
     */
    public int run(long start, int count, boolean aOnly) {
        assert count <= chunk;
        failures.clear();
        design.fill(start, count, rows, 0);
        transform.apply(rows, 0, count, rows, 0);
        if (lower != null) {
            countOutside(count);
        }
        int width = plan.designDimension();
        boolean full = plan.pickFreeze() && !aOnly;
        int calls = full ? per : 1;
        Arrays.fill(failed, 0, count * calls, null);
        long t0 = System.nanoTime();
        if (full) {
            PickFreeze.expand(rows, 0, count, dim, points, 0);
            evaluator.evaluate(points, count * per, out, this::fail);
        } else {
            for (int r = 0; r < count; r++) {
                System.arraycopy(rows, r * width, x, r * dim, dim);
            }
            evaluator.evaluate(x, count, out, this::fail);
        }
        evaluationNanos += System.nanoTime() - t0;
        int kept = 0;
        for (int r = 0; r < count; r++) {
            Why why = failure(r, calls);
            keep[r] = why == null;
            if (why != null) {
                double[] inputs = Arrays.copyOfRange(rows, r * width, r * width + dim);
                failures.add(new SampleFailure(start + r, inputs, why.output(), why.reason()));
                continue;
            }
            if (kept != r || full) { // without an earlier failure, x already holds this row (A-only evaluation)
                System.arraycopy(rows, r * width, x, kept * dim, dim);
            }
            for (int k = 0; k < outs; k++) {
                y[k][kept] = out[(r * calls) * outs + k];
            }
            kept++;
        }
        if (full) {
            packPickFreeze(count, kept);
        }
        return kept;
    }

    private void fail(int point, String reason) {
        if (failed[point] == null) {
            failed[point] = reason == null || reason.isBlank() ? "failed (no reason given)" : reason;
        }
    }

    /** Why a row failed: the output concerned (null: the whole point) and the reason. */
    private record Why(String output, String reason) {
    }

    /** Why row r failed (the first failing point in the order A, B, A_B^(j); the first non-finite output), or null. */
    private Why failure(int r, int calls) {
        for (int c = 0; c < calls; c++) {
            int p = r * calls + c;
            String at = calls == 1 ? "" : " at " + pointName(c);
            if (failed[p] != null) {
                return new Why(null, failed[p] + at);
            }
            for (int k = 0; k < outs; k++) {
                double v = out[p * outs + k];
                if (!Double.isFinite(v)) {
                    return new Why(outputs.get(k), "model output " + outputs.get(k) + " is " + v + at);
                }
            }
        }
        return null;
    }

    /** The pick-freeze point of evaluation c of a row: A, B or A_B^(j) (SOBOL-CONVENTION). */
    private String pointName(int c) {
        if (c == PickFreeze.A) {
            return "point A";
        }
        if (c == PickFreeze.B) {
            return "point B";
        }
        for (int j = 0; j < dim; j++) {
            if (c == PickFreeze.mixed(j)) {
                return "point A_B(" + plan.inputNames().get(j) + ")";
            }
        }
        throw new AssertionError("evaluation " + c + " of a pick-freeze row");
    }

    /** Packs the B and A_B^(j) outputs of the kept rows (y was packed from the A points in {@link #run}). */
    private void packPickFreeze(int count, int kept) {
        int row = 0;
        for (int r = 0; r < count; r++) {
            if (!keep[r]) {
                continue;
            }
            int base = r * per;
            for (int k = 0; k < outs; k++) {
                y[k][row] = out[(base + PickFreeze.A) * outs + k];
                yB[k][row] = out[(base + PickFreeze.B) * outs + k];
                for (int j = 0; j < dim; j++) {
                    yAB[k][j * kept + row] = out[(base + PickFreeze.mixed(j)) * outs + k];
                }
            }
            row++;
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

    @Override
    public void close() {
        try {
            evaluator.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the model's evaluator failed: " + e.getMessage(), e);
        }
    }
}
