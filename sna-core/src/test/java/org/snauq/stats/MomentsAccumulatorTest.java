package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MomentsAccumulatorTest extends AccumulatorContractTest<MomentsAccumulator> {

    /**
     * Relative error of one-pass centred sums over n values: rounding grows like sqrt(n) eps per term, with
     * the condition number of the data (|mean| / sd ~ 100 here) on the higher moments; 1e-11 leaves margin.
     */
    private static final double ONE_PASS_TOL = 1e-11;

    private static final MathContext MC = new MathContext(256);

    @Override
    MomentsAccumulator create() {
        return new MomentsAccumulator();
    }

    @Override
    int width() {
        return 1;
    }

    @Override
    void accept(MomentsAccumulator acc, double[] data, int off) {
        acc.accept(data[off]);
    }

    @Override
    double[] results(MomentsAccumulator m) {
        return new double[] {m.mean(), m.variance(), m.skewness(), m.excessKurtosis(), m.min(), m.max()};
    }

    @Override
    void assertEquivalent(MomentsAccumulator single, MomentsAccumulator combined) {
        assertEquals(single.count(), combined.count());
        assertRelativelyClose(results(single), results(combined), ONE_PASS_TOL);
    }

    @Override
    void sample(SplittableRandom rng, double[] out, int off) {
        double e = rng.nextExponential(); // skewed, so M3 and M4 are non-trivial
        out[off] = 100.0 + e * e;
    }

    @Test
    void moments_skewedData_matchBigDecimalTruth() {
        double[] data = data(21, 20_000);
        MomentsAccumulator m = new MomentsAccumulator();
        m.accept(data, 0, data.length);
        // truth: BigDecimal, 256 digits, two passes
        BigDecimal n = BigDecimal.valueOf(data.length);
        BigDecimal sum = BigDecimal.ZERO;
        for (double y : data) {
            sum = sum.add(new BigDecimal(y), MC);
        }
        BigDecimal mean = sum.divide(n, MC);
        BigDecimal[] mk = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (double y : data) {
            BigDecimal d = new BigDecimal(y).subtract(mean, MC);
            BigDecimal d2 = d.multiply(d, MC);
            mk[0] = mk[0].add(d2, MC);
            mk[1] = mk[1].add(d2.multiply(d, MC), MC);
            mk[2] = mk[2].add(d2.multiply(d2, MC), MC);
        }
        assertEquals(mean.doubleValue(), m.mean(), ONE_PASS_TOL * Math.abs(mean.doubleValue()));
        for (int k = 2; k <= 4; k++) {
            double truth = mk[k - 2].doubleValue();
            assertEquals(truth, m.centralMomentSum(k), ONE_PASS_TOL * Math.abs(truth), "M" + k);
        }
        double nn = data.length;
        double m2 = mk[0].doubleValue();
        double g1 = nn * Math.sqrt(nn - 1) / (nn - 2) * mk[1].doubleValue() / Math.pow(m2, 1.5);
        assertEquals(g1, m.skewness(), ONE_PASS_TOL * Math.abs(g1));
    }

    @Test
    void moments_knownSample_matchHandValues() {
        MomentsAccumulator m = MomentsAccumulator.of(2, 4, 4, 4, 5, 5, 7, 9);
        assertEquals(5.0, m.mean(), 0.0);
        assertEquals(32.0 / 7.0, m.variance(), 1e-15); // sum of squared deviations 32, n - 1 = 7
        assertEquals(2.0, m.min(), 0.0);
        assertEquals(9.0, m.max(), 0.0);
        // M3 = sum d^3 = -27 - 1 - 1 - 1 + 0 + 0 + 8 + 64 = 42
        assertEquals(42.0, m.centralMomentSum(3), 1e-12);
    }

    @Test
    void variance_singleValue_isNaN() {
        MomentsAccumulator m = MomentsAccumulator.of(3.0);
        assertEquals(3.0, m.mean(), 0.0);
        assertTrue(Double.isNaN(m.variance()));
        assertTrue(Double.isNaN(m.meanInterval(0.95).low()));
    }

    @Test
    void state_arrayRoundTrip_isExact() {
        MomentsAccumulator m = MomentsAccumulator.of(data(22, 100));
        MomentsAccumulator back = MomentsAccumulator.fromArray(m.toArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(results(m), results(back), 0.0);
    }

    @Test
    void meanInterval_normalData_widthIsTwoZSdOverRootN() {
        double[] data = data(23, 10_000);
        MomentsAccumulator m = MomentsAccumulator.of(data);
        ConfidenceInterval ci = m.meanInterval(0.95);
        assertEquals(2 * 1.959963984540054 * m.std() / 100.0, ci.width(), 1e-12);
        assertEquals(m.mean(), ci.estimate(), 0.0);
    }

    @Test
    void meanInterval_replicates_tIntervalAroundPooledMean() {
        List<MomentsAccumulator> reps = new ArrayList<>();
        double[] means = new double[4];
        for (int r = 0; r < 4; r++) {
            reps.add(MomentsAccumulator.of(data(30 + r, 50)));
            means[r] = reps.get(r).mean();
        }
        ConfidenceInterval ci = MomentsAccumulator.meanInterval(reps, 0.95);
        MomentsAccumulator pooled = Mergeable.foldInOrder(reps);
        assertEquals(pooled.mean(), ci.estimate(), 0.0);
        double sd = MomentsAccumulator.of(means).std();
        // t_{3, 0.975} = 3.182446305284263 (R 4.x: qt(0.975, 3))
        assertEquals(3.182446305284263 * sd / 2.0, 0.5 * ci.width(), 1e-12);
    }
}
