package org.snauq.als;

import org.snauq.basis.BSplineBasis;

/** Test reference: every atom of a basis evaluated at a point (zeros outside the span), and factor values from them. */
final class DenseAtoms {

    private DenseAtoms() {
    }

    /** B_0(x) .. B_{n-1}(x). */
    static double[] at(BSplineBasis basis, double x) {
        double[] out = new double[basis.count()];
        int span = basis.findSpan(x);
        double[] local = basis.evaluate(x);
        System.arraycopy(local, 0, out, span - basis.degree(), local.length);
        return out;
    }

    /** phi_r(x) = sum_i W[i, r] B_i(x), W row-major n x R. */
    static double factor(BSplineBasis basis, double[] w, int rank, int r, double x) {
        double[] b = at(basis, x);
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            s += w[i * rank + r] * b[i];
        }
        return s;
    }
}
