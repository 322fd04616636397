package org.snauq.als;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;
import org.snauq.basis.SpanQuadrature;

/**
 * Moves factors to other atoms (a warm start): each factor phi = sum_i W[i,r] B_i becomes its L2 projection onto
 * the new atoms B'_k over their domain, W' = M^-1 b with M[k,l] = integral B'_k B'_l and b[k,r] = integral B'_k phi_r.
 * When the new knots refine the old ones at the same degree (every old breakpoint is a new one), or the old factor
 * is one polynomial piece and the new degree is not lower, phi lies in the new space and the projection reproduces
 * it exactly: the result of knot insertion (Boehm 1980) or degree elevation, computed one way for every case. Otherwise it is the best L2 approximation, a start that ALS
 * then improves. Beyond the old domain phi is held at its end values, as a model clamps its queries.
 *
 * <p>The integrals are exact: Gauss-Legendre with max(p, p') + 1 points on each interval between consecutive
 * breakpoints of either knot vector, where both integrands are polynomials of degree &lt;= p + p'. Cost
 * O(n' (p' + 1)^2 + n'^3 / 3 + n' R) per coordinate.
 */
final class Prolongation {

    private Prolongation() {
    }

    /** The factors f (on {@code from}) projected onto {@code to}, coordinate by coordinate. */
    static CpFactors of(CpFactors f, BSplineBasis[] from, BSplineBasis[] to) {
        double[][] w = new double[to.length][];
        for (int d = 0; d < to.length; d++) {
            w[d] = project(from[d], f.w[d], f.rank, to[d]);
        }
        return CpFactors.of(f.lambda, w);
    }

    /**
     * @param w read, row-major n x R coefficients on {@code from}
     * @return row-major n' x R coefficients on {@code to} (new array)
     */
    static double[] project(BSplineBasis from, double[] w, int rank, BSplineBasis to) {
        int n = to.count();
        int p = to.degree();
        int q = Math.max(p, from.degree()) + 1;
        SpanQuadrature rule = new BSplineBasis(KnotVector.clamped(1, mergedBreakpoints(from, to))).quadrature(q);
        double[] mass = new double[n * n];
        double[] rhs = new double[n * rank];
        double[] b = new double[p + 1];
        double[] scratch = new double[Math.max(to.scratchSize(), from.scratchSize())];
        double[] old = new double[from.degree() + 1];
        double[] phi = new double[rank];
        for (int g = 0; g < rule.size(); g++) {
            double x = rule.x()[g];
            double weight = rule.weight()[g];
            int span = to.findSpan(x);
            to.evaluate(x, span, b, 0, scratch);
            double xc = Math.min(Math.max(x, from.lower()), from.upper());
            int oldSpan = from.findSpan(xc);
            from.evaluate(xc, oldSpan, old, 0, scratch);
            RowKernels.factor(old, 0, old.length, oldSpan - from.degree(), w, rank, phi, 0);
            int first = span - p;
            for (int k = 0; k <= p; k++) {
                double wb = weight * b[k];
                for (int l = 0; l <= p; l++) {
                    mass[(first + k) * n + first + l] += wb * b[l];
                }
                for (int r = 0; r < rank; r++) {
                    rhs[(first + k) * rank + r] += wb * phi[r];
                }
            }
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(n);
        if (!solver.setA(DMatrixRMaj.wrap(n, n, mass))) {
            throw new IllegalStateException("the mass matrix of " + n + " atoms is not positive definite");
        }
        DMatrixRMaj x = new DMatrixRMaj(n, rank);
        solver.solve(DMatrixRMaj.wrap(n, rank, rhs), x);
        return x.data;
    }

    /** The breakpoints of {@code to} with those of {@code from} (and its domain ends) that fall inside. */
    private static double[] mergedBreakpoints(BSplineBasis from, BSplineBasis to) {
        double[] a = to.knots().breakpoints();
        double[] b = from.knots().breakpoints();
        double lo = to.lower();
        double hi = to.upper();
        double[] merged = new double[a.length + b.length];
        int m = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            double v;
            if (j >= b.length || (i < a.length && a[i] <= b[j])) {
                v = a[i++];
            } else {
                v = b[j++];
            }
            if (v >= lo && v <= hi && (m == 0 || v > merged[m - 1])) {
                merged[m++] = v;
            }
        }
        return java.util.Arrays.copyOf(merged, m);
    }
}
