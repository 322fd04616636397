package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;

/**
 * {@link Prolongation}: onto refined knots, or a polynomial onto a higher degree, the old spline lies in the new
 * space and comes back exactly (knot insertion, degree elevation); onto other atoms the result is the L2 projection, whose error is
 * orthogonal to every new atom.
 */
class ProlongationTest {

    /**
     * Exact in exact arithmetic; in floating point the projection solves a B-spline mass matrix, whose condition
     * number is bounded independently of the knots for a fixed degree (about 1e3 at p = 5), times the rounding
     * of O(n (p + 1)^2) quadrature terms: 1e-12 relative to max |phi|.
     */
    private static final double EXACT_TOL = 1e-12;

    /** Galerkin orthogonality checked with an independent 20-point rule on 400 sub-intervals: 1e-12 of |phi|. */
    private static final double ORTHOGONAL_TOL = 1e-12;

    private static final int RANK = 2;

    @Test
    void project_refinedKnotsSameDegree_reproducesSpline() {
        BSplineBasis coarse = new BSplineBasis(KnotVector.clamped(3, new double[] {0.0, 0.15, 0.4, 0.7, 1.0}));
        BSplineBasis fine = new BSplineBasis(KnotVector.clamped(3,
                new double[] {0.0, 0.05, 0.15, 0.3, 0.4, 0.55, 0.7, 0.9, 1.0}));
        double[] w = random(coarse.count(), new SplittableRandom(1));

        double[] projected = Prolongation.project(coarse, w, RANK, fine);

        assertSameFunction(coarse, w, fine, projected);
    }

    @Test
    void project_polynomialToHigherDegreeSpline_reproducesIt() {
        BSplineBasis coarse = BSplineBasis.clampedUniform(5, 6, -2.0, 3.0); // one span: a quintic polynomial
        BSplineBasis fine = BSplineBasis.clampedUniform(7, 7 + 4, -2.0, 3.0); // degree 7 on 4 spans
        double[] w = random(coarse.count(), new SplittableRandom(2));

        double[] projected = Prolongation.project(coarse, w, RANK, fine);

        assertSameFunction(coarse, w, fine, projected);
    }

    @Test
    void project_otherKnots_errorOrthogonalToEveryNewAtom() {
        BSplineBasis from = BSplineBasis.clampedUniform(3, 11, 0.0, 1.0);
        BSplineBasis to = new BSplineBasis(KnotVector.clamped(2, new double[] {0.0, 0.13, 0.37, 0.61, 1.0}));
        double[] w = random(from.count(), new SplittableRandom(3));

        double[] projected = Prolongation.project(from, w, RANK, to);

        GaussIntegrator rule = new GaussIntegratorFactory().legendre(20);
        int pieces = 400;
        double scale = 0;
        for (int r = 0; r < RANK; r++) {
            double[] inner = new double[to.count()];
            for (int s = 0; s < pieces; s++) {
                double lo = (double) s / pieces;
                double half = 0.5 / pieces;
                for (int g = 0; g < rule.getNumberOfPoints(); g++) {
                    double x = lo + half + half * rule.getPoint(g);
                    double err = value(from, w, r, x) - value(to, projected, r, x);
                    scale = Math.max(scale, Math.abs(value(from, w, r, x)));
                    double[] b = DenseAtoms.at(to, x);
                    for (int k = 0; k < b.length; k++) {
                        inner[k] += half * rule.getWeight(g) * err * b[k];
                    }
                }
            }
            for (int k = 0; k < inner.length; k++) {
                assertEquals(0.0, inner[k], ORTHOGONAL_TOL * scale, "integral (phi - P phi) B_" + k + ", term " + r);
            }
        }
    }

    @Test
    void of_factors_keepTheModelValues() {
        BSplineBasis[] from = {BSplineBasis.clampedUniform(3, 5, 0, 1), BSplineBasis.clampedUniform(3, 4, 0, 1)};
        BSplineBasis[] to = {BSplineBasis.clampedUniform(3, 3 + 4, 0, 1), BSplineBasis.clampedUniform(3, 3 + 2, 0, 1)};
        SplittableRandom rng = new SplittableRandom(4);
        CpFactors f = CpFactors.of(new double[] {2.0, -0.5},
                new double[][] {random(from[0].count(), rng), random(from[1].count(), rng)});

        CpFactors g = Prolongation.of(f, from, to);

        for (int k = 0; k < 200; k++) {
            double x0 = rng.nextDouble();
            double x1 = rng.nextDouble();
            double a = 0;
            double b = 0;
            for (int r = 0; r < RANK; r++) {
                a += f.lambda()[r] * value(from[0], f.factor(0), r, x0) * value(from[1], f.factor(1), r, x1);
                b += g.lambda()[r] * value(to[0], g.factor(0), r, x0) * value(to[1], g.factor(1), r, x1);
            }
            assertEquals(a, b, EXACT_TOL * 10, "model value at (" + x0 + ", " + x1 + ")");
        }
    }

    private static void assertSameFunction(BSplineBasis from, double[] w, BSplineBasis to, double[] projected) {
        SplittableRandom rng = new SplittableRandom(9);
        double scale = 0;
        for (int i = 0; i < w.length; i++) {
            scale = Math.max(scale, Math.abs(w[i])); // max |phi| <= max |coefficient| (partition of unity)
        }
        for (int k = 0; k < 500; k++) {
            double x = rng.nextDouble(from.lower(), from.upper());
            for (int r = 0; r < RANK; r++) {
                double expected = value(from, w, r, x);
                double got = value(to, projected, r, x);
                int term = r;
                assertTrue(Math.abs(expected - got) <= EXACT_TOL * scale,
                        () -> "term " + term + " at " + x + ": " + expected + " vs " + got);
            }
        }
    }

    private static double[] random(int n, SplittableRandom rng) {
        double[] w = new double[n * RANK];
        for (int q = 0; q < w.length; q++) {
            w[q] = rng.nextDouble(-1, 1);
        }
        return w;
    }

    private static double value(BSplineBasis basis, double[] w, int r, double x) {
        return DenseAtoms.factor(basis, w, RANK, r, x);
    }
}
