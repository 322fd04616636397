package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantileSketchTest extends AccumulatorContractTest<QuantileAccumulator> {

    static final double[] PROBABILITIES = {0.0, 0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999, 1.0};

    @Override
    QuantileAccumulator create() {
        return QuantileAccumulator.sketch(QuantileAccumulator.DEFAULT_K);
    }

    @Override
    int width() {
        return 1;
    }

    @Override
    void accept(QuantileAccumulator acc, double[] data, int off) {
        acc.accept(data[off]);
    }

    @Override
    double[] results(QuantileAccumulator acc) {
        return acc.quantiles(PROBABILITIES);
    }

    /** Both sketches answer within their rank error: compare the true ranks of their answers. */
    @Override
    void assertEquivalent(QuantileAccumulator single, QuantileAccumulator combined) {
        assertEquals(single.count(), combined.count());
        double eps = single.normalizedRankError();
        double[] a = results(single);
        double[] b = results(combined);
        for (int i = 0; i < a.length; i++) {
            assertEquals(single.rank(a[i]), single.rank(b[i]), 2 * eps, "p = " + PROBABILITIES[i]);
        }
    }

    @Test
    void sketch_largeStream_honoursRankError() {
        int n = 200_000;
        double[] data = data(41, n);
        QuantileAccumulator q = create();
        for (int b = 0; b < n; b += 4096) { // as the job does: one sketch per block, merged in order
            QuantileAccumulator block = create();
            block.accept(data, b, Math.min(4096, n - b));
            q.combine(block);
        }
        double eps = q.normalizedRankError(); // 99% confidence per query (DataSketches)
        assertTrue(eps > 0 && eps < 0.0135, "k = 200 gives about 1.33%, got " + eps);
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < 100; i++) {
            double p = i / 100.0;
            double x = q.quantile(p);
            int lo = lowerBound(sorted, x); // values < x
            int hi = upperBound(sorted, x); // values <= x
            // x's true rank interval must meet [p - eps, p + eps]
            assertTrue(hi / (double) n >= p - eps && lo / (double) n <= p + eps, "p = " + p + ": rank of " + x
                    + " in [" + lo / (double) n + ", " + hi / (double) n + "]");
        }
    }

    private static int lowerBound(double[] s, double x) {
        int i = Arrays.binarySearch(s, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && s[i - 1] == x) {
            i--;
        }
        return i;
    }

    private static int upperBound(double[] s, double x) {
        int i = Arrays.binarySearch(s, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i < s.length && s[i] == x) {
            i++;
        }
        return i;
    }

    @Test
    void estimates_sketch_intervalWidenedToHoldTheExactOne() {
        int n = 100_000;
        double[] data = data(43, n);
        QuantileAccumulator sketch = fillInBlocks(data);
        QuantileAccumulator exact = QuantileAccumulator.exact();
        exact.accept(data, 0, n);
        double[] p = {0.01, 0.05, 0.5, 0.95, 0.99};
        List<QuantileEstimate> approx = sketch.estimates(p, 0.95);
        List<QuantileEstimate> truth = exact.estimates(p, 0.95);
        for (int j = 0; j < p.length; j++) {
            QuantileEstimate a = approx.get(j);
            assertEquals(sketch.normalizedRankError(), a.rankError(), 0.0);
            assertEquals("kll", a.method());
            assertTrue(a.low() <= truth.get(j).low() && a.high() >= truth.get(j).high(), "p = " + p[j]);
        }
    }

    @Test
    void sketch_kllRandomReachable_isDeterministic() {
        assertTrue(QuantileAccumulator.isDeterministic(), "DataSketches' KLL random must be reseedable");
    }

    @Test
    void sketch_sameCalls_sameBitsTwice() {
        double[] data = data(42, 50_000);
        double[] first = results(fillInBlocks(data));
        double[] second = results(fillInBlocks(data));
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, second, 0.0);
    }

    private QuantileAccumulator fillInBlocks(double[] data) {
        QuantileAccumulator q = create();
        for (int b = 0; b < data.length; b += 1000) {
            QuantileAccumulator block = create();
            block.accept(data, b, 1000);
            q.combine(block);
        }
        return q;
    }

    @Test
    void combine_differentK_throws() {
        assertThrows(IllegalArgumentException.class,
                () -> QuantileAccumulator.sketch(200).combine(QuantileAccumulator.sketch(400)));
        assertThrows(IllegalArgumentException.class,
                () -> QuantileAccumulator.sketch(200).combine(QuantileAccumulator.exact()));
    }

    @Test
    void sketch_kTooSmall_throws() {
        assertThrows(IllegalArgumentException.class, () -> QuantileAccumulator.sketch(4));
    }
}
