package org.snauq.als;

import java.util.List;
import org.snauq.basis.BSplineBasis;

/**
 * {@link AlsPasses} over rows held in memory: the atoms of every row are computed once ({@link AtomRows}), the
 * factor values phi^e on the training rows are cached per factor array (a sweep computes each coordinate's values
 * once after its update, and a rejected line-search step costs nothing to undo), and the products over the other
 * coordinates are kept as running prefix and suffix products in sweep order. Per coordinate update
 * O(N R (p + 1) + N ((p + 1) R)^2 / 2); memory O(N D (p + 2) + 3 N D R).
 *
 * <p>The per-row arithmetic is {@link RowKernels}', as in the row-by-row passes. Relies on {@link CpFactors}
 * never writing an array after construction (the cache is keyed by array identity). Not thread safe.
 */
final class LocalPasses implements AlsPasses {

    /**
     * Cached factor arrays per coordinate: a sweep step replaces one coordinate's array while the line search
     * keeps the previous one alive, so two slots (least recently used evicted) hold every array still in use.
     */
    private static final int SLOTS = 2;

    private final List<BSplineBasis> bases;
    private final AtomRows train;
    private final double[] yTrain;
    private final AtomRows valid;
    private final double[] yValid;
    private final PhiCache trainPhi;
    private final PhiCache validPhi;
    private final Products products;
    private CpFactors offsetKey;
    private double[] offsetValues;

    /**
     * @param x     read, row-major N x D inputs
     * @param y     read, N responses
     * @param split {training row ids, validation row ids}
     */
    LocalPasses(List<BSplineBasis> bases, double[] x, double[] y, int[][] split) {
        this.bases = List.copyOf(bases);
        BSplineBasis[] b = this.bases.toArray(new BSplineBasis[0]);
        this.train = AtomRows.of(x, split[0], b);
        this.yTrain = pick(y, split[0]);
        this.valid = AtomRows.of(x, split[1], b);
        this.yValid = pick(y, split[1]);
        this.trainPhi = new PhiCache(train);
        this.validPhi = new PhiCache(valid);
        this.products = new Products();
    }

    private static double[] pick(double[] y, int[] ids) {
        double[] out = new double[ids.length];
        for (int j = 0; j < ids.length; j++) {
            out[j] = y[ids[j]];
        }
        return out;
    }

    @Override
    public List<BSplineBasis> bases() {
        return bases;
    }

    int trainingRows() {
        return train.rows;
    }

    int validationRows() {
        return valid.rows;
    }

    @Override
    public NormalEquationsAccumulator normalEquations(int d, CpFactors terms, CpFactors offset) {
        int dim = train.dim;
        int rank = terms.rank;
        int width = train.widths[d];
        double[] atoms = train.value[d];
        int[] first = train.first[d];
        double[] pre = products.prefix(d, terms);
        double[] suf = products.suffix(d, terms);
        double[] base = offset == null ? null : offsetOnTraining(offset);
        NormalEquationsAccumulator sums = new NormalEquationsAccumulator(bases.get(d).count() * rank, width * rank);
        double[] v = RowKernels.scaled(terms.w[d], terms.lambda, rank);
        double[] c = new double[rank];
        double[] a = new double[width * rank];
        int m = width * rank;
        for (int j = 0; j < train.rows; j++) {
            int jr = j * rank;
            for (int r = 0; r < rank; r++) {
                c[r] = pre == null ? (suf == null ? 1.0 : suf[jr + r]) : (suf == null ? pre[jr + r] : pre[jr + r] * suf[jr + r]);
            }
            RowKernels.design(atoms, j * width, width, c, rank, a);
            double t = base == null ? yTrain[j] : yTrain[j] - base[j];
            int o = first[j] * rank;
            sums.accept(o, a, m, t - RowKernels.dot(a, m, v, o));
        }
        return sums;
    }

    @Override
    public ResidualAccumulator trainingResiduals(CpFactors terms, CpFactors offset) {
        double[] base = offset == null ? null : offsetOnTraining(offset);
        double[] u = null;
        if (terms != null) {
            double[] all = products.prefix(train.dim, terms);
            u = new double[train.rows];
            for (int j = 0; j < u.length; j++) {
                double sum = 0.0;
                for (int r = 0; r < terms.rank; r++) {
                    sum += terms.lambda[r] * all[j * terms.rank + r];
                }
                u[j] = sum;
            }
        }
        return residuals(yTrain, u, base);
    }

    @Override
    public ResidualAccumulator validationResiduals(CpFactors terms, CpFactors offset) {
        double[] base = offset == null ? null : values(validPhi, offset);
        return residuals(validPhi, yValid, terms, base);
    }

    private ResidualAccumulator residuals(PhiCache cache, double[] y, CpFactors terms, double[] base) {
        return residuals(y, terms == null ? null : values(cache, terms), base);
    }

    private static ResidualAccumulator residuals(double[] y, double[] u, double[] base) {
        ResidualAccumulator acc = new ResidualAccumulator();
        for (int j = 0; j < y.length; j++) {
            acc.accept(y[j], (base == null ? 0.0 : base[j]) + (u == null ? 0.0 : u[j]));
        }
        return acc;
    }

    /** The offset's values on the training rows, kept for the enrichment phase that reuses one offset. */
    private double[] offsetOnTraining(CpFactors offset) {
        if (offset != offsetKey) {
            offsetValues = values(trainPhi, offset);
            offsetKey = offset;
        }
        return offsetValues;
    }

    /** u(z_j) of the terms f on the cache's rows (new array). */
    private static double[] values(PhiCache cache, CpFactors f) {
        int dim = cache.rows.dim;
        double[][] phi = new double[dim][];
        for (int e = 0; e < dim; e++) {
            phi[e] = cache.get(e, f.w[e], f.rank);
        }
        double[] u = new double[cache.rows.rows];
        for (int j = 0; j < u.length; j++) {
            u[j] = RowKernels.value(f.lambda, phi, j * f.rank, f.rank);
        }
        return u;
    }

    /**
     * Running products of the factor values on the training rows, built for the sweep order: the prefix
     * prod_{e &lt; k} phi^e grows by one coordinate as the sweep updates them, and the suffixes prod_{e &gt;= k} phi^e
     * are built once per sweep from the coordinates not yet updated. So the products every row needs cost O(N R)
     * per coordinate instead of O(N D R). Keyed by the factor arrays they were built from.
     */
    private final class Products {
        private final double[][] prefixKeys = new double[train.dim][];
        private final double[][] suffixKeys = new double[train.dim][];
        private final double[][] suffix = new double[train.dim][];
        private double[] prefix;
        private int prefixLength;
        private int rank = -1;

        /** prod_{e &lt; k} phi_r^e(z_je) at [j R + r] for the terms' arrays, or null for k = 0 (all ones). */
        double[] prefix(int k, CpFactors terms) {
            reset(terms.rank);
            int same = 0;
            while (same < prefixLength && same < k && prefixKeys[same] == terms.w[same]) {
                same++;
            }
            if (same < prefixLength) { // built from other arrays, or longer than asked: start again
                prefixLength = 0;
            }
            while (prefixLength < k) {
                double[] f = trainPhi.get(prefixLength, terms.w[prefixLength], rank);
                if (prefixLength == 0) {
                    prefix = copyInto(prefix, f);
                } else {
                    for (int q = 0; q < f.length; q++) {
                        prefix[q] *= f[q];
                    }
                }
                prefixKeys[prefixLength] = terms.w[prefixLength];
                prefixLength++;
            }
            return k == 0 ? null : prefix;
        }

        /** prod_{e &gt; d} phi_r^e(z_je) at [j R + r] for the terms' arrays, or null for d = D - 1 (all ones). */
        double[] suffix(int d, CpFactors terms) {
            reset(terms.rank);
            int dim = train.dim;
            if (d + 1 >= dim) {
                return null;
            }
            int valid = dim; // suffix[k] is current for every k >= valid
            while (valid > d + 1 && suffixKeys[valid - 1] == terms.w[valid - 1] && suffix[valid - 1] != null) {
                valid--;
            }
            for (int k = valid - 1; k > d; k--) {
                double[] f = trainPhi.get(k, terms.w[k], rank);
                suffix[k] = copyInto(suffix[k], f);
                if (k + 1 < dim) {
                    double[] next = suffix[k + 1];
                    for (int q = 0; q < f.length; q++) {
                        suffix[k][q] *= next[q];
                    }
                }
                suffixKeys[k] = terms.w[k];
            }
            for (int k = 0; k <= d && valid - 1 > d; k++) { // built on an older suffix[d + 1]: stale
                suffixKeys[k] = null;
            }
            return suffix[d + 1];
        }

        private void reset(int r) {
            if (r != rank) {
                rank = r;
                prefixLength = 0;
                java.util.Arrays.fill(suffixKeys, null);
            }
        }

        private double[] copyInto(double[] target, double[] source) {
            if (target == null || target.length != source.length) {
                return source.clone();
            }
            System.arraycopy(source, 0, target, 0, source.length);
            return target;
        }
    }

    /** phi^e on a set of rows for the last {@link #SLOTS} factor arrays of each coordinate. */
    private static final class PhiCache {
        final AtomRows rows;
        private final double[][][] key;
        private final double[][][] phi;
        private final long[][] used;
        private long clock;

        PhiCache(AtomRows rows) {
            this.rows = rows;
            this.key = new double[rows.dim][SLOTS][];
            this.phi = new double[rows.dim][SLOTS][];
            this.used = new long[rows.dim][SLOTS];
        }

        /** phi[j R + r] = phi_r^e(z_je) for the factor array w (read) of rank R. */
        double[] get(int e, double[] w, int rank) {
            int victim = 0;
            for (int s = 0; s < SLOTS; s++) {
                if (key[e][s] == w) {
                    used[e][s] = ++clock;
                    return phi[e][s];
                }
                if (used[e][s] < used[e][victim]) {
                    victim = s;
                }
            }
            double[] out = phi[e][victim];
            if (out == null || out.length != rows.rows * rank) {
                out = new double[rows.rows * rank];
            }
            int dim = rows.dim;
            int width = rows.widths[e];
            double[] atoms = rows.value[e];
            int[] first = rows.first[e];
            for (int j = 0; j < rows.rows; j++) {
                RowKernels.factor(atoms, j * width, width, first[j], w, rank, out, j * rank);
            }
            key[e][victim] = w;
            phi[e][victim] = out;
            used[e][victim] = ++clock;
            return out;
        }
    }
}
