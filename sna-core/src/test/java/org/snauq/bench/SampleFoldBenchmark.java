package org.snauq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.snauq.basis.BSplineBasis;
import org.snauq.design.InputTransform;
import org.snauq.design.SobolDesign;
import org.snauq.dist.Distribution;
import org.snauq.model.SnaModel;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.stats.QuantileAccumulator;

/**
 * The per-sample work of a UQ task, one block of {@value #BLOCK} samples per invocation: scrambled Sobol'
 * points of 7 inputs -> inverse CDFs (normal for odd coordinates, uniform otherwise) -> a rank-16 7-D SNA
 * (24 cubic atoms per coordinate) -> moments and a KLL sketch (k = 200). Score: samples per second on one
 * thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SampleFoldBenchmark {

    static final int BLOCK = 4096;
    static final int DIM = 7;
    static final int RANK = 16;
    static final int ATOMS = 24;

    private SobolDesign design;
    private InputTransform transform;
    private SnaModel model;
    private SnaModel.Workspace workspace;
    private double[] points;
    private double[] values;
    private long start;

    @Setup
    public void setup() {
        design = new SobolDesign(DIM, 1L << 30, 42, SobolDesign.DEFAULT_REPLICATES);
        List<Distribution> laws = new ArrayList<>();
        for (int d = 0; d < DIM; d++) {
            laws.add(d % 2 == 1 ? normal(0.0, 0.4) : uniform(-1.0, 1.0));
        }
        transform = InputTransform.of(laws);
        SplittableRandom rng = new SplittableRandom(7);
        List<String> names = new ArrayList<>();
        List<BSplineBasis> bases = new ArrayList<>();
        double[][] w = new double[DIM][ATOMS * RANK];
        for (int d = 0; d < DIM; d++) {
            names.add("x" + d);
            bases.add(BSplineBasis.clampedUniform(3, ATOMS, -1.0, 1.0));
            for (int i = 0; i < w[d].length; i++) {
                w[d][i] = rng.nextDouble(0.5, 1.5);
            }
        }
        double[] lambda = new double[RANK];
        java.util.Arrays.fill(lambda, 1.0 / RANK);
        model = SnaModel.of(names, bases, lambda, w, "y");
        workspace = model.newWorkspace();
        points = new double[BLOCK * DIM];
        values = new double[BLOCK];
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public Object sampleEvaluateFold() {
        design.fill(start, BLOCK, points);
        start = (start + BLOCK) % design.size();
        transform.apply(points, BLOCK);
        model.evaluate(points, BLOCK, values, workspace);
        MomentsAccumulator moments = new MomentsAccumulator();
        moments.accept(values, 0, BLOCK);
        QuantileAccumulator sketch = QuantileAccumulator.sketch();
        sketch.accept(values, 0, BLOCK);
        return new Object[] {moments, sketch};
    }

    private static Distribution uniform(double lo, double hi) {
        return new Law(lo, hi, null);
    }

    private static Distribution normal(double mean, double sd) {
        return new Law(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, new NormalDistribution(null, mean, sd));
    }

    /** Minimal laws so the benchmark does not depend on the distribution factory. */
    private record Law(double lo, double hi, NormalDistribution normal) implements Distribution {
        public double inverseCdf(double u) {
            return normal == null ? lo + (hi - lo) * u : normal.inverseCumulativeProbability(u);
        }

        public double cdf(double x) {
            return normal == null ? Math.min(1, Math.max(0, (x - lo) / (hi - lo))) : normal.cumulativeProbability(x);
        }

        public double density(double x) {
            return normal == null ? (x >= lo && x <= hi ? 1 / (hi - lo) : 0) : normal.density(x);
        }

        public double mean() {
            return normal == null ? 0.5 * (lo + hi) : normal.getMean();
        }

        public double variance() {
            return normal == null ? (hi - lo) * (hi - lo) / 12 : normal.getNumericalVariance();
        }

        public double supportLower() {
            return lo;
        }

        public double supportUpper() {
            return hi;
        }
    }
}
