package org.snauq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.snauq.design.InputTransform;
import org.snauq.design.SamplingDesign;
import org.snauq.design.SamplingDesigns;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

/**
 * Points per second of one block of 65,536 points: the design fill alone ({@code fill}), and fill followed by the
 * inverse-CDF map ({@code fillAndMap}) through a mix of marginals (uniform, normal, lognormal, truncated-normal,
 * triangular, weibull, beta, repeated to the dimension). {@link InverseCdfBenchmark} times each family alone.
 * Scores are in points per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DesignBenchmark {

    static final int BLOCK = 1 << 16;

    @Param({"mc", "lhs", "sobol"})
    public String design;

    @Param({"7", "14"})
    public int dimension;

    private SamplingDesign sampling;
    private InputTransform transform;
    private double[] u;
    private double[] x;
    private long block;

    static InputSpec spec(String dist, Object... kv) {
        Map<String, Double> p = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return new InputSpec("x", dist, p);
    }

    static final List<InputSpec> MIX = List.of(
            spec("uniform", "lower", 0, "upper", 1),
            spec("normal", "mean", 0, "sd", 1),
            spec("lognormal", "mu", 0, "sigma", 0.5),
            spec("truncated-normal", "mean", 0, "sd", 1, "lower", -1, "upper", 2),
            spec("triangular", "lower", 0, "mode", 0.3, "upper", 1),
            spec("weibull", "shape", 1.5, "scale", 2),
            spec("beta", "alpha", 2, "beta", 5, "lower", 0, "upper", 1));

    @Setup
    public void setUp() {
        sampling = SamplingDesigns.of(design, dimension, 1L << 30, 42);
        List<Distribution> marginals = new ArrayList<>();
        for (int d = 0; d < dimension; d++) {
            marginals.add(Distributions.of(MIX.get(d % MIX.size())));
        }
        transform = InputTransform.of(marginals);
        u = new double[BLOCK * dimension];
        x = new double[BLOCK * dimension];
    }

    /** Successive blocks, as a task would fill them (each block starts with one skip). */
    private long nextStart() {
        long start = (block++ % 1024) * BLOCK;
        return start;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public void fill(Blackhole bh) {
        sampling.fill(nextStart(), BLOCK, u);
        bh.consume(u);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public void fillAndMap(Blackhole bh) {
        sampling.fill(nextStart(), BLOCK, u);
        transform.apply(u, 0, BLOCK, x, 0);
        bh.consume(x);
    }
}
