package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.List;

/**
 * A function in separated form sampled on each coordinate's quadrature points:
 * f(z) ~ sum_s c_s prod_d f_s^d(z_d), with f_s^d given at the points of {@link AtomQuadrature} d (null = 1).
 * Package-private working form of sources, coefficients and lifted data.
 */
final class SeparatedValues {

    /** One term c prod_d f^d; values[d] == null means the factor 1. */
    record Term(double scale, double[][] values) {
    }

    private final List<Term> terms;

    SeparatedValues(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    static SeparatedValues zero() {
        return new SeparatedValues(List.of());
    }

    List<Term> terms() {
        return terms;
    }

    int rank() {
        return terms.size();
    }

    SeparatedValues plus(SeparatedValues other) {
        List<Term> all = new ArrayList<>(terms);
        all.addAll(other.terms);
        return new SeparatedValues(all);
    }

    /** The product, term by term (ranks multiply). */
    SeparatedValues times(SeparatedValues other) {
        List<Term> all = new ArrayList<>();
        for (Term a : terms) {
            for (Term b : other.terms) {
                double[][] v = new double[a.values().length][];
                for (int d = 0; d < v.length; d++) {
                    v[d] = multiply(a.values()[d], b.values()[d]);
                }
                all.add(new Term(a.scale() * b.scale(), v));
            }
        }
        return new SeparatedValues(all);
    }

    private static double[] multiply(double[] x, double[] y) {
        if (x == null) {
            return y;
        }
        if (y == null) {
            return x;
        }
        double[] z = new double[x.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = x[i] * y[i];
        }
        return z;
    }
}
