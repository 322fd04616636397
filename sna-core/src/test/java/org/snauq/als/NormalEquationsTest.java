package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

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

    /**
     * Band Cholesky on a well-conditioned SPD band matrix (diagonally dominant, condition number below 10): the
     * residual of the solve is a few ulps of |M| |x| (Higham 2002, theorem 10.4), 1e-13 leaves room.
     */
    private static final double SOLVE_TOL = 1e-13;

    @Test
    void factor_spdBandMatrix_solvesAgainstDenseProduct() {
        int size = 40;
        int band = 7;
        SplittableRandom rng = new SplittableRandom(3);
        double[] dense = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < Math.min(size, i + band); j++) {
                double v = rng.nextDouble(-1, 1);
                dense[i * size + j] = v;
                dense[j * size + i] = v;
            }
        }
        for (int i = 0; i < size; i++) {
            dense[i * size + i] = 2.0 * band; // diagonally dominant: SPD
        }
        double[] upper = new double[size * band];
        for (int i = 0; i < size; i++) {
            for (int j = i; j < Math.min(size, i + band); j++) {
                upper[i * band + j - i] = dense[i * size + j];
            }
        }
        double[] b = new double[size];
        for (int i = 0; i < size; i++) {
            b[i] = rng.nextDouble(-1, 1);
        }

        assertTrue(NormalEquations.factor(upper, size, band));
        double[] x = NormalEquations.substitute(upper, b, size, band);

        for (int i = 0; i < size; i++) {
            double mx = 0.0;
            for (int j = 0; j < size; j++) {
                mx += dense[i * size + j] * x[j];
            }
            assertEquals(b[i], mx, SOLVE_TOL * 4 * band, "row " + i + " of M x = b");
        }
    }

    @Test
    void factor_indefiniteMatrix_refused() {
        double[] upper = {1.0, 2.0, 1.0, 0.0}; // [[1, 2], [2, 1]], band 2: eigenvalues 3 and -1
        assertFalse(NormalEquations.factor(upper, 2, 2));
    }

    /**
     * The correction form solves (G + alpha I) V = A^T t from G, b = A^T (t - A V_0) and V_0: with t = A V_0 + r,
     * A^T t = b + G V_0, so the returned V must satisfy (G + alpha I) V = b + G V_0 whatever V_0 is.
     */
    @Test
    void solve_correctionForm_fixedPointIsTheRegularisedNormalEquations() {
        BSplineBasis basis = BSplineBasis.clampedUniform(3, 6, 0, 1);
        int rank = 2;
        int size = 6 * rank;
        int band = 4 * rank;
        SplittableRandom rng = new SplittableRandom(4);
        NormalEquationsAccumulator sums = new NormalEquationsAccumulator(size, band);
        for (int j = 0; j < 300; j++) {
            double z = rng.nextDouble();
            int first = basis.findSpan(z) - 3;
            double[] atoms = basis.evaluate(z);
            double[] a = new double[band];
            for (int k = 0; k < 4; k++) {
                for (int r = 0; r < rank; r++) {
                    a[k * rank + r] = atoms[k] * rng.nextDouble(0.5, 1.5);
                }
            }
            sums.accept(first * rank, a, band, rng.nextDouble(-1, 1));
        }
        double[] v0 = new double[size];
        for (int u = 0; u < size; u++) {
            v0[u] = rng.nextDouble(-3, 3);
        }
        double ridge = 1e-3;

        double[] v = new NormalEquations(basis).solve(sums, v0, rank, ridge, 0.0, 0);

        double[] g = sums.gram();
        double[] b = sums.rightHandSide();
        double trace = 0.0;
        for (int u = 0; u < size; u++) {
            trace += g[u * band];
        }
        double alpha = ridge * trace / size;
        for (int u = 0; u < size; u++) {
            double lhs = alpha * v[u];
            double rhs = b[u];
            for (int w = 0; w < size; w++) {
                double guw = Math.abs(u - w) < band ? g[Math.min(u, w) * band + Math.abs(u - w)] : 0.0;
                lhs += guw * v[w];
                rhs += guw * v0[w];
            }
            assertEquals(rhs, lhs, 1e-10 * trace, "row " + u);
        }
    }

    private static double dot(double[] k, int row, double[] v, int n) {
        double s = 0.0;
        for (int j = 0; j < n; j++) {
            s += k[row * n + j] * v[j];
        }
        return s;
    }
}
