package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantileExactTest extends AccumulatorContractTest<QuantileAccumulator> {

    @Override
    QuantileAccumulator create() {
        return QuantileAccumulator.exact();
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
        return acc.quantiles(QuantileSketchTest.PROBABILITIES);
    }

    /** Exact quantiles do not depend on order: identical. */
    @Override
    void assertEquivalent(QuantileAccumulator single, QuantileAccumulator combined) {
        assertArrayEquals(results(single), results(combined), 0.0);
    }

    @Test
    void quantile_tenValues_isCeilPnThSmallest() {
        QuantileAccumulator q = QuantileAccumulator.exact();
        q.accept(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5}, 0, 10);
        assertEquals(1.0, q.quantile(0.0), 0.0);
        assertEquals(1.0, q.quantile(0.1), 0.0);  // ceil(1) = 1st
        assertEquals(2.0, q.quantile(0.11), 0.0); // ceil(1.1) = 2nd
        assertEquals(5.0, q.quantile(0.5), 0.0);
        assertEquals(10.0, q.quantile(1.0), 0.0);
        assertEquals(0.0, q.normalizedRankError(), 0.0);
        assertEquals(0.3, q.rank(3.0), 0.0);
    }

    @Test
    void estimates_twentyValues_textbookMedianInterval() {
        QuantileAccumulator q = QuantileAccumulator.exact();
        for (int i = 0; i < 20; i++) {
            q.accept((7 * i) % 20 + 1.0); // 1..20 shuffled, so value = rank
        }
        QuantileEstimate median = q.estimates(new double[] {0.5}, 0.95).get(0);
        // [X_(6), X_(15)]: Conover, Practical Nonparametric Statistics, table A3
        assertEquals(10.0, median.value(), 0.0);
        assertEquals(6.0, median.low(), 0.0);
        assertEquals(15.0, median.high(), 0.0);
        assertEquals(0.0, median.rankError(), 0.0);
        assertEquals("exact", median.method());
        QuantileEstimate tail = q.estimates(new double[] {0.999}, 0.95).get(0);
        assertEquals(Double.POSITIVE_INFINITY, tail.high());
    }

    @Test
    void quantile_nanValues_skipped() {
        QuantileAccumulator q = QuantileAccumulator.exact();
        q.accept(Double.NaN);
        q.accept(2.0);
        assertEquals(1, q.count());
        assertEquals(2.0, q.quantile(0.5), 0.0);
        assertTrue(Double.isNaN(QuantileAccumulator.exact().quantile(0.5)));
    }
}
