package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A linear operator on the tensor space of D coordinates held in separated form,
 *
 * <pre>  A = sum_k s_k (A_k^1 kron A_k^2 kron ... kron A_k^D),</pre>
 *
 * with banded 1-D matrices A_k^d (METHOD.md section 3). The full matrix, of size prod_d n_d, is never formed:
 * the solver only needs the products (w_r^d)^T A_k^d w_q^d. Terms that share a 1-D matrix object at a coordinate
 * share its products (the D-dimensional Laplacian sum_k K^k kron_{d != k} M^d has two distinct matrices per
 * coordinate), which keeps a sweep linear in D.
 *
 * <p>Structure used by the solver: at each coordinate the matrix used by most terms is the <em>base</em>. Terms that
 * leave the base at no coordinate or at exactly one (the Laplacian's K^k kron_{d != k} M^d, a reaction's mass
 * product) are summed as the first-order part of prod_d (B^d + eps C^d), whose prefix and suffix products cost
 * O(D R^2) per sweep in all, instead of O(K D R^2) term by term; the other terms are treated one by one.
 *
 * <p>Immutable; matrices are immutable and shared, not copied.
 */
public final class SeparatedOperator {

    private final int[] sizes;
    private final double[] scale;
    private final BandedMatrix[][] terms;
    /** distinct[d][m]: the different matrix objects used at coordinate d. */
    private final BandedMatrix[][] distinct;
    /** termMatrix[k][d] = m with terms[k][d] == distinct[d][m]. */
    private final int[][] termMatrix;
    private final boolean symmetric;
    /** base[d]: the distinct matrix used by most terms at coordinate d. */
    private final int[] base;
    /** Sum of the scales of terms that use the base matrix at every coordinate. */
    private final double baseScale;
    /** deviating[d]: terms that use the base matrix everywhere except at d. */
    private final int[][] deviating;
    /** Terms that leave the base matrix at two or more coordinates. */
    private final int[] general;

    private SeparatedOperator(int[] sizes, double[] scale, BandedMatrix[][] terms) {
        this.sizes = sizes;
        this.scale = scale;
        this.terms = terms;
        int dim = sizes.length;
        this.distinct = new BandedMatrix[dim][];
        this.termMatrix = new int[terms.length][dim];
        for (int d = 0; d < dim; d++) {
            Map<BandedMatrix, Integer> index = new IdentityHashMap<>();
            List<BandedMatrix> list = new ArrayList<>();
            for (int k = 0; k < terms.length; k++) {
                BandedMatrix a = terms[k][d];
                Integer m = index.get(a);
                if (m == null) {
                    m = list.size();
                    index.put(a, m);
                    list.add(a);
                }
                termMatrix[k][d] = m;
            }
            distinct[d] = list.toArray(BandedMatrix[]::new);
        }
        this.symmetric = checkSymmetric();
        this.base = new int[dim];
        for (int d = 0; d < dim; d++) {
            int[] count = new int[distinct[d].length];
            for (int k = 0; k < terms.length; k++) {
                count[termMatrix[k][d]]++;
            }
            for (int m = 1; m < count.length; m++) {
                if (count[m] > count[base[d]]) {
                    base[d] = m;
                }
            }
        }
        double s0 = 0;
        List<List<Integer>> dev = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            dev.add(new ArrayList<>());
        }
        List<Integer> rest = new ArrayList<>();
        for (int k = 0; k < terms.length; k++) {
            int at = -1;
            int count = 0;
            for (int d = 0; d < dim; d++) {
                if (termMatrix[k][d] != base[d]) {
                    at = d;
                    count++;
                }
            }
            if (count == 0) {
                s0 += scale[k];
            } else if (count == 1) {
                dev.get(at).add(k);
            } else {
                rest.add(k);
            }
        }
        this.baseScale = s0;
        this.deviating = new int[dim][];
        for (int d = 0; d < dim; d++) {
            deviating[d] = dev.get(d).stream().mapToInt(Integer::intValue).toArray();
        }
        this.general = rest.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A builder for an operator on coordinates with the given numbers of unknowns. */
    public static Builder builder(int... sizes) {
        if (sizes.length < 1) {
            throw new IllegalArgumentException("an operator needs at least one coordinate");
        }
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] < 1) {
                throw new IllegalArgumentException("sizes[" + d + "] must be >= 1, got " + sizes[d]);
            }
        }
        return new Builder(sizes.clone());
    }

    /** Collects terms s * kron_d A^d. */
    public static final class Builder {
        private final int[] sizes;
        private final List<Double> scales = new ArrayList<>();
        private final List<BandedMatrix[]> terms = new ArrayList<>();

        private Builder(int[] sizes) {
            this.sizes = sizes;
        }

        /** Adds s * kron_d matrices[d]; pass the same object for a repeated 1-D matrix. */
        public Builder add(double s, BandedMatrix... matrices) {
            if (matrices.length != sizes.length) {
                throw new IllegalArgumentException("a term needs " + sizes.length + " matrices, got " + matrices.length);
            }
            for (int d = 0; d < sizes.length; d++) {
                if (matrices[d].size() != sizes[d]) {
                    throw new IllegalArgumentException("matrix " + d + " of term " + terms.size() + " must be "
                            + sizes[d] + " x " + sizes[d] + ", got " + matrices[d].size());
                }
            }
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("term scale must be finite, got " + s);
            }
            scales.add(s);
            terms.add(matrices.clone());
            return this;
        }

        public SeparatedOperator build() {
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("an operator needs at least one term");
            }
            double[] s = new double[scales.size()];
            for (int k = 0; k < s.length; k++) {
                s[k] = scales.get(k);
            }
            return new SeparatedOperator(sizes, s, terms.toArray(BandedMatrix[][]::new));
        }
    }

    private boolean checkSymmetric() {
        // symmetric if every term is, or if the terms pair up with their transposes (least-squares normal operators)
        for (int d = 0; d < sizes.length; d++) {
            for (BandedMatrix a : distinct[d]) {
                if (!a.isSymmetric(1e-12)) {
                    return pairedTransposes();
                }
            }
        }
        return true;
    }

    private boolean pairedTransposes() {
        outer:
        for (int k = 0; k < terms.length; k++) {
            for (int l = 0; l < terms.length; l++) {
                if (scale[l] != scale[k]) {
                    continue;
                }
                boolean match = true;
                for (int d = 0; d < sizes.length && match; d++) {
                    match = isTranspose(terms[k][d], terms[l][d]);
                }
                if (match) {
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean isTranspose(BandedMatrix a, BandedMatrix b) {
        if (a.size() != b.size()) {
            return false;
        }
        int band = Math.max(a.band(), b.band());
        double max = Double.MIN_NORMAL;
        for (int i = 0; i < a.size(); i++) {
            for (int j = Math.max(0, i - band); j <= Math.min(a.size() - 1, i + band); j++) {
                max = Math.max(max, Math.abs(a.get(i, j)));
            }
        }
        for (int i = 0; i < a.size(); i++) {
            for (int j = Math.max(0, i - band); j <= Math.min(a.size() - 1, i + band); j++) {
                double x = a.get(i, j);
                double y = b.get(j, i);
                if (Math.abs(x - y) > 1e-12 * max) {
                    return false;
                }
            }
        }
        return true;
    }

    public int dimension() {
        return sizes.length;
    }

    /** Number of unknowns n_d of coordinate d. */
    public int size(int d) {
        return sizes[d];
    }

    /** Number of terms K. */
    public int termCount() {
        return terms.length;
    }

    public double scale(int k) {
        return scale[k];
    }

    public BandedMatrix matrix(int k, int d) {
        return terms[k][d];
    }

    /** True when A = A^T (every term symmetric, or terms paired with their transposes). */
    public boolean isSymmetric() {
        return symmetric;
    }

    int distinctCount(int d) {
        return distinct[d].length;
    }

    BandedMatrix distinct(int d, int m) {
        return distinct[d][m];
    }

    int termMatrix(int k, int d) {
        return termMatrix[k][d];
    }

    /** The distinct matrix index used by most terms at coordinate d. */
    int base(int d) {
        return base[d];
    }

    /** Sum of the scales of the terms that use the base matrix at every coordinate. */
    double baseScale() {
        return baseScale;
    }

    /** Terms that leave the base matrix only at coordinate d (read only). */
    int[] deviating(int d) {
        return deviating[d];
    }

    /** Terms that leave the base matrix at two or more coordinates (read only). */
    int[] general() {
        return general;
    }

    int[] sizes() {
        return sizes.clone();
    }
}
