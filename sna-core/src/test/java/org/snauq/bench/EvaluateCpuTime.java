package org.snauq.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Companion of {@link EvaluateBenchmark} for shared machines: the same model and points, timed by the thread's CPU
 * time (ThreadMXBean) instead of wall time, so other processes competing for the cores do not count. Prints
 * points per CPU-second for each of 10 rounds of 1,000 batches after 5 warm-up rounds; the median is the figure.
 * Run with {@code bench/evaluate.sh --cpu}.
 */
public final class EvaluateCpuTime {

    private EvaluateCpuTime() {
    }

    public static void main(String[] args) {
        EvaluateBenchmark b = new EvaluateBenchmark();
        b.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int batches = 1000;
        double[] rates = new double[10];
        double sink = 0.0;
        for (int round = -5; round < rates.length; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < batches; i++) {
                sink += b.evaluateOnce();
            }
            long c1 = threads.getCurrentThreadCpuTime();
            double rate = (double) batches * EvaluateBenchmark.BATCH / ((c1 - c0) * 1e-9);
            if (round >= 0) {
                rates[round] = rate;
                System.out.printf("round %d: %.2f million points per CPU-second%n", round, rate / 1e6);
            }
        }
        java.util.Arrays.sort(rates);
        System.out.printf("median: %.2f million points per CPU-second (checksum %.6f)%n",
                (rates[4] + rates[5]) / 2e6, sink);
    }
}
