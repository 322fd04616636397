package org.snauq.bench;

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
import org.snauq.design.SamplingDesigns;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;

/** One family's inverse CDF over a block of 65,536 uniforms: values per second (the marginals of DesignBenchmark). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InverseCdfBenchmark {

    static final int BLOCK = DesignBenchmark.BLOCK;

    @Param({"uniform", "normal", "lognormal", "truncated-normal", "triangular", "weibull", "beta", "gamma"})
    public String family;

    private Distribution law;
    private final double[] u = new double[BLOCK];
    private final double[] x = new double[BLOCK];

    @Setup
    public void setUp() {
        law = family.equals("gamma")
                ? Distributions.of(DesignBenchmark.spec("gamma", "shape", 2.5, "scale", 1))
                : Distributions.of(DesignBenchmark.MIX.stream().filter(s -> s.dist().equals(family)).findFirst()
                        .orElseThrow());
        SamplingDesigns.of("mc", 1, BLOCK, 7).fill(0, BLOCK, u);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public void inverseCdf(Blackhole bh) {
        for (int i = 0; i < BLOCK; i++) {
            x[i] = law.inverseCdf(u[i]);
        }
        bh.consume(x);
    }
}
