package org.snauq.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;

/**
 * The batch kernel's per-span Taylor tables against the direct Cox-de Boor formula ({@link SnaModelTest#naive}) on
 * the cases a table lookup can get wrong: graded knots, every degree 1..5, points on breakpoints and domain ends,
 * clamping, NaN.
 */
class SnaModelEvaluateTest {

    /** Sums of D R (p+1) products of O(1) terms; Horner in |t| &lt;= 1/2 adds a few ulps per term. */
    private static final double SUM_TOL = 1e-12;

    private static SnaModel mixedModel(int rank) {
        List<BSplineBasis> bases = new ArrayList<>();
        double[][] breakpoints = {{0, 0.1, 0.15, 0.5, 0.9, 1.0}, {-2, -1.5, 0, 3}};
        int[] degrees = {1, 2, 3, 4, 5, 3};
        for (int d = 0; d < degrees.length; d++) {
            bases.add(d < 2
                    ? new BSplineBasis(KnotVector.clamped(degrees[d], breakpoints[d]))
                    : BSplineBasis.clampedUniform(degrees[d], 6 + d, -1.0, 1.0 + d));
        }
        return SnaModelTest.randomModel(bases, rank, 41);
    }

    @Test
    void evaluate_gradedKnotsAndEveryDegree_equalsDirectFormula() {
        SnaModel m = mixedModel(3);
        int dim = m.dimension();
        SplittableRandom rng = new SplittableRandom(42);
        List<double[]> pts = new ArrayList<>();
        for (int j = 0; j < 200; j++) {
            double[] z = new double[dim];
            for (int d = 0; d < dim; d++) {
                double[] bp = m.basis(d).knots().breakpoints();
                // a third of the coordinates sit exactly on a breakpoint (including both ends)
                z[d] = rng.nextInt(3) == 0 ? bp[rng.nextInt(bp.length)] : rng.nextDouble(m.lower(d), m.upper(d));
            }
            pts.add(z);
        }
        checkAgainstDirect(m, pts);
    }

    @Test
    void evaluate_cubicUniformOnBreakpoints_equalsDirectFormula() {
        SnaModel m = SnaModelTest.randomModel(4, 5, 11, 9);
        List<double[]> pts = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(43);
        for (int j = 0; j < 200; j++) {
            double[] z = new double[4];
            for (int d = 0; d < 4; d++) {
                double[] bp = m.basis(d).knots().breakpoints();
                z[d] = rng.nextBoolean() ? bp[rng.nextInt(bp.length)] : rng.nextDouble(m.lower(d), m.upper(d));
            }
            pts.add(z);
        }
        checkAgainstDirect(m, pts);
    }

    private static void checkAgainstDirect(SnaModel m, List<double[]> pts) {
        int dim = m.dimension();
        double[] flat = new double[pts.size() * dim];
        for (int j = 0; j < pts.size(); j++) {
            System.arraycopy(pts.get(j), 0, flat, j * dim, dim);
        }
        double[] out = new double[pts.size()];
        m.evaluate(flat, pts.size(), out, m.newWorkspace());
        for (int j = 0; j < pts.size(); j++) {
            double expected = SnaModelTest.naive(m, pts.get(j));
            assertEquals(expected, out[j], SUM_TOL * Math.max(1, Math.abs(expected)), "point " + j);
        }
    }

    @Test
    void evaluate_outsideDomainOrNaN_clampsOrPropagatesNaN() {
        SnaModel m = mixedModel(2);
        int dim = m.dimension();
        double[] inside = new double[dim];
        double[] outside = new double[dim];
        double[] nan = new double[dim];
        for (int d = 0; d < dim; d++) {
            inside[d] = d % 2 == 0 ? m.lower(d) : m.upper(d);
            outside[d] = d % 2 == 0 ? m.lower(d) - 5 : Double.POSITIVE_INFINITY;
            nan[d] = inside[d];
        }
        nan[dim - 1] = Double.NaN;
        double[] pts = new double[3 * dim];
        System.arraycopy(inside, 0, pts, 0, dim);
        System.arraycopy(outside, 0, pts, dim, dim);
        System.arraycopy(nan, 0, pts, 2 * dim, dim);
        double[] out = new double[3];
        m.evaluate(pts, 3, out, m.newWorkspace());
        assertEquals(out[0], out[1], 0.0);
        assertTrue(Double.isNaN(out[2]));
    }

    @Test
    void evaluate_workspaceOfAnotherModel_rejected() {
        SnaModel a = SnaModelTest.randomModel(2, 2, 5, 1);
        SnaModel b = SnaModelTest.randomModel(2, 2, 5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.evaluate(new double[2], 1, new double[1], b.newWorkspace()));
        assertTrue(e.getMessage().contains("another model"));
    }
}
