package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.List;

/**
 * A vector of the tensor space in separated form, F = sum_s t_s (F_s^1 kron ... kron F_s^D), with F_s^d of
 * length n_d (METHOD.md section 3: a separated load). Never expanded to prod_d n_d entries.
 *
 * <p>Immutable: vectors are copied in.
 */
public final class SeparatedLoad {

    private final int[] sizes;
    private final double[] scale;
    private final double[][][] vectors;

    private SeparatedLoad(int[] sizes, double[] scale, double[][][] vectors) {
        this.sizes = sizes;
        this.scale = scale;
        this.vectors = vectors;
    }

    public static Builder builder(int... sizes) {
        return new Builder(sizes.clone());
    }

    /** Collects terms t * kron_d F^d. */
    public static final class Builder {
        private final int[] sizes;
        private final List<Double> scales = new ArrayList<>();
        private final List<double[][]> terms = new ArrayList<>();

        private Builder(int[] sizes) {
            this.sizes = sizes;
        }

        /** Adds t * kron_d vectors[d] (copied). */
        public Builder add(double t, double[]... vectors) {
            if (vectors.length != sizes.length) {
                throw new IllegalArgumentException("a load term needs " + sizes.length + " vectors, got " + vectors.length);
            }
            double[][] copy = new double[sizes.length][];
            for (int d = 0; d < sizes.length; d++) {
                if (vectors[d].length != sizes[d]) {
                    throw new IllegalArgumentException("vector " + d + " of load term " + terms.size() + " must have "
                            + sizes[d] + " entries, got " + vectors[d].length);
                }
                copy[d] = vectors[d].clone();
            }
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("load scale must be finite, got " + t);
            }
            scales.add(t);
            terms.add(copy);
            return this;
        }

        public int termCount() {
            return terms.size();
        }

        public SeparatedLoad build() {
            double[] s = new double[scales.size()];
            for (int k = 0; k < s.length; k++) {
                s[k] = scales.get(k);
            }
            return new SeparatedLoad(sizes, s, terms.toArray(double[][][]::new));
        }
    }

    public int dimension() {
        return sizes.length;
    }

    public int size(int d) {
        return sizes[d];
    }

    /** Number of terms S (may be 0: a zero load). */
    public int termCount() {
        return scale.length;
    }

    public double scale(int s) {
        return scale[s];
    }

    /** Read-only access inside the package. */
    double[] vector(int s, int d) {
        return vectors[s][d];
    }
}
