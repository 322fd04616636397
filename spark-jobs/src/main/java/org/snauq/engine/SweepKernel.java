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
import org.snauq.thermal.MovingSourceModel;
import org.snauq.thermal.ThermalScaling;

/**
 * One task's engine of a design sweep (the {@code sweep:} block of a study): for a design point, the n samples of the uncertain inputs
 * (row i from (design, seed, i) only, the same rows for every design), the QoIs of each sample, and the design's
 * statistics: moments and exact quantiles per QoI and the number of samples inside the process window. A design is
 * folded in sample order inside one task, so its numbers do not depend on the partitioning.
 *
 * <p>QoIs: the model's output (its batch evaluator on points in the loading study's order: uncertain inputs, then
 * design inputs), the melt-pool QoIs of the SNA by {@link FactorMeltPool}, or those of the LPBF case for a material
 * ({@link MovingSourceModel}: peak K, length, width, depth m at the physical inputs eta, s, P, v, rb, beta). Buffers
 * are allocated once per task; the per-sample loops do not allocate. Not thread safe: one per task.
 */
public final class SweepKernel {

    /** Rows per chunk of the sampling design. */
    static final int CHUNK = 512;
    /** Quantiles reported per QoI (column suffixes p05, p50, p95). */
    static final double[] QUANTILES = {0.05, 0.5, 0.95};

    /** What the executors need, shipped with the job: small and immutable. */
    public record Plan(SamplePlan samples, double[][] designs, MeltPool meltPool, double[] low,
                double[] high, int[] windowQoi, int qois, int[] modelSource, Lpbf lpbf) implements Serializable {
    }

    /**
     * The LPBF case's melt-pool QoIs for a material: the moving-source SNA read through {@code scaling}.
     *
     * @param source for each physical input (eta, s, P, v, rb, beta) its sample column (&gt;= 0) or design input k
     *               (-2 - k)
     * @param clamp  domain-policy clamp: a sample whose Pe or beta is outside the model's range is moved onto it
     *               (Pe by its speed); otherwise such a sample fails the sweep
     */
    public record Lpbf(ThermalScaling scaling, int[] source, boolean clamp) implements Serializable {
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
    // LPBF case
    private final MovingSourceModel moving;
    private final double[] physical = new double[MovingSourceModel.INPUTS];
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
        this.moving = plan.lpbf() == null ? null : new MovingSourceModel(model.sna(), plan.lpbf().scaling());
        if (moving != null) {
            this.evaluator = null;
            this.points = null;
            this.out = null;
            this.pool = null;
            this.z = null;
            this.scaleColumn = -1;
        } else if (mp == null) {
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
            if (moving == null && pool == null && !outputs(point, start, count, stats)) {
                return stats;
            }
            for (int k = 0; k < count; k++) {
                if (moving != null) {
                    String reason = lpbf(point, k);
                    if (reason != null) {
                        stats.failure = "design " + stats.design + " " + Arrays.toString(point) + ", sample "
                                + (start + k) + " " + describe(physical) + ": " + reason;
                        return stats;
                    }
                } else if (pool == null) {
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

    /**
     * The LPBF QoIs of sample k of the chunk at the design point (into {@code qoi}); the reason when the sample has
     * none: outside the model's domain (after clamping, under clamp), or a pool cut by the model's box.
     */
    private String lpbf(double[] point, int k) {
        int[] source = plan.lpbf().source();
        for (int i = 0; i < physical.length; i++) {
            int s = source[i];
            physical[i] = s >= 0 ? rows[k * dim + s] : point[-s - 2];
        }
        if (!moving.inDomain(physical)) {
            String reason = outside(physical);
            if (reason != null) {
                return reason;
            }
        }
        moving.meltPool(physical, poolOut, null);
        if (poolOut[4] != 0) {
            return "the melt pool is cut by the model's box (its extents are not the model's)";
        }
        System.arraycopy(poolOut, 0, qoi, 0, 4);
        return null;
    }

    /** Why a physical point is outside the model's domain, or null after clamping it onto the domain (clamp). */
    private String outside(double[] in) {
        boolean physicalPoint = in[MovingSourceModel.ETA] > 0 && in[MovingSourceModel.ETA] <= 1
                && in[MovingSourceModel.SCALE] > 0 && in[MovingSourceModel.POWER] > 0
                && in[MovingSourceModel.SPEED] > 0 && in[MovingSourceModel.RADIUS] > 0;
        if (!physicalPoint) {
            return "not a physical point (eta in (0, 1], s, P, v, rb > 0)";
        }
        SnaModel sna = moving.model();
        int pe = sna.indexOf("Pe");
        int beta = sna.indexOf("beta");
        double p = moving.peclet(in);
        double peIn = Math.min(Math.max(p, sna.lower(pe)), sna.upper(pe));
        double betaIn = Math.min(Math.max(in[MovingSourceModel.BETA], sna.lower(beta)), sna.upper(beta));
        if (!plan.lpbf().clamp()) {
            return p != peIn ? "Pe = v rb / (s alpha_0) = " + p + " is outside the model's range [" + sna.lower(pe)
                    + ", " + sna.upper(pe) + "]" : "beta is outside the model's range [" + sna.lower(beta) + ", "
                    + sna.upper(beta) + "]";
        }
        in[MovingSourceModel.SPEED] *= peIn / p; // Pe is linear in v
        in[MovingSourceModel.BETA] = betaIn;
        return null;
    }

    private static String describe(double[] in) {
        return String.format(java.util.Locale.ROOT, "(eta %.4g, s %.4g, P %.4g, v %.4g, rb %.4g, beta %.4g)", in[0],
                in[1], in[2], in[3], in[4], in[5]);
    }
}
