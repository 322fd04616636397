package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The second-pass accumulator keeps the Mergeable contract; its state is a multiset, so splits agree exactly. */
class BracketAccumulatorTest extends AccumulatorContractTest<BracketAccumulator> {

    private static final QuantileBrackets PLAN = plan();

    private static QuantileBrackets plan() {
        QuantileAccumulator first = QuantileBrackets.firstPass();
        for (int i = 0; i < 200; i++) {
            first.accept(100 + Math.sin(i) * 2); // the brackets need only lie somewhere in the data's range
        }
        return QuantileBrackets.plan(List.of(first), new double[] {0.1, 0.5, 0.9}, 0.95);
    }

    @Override
    BracketAccumulator create() {
        return PLAN.newAccumulator(0);
    }

    @Override
    int width() {
        return 1;
    }

    @Override
    void accept(BracketAccumulator acc, double[] data, int off) {
        acc.accept(data[off]);
    }

    /** count, kept, then per bracket: the values below it and its kept values in order. */
    @Override
    double[] results(BracketAccumulator acc) {
        BracketAccumulator a = acc.copy();
        int size = 2;
        for (int k = 0; k < a.brackets(); k++) {
            size += 1 + a.size(0, k);
        }
        double[] out = new double[size];
        out[0] = a.count();
        out[1] = a.retained();
        int at = 2;
        for (int k = 0; k < a.brackets(); k++) {
            out[at++] = a.gap(0, k);
            System.arraycopy(a.sorted(0, k), 0, out, at, a.size(0, k));
            at += a.size(0, k);
        }
        return out;
    }

    @Override
    void assertEquivalent(BracketAccumulator single, BracketAccumulator combined) {
        assertArrayEquals(results(single), results(combined), 0.0);
    }

    @Override
    boolean emptyResultsAreNaN() {
        return false;
    }

    @Test
    void combine_anotherPlan_refused() {
        QuantileAccumulator first = QuantileBrackets.firstPass();
        first.accept(new double[] {1, 2, 3, 4}, 0, 4);
        BracketAccumulator other = QuantileBrackets.plan(List.of(first), new double[] {0.5}, 0.95).newAccumulator(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create().combine(other));
        assertEquals("cannot combine bracket accumulators of different plans", e.getMessage());
    }
}
