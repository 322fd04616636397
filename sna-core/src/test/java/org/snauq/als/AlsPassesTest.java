package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * The distributed trainer's half in the core: rows passed one by one through {@link CoordinatePass} and
 * {@link ResidualPass}, in blocks that combine ({@link RowSplitPasses}, what Spark's treeAggregate does), give the
 * same sums as the in-memory passes and, run through {@link AlsRegression#fit(AlsPasses, List, AlsConfig,
 * SnaModel, Clock)}, the same model as the in-memory fit.
 */
class AlsPassesTest {

    /**
     * Sums over 1,600 rows in another order: each of the N terms rounds at 2^-53 of its size, so entries agree to
     * about N eps relative to the largest entry (1.6e3 * 1.1e-16 = 1.8e-13); 1e-12 leaves room.
     */
    private static final double SUM_ORDER_TOL = 1e-12;

    /**
     * The bar for "the same model up to summation order": a fit that converges to its least-squares
     * solution amplifies the rounding of the sums by the conditioning of the normal equations, far below 1e-9.
     */
    private static final double SAME_MODEL_TOL = 1e-9;

    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-05-06T07:08:09.123Z"), ZoneOffset.UTC);

    private static final int ROWS = 2000;
    private static final int DIM = 3;

    /** exp(-x1) sin(2 x2) (1 + x3) + x1 x2^2 x3 on [0, 1]^3: separation rank 2, not in any spline space. */
    private static double target(double[] x, int off) {
        return Math.exp(-x[off]) * Math.sin(2 * x[off + 1]) * (1 + x[off + 2])
                + x[off] * x[off + 1] * x[off + 1] * x[off + 2];
    }

    private static TrainingData data(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[ROWS * DIM];
        double[] y = new double[ROWS];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        for (int j = 0; j < ROWS; j++) {
            y[j] = target(x, j * DIM);
        }
        return TrainingData.of(List.of("x1", "x2", "x3"), x, y, new double[] {0, 0, 0}, new double[] {1, 1, 1});
    }

    @Test
    void fit_rowBlocksCombined_sameModelAsInMemory() {
        TrainingData data = data(3);
        AlsConfig config = AlsConfig.defaults().withKnots(8).withMaxRank(4);
        AlsFit local = AlsRegression.fit(data, config, FIXED);
        List<BSplineBasis> bases = new ArrayList<>();
        for (int d = 0; d < DIM; d++) {
            bases.add(local.model().basis(d));
        }
        int[][] split = ValidationSplit.of(config).split(data.rows());

        AlsFit distributed = AlsRegression.fit(new RowSplitPasses(bases, data.x(), data.y(), split, 4),
                data.names(), config, null, FIXED);

        SnaModel a = local.model();
        SnaModel b = distributed.model();
        assertEquals(a.rank(), b.rank(), () -> local.report().format() + "\n" + distributed.report().format());
        assertClose(a.lambda(), b.lambda(), "lambda");
        for (int d = 0; d < DIM; d++) {
            assertClose(a.factor(d), b.factor(d), "factor " + d);
        }
        assertEquals(local.report().validationError(), distributed.report().validationError(),
                SAME_MODEL_TOL * local.report().validationError());
        assertEquals(local.report().steps().size(), distributed.report().steps().size());
        assertEquals(local.report().totalSweeps(), distributed.report().totalSweeps());
        assertEquals(split[0].length, distributed.model().provenance().get("trainingRows"));
    }

    @Test
    void normalEquations_rowPassesInBlocks_equalLocalPasses() {
        TrainingData data = data(4);
        List<BSplineBasis> bases = List.of(BSplineBasis.clampedUniform(3, 7, 0, 1),
                BSplineBasis.clampedUniform(3, 9, 0, 1), BSplineBasis.clampedUniform(3, 5, 0, 1));
        int[][] split = new ValidationSplit(0.2, 7).split(data.rows());
        SplittableRandom rng = new SplittableRandom(5);
        CpFactors terms = random(bases, 3, rng);
        CpFactors offset = random(bases, 2, rng);
        LocalPasses local = new LocalPasses(bases, data.x(), data.y(), split);
        RowSplitPasses blocks = new RowSplitPasses(bases, data.x(), data.y(), split, 5);

        for (int d = 0; d < DIM; d++) {
            NormalEquationsAccumulator a = local.normalEquations(d, terms, offset);
            NormalEquationsAccumulator b = blocks.normalEquations(d, terms, offset);
            assertEquals(split[0].length, b.count());
            assertClose(a.gram(), b.gram(), SUM_ORDER_TOL, "gram of coordinate " + d);
            assertClose(a.rightHandSide(), b.rightHandSide(), SUM_ORDER_TOL, "right-hand side of coordinate " + d);
        }
        ResidualAccumulator a = local.validationResiduals(terms, offset);
        ResidualAccumulator b = blocks.validationResiduals(terms, offset);
        assertEquals(a.count(), b.count());
        assertEquals(a.sse(), b.sse(), SUM_ORDER_TOL * a.sse());
        assertEquals(a.q2(), b.q2(), SUM_ORDER_TOL);
    }

    @Test
    void normalEquations_againstDenseDesignMatrix_sameSums() {
        // independent reference: A built column by column from BSplineBasis.evaluate and the factor values
        TrainingData data = data(6);
        List<BSplineBasis> bases = List.of(BSplineBasis.clampedUniform(2, 6, 0, 1),
                BSplineBasis.clampedUniform(3, 5, 0, 1), BSplineBasis.clampedUniform(1, 4, 0, 1));
        int[][] split = new ValidationSplit(0.5, 8).split(200);
        CpFactors terms = random(bases, 2, new SplittableRandom(9));
        int d = 1;
        NormalEquationsAccumulator sums = new LocalPasses(bases, data.x(), data.y(), split)
                .normalEquations(d, terms, null);
        int n = bases.get(d).count();
        int rank = 2;
        int size = n * rank;
        double[] g = new double[size * size];
        double[] rhs = new double[size];
        for (int j : split[0]) {
            double[] row = new double[size];
            double u = 0;
            double[] c = new double[rank];
            for (int r = 0; r < rank; r++) {
                c[r] = 1;
                for (int e = 0; e < DIM; e++) {
                    if (e != d) {
                        c[r] *= DenseAtoms.factor(bases.get(e), terms.factor(e), rank, r, data.x()[j * DIM + e]);
                    }
                }
                u += terms.lambda()[r] * c[r] * DenseAtoms.factor(bases.get(d), terms.factor(d), rank, r, data.x()[j * DIM + d]);
            }
            for (int i = 0; i < n; i++) {
                double bi = DenseAtoms.at(bases.get(d), data.x()[j * DIM + d])[i];
                for (int r = 0; r < rank; r++) {
                    row[i * rank + r] = bi * c[r];
                }
            }
            for (int p = 0; p < size; p++) {
                rhs[p] += row[p] * (data.y()[j] - u);
                for (int q = 0; q < size; q++) {
                    g[p * size + q] += row[p] * row[q];
                }
            }
        }
        int band = sums.band();
        double[] packed = sums.gram();
        double scale = 0;
        for (double v : g) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int p = 0; p < size; p++) {
            for (int q = p; q < size; q++) {
                double expected = g[p * size + q];
                double got = q - p < band ? packed[p * band + q - p] : 0.0;
                assertEquals(expected, got, SUM_ORDER_TOL * scale, "G[" + p + "][" + q + "]");
            }
        }
        assertClose(rhs, sums.rightHandSide(), SUM_ORDER_TOL, "A^T r");
    }

    @Test
    void combine_otherShape_namesBoth() {
        NormalEquationsAccumulator a = new NormalEquationsAccumulator(8, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.combine(new NormalEquationsAccumulator(10, 4)));
        assertEquals("normal equations must have the same shape to combine, got 8 x 4 and 10 x 4", e.getMessage());
    }

    @Test
    void coordinatePass_factorsOfOtherShape_nameTheCoordinate() {
        List<BSplineBasis> bases = List.of(BSplineBasis.clampedUniform(3, 6, 0, 1),
                BSplineBasis.clampedUniform(3, 6, 0, 1));
        CpFactors wrong = CpFactors.rankOne(new int[] {6, 7}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinatePass.of(bases, 0, wrong, null));
        assertEquals("terms must have 6 atoms in coordinate 1, got 7", e.getMessage());
    }

    private static CpFactors random(List<BSplineBasis> bases, int rank, SplittableRandom rng) {
        double[][] w = new double[bases.size()][];
        double[] lambda = new double[rank];
        for (int r = 0; r < rank; r++) {
            lambda[r] = 1 + rng.nextDouble();
        }
        for (int e = 0; e < w.length; e++) {
            w[e] = new double[bases.get(e).count() * rank];
            for (int q = 0; q < w[e].length; q++) {
                w[e][q] = rng.nextDouble(-1, 1);
            }
        }
        return CpFactors.of(lambda, w);
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertClose(expected, actual, SAME_MODEL_TOL, what);
    }

    /** |a_i - b_i| &lt;= tol max_i |a_i| for every i. */
    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            int at = i;
            assertTrue(Math.abs(e - a) <= tol * scale, () -> what + "[" + at + "]: " + e + " vs " + a);
        }
    }
}
