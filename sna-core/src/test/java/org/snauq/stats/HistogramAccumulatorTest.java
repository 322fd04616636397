package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistogramAccumulatorTest extends AccumulatorContractTest<HistogramAccumulator> {

    @Override
    HistogramAccumulator create() {
        return new HistogramAccumulator(97.0, 103.0, 24);
    }

    @Override
    int width() {
        return 1;
    }

    @Override
    void accept(HistogramAccumulator acc, double[] data, int off) {
        acc.accept(data[off]);
    }

    @Override
    double[] results(HistogramAccumulator h) {
        double[] r = new double[h.bins() + 3];
        for (int b = 0; b < h.bins(); b++) {
            r[b] = h.count(b);
        }
        r[h.bins()] = h.underflow();
        r[h.bins() + 1] = h.overflow();
        r[h.bins() + 2] = h.nanCount();
        return r;
    }

    @Override
    void assertEquivalent(HistogramAccumulator single, HistogramAccumulator combined) {
        assertArrayEquals(results(single), results(combined), 0.0);
    }

    @Override
    boolean emptyResultsAreNaN() {
        return false;
    }

    @Test
    void accept_anyValue_landsInsideItsBinEdges() {
        HistogramAccumulator h = new HistogramAccumulator(-0.3, 0.7, 10); // edges not representable exactly
        SplittableRandom rng = new SplittableRandom(51);
        for (int i = 0; i < 20_000; i++) {
            int b = rng.nextInt(11);
            double x = i % 2 == 0 ? h.lower(Math.min(b, 10)) : rng.nextDouble(-0.3, 0.7); // edges and interior
            HistogramAccumulator one = new HistogramAccumulator(-0.3, 0.7, 10);
            one.accept(x);
            int bin = -1;
            for (int k = 0; k < 10; k++) {
                if (one.count(k) == 1) {
                    bin = k;
                }
            }
            assertTrue(bin >= 0, "x = " + x);
            assertTrue(x >= one.lower(bin) && (x < one.upper(bin) || bin == 9 && x <= one.upper(bin)), "x = " + x
                    + " in bin " + bin);
            h.accept(x);
        }
        assertEquals(20_000, h.total());
    }

    @Test
    void accept_outsideAndNaN_countedSeparately() {
        HistogramAccumulator h = new HistogramAccumulator(0, 1, 4);
        h.accept(new double[] {-1, 0, 0.25, 1, 2, Double.NaN}, 0, 6);
        assertEquals(1, h.underflow());
        assertEquals(1, h.overflow());
        assertEquals(1, h.nanCount());
        assertArrayEquals(new long[] {1, 1, 0, 1}, h.counts());
    }

    @Test
    void create_badRange_throws() {
        assertThrows(IllegalArgumentException.class, () -> new HistogramAccumulator(1, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new HistogramAccumulator(0, 1, 0));
    }
}
