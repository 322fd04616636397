package org.snauq.basis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BSplineBasisTest {

    /** Sums of p + 1 terms of size <= 1: a few ULPs of 1. */
    private static final double SUM_TOL = 1e-14;
    /** Central differences with step H have error O(H^2 f''') ~ 1e-10 here, plus roundoff eps/H ~ 1e-10. */
    private static final double H = 1e-5;
    private static final double FD_TOL = 1e-6;

    private static double[] randomPoints(BSplineBasis b, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = b.lower() + (b.upper() - b.lower()) * rng.nextDouble();
        }
        x[0] = b.lower();
        x[1] = b.upper();
        return x;
    }

    private static BSplineBasis[] bases() {
        return new BSplineBasis[] {
            BSplineBasis.clampedUniform(1, 5, 0, 1),
            BSplineBasis.clampedUniform(2, 9, -2, 3),
            BSplineBasis.clampedUniform(3, 12, -Math.PI, Math.PI),
            BSplineBasis.clampedUniform(5, 20, 1, 10),
            new BSplineBasis(KnotVector.clamped(3, new double[] {1, 1.2, 1.5, 2, 3, 5, 10})),
            // high degree: p!/(p-k)! overflowed an int from p = 13 (one span = Bernstein polynomials)
            BSplineBasis.clampedUniform(13, 20, 0, 2),
            BSplineBasis.clampedUniform(15, 16, -1, 1),
        };
    }

    @Test
    void evaluate_anyX_partitionOfUnityAndNonNegative() {
        for (BSplineBasis b : bases()) {
            for (double x : randomPoints(b, 200, 1)) {
                double[] v = b.evaluate(x);
                double sum = 0;
                for (double vi : v) {
                    assertTrue(vi >= 0, "B_i(x) >= 0 at " + x + " for " + b);
                    sum += vi;
                }
                assertEquals(1.0, sum, SUM_TOL, "partition of unity at " + x + " for " + b);
            }
        }
    }

    /**
     * Marsden's identity gives the coefficients that reproduce x^k exactly; instead of using it, fit by
     * interpolation is avoided: we reproduce the monomials through the Greville abscissae (k = 1), and for
     * degree p check a polynomial of degree p by least squares on quadrature points, solved exactly.
     */
    @Test
    void evaluate_linearFunction_reproducedByGrevilleCoefficients() {
        for (BSplineBasis b : bases()) {
            int p = b.degree();
            int n = b.count();
            double[] greville = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 1; k <= p; k++) {
                    s += b.knots().knot(i + k);
                }
                greville[i] = s / p;
            }
            for (double x : randomPoints(b, 100, 2)) {
                int span = b.findSpan(x);
                double[] v = b.evaluate(x);
                double y = 0;
                for (int j = 0; j <= p; j++) {
                    y += v[j] * greville[span - p + j];
                }
                assertEquals(x, y, 1e-12 * Math.max(1, Math.abs(x)), "sum xi_i B_i(x) = x for " + b);
            }
        }
    }

    @Test
    void evaluate_polynomialOfDegreeP_reproducedExactly() {
        // Blossoming (Marsden): x^m = sum_i c_i B_i(x), c_i = symmetric mean of products of m knots
        // among t_{i+1}..t_{i+p}. We test (x - c)^p through its polar form prod_k (t_{i+k} - c).
        for (BSplineBasis b : bases()) {
            int p = b.degree();
            double c = 0.3 * b.lower() + 0.7 * b.upper();
            int n = b.count();
            double[] coef = new double[n];
            for (int i = 0; i < n; i++) {
                double prod = 1;
                for (int k = 1; k <= p; k++) {
                    prod *= b.knots().knot(i + k) - c;
                }
                coef[i] = prod;
            }
            for (double x : randomPoints(b, 100, 3)) {
                int span = b.findSpan(x);
                double[] v = b.evaluate(x);
                double y = 0;
                for (int j = 0; j <= p; j++) {
                    y += v[j] * coef[span - p + j];
                }
                double exact = Math.pow(x - c, p);
                double scale = Math.pow(b.upper() - b.lower(), p);
                assertEquals(exact, y, 1e-12 * scale, "(x-c)^p reproduced for " + b);
            }
        }
    }

    @Test
    void derivatives_anyX_matchCentralDifferences() {
        for (BSplineBasis b : bases()) {
            int p = b.degree();
            double[] ders = new double[3 * (p + 1)];
            double[] scratch = new double[b.derivativeScratchSize()];
            for (double x : randomPoints(b, 100, 4)) {
                int span = b.findSpan(x);
                // stay inside one span so the central difference sees one polynomial piece
                double lo = b.knots().knot(span);
                double hi = b.knots().knot(span + 1);
                if (x - 2 * H < lo || x + 2 * H > hi) {
                    continue;
                }
                b.derivatives(x, span, 2, ders, scratch);
                double[] vm = new double[p + 1];
                double[] v0 = new double[p + 1];
                double[] vp = new double[p + 1];
                double[] s = new double[b.scratchSize()];
                b.evaluate(x - H, span, vm, 0, s);
                b.evaluate(x, span, v0, 0, s);
                b.evaluate(x + H, span, vp, 0, s);
                double scale = Math.pow(b.knots().spanCount() / (b.upper() - b.lower()), 2);
                for (int j = 0; j <= p; j++) {
                    assertEquals(v0[j], ders[j], 1e-15, "value");
                    assertEquals((vp[j] - vm[j]) / (2 * H), ders[p + 1 + j], FD_TOL * Math.sqrt(scale) * 10,
                            "first derivative of " + b);
                    assertEquals((vp[j] - 2 * v0[j] + vm[j]) / (H * H), ders[2 * (p + 1) + j],
                            1e-3 * scale, "second derivative of " + b);
                }
            }
        }
    }

    /**
     * On one span each atom is a polynomial of degree p, so its Taylor series at x0 with all p derivatives is exact:
     * B(x) = sum_k B^(k)(x0) (x - x0)^k / k!. This checks every derivative order, up to p (the batch kernel uses them
     * all). Tolerance: the series sums p + 1 terms of size <= max |B^(k)| h^k / k! ~ (p/h)^k h^k / k!, bounded by e^p,
     * times a few ULPs.
     */
    @Test
    void derivatives_allOrders_taylorSeriesReproducesValues() {
        for (BSplineBasis b : bases()) {
            int p = b.degree();
            double[] ders = new double[(p + 1) * (p + 1)];
            double[] scratch = new double[b.derivativeScratchSize()];
            double[] v = new double[p + 1];
            double[] s = new double[b.scratchSize()];
            double tol = 1e-14 * Math.exp(p);
            for (double x0 : randomPoints(b, 50, 6)) {
                int span = b.findSpan(x0);
                double lo = b.knots().knot(span);
                double hi = b.knots().knot(span + 1);
                b.derivatives(x0, span, p, ders, scratch);
                double x = lo + 0.37 * (hi - lo);
                b.evaluate(x, span, v, 0, s);
                for (int j = 0; j <= p; j++) {
                    double series = 0;
                    double term = 1;
                    for (int k = 0; k <= p; k++) {
                        series += ders[k * (p + 1) + j] * term;
                        term *= (x - x0) / (k + 1);
                    }
                    assertEquals(v[j], series, tol, "Taylor series of B_" + j + " for " + b);
                }
            }
        }
    }

    @Test
    void evaluate_quadraticOnThreeSpans_handValues() {
        // knots 0 0 0 1 2 3 3 3 (scaled to [0,3]); at x = 1.5 (span 3): B_1 = 1/8, B_2 = 3/4, B_3 = 1/8
        BSplineBasis b = BSplineBasis.clampedUniform(2, 5, 0, 3);
        assertEquals(3, b.findSpan(1.5));
        double[] v = b.evaluate(1.5);
        assertEquals(0.125, v[0], 1e-15);
        assertEquals(0.75, v[1], 1e-15);
        assertEquals(0.125, v[2], 1e-15);
        // at x = 0.5 (span 2): B_0 = (1 - x)^2 = 1/4, B_1 = x(1-x) + x(2-x)/2 = 5/8, B_2 = x^2/2 = 1/8
        v = b.evaluate(0.5);
        assertEquals(0.25, v[0], 1e-15);
        assertEquals(0.625, v[1], 1e-15);
        assertEquals(0.125, v[2], 1e-15);
        // cubic clamped end: B_0(a) = 1
        double[] c = BSplineBasis.clampedUniform(3, 8, -1, 1).evaluate(-1);
        assertEquals(1.0, c[0], 0);
    }

    @Test
    void findSpan_uniformAndGraded_agreeWithDefinition() {
        for (BSplineBasis b : bases()) {
            KnotVector k = b.knots();
            for (double x : randomPoints(b, 500, 5)) {
                int s = k.findSpan(x);
                assertTrue(s >= k.degree() && s < k.count());
                assertTrue(k.knot(s) <= x && (x < k.knot(s + 1) || (x == k.upper() && s == k.count() - 1)),
                        "t_s <= x < t_{s+1} for x = " + x);
            }
            for (double x : k.breakpoints()) {
                int s = k.findSpan(x);
                assertTrue(k.knot(s) <= x);
            }
        }
    }

    @Test
    void quadrature_productsOfAtoms_integratedExactly() {
        BSplineBasis b = BSplineBasis.clampedUniform(3, 10, 0, 2);
        SpanQuadrature q = b.quadrature(4);
        double total = 0;
        for (int i = 0; i < q.size(); i++) {
            total += q.weight()[i] * Math.pow(q.x()[i], 7);
        }
        assertEquals(Math.pow(2, 8) / 8, total, 1e-12); // x^7 is exact with 4 points per span
    }

    @Test
    void clampedUniform_badArguments_rejectedWithMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KnotVector.clampedUniform(3, 3, 0, 1));
        assertEquals("knots must be >= degree + 1 = 4, got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KnotVector.clampedUniform(0, 5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> KnotVector.clampedUniform(2, 5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> KnotVector.clamped(2, new double[] {0, 1, 1, 2}));
    }
}
