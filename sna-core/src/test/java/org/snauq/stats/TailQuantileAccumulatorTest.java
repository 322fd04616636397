package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailQuantileAccumulatorTest extends AccumulatorContractTest<TailQuantileAccumulator> {

    static final double[] PROBABILITIES = {0.0, 0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999, 1.0};

    @Override
    TailQuantileAccumulator create() {
        return TailQuantileAccumulator.create(12); // small k, so 5,000 samples already compact
    }

    @Override
    int width() {
        return 1;
    }

    @Override
    void accept(TailQuantileAccumulator acc, double[] data, int off) {
        acc.accept(data[off]);
    }

    @Override
    double[] results(TailQuantileAccumulator acc) {
        return Arrays.stream(PROBABILITIES).map(acc::quantile).toArray();
    }

    /** Both answer within their rank error bounds: compare the ranks of their answers in the single pass. */
    @Override
    void assertEquivalent(TailQuantileAccumulator single, TailQuantileAccumulator combined) {
        assertEquals(single.count(), combined.count());
        double[] a = results(single);
        double[] b = results(combined);
        for (int i = 0; i < a.length; i++) {
            double p = PROBABILITIES[i];
            // each answer's rank is within its bound of p; the single pass ranks both within its own bound
            double tol = single.rankError(p) + combined.rankError(p) + 2 * single.rankError(single.rank(b[i]))
                    + 1.0 / single.count();
            assertEquals(single.rank(a[i]), single.rank(b[i]), tol, "p = " + p);
        }
    }

    /** The true normalised ranks [values < x, values <= x] / n of x in a sorted sample. */
    static double[] trueRanks(double[] sorted, double x) {
        int lo = 0;
        int hi = 0;
        for (double v : sorted) {
            lo += v < x ? 1 : 0;
            hi += v <= x ? 1 : 0;
        }
        return new double[] {(double) lo / sorted.length, (double) hi / sorted.length};
    }

    @Test
    void quantile_normal2to20_tailRanksWithinRelativeBound() {
        int n = 1 << 20;
        double[] y = QuantileBracketsTest.normalSample("mc", n, 31);
        // the values as the sketch sees them: floats
        double[] sorted = Arrays.stream(y).map(v -> (float) v).sorted().toArray();
        TailQuantileAccumulator req = inBlocks(y, TailQuantileAccumulator.create());
        QuantileAccumulator kll = QuantileAccumulator.sketch();
        kll.accept(y, 0, n);
        for (double p : new double[] {0.001, 0.002, 0.01, 0.5, 0.99, 0.998, 0.999}) {
            double bound = req.rankError(p);
            double tail = Math.min(p, 1 - p);
            // MERGE_FACTOR x DataSketches' a priori bound: 3 x sqrt(0.0512 / 3) / k of the tail probability
            // (0.78% at k = 50; BaseReqSketch.relRseFactor), up to rounding
            assertTrue(bound <= TailQuantileAccumulator.MERGE_FACTOR * 3 * Math.sqrt(0.0512 / 3)
                    / TailQuantileAccumulator.DEFAULT_K * tail * (1 + 1e-12), "p = " + p + ": " + bound);
            double[] r = trueRanks(sorted, req.quantile(p));
            assertTrue(r[1] >= p - bound && r[0] <= p + bound, "p = " + p + ": true ranks " + Arrays.toString(r)
                    + ", bound " + bound);
        }
        // KLL's error at the tails is larger than the tail itself: the reason for this class
        assertTrue(kll.normalizedRankError() > 0.001 * 10);
    }

    private static TailQuantileAccumulator inBlocks(double[] y, TailQuantileAccumulator into) {
        for (int b = 0; b < y.length; b += 1 << 16) {
            TailQuantileAccumulator block = TailQuantileAccumulator.create(into.k());
            block.accept(y, b, Math.min(1 << 16, y.length - b));
            into.combine(block);
        }
        return into;
    }

    @Test
    void estimates_normal2to18_intervalsHoldTheExactOnes() {
        int n = 1 << 18;
        double[] y = QuantileBracketsTest.normalSample("mc", n, 32);
        TailQuantileAccumulator req = inBlocks(y, TailQuantileAccumulator.create());
        QuantileAccumulator exact = QuantileAccumulator.exact();
        exact.accept(y, 0, n);
        double[] p = QuantileBracketsTest.PROBABILITIES;
        List<QuantileEstimate> approx = req.estimates(p, 0.95);
        List<QuantileEstimate> truth = exact.estimates(p, 0.95);
        for (int j = 0; j < p.length; j++) {
            QuantileEstimate a = approx.get(j);
            assertEquals("req", a.method());
            assertTrue(a.rankError() > 0 && a.rankError() <= 0.0236 * Math.min(p[j], 1 - p[j]), "p = " + p[j]);
            assertTrue(a.low() <= truth.get(j).low() && a.high() >= truth.get(j).high(), "p = " + p[j]);
        }
    }

    @Test
    void estimates_fewValues_exactUpToFloatRounding() {
        TailQuantileAccumulator req = TailQuantileAccumulator.create();
        QuantileAccumulator exact = QuantileAccumulator.exact();
        for (int i = 0; i < 100; i++) { // n <= 3k: the sketch still holds every value
            double v = Math.sin(i) * 10;
            req.accept(v);
            exact.accept((float) v);
        }
        double[] p = {0.01, 0.3, 0.5, 0.9};
        List<QuantileEstimate> a = req.estimates(p, 0.95);
        List<QuantileEstimate> b = exact.estimates(p, 0.95);
        for (int j = 0; j < p.length; j++) {
            assertEquals(0.0, a.get(j).rankError());
            assertEquals(b.get(j).value(), a.get(j).value(), 0.0);
            // interval ends move out by one float step
            assertEquals(Math.nextDown((float) b.get(j).low()), a.get(j).low(), 0.0);
            assertEquals(Math.nextUp((float) b.get(j).high()), a.get(j).high(), 0.0);
        }
    }

    @Test
    void estimates_sobolGroups_replicateRows() {
        int n = 1 << 16;
        double[] y = QuantileBracketsTest.normalSample("sobol", n, 33);
        List<TailQuantileAccumulator> groups = new java.util.ArrayList<>();
        for (int g = 0; g < 16; g++) {
            TailQuantileAccumulator t = TailQuantileAccumulator.create();
            t.accept(y, g * (n / 16), n / 16);
            groups.add(t);
        }
        double[] p = {0.01, 0.5, 0.99};
        List<QuantileEstimate> rows = TailQuantileAccumulator.estimates(groups, p, 0.95);
        for (int j = 0; j < p.length; j++) {
            double truth = QuantileBracketsTest.NORMAL.inverseCdf(p[j]);
            QuantileEstimate r = rows.get(j);
            assertTrue(r.low() < r.value() && r.value() < r.high());
            // the interval is a few hundredths wide around the truth at n = 2^16
            assertTrue(Math.abs(r.value() - truth) < 0.05 && r.high() - r.low() < 0.2, r.toString());
        }
    }

    @Test
    void sketch_sameCalls_sameBitsTwice() {
        assertTrue(TailQuantileAccumulator.isDeterministic(), "DataSketches' REQ random must be reseedable");
        double[] y = data(44, 100_000);
        assertArrayEquals(results(inBlocks(y, TailQuantileAccumulator.create(12))),
                results(inBlocks(y, TailQuantileAccumulator.create(12))), 0.0);
    }

    @Test
    void create_badK_namesK() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TailQuantileAccumulator.create(7));
        assertEquals("k must be even and in [4, 1024], got 7", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TailQuantileAccumulator.create(12).combine(TailQuantileAccumulator.create(14)));
    }
}
