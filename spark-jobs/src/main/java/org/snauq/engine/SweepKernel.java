package org.snauq.engine;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.snauq.design.InputTransform;
import org.snauq.design.SamplingDesign;
import org.snauq.model.SnaModel;
import org.snauq.models.UqModel;
import org.snauq.qoi.FactorMeltPool;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.stats.QuantileAccumulator;
import org.snauq.study.BadInputException;

/**
 * One task's engine of a design sweep (the {@code sweep:} block of a study): for a design point, the n samples of the uncertain inputs
 * (row i from (design, seed, i) only, the same rows for every design), the QoIs of each sample, and the design's
 * statistics: moments and exact quantiles per QoI and the number of samples inside the process window. A design is
 * folded in sample order inside one task, so its numbers do not depend on the partitioning.
 *
 * <p>QoIs: the model's output (its batch evaluator on points in the loading study's order: uncertain inputs, then
 * design inputs), or the melt-pool QoIs of the SNA by {@link FactorMeltPool}. Buffers are allocated once per task;
 * the per-sample loops do not allocate. Not thread safe: one per task.
 */
public final class SweepKernel {

    /** Rows per chunk of the sampling design. */
    static final int CHUNK = 512;
    /** Quantiles reported per QoI (column suffixes p05, p50, p95). */
    static final double[] QUANTILES = {0.05, 0.5, 0.95};

    /** What the executors need, shipped with the job: small and immutable. */
    public record Plan(SamplePlan samples, double[][] designs, MeltPool meltPool, double[] low,
                double[] high, int[] windowQoi, int qois, int[] modelSource) implements Serializable {
    }

    /**
     * The melt-pool QoIs of an SNA whose output is a temperature rise: T = ambient + scale * dT with scale = the
     * sample's {@code scaleInput} / {@code scaleNominal} (1 without one), the pool is {T &gt;= liquidus}.
     *
     * @param space      the SNA's (scan, across, depth) coordinates
     * @param scaleInput the sample column that scales the output, or -1
     */
    public record MeltPool(List<String> space, double liquidus, double ambient, double centreY, int samples,
                           int scaleInput, double scaleNominal) implements Serializable {
        public MeltPool {
            space = List.copyOf(space);
        }
    }

    /** One design's statistics, returned to the driver (a few hundred bytes). */
    public static final class DesignStats implements Serializable {
        public final int design;
        public final MomentsAccumulator[] moments;
        public final double[][] quantiles;
        public long inside;
        /** Why the design's first failed sample failed (the design then stops), or null. */
        String failure;

        DesignStats(int design, int qois) {
            this.design = design;
            this.moments = new MomentsAccumulator[qois];
            this.quantiles = new double[qois][];
            for (int q = 0; q < qois; q++) {
                moments[q] = new MomentsAccumulator();
            }
        }

        public long count() {
            return moments[0].count();
        }
    }

    private final Plan plan;
    private final SamplingDesign design;
    private final InputTransform transform;
    private final int dim;
    private final int designDim;
    private final double[] rows;
    private final double[][] values;
    private final double[] qoi;
    // output mode
    private final UqModel.Evaluator evaluator;
    private final double[] points;
    private final double[] out;
    private final String[] failed = new String[CHUNK];
    private final UqModel.Failures sink = (j, reason) -> failed[j] = failed[j] == null ? reason : failed[j];
    // melt-pool mode
    private final FactorMeltPool pool;
    private final double[] z;
    private final double[] poolOut = new double[7];
    private final int scaleColumn;

    public SweepKernel(Plan plan, UqModel model) {
        this.plan = plan;
        this.design = plan.samples().newDesign();
        this.transform = plan.samples().newTransform();
        this.dim = plan.samples().dimension();
        this.designDim = plan.designs()[0].length;
        this.rows = new double[CHUNK * dim];
        int n = (int) plan.samples().rows();
        this.values = new double[plan.qois()][n];
        this.qoi = new double[plan.qois()];
        MeltPool mp = plan.meltPool();
        if (mp == null) {
            this.evaluator = model.newEvaluator();
            this.points = new double[CHUNK * (dim + designDim)];
            this.out = new double[CHUNK];
            this.pool = null;
            this.z = null;
            this.scaleColumn = -1;
        } else {
            SnaModel sna = model.sna();
            List<String> names = sna.names();
            int[] axes = new int[3];
            for (int a = 0; a < 3; a++) {
                axes[a] = names.indexOf(mp.space().get(a));
            }
            this.pool = new FactorMeltPool(sna, axes, mp.samples());
            this.z = new double[sna.dimension()];
            this.evaluator = null;
            this.points = null;
            this.out = null;
            this.scaleColumn = mp.scaleInput();
        }
    }

    /**
     * Under any policy a failed sample stops a sweep: a design's window probability over a subset of the common
     * samples would not compare with the others'. The first failed design (in design order) is named.
     *
     * @param stats every design's statistics, in design order
     * @throws BadInputException naming the study file, the design, the sample and the reason
     */
    public static void checkFailures(String source, List<DesignStats> stats) {
        for (DesignStats d : stats) {
            if (d.failure != null) {
                throw new BadInputException(source + ": " + d.failure + " (a sweep needs a finite output for every"
                        + " design and sample)");
            }
        }
    }

    /** The statistics of design j over all n samples (up to the first failed sample). */
    public DesignStats run(int j) {
        double[] point = plan.designs()[j];
        long n = plan.samples().rows();
        DesignStats stats = new DesignStats(j, plan.qois());
        for (long start = 0; start < n; start += CHUNK) {
            int count = (int) Math.min(CHUNK, n - start);
            design.fill(start, count, rows, 0);
            transform.apply(rows, 0, count, rows, 0);
            if (pool == null && !outputs(point, start, count, stats)) {
                return stats;
            }
            for (int k = 0; k < count; k++) {
                if (pool == null) {
                    qoi[0] = out[k];
                } else {
                    meltPool(point, k);
                }
                boolean ok = true;
                for (int b = 0; b < plan.windowQoi().length; b++) {
                    double v = qoi[plan.windowQoi()[b]];
                    ok &= v >= plan.low()[b] && v <= plan.high()[b]; // NaN is outside
                }
                if (ok) {
                    stats.inside++;
                }
                for (int q = 0; q < qoi.length; q++) {
                    stats.moments[q].accept(qoi[q]);
                    values[q][(int) start + k] = qoi[q];
                }
            }
        }
        for (int q = 0; q < qoi.length; q++) {
            QuantileAccumulator exact = QuantileAccumulator.exact();
            exact.accept(values[q], 0, (int) n);
            stats.quantiles[q] = exact.quantiles(QUANTILES);
        }
        return stats;
    }

    /**
     * The model's output at the chunk's samples (rows start, ...) with the design inputs appended; false, with the
     * reason in {@code stats}, when a sample failed.
     */
    private boolean outputs(double[] point, long start, int count, DesignStats stats) {
        int width = dim + designDim;
        for (int k = 0; k < count; k++) {
            System.arraycopy(rows, k * dim, points, k * width, dim);
            System.arraycopy(point, 0, points, k * width + dim, designDim);
        }
        java.util.Arrays.fill(failed, 0, count, null);
        evaluator.evaluate(points, count, out, sink);
        for (int j = 0; j < count; j++) {
            String reason = failed[j] != null ? failed[j]
                    : Double.isFinite(out[j]) ? null : "model output is " + out[j];
            if (reason != null) {
                stats.failure = "design " + stats.design + " " + Arrays.toString(point) + ", sample " + (start + j)
                        + " " + Arrays.toString(Arrays.copyOfRange(rows, j * dim, (j + 1) * dim)) + ": " + reason;
                return false;
            }
        }
        return true;
    }

    /** The melt-pool QoIs (peak, length, width, depth) of sample k of the chunk. */
    private void meltPool(double[] point, int k) {
        int[] source = plan.modelSource();
        for (int d = 0; d < z.length; d++) {
            int s = source[d];
            z[d] = s >= 0 ? rows[k * dim + s] : s < -1 ? point[-s - 2] : 0.0;
        }
        MeltPool mp = plan.meltPool();
        double scale = scaleColumn < 0 ? 1.0 : rows[k * dim + scaleColumn] / mp.scaleNominal();
        if (!(scale > 0)) {
            java.util.Arrays.fill(qoi, Double.NaN);
            return;
        }
        pool.extract(z, (mp.liquidus() - mp.ambient()) / scale, mp.centreY(), poolOut);
        qoi[0] = mp.ambient() + scale * poolOut[0];
        qoi[1] = poolOut[3];
        qoi[2] = poolOut[4];
        qoi[3] = poolOut[5];
    }
}
