package org.snauq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * Throughput of the batch kernel {@link SnaModel#evaluate}: D = 7 coordinates, rank R = 16, cubic atoms (p = 3),
 * 32 atoms per coordinate, uniform random points in the domain, one thread. One JMH operation is one point, so
 * the score is points per second. Run with {@code bench/evaluate.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluateBenchmark {

    static final int DIM = 7;
    static final int RANK = 16;
    static final int DEGREE = 3;
    static final int ATOMS = 32;
    /** Points per call: a block of the size the Spark jobs use per accumulator is 65,536; 4,096 fits in L2. */
    static final int BATCH = 4096;

    private SnaModel model;
    private SnaModel.Workspace workspace;
    private double[] points;
    private double[] out;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(2024);
        List<String> names = new ArrayList<>();
        List<BSplineBasis> bases = new ArrayList<>();
        double[][] w = new double[DIM][ATOMS * RANK];
        for (int d = 0; d < DIM; d++) {
            names.add("z" + d);
            bases.add(BSplineBasis.clampedUniform(DEGREE, ATOMS, -1.0 - d, 2.0 + d));
            for (int i = 0; i < w[d].length; i++) {
                w[d][i] = rng.nextDouble(-1, 1);
            }
        }
        double[] lambda = new double[RANK];
        for (int r = 0; r < RANK; r++) {
            lambda[r] = rng.nextDouble(0.5, 2);
        }
        model = SnaModel.of(names, bases, lambda, w, "y");
        workspace = model.newWorkspace();
        points = new double[BATCH * DIM];
        for (int j = 0; j < BATCH; j++) {
            for (int d = 0; d < DIM; d++) {
                points[j * DIM + d] = rng.nextDouble(model.lower(d), model.upper(d));
            }
        }
        out = new double[BATCH];
    }

    /** One batch outside JMH (for {@link EvaluateCpuTime}); returns a value that depends on every output. */
    double evaluateOnce() {
        model.evaluate(points, BATCH, out, workspace);
        return out[0] + out[BATCH - 1];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void evaluate(Blackhole bh) {
        model.evaluate(points, BATCH, out, workspace);
        bh.consume(out);
    }
}
