package org.snauq.galerkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;

/** 1-D operator matrices on the atoms, and the band Cholesky the coordinate updates use. */
class AtomQuadratureTest {

    /** Sums of O(n) quadrature products of size O(h): a few hundred ULPs. */
    private static final double EXACT = 1e-13;

    private static BSplineBasis[] bases() {
        return new BSplineBasis[] {
            BSplineBasis.clampedUniform(1, 6, 0, 1),
            BSplineBasis.clampedUniform(2, 9, -1, 2),
            BSplineBasis.clampedUniform(3, 12, 0, 1),
            new BSplineBasis(KnotVector.clamped(3, new double[] {1, 1.3, 2, 4, 7, 10})),
        };
    }

    @Test
    void mass_anyBasis_symmetricAndRowsSumToAtomIntegrals() {
        for (BSplineBasis b : bases()) {
            AtomQuadrature q = new AtomQuadrature(b);
            BandedMatrix m = q.mass();
            double[] ones = new double[b.count()];
            java.util.Arrays.fill(ones, 1.0);
            double[] rows = m.multiply(ones); // sum_j int B_i B_j = int B_i (partition of unity)
            double[] integrals = q.load(null, 0, null);
            double total = 0;
            for (int i = 0; i < b.count(); i++) {
                assertEquals(integrals[i], rows[i], EXACT, b + " row " + i);
                total += integrals[i];
            }
            assertEquals(b.upper() - b.lower(), total, EXACT);
            assertTrue(m.isSymmetric(1e-14));
            assertEquals(b.degree(), m.band());
        }
    }

    @Test
    void stiffnessAndDerivative_linearFunction_exactIntegrals() {
        for (BSplineBasis b : bases()) {
            AtomQuadrature q = new AtomQuadrature(b);
            double[] ones = new double[b.count()];
            java.util.Arrays.fill(ones, 1.0);
            // constants are in the kernel of the stiffness and first-derivative matrices
            for (double v : q.stiffness().multiply(ones)) {
                assertEquals(0.0, v, EXACT);
            }
            for (double v : q.firstDerivative().multiply(ones)) {
                assertEquals(0.0, v, EXACT);
            }
            // x = sum_i g_i B_i with Greville coefficients; int B_i x' = int B_i
            double[] g = greville(b);
            double[] d = q.firstDerivative().multiply(g);
            double[] integrals = q.load(null, 0, null);
            for (int i = 0; i < g.length; i++) {
                assertEquals(integrals[i], d[i], 1e-12);
            }
            // weighted mass with c(x) = x equals int B_i B_j x, i.e. M g for g = Greville
            double[] c = q.points();
            BandedMatrix wm = q.weightedMass(c);
            double[] lhs = wm.multiply(ones);
            double[] rhs = q.mass().multiply(g);
            for (int i = 0; i < g.length; i++) {
                assertEquals(rhs[i], lhs[i], 1e-12);
            }
        }
    }

    private static double[] greville(BSplineBasis b) {
        int p = b.degree();
        double[] g = new double[b.count()];
        for (int i = 0; i < g.length; i++) {
            double s = 0;
            for (int k = 1; k <= p; k++) {
                s += b.knots().knot(i + k);
            }
            g[i] = s / p;
        }
        return g;
    }

    @Test
    void project_cubicPolynomial_reproducedExactly() {
        BSplineBasis b = BSplineBasis.clampedUniform(3, 10, -1, 2);
        AtomQuadrature q = new AtomQuadrature(b);
        double[] x = q.points();
        double[] f = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = 1 - 2 * x[i] + 0.5 * x[i] * x[i] * x[i];
        }
        double[] g = q.project(f);
        double[] back = q.values(g, 0, null);
        for (int i = 0; i < x.length; i++) {
            assertEquals(f[i], back[i], 1e-12);
        }
    }

    @Test
    void bandCholesky_randomSpd_matchesEjmlDense() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n : new int[] {1, 2, 5, 17, 40}) {
            for (int b : new int[] {0, 1, 3, 7}) {
                DMatrixRMaj a = new DMatrixRMaj(n, n);
                for (int i = 0; i < n; i++) {
                    for (int j = Math.max(0, i - b); j < i; j++) {
                        double v = rng.nextDouble(-1, 1);
                        a.set(i, j, v);
                        a.set(j, i, v);
                    }
                    a.set(i, i, 2 * b + 1 + rng.nextDouble()); // diagonally dominant: SPD
                }
                double[] l = new double[n * (b + 1)];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k <= b && k <= i; k++) {
                        l[i * (b + 1) + k] = a.get(i, i - k);
                    }
                }
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = rng.nextDouble(-1, 1);
                }
                DMatrixRMaj rhs = DMatrixRMaj.wrap(n, 1, x.clone());
                assertTrue(BandCholesky.factor(l, n, b));
                BandCholesky.solve(l, n, b, x);
                LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
                assertTrue(chol.setA(a.copy()));
                DMatrixRMaj ref = new DMatrixRMaj(n, 1);
                chol.solve(rhs, ref);
                for (int i = 0; i < n; i++) {
                    assertEquals(ref.get(i, 0), x[i], 1e-12, "n=" + n + " b=" + b);
                }
            }
        }
    }

    @Test
    void bandCholesky_indefinite_reportsFailure() {
        double[] l = {1, 0, -1, 2}; // [[1, 2], [2, -1]] in lower band storage (b = 1)
        assertTrue(!BandCholesky.factor(l, 2, 1));
    }
}
