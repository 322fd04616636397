package org.snauq.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.snauq.design.SamplingDesign;
import org.snauq.design.SamplingDesigns;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.snauq.stats.BracketAccumulator;
import org.snauq.stats.Mergeable;
import org.snauq.stats.QuantileAccumulator;
import org.snauq.stats.QuantileBrackets;
import org.snauq.stats.QuantileEstimate;
import org.snauq.stats.TailQuantileAccumulator;

/**
 * The driver's side of the bracketed two-pass quantiles at scale, without Spark: n standard normal mc samples in
 * blocks of 65,536, one accumulator per block kept in a list as a collect would return them, folded in block order.
 * Prints wall time per pass, the values the second pass kept and the heap's peak (all pools, after the run), and,
 * side by side, the one-pass REQ and KLL sketches. Run with {@code bench/quantiles.sh [n]} (-Xmx1g).
 */
public final class QuantileTwoPassMemory {

    private static final int BLOCK = 1 << 16;
    private static final double[] P = {0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999};

    private QuantileTwoPassMemory() {
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        SamplingDesign design = SamplingDesigns.of("mc", 1, n, 42);
        Distribution normal = Distributions.of(new InputSpec("y", "normal", Map.of("mean", 0.0, "sd", 1.0)));

        long t0 = System.nanoTime();
        QuantileAccumulator first = pass(design, normal, QuantileBrackets::firstPass, QuantileAccumulator::accept);
        QuantileBrackets plan = QuantileBrackets.plan(List.of(first), P, 0.95);
        long t1 = System.nanoTime();
        QuantileBrackets.Selection s = plan.select(pass(design, normal, () -> plan.newAccumulator(0),
                BracketAccumulator::accept));
        long t2 = System.nanoTime();
        System.out.printf("n = %d, blocks of %d, %d brackets, complete: %b%n", n, BLOCK, plan.brackets(),
                s.complete());
        System.out.printf("two-pass: first pass %.1f s, second pass + select %.1f s, kept %d values (%.2f%% of n,"
                + " %.0f MB)%n", (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, s.retained(), 100.0 * s.retained() / n,
                s.retained() * 8e-6);
        for (QuantileEstimate e : s.estimates()) {
            System.out.printf("  p = %-6s value %.6f  [%.6f, %.6f]  (Phi^-1(p) = %.6f)%n", e.probability(),
                    e.value(), e.low(), e.high(), normal.inverseCdf(e.probability()));
        }

        long t3 = System.nanoTime();
        List<QuantileEstimate> rows = pass(design, normal, TailQuantileAccumulator::create,
                TailQuantileAccumulator::accept).estimates(P, 0.95);
        long t4 = System.nanoTime();
        pass(design, normal, QuantileAccumulator::sketch, QuantileAccumulator::accept).quantiles(P);
        long t5 = System.nanoTime();
        System.out.printf("one pass: REQ (k = 50) %.1f s, KLL (k = 200) %.1f s%n", (t4 - t3) * 1e-9,
                (t5 - t4) * 1e-9);
        for (QuantileEstimate e : rows) {
            System.out.printf("  REQ p = %-6s value %.6f  rank error bound %.2e%n", e.probability(), e.value(),
                    e.rankError());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("heap: max %d MB, peak used (sum of pools' peaks) %d MB%n",
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
    }

    /** Adds a block's values[0 .. len) to an accumulator. */
    private interface Accept<A> {
        void accept(A acc, double[] values, int off, int len);
    }

    /** One pass: an accumulator per block, all kept as a collect would return them, then folded in block order. */
    private static <A extends Mergeable<A>> A pass(SamplingDesign design, Distribution normal, Supplier<A> create,
                                                   Accept<A> accept) {
        double[] y = new double[BLOCK];
        List<A> blocks = new ArrayList<>();
        for (long b = 0; b < design.size(); b += BLOCK) {
            int len = block(design, normal, b, y);
            A acc = create.get();
            accept.accept(acc, y, 0, len);
            blocks.add(acc);
        }
        return Mergeable.foldInOrder(blocks);
    }

    /** Block b of the sample: standard normal values, the design's points through Phi^-1. */
    private static int block(SamplingDesign design, Distribution normal, long start, double[] y) {
        int len = (int) Math.min(BLOCK, design.size() - start);
        design.fill(start, len, y);
        for (int i = 0; i < len; i++) {
            y[i] = normal.inverseCdf(y[i]);
        }
        return len;
    }
}
