package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;

/**
 * The roughness matrix K[i,i'] = integral B_i'' B_i'' against polynomials written in the B-spline basis through
 * their polar forms (blossoms): a degree-p spline with coefficients c_i = blossom(t_{i+1}, .., t_{i+p}) equals the
 * polynomial, so c^T K c = integral (f'')^2 exactly.
 */
class NormalEquationsTest {

    /** Entries are sums of O(n) quadrature terms of size up to h^-3; ULP-level relative tolerance. */
    private static final double TOL = 1e-10;

    private static final double LO = 0.5;
    private static final double HI = 2.0;

    @Test
    void roughnessMatrix_polynomials_integralOfSquaredSecondDerivative() {
        BSplineBasis basis = BSplineBasis.clampedUniform(3, 10, LO, HI);
        KnotVector t = basis.knots();
        int n = basis.count();
        int p = basis.degree();
        double[] k = NormalEquations.roughnessMatrix(basis);
        double[] ones = new double[n];
        double[] greville = new double[n]; // coefficients of f(z) = z
        double[] square = new double[n];   // coefficients of f(z) = z^2
        for (int i = 0; i < n; i++) {
            ones[i] = 1.0;
            double sum = 0.0;
            double pairs = 0.0;
            for (int a = 1; a <= p; a++) {
                sum += t.knot(i + a);
                for (int b = a + 1; b <= p; b++) {
                    pairs += t.knot(i + a) * t.knot(i + b);
                }
            }
            greville[i] = sum / p;
            square[i] = pairs / (p * (p - 1) / 2.0);
        }
        double scale = 4.0 * (HI - LO);
        for (int i = 0; i < n; i++) {
            assertEquals(0.0, dot(k, i, ones, n), TOL * scale, "K 1 = 0 (constants have no curvature)");
            assertEquals(0.0, dot(k, i, greville, n), TOL * scale, "K xi = 0 (lines have no curvature)");
            for (int j = 0; j < n; j++) {
                assertEquals(k[i * n + j], k[j * n + i], 0.0, "symmetric");
            }
        }
        double energy = 0.0;
        for (int i = 0; i < n; i++) {
            energy += square[i] * dot(k, i, square, n);
        }
        assertEquals(scale, energy, TOL * scale, "integral of (z^2)''^2 = 4 (b - a)");
    }

    private static double dot(double[] k, int row, double[] v, int n) {
        double s = 0.0;
        for (int j = 0; j < n; j++) {
            s += k[row * n + j] * v[j];
        }
        return s;
    }
}
