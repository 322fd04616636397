package org.snauq.als;

import java.io.Serializable;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;

/**
 * A coordinate's atoms as plain data, so that a pass can travel to Spark executors ({@link BSplineBasis} is not
 * Serializable): {@link #basis()} rebuilds the same atoms bit for bit (uniform knots by the same arithmetic,
 * other knots from their breakpoints).
 */
record BasisForm(int degree, int count, double lower, double upper, boolean uniform, double[] breakpoints)
        implements Serializable {

    static BasisForm of(BSplineBasis b) {
        KnotVector k = b.knots();
        return new BasisForm(b.degree(), b.count(), b.lower(), b.upper(), k.isUniform(), k.breakpoints());
    }

    BSplineBasis basis() {
        return uniform ? BSplineBasis.clampedUniform(degree, count, lower, upper)
                : new BSplineBasis(KnotVector.clamped(degree, breakpoints));
    }

    static BasisForm[] of(java.util.List<BSplineBasis> bases) {
        BasisForm[] out = new BasisForm[bases.size()];
        for (int d = 0; d < out.length; d++) {
            out[d] = of(bases.get(d));
        }
        return out;
    }

    static java.util.List<BSplineBasis> bases(BasisForm[] forms) {
        BSplineBasis[] out = new BSplineBasis[forms.length];
        for (int d = 0; d < out.length; d++) {
            out[d] = forms[d].basis();
        }
        return java.util.List.of(out);
    }
}
