package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SobolAccumulatorTest extends AccumulatorContractTest<SobolAccumulator> {

    private static final int DIM = 3;

    /**
     * Merged one-pass sums versus a two-pass evaluation of the same formulas: rounding of O(n) Welford updates
     * and of the shift conversions, relative to V; 1e-10 leaves a wide margin over sqrt(n) eps.
     */
    private static final double FORMULA_TOL = 1e-10;

    /** Monte Carlo check: 4 standard errors (the estimator's own delta-method error). */
    private static final double SIGMAS = 4.0;

    /** The test function: non-additive, with mean far from 0 to exercise the shift. */
    static double f(double[] x, int off) {
        return 1000.0 + x[off] + 2.0 * x[off + 1] * x[off + 1] + 3.0 * x[off] * x[off + 2];
    }

    @Override
    SobolAccumulator create() {
        return new SobolAccumulator(DIM);
    }

    @Override
    int width() {
        return 2 + DIM;
    }

    /** A pick-freeze row (f(A), f(B), f(A_B^j)) for uniform A, B in [0, 1)^3. */
    @Override
    void sample(SplittableRandom rng, double[] out, int off) {
        double[] ab = new double[2 * DIM];
        for (int i = 0; i < ab.length; i++) {
            ab[i] = rng.nextDouble();
        }
        out[off] = f(ab, 0);
        out[off + 1] = f(ab, DIM);
        double[] mixed = new double[DIM];
        for (int j = 0; j < DIM; j++) {
            System.arraycopy(ab, 0, mixed, 0, DIM);
            mixed[j] = ab[DIM + j];
            out[off + 2 + j] = f(mixed, 0);
        }
    }

    @Override
    void accept(SobolAccumulator acc, double[] data, int off) {
        acc.accept(data[off], data[off + 1], java.util.Arrays.copyOfRange(data, off + 2, off + 2 + DIM));
    }

    @Override
    double[] results(SobolAccumulator acc) {
        SobolEstimate e = acc.estimate(0.95);
        double[] r = new double[2 + 4 * DIM];
        r[0] = e.mean();
        r[1] = e.variance();
        for (int j = 0; j < DIM; j++) {
            r[2 + 4 * j] = e.firstOrder().get(j).estimate();
            r[3 + 4 * j] = e.firstOrder().get(j).low();
            r[4 + 4 * j] = e.total().get(j).estimate();
            r[5 + 4 * j] = e.total().get(j).high();
        }
        return r;
    }

    @Override
    void assertEquivalent(SobolAccumulator single, SobolAccumulator combined) {
        assertEquals(single.count(), combined.count());
        assertRelativelyClose(results(single), results(combined), FORMULA_TOL);
    }

    @Test
    void estimate_mergedBlocks_matchTwoPassFormulas() {
        int n = 4000;
        double[] data = data(61, n);
        SobolAccumulator acc = create();
        for (int b = 0; b < n; b += 500) { // each block has its own shift: combine converts them
            acc.combine(fill(data, b, b + 500));
        }
        // two-pass reference, straight from the formulas in the class Javadoc
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += data[k * width()] + data[k * width() + 1];
        }
        double mean = sum / (2 * n);
        double ss = 0;
        for (int k = 0; k < n; k++) {
            double a = data[k * width()] - mean;
            double b = data[k * width() + 1] - mean;
            ss += a * a + b * b;
        }
        double v = ss / (2 * n - 1);
        assertEquals(mean, acc.mean(), FORMULA_TOL * mean);
        assertEquals(v, acc.variance(), FORMULA_TOL * v);
        SobolEstimate est = acc.estimate(0.95);
        double z = Intervals.normalQuantile(0.95);
        for (int j = 0; j < DIM; j++) {
            double[] y = new double[n];
            double[] zz = new double[n];
            double[] psiS = new double[n];
            double[] psiT = new double[n];
            double vj = 0;
            double vtj = 0;
            for (int k = 0; k < n; k++) {
                int o = k * width();
                double d = data[o + 2 + j] - data[o];
                y[k] = (data[o + 1] - mean) * d;
                zz[k] = 0.5 * d * d;
                vj += y[k] / n;
                vtj += zz[k] / n;
            }
            assertEquals(vj / v, est.firstOrder().get(j).estimate(), FORMULA_TOL, "S" + j);
            assertEquals(vtj / v, est.total().get(j).estimate(), FORMULA_TOL, "ST" + j);
            // delta method as an influence function: psi = (y - Vj)/V - Vj/V^2 (q - V), q = centred squares
            double meanD = 0;
            for (int k = 0; k < n; k++) {
                meanD += (data[k * width() + 2 + j] - data[k * width()]) / n;
            }
            for (int k = 0; k < n; k++) {
                int o = k * width();
                double a = data[o] - mean;
                double b = data[o + 1] - mean;
                double q = 0.5 * (a * a + b * b);
                double d = data[o + 2 + j] - data[o];
                double p = 0.5 * (a + b);
                psiS[k] = (y[k] - vj) / v - meanD * p / v - vj / (v * v) * (q - v);
                psiT[k] = (zz[k] - vtj) / v - vtj / (v * v) * (q - v);
            }
            double seS = MomentsAccumulator.of(psiS).std() / Math.sqrt(n);
            double seT = MomentsAccumulator.of(psiT).std() / Math.sqrt(n);
            // the influence form differs from the gradient form only by O(1/n) terms
            assertEquals(z * seS, 0.5 * est.firstOrder().get(j).width(), 0.02 * z * seS, "se S" + j);
            assertEquals(z * seT, 0.5 * est.total().get(j).width(), 0.02 * z * seT, "se ST" + j);
        }
    }

    @Test
    void estimate_linearModel_indicesWithinFourStandardErrors() {
        double[] c = {1.0, 2.0, 3.0};
        double total = 1 + 4 + 9;
        SplittableRandom rng = new SplittableRandom(62);
        SobolAccumulator acc = new SobolAccumulator(3);
        double[] fab = new double[3];
        for (int k = 0; k < 50_000; k++) {
            double[] a = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            double[] b = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            double fa = c[0] * a[0] + c[1] * a[1] + c[2] * a[2];
            double fb = c[0] * b[0] + c[1] * b[1] + c[2] * b[2];
            for (int j = 0; j < 3; j++) {
                fab[j] = fa + c[j] * (b[j] - a[j]);
            }
            acc.accept(fa, fb, fab);
        }
        SobolEstimate e = acc.estimate(0.95);
        for (int j = 0; j < 3; j++) {
            double exact = c[j] * c[j] / total; // additive: S = ST = c_j^2 / sum c^2 (equal input variances)
            ConfidenceInterval s = e.firstOrder().get(j);
            ConfidenceInterval st = e.total().get(j);
            assertEquals(exact, s.estimate(), SIGMAS * s.width() / (2 * 1.96), "S" + j);
            assertEquals(exact, st.estimate(), SIGMAS * st.width() / (2 * 1.96), "ST" + j);
        }
        assertEquals(total / 12.0, e.variance(), 0.02 * total / 12.0); // Var U(0,1) = 1/12
    }

    @Test
    void estimate_constantAdded_sameIndices() {
        double[] data = data(63, 2000);
        SobolAccumulator plain = fill(data, 0, 2000);
        double[] shifted = data.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 1e6;
        }
        SobolAccumulator moved = fill(shifted, 0, 2000);
        for (int j = 0; j < DIM; j++) {
            // rounding of f + 1e6 loses about 1e6 eps per value, relative to sd ~ 1
            assertEquals(plain.firstOrder(j), moved.firstOrder(j), 1e-8);
            assertEquals(plain.total(j), moved.total(j), 1e-8);
        }
    }

    @Test
    void fromReplicates_pooledPointAndTInterval() {
        List<SobolAccumulator> reps = new ArrayList<>();
        double[] s0 = new double[8];
        for (int r = 0; r < 8; r++) {
            reps.add(fill(data(70 + r, 300), 0, 300));
            s0[r] = reps.get(r).firstOrder(0);
        }
        SobolEstimate e = SobolEstimate.fromReplicates(reps, 0.9);
        assertEquals(SobolEstimate.IntervalMethod.REPLICATES, e.intervalMethod());
        assertEquals(Mergeable.foldInOrder(reps).firstOrder(0), e.firstOrder().get(0).estimate(), 0.0);
        double half = Intervals.studentQuantile(7, 0.9) * MomentsAccumulator.of(s0).std() / Math.sqrt(8);
        assertEquals(half, 0.5 * e.firstOrder().get(0).width(), 1e-12);
        assertEquals(2400, e.n());
    }

    @Test
    void combine_otherDimension_throws() {
        assertThrows(IllegalArgumentException.class, () -> new SobolAccumulator(2).combine(new SobolAccumulator(3)));
        assertTrue(Double.isNaN(new SobolAccumulator(2).firstOrder(0)));
    }
}
