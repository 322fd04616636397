package org.snauq.datasets.uq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.snauq.datasets.Ishigami;
import org.snauq.design.InputTransform;
import org.snauq.design.MonteCarloDesign;
import org.snauq.stats.Mergeable;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.stats.SobolAccumulator;

/**
 * Issue 3 / DESIGN.md section 6: 10^6 samples in blocks of 4,096, computed by 1, 3 or 17 concurrent tasks and
 * shipped serialised, give bit-identical moments and Sobol sums when the driver folds the per-block accumulators
 * in block order. (Letting each task pre-combine its blocks is not enough in general: floating-point combine is
 * associative only in exact arithmetic, so the driver receives one accumulator per block.)
 */
class BlockDeterminismTest {

    private static final long SAMPLES = 1_000_000;
    private static final int BLOCK = 4096;

    @Test
    void foldInBlockOrder_1_3_17Tasks_bitIdentical() throws Exception {
        Ishigami f = Ishigami.standard();
        PickFreezeRun run = new PickFreezeRun(new MonteCarloDesign(6, SAMPLES, 99),
                InputTransform.of(SobolIndicesIntegrationTest.uniforms(f)), PickFreezeRun.of(f));
        int blocks = (int) ((SAMPLES + BLOCK - 1) / BLOCK);
        double[] reference = null;
        for (int tasks : new int[] {1, 3, 17}) {
            List<List<byte[]>> shipped = IntStream.range(0, tasks).parallel().mapToObj(t -> {
                List<byte[]> out = new ArrayList<>();
                for (int b = t * blocks / tasks; b < (t + 1) * blocks / tasks; b++) {
                    long start = (long) b * BLOCK;
                    PickFreezeRun.Block block = run.block(start, (int) Math.min(BLOCK, SAMPLES - start));
                    out.add(serialize(block.sobol(), block.moments()));
                }
                return out;
            }).toList();
            List<SobolAccumulator> sobol = new ArrayList<>();
            List<MomentsAccumulator> moments = new ArrayList<>();
            for (List<byte[]> task : shipped) {
                for (byte[] bytes : task) {
                    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                        sobol.add((SobolAccumulator) in.readObject());
                        moments.add((MomentsAccumulator) in.readObject());
                    }
                }
            }
            double[] state = concat(Mergeable.foldInOrder(sobol).toArray(),
                    Mergeable.foldInOrder(moments).toArray());
            if (reference == null) {
                reference = state;
            }
            assertArrayEquals(reference, state, 0.0, tasks + " tasks");
        }
    }

    private static byte[] serialize(Object... objects) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            for (Object o : objects) {
                out.writeObject(o);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
