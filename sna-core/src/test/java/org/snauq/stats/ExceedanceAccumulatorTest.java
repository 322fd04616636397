package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExceedanceAccumulatorTest extends AccumulatorContractTest<ExceedanceAccumulator> {

    /** Newcombe's table gives four decimals. */
    private static final double TABLE_TOL = 5e-5;

    @Override
    ExceedanceAccumulator create() {
        return new ExceedanceAccumulator(99.0, 100.0, 102.5);
    }

    @Override
    int width() {
        return 1;
    }

    @Override
    void accept(ExceedanceAccumulator acc, double[] data, int off) {
        acc.accept(data[off]);
    }

    @Override
    double[] results(ExceedanceAccumulator e) {
        double[] r = new double[3 * e.size()];
        for (int j = 0; j < e.size(); j++) {
            ConfidenceInterval ci = e.probability(j, 0.95);
            r[3 * j] = ci.estimate();
            r[3 * j + 1] = ci.low();
            r[3 * j + 2] = ci.high();
        }
        return r;
    }

    @Override
    void assertEquivalent(ExceedanceAccumulator single, ExceedanceAccumulator combined) {
        assertArrayEquals(results(single), results(combined), 0.0);
    }

    @Test
    void wilson_newcombeExamples_matchTable() {
        // Newcombe (1998), Stat. Med. 17:857-872, Table I, method 3 (score interval), 95%
        assertInterval(Intervals.wilson(81, 263, 0.95), 0.2553, 0.3662);
        assertInterval(Intervals.wilson(15, 148, 0.95), 0.0624, 0.1605);
        assertInterval(Intervals.wilson(0, 20, 0.95), 0.0, 0.1611);
        assertInterval(Intervals.wilson(1, 29, 0.95), 0.0061, 0.1718);
    }

    private static void assertInterval(ConfidenceInterval ci, double low, double high) {
        assertEquals(low, ci.low(), TABLE_TOL);
        assertEquals(high, ci.high(), TABLE_TOL);
    }

    @Test
    void probability_counts_areStrictExceedances() {
        ExceedanceAccumulator e = new ExceedanceAccumulator(1.0);
        e.accept(new double[] {0.5, 1.0, 1.5, 2.0}, 0, 4);
        assertEquals(2, e.exceedances(0));
        assertEquals(0.5, e.probability(0, 0.9).estimate(), 0.0);
    }
}
