package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;

class CoordinateAtomsTest {

    private static final int ROWS = 4000;

    /** One-column data with the given values and domain; every row is a training row. */
    private static TrainingData column(double[] values, double lower, double upper) {
        double[] y = new double[values.length];
        for (int j = 0; j < y.length; j++) {
            y[j] = j % 7; // any non-constant response
        }
        return TrainingData.of(List.of("z"), values, y, new double[] {lower}, new double[] {upper});
    }

    private static int[] all(int n) {
        int[] ids = new int[n];
        for (int j = 0; j < n; j++) {
            ids[j] = j;
        }
        return ids;
    }

    @Test
    void place_lognormalValues_spansHoldEqualRowsAndEndsReachTheDomain() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] z = new double[ROWS];
        for (int j = 0; j < ROWS; j++) {
            z[j] = Math.exp(rng.nextGaussian());
        }
        int spans = 8;
        BSplineBasis basis = CoordinateAtoms.place(column(z, 0.0, 500.0), all(ROWS), 0, 3, spans + 3);

        assertFalse(basis.knots().isUniform());
        double[] b = basis.knots().breakpoints();
        assertEquals(spans + 1, b.length);
        assertEquals(0.0, b[0]);
        assertEquals(500.0, b[spans]);
        for (int k = 0; k < spans; k++) {
            int inside = 0;
            for (double v : z) {
                if (v >= b[k] && v < b[k + 1]) {
                    inside++;
                }
            }
            // quantile breakpoints interpolate between order statistics: each span holds N / spans rows, +-1
            assertEquals(ROWS / spans, inside, 1, "rows in span " + k);
        }
    }

    @Test
    void place_uniformValues_uniformAtomsOverTheDomain() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] z = new double[ROWS];
        for (int j = 0; j < ROWS; j++) {
            z[j] = -2 + 4 * rng.nextDouble();
        }
        BSplineBasis basis = CoordinateAtoms.place(column(z, -2.0, 2.0), all(ROWS), 0, 3, 20);

        assertTrue(basis.knots().isUniform());
        assertEquals(-2.0, basis.lower());
        assertEquals(2.0, basis.upper());
        assertEquals(20, basis.count());
    }

    @Test
    void place_tiedSkewedValues_increasingBreakpoints() {
        double[] z = new double[ROWS];
        for (int j = 0; j < ROWS; j++) {
            z[j] = j < ROWS * 0.9 ? 0.0 : (j % 3) + 1; // 90% of the rows at 0: quantiles tie
        }
        BSplineBasis basis = CoordinateAtoms.place(column(z, 0.0, 3.0), all(ROWS), 0, 2, 8);

        double[] b = basis.knots().breakpoints();
        for (int k = 1; k < b.length; k++) {
            assertTrue(b[k] > b[k - 1], "breakpoints increase at " + k);
        }
        assertEquals(8, basis.count());
    }

    @Test
    void evenlySpread_ksTest_acceptsUniformRejectsNormal() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] uniform = new double[ROWS];
        double[] normal = new double[ROWS];
        for (int j = 0; j < ROWS; j++) {
            uniform[j] = rng.nextDouble();
            normal[j] = rng.nextGaussian();
        }
        java.util.Arrays.sort(uniform);
        java.util.Arrays.sort(normal);
        assertTrue(CoordinateAtoms.evenlySpread(uniform));
        assertFalse(CoordinateAtoms.evenlySpread(normal));
    }

    @Test
    void quantileRanks_elevenValuesFourSpans_neighboursOfEachQuantilePosition() {
        // positions k / 4 * 10 = 2.5, 5, 7.5: ranks 2 and 3, 5 and 6, 7 and 8
        assertEquals(List.of(2L, 3L, 5L, 6L, 7L, 8L),
                java.util.Arrays.stream(CoordinateAtoms.quantileRanks(11, 4)).boxed().toList());
    }

    @Test
    void place_fromOrderStatisticsOnly_sameAtomsAsFromTheRows() {
        // the distributed form reads only the statistics it asks for, and places the in-memory fit's atoms
        SplittableRandom rng = new SplittableRandom(3);
        int n = 500;
        double[] x = new double[n * 2];
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            double u = rng.nextDouble();
            x[2 * j] = u * u * u; // skewed: quantile atoms
            x[2 * j + 1] = rng.nextDouble();
            y[j] = j;
        }
        TrainingData data = TrainingData.of(List.of("a", "b"), x, y);
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();
        double[] sorted = new double[n];
        for (int j = 0; j < n; j++) {
            sorted[j] = x[2 * j];
        }
        java.util.Arrays.sort(sorted);
        java.util.Set<Long> wanted = new java.util.HashSet<>();
        for (long i : CoordinateAtoms.quantileRanks(n, 7 - 3)) {
            wanted.add(i);
        }
        double ks = 0;
        for (int i = 0; i < n; i++) {
            ks = Math.max(ks, CoordinateAtoms.uniformityTerm(sorted[i], i, n, sorted[0], sorted[n - 1] - sorted[0]));
        }
        BSplineBasis distributed = CoordinateAtoms.place(data.lower()[0], data.upper()[0], 3, 7, n, ks, i -> {
            assertTrue(wanted.contains(i), "rank " + i + " was not announced");
            return sorted[(int) i];
        });
        BSplineBasis inMemory = CoordinateAtoms.place(data, rows, 0, 3, 7);
        assertFalse(inMemory.knots().isUniform());
        assertEquals(inMemory, distributed);
    }

    @Test
    void basisForm_serializedAndRebuilt_equalAtoms() throws Exception {
        BSplineBasis uniform = BSplineBasis.clampedUniform(3, 9, -1.5, 2.25);
        BSplineBasis graded = new BSplineBasis(org.snauq.basis.KnotVector.clamped(2, new double[] {0, 0.1, 0.35, 1}));
        for (BSplineBasis b : List.of(uniform, graded)) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(BasisForm.of(b));
            }
            Object back;
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                back = in.readObject();
            }
            BSplineBasis rebuilt = ((BasisForm) back).basis();
            assertEquals(b, rebuilt);
            assertEquals(b.knots().isUniform(), rebuilt.knots().isUniform());
        }
    }
}
