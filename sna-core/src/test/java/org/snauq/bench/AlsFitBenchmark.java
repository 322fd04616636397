package org.snauq.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.snauq.als.AlsConfig;
import org.snauq.als.AlsFit;
import org.snauq.als.AlsRegression;
import org.snauq.als.TrainingData;

/**
 * Wall time of one ALS fit of Ishigami (a = 7, b = 0.1, METHOD.md section 7) from 2,000 uniform rows on
 * [-pi, pi]^3 with {@link AlsConfig#defaults()} (cubic, 20 knots, rank auto), one thread. Run with
 * {@code bench/evaluate.sh AlsFitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AlsFitBenchmark {

    private TrainingData data;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        int rows = 2000;
        double[] x = new double[rows * 3];
        double[] y = new double[rows];
        for (int j = 0; j < rows; j++) {
            for (int d = 0; d < 3; d++) {
                x[j * 3 + d] = rng.nextDouble(-Math.PI, Math.PI);
            }
            double s2 = Math.sin(x[j * 3 + 1]);
            double x3 = x[j * 3 + 2] * x[j * 3 + 2];
            y[j] = Math.sin(x[j * 3]) * (1.0 + 0.1 * x3 * x3) + 7.0 * s2 * s2;
        }
        double[] lo = {-Math.PI, -Math.PI, -Math.PI};
        double[] hi = {Math.PI, Math.PI, Math.PI};
        data = TrainingData.of(List.of("x1", "x2", "x3"), x, y, lo, hi);
    }

    @Benchmark
    public AlsFit fitIshigami() {
        return AlsRegression.fit(data, AlsConfig.defaults());
    }
}
