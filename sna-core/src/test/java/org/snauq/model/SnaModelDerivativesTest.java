package org.snauq.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;

class SnaModelDerivativesTest {

    /** Central-difference step along a direction, for factors of order one on domains of width about 3 to 8. */
    private static final double STEP = 1e-5;

    /**
     * Central differences err by h^2 |f'''| / 6 (about 1e-10 here) plus rounding eps |f| / h (about 1e-10): 1e-7
     * relative to the larger of 1 and the value leaves a wide margin and still catches any wrong term.
     */
    private static final double FD_TOL = 1e-7;

    /** Exact identities in floating point: sums of a few hundred products of order one. */
    private static final double SUM_TOL = 1e-12;

    /** A random model whose coordinates have the given degrees (uniform knots, factors in [-1, 1]). */
    static SnaModel model(int[] degrees, int rank, int atoms, long seed) {
        List<BSplineBasis> bases = new ArrayList<>();
        for (int d = 0; d < degrees.length; d++) {
            bases.add(BSplineBasis.clampedUniform(degrees[d], atoms, -1 - d, 2 + d));
        }
        return SnaModelTest.randomModel(bases, rank, seed);
    }

    /** A point 100 steps or more from every knot: differences never straddle a jump of a degree-2 second derivative. */
    static double[] pointAwayFromKnots(SnaModel m, SplittableRandom rng) {
        double[] z = new double[m.dimension()];
        for (int d = 0; d < z.length; d++) {
            double[] knots = m.basis(d).knots().knots();
            boolean near;
            do {
                z[d] = rng.nextDouble(m.lower(d) + 0.01, m.upper(d) - 0.01);
                near = false;
                for (double t : knots) {
                    near |= Math.abs(z[d] - t) < 100 * STEP;
                }
            } while (near);
        }
        return z;
    }

    static double[] randomDirection(int dim, SplittableRandom rng) {
        double[] v = new double[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = rng.nextDouble(-1, 1);
        }
        return v;
    }

    private static double[] shifted(double[] z, double[] v, double h) {
        double[] s = z.clone();
        for (int d = 0; d < s.length; d++) {
            s[d] += h * v[d];
        }
        return s;
    }

    @Test
    void hessianVector_cubicQuinticAndQuadratic_matchesCentralDifferencesOfTheGradient() {
        int[][] degreeSets = {{3, 3, 3, 3}, {5, 2, 3}, {2, 2}, {1, 3, 4}};
        SplittableRandom rng = new SplittableRandom(31);
        for (int[] degrees : degreeSets) {
            SnaModel m = model(degrees, 3, 9, 7 + degrees.length);
            int dim = m.dimension();
            for (int trial = 0; trial < 20; trial++) {
                double[] z = pointAwayFromKnots(m, rng);
                double[] v = randomDirection(dim, rng);
                double[] hv = new double[dim];
                double u = m.hessianVector(z, v, hv);
                assertEquals(m.value(z), u, SUM_TOL * Math.max(1, Math.abs(u)));
                double[] gp = new double[dim];
                double[] gm = new double[dim];
                m.gradient(shifted(z, v, STEP), gp);
                m.gradient(shifted(z, v, -STEP), gm);
                for (int d = 0; d < dim; d++) {
                    double fd = (gp[d] - gm[d]) / (2 * STEP);
                    assertEquals(fd, hv[d], FD_TOL * Math.max(1, Math.abs(fd)),
                            "degrees " + java.util.Arrays.toString(degrees) + ", (Hv)_" + d);
                }
            }
        }
    }

    @Test
    void hessianVector_unitVectors_symmetricHessianWithSecondDifferencesOnTheDiagonal() {
        SnaModel m = model(new int[] {3, 4, 3}, 4, 8, 3);
        SplittableRandom rng = new SplittableRandom(5);
        double[] z = pointAwayFromKnots(m, rng);
        int dim = m.dimension();
        double[][] h = new double[dim][dim];
        for (int e = 0; e < dim; e++) {
            double[] unit = new double[dim];
            unit[e] = 1;
            m.hessianVector(z, unit, h[e]);
        }
        for (int d = 0; d < dim; d++) {
            for (int e = 0; e < d; e++) {
                assertEquals(h[d][e], h[e][d], SUM_TOL * Math.max(1, Math.abs(h[d][e])), "H symmetric");
            }
            double[] unit = new double[dim];
            unit[d] = 1;
            double second = (m.value(shifted(z, unit, 1e-4)) - 2 * m.value(z) + m.value(shifted(z, unit, -1e-4)))
                    / 1e-8;
            // second differences: h^2 |u''''| / 12 truncation, 4 eps |u| / h^2 = 1e-8 rounding
            assertEquals(second, h[d][d], 1e-5 * Math.max(1, Math.abs(second)), "d2u/dz" + d + "^2");
        }
    }

    @Test
    void hessianVector_vanishingFactor_noDivisionByZero() {
        // one coordinate's factor is zero at z in every term: the value is 0 but mixed derivatives are not
        SnaModel base = model(new int[] {3, 3}, 1, 5, 2);
        double[][] w = {base.factor(0), new double[] {-2, -1, 0, 1, 2}}; // linear in z1 through 0 at z1 = 0.5
        SnaModel m = SnaModel.of(base.names(), List.of(base.basis(0), base.basis(1)), base.lambda(), w, "y");
        double[] z = {0.3, 0.5};
        double[] hv = new double[2];
        assertEquals(0.0, m.hessianVector(z, new double[] {0, 1}, hv), SUM_TOL);
        double[] gp = new double[2];
        double[] gm = new double[2];
        m.gradient(new double[] {0.3, 0.5 + STEP}, gp);
        m.gradient(new double[] {0.3, 0.5 - STEP}, gm);
        assertEquals((gp[0] - gm[0]) / (2 * STEP), hv[0], FD_TOL);
        assertEquals((gp[1] - gm[1]) / (2 * STEP), hv[1], FD_TOL);
    }

    @Test
    void hessianVector_badArguments_refused() {
        SnaModel m = model(new int[] {3, 3}, 2, 5, 1);
        assertEquals("vector must have 2 entries, got 3", assertThrows(IllegalArgumentException.class,
                () -> m.hessianVector(new double[] {0, 0}, new double[3], new double[2])).getMessage());
        assertEquals("z1 = 9.0 is outside the model's domain [-2.0, 3.0]", assertThrows(IllegalArgumentException.class,
                () -> m.hessianVector(new double[] {0, 9}, new double[2], new double[2])).getMessage());
    }
}
