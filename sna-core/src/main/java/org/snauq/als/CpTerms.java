package org.snauq.als;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The working state of ALS: R rank-one terms lambda_r prod_d phi_r^d with factors W^d (row-major n_d x R) and
 * the cached factor values phi[d][j*R + r] = phi_r^d(z_jd) on the training rows.
 *
 * <p>A sweep updates the coordinates in order d = 0..D-1 (Gauss-Seidel). The products
 * c_jr = prod_{e != d} phi_r^e(z_je) come from a running prefix (coordinates already updated) times a suffix
 * computed once per sweep (coordinates not yet updated), so nothing is divided by a factor value that may be
 * near zero, and a sweep costs O(N D R (p+1) + N D (p+1)^2 R^2 + D (n R)^3): linear in D.
 * Memory: 2 D N R + N R numbers.
 *
 * <p>Invariants between calls: each column W^d[., r] has unit Euclidean norm (or lambda_r = 0), the scale is in
 * lambda_r, and phi matches W. Not thread safe; one instance per fit.
 */
final class CpTerms {

    private final AtomRows rows;
    private final int[] count;
    private int rank;
    private double[] lambda;
    private double[][] w;
    private double[][] phi;

    private CpTerms(AtomRows rows, int[] count, int rank, double[] lambda, double[][] w) {
        this.rows = rows;
        this.count = count;
        this.rank = rank;
        this.lambda = lambda;
        this.w = w;
        this.phi = new double[rows.dim][];
        for (int d = 0; d < rows.dim; d++) {
            int n = count[d];
            for (int r = 0; r < rank; r++) {
                double sq = 0.0;
                for (int i = 0; i < n; i++) {
                    sq += w[d][i * rank + r] * w[d][i * rank + r];
                }
                double norm = Math.sqrt(sq);
                assert norm > 0 : "a starting column must not vanish";
                for (int i = 0; i < n; i++) {
                    w[d][i * rank + r] /= norm;
                }
                lambda[r] *= norm;
            }
            phi[d] = new double[rows.rows * rank];
            refreshPhi(d);
        }
    }

    /**
     * One rank-one term to start an enrichment: constant factors (phi = 1 by the partition of unity) when rng is
     * null, else coefficients drawn from N(0, 1).
     */
    static CpTerms rankOne(AtomRows rows, int[] count, SplittableRandom rng) {
        double[][] w = new double[rows.dim][];
        for (int d = 0; d < rows.dim; d++) {
            w[d] = new double[count[d]];
            for (int i = 0; i < count[d]; i++) {
                w[d][i] = rng == null ? 1.0 : gaussian(rng);
            }
        }
        return new CpTerms(rows, count, 1, new double[] {1.0}, w);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller from two uniforms: a pure function of the generator state, unlike Random.nextGaussian's cache.
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    int rank() {
        return rank;
    }

    /** A copy of lambda. */
    double[] lambda() {
        return lambda.clone();
    }

    /** Copies of the factors, w[d][i * R + r]. */
    double[][] factors() {
        double[][] copy = new double[w.length][];
        for (int d = 0; d < w.length; d++) {
            copy[d] = w[d].clone();
        }
        return copy;
    }

    /** Appends the terms of {@code other} (same rows) after the current ones. */
    void append(CpTerms other) {
        assert other.rows == rows;
        int r0 = rank;
        int r1 = other.rank;
        int total = r0 + r1;
        double[] lam = new double[total];
        System.arraycopy(lambda, 0, lam, 0, r0);
        System.arraycopy(other.lambda, 0, lam, r0, r1);
        for (int d = 0; d < rows.dim; d++) {
            w[d] = interleave(w[d], r0, other.w[d], r1, count[d]);
            phi[d] = interleave(phi[d], r0, other.phi[d], r1, rows.rows);
        }
        lambda = lam;
        rank = total;
    }

    private static double[] interleave(double[] a, int ra, double[] b, int rb, int n) {
        int r = ra + rb;
        double[] out = new double[n * r];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * ra, out, i * r, ra);
            System.arraycopy(b, i * rb, out, i * r + ra, rb);
        }
        return out;
    }

    /**
     * One ALS sweep over all coordinates towards {@code target}.
     *
     * @param target read, N values
     * @param fitted written, N values: the model on the training rows after the sweep
     * @return the residual sum of squares after the sweep
     */
    double sweep(double[] target, NormalEquations[] equations, double ridge, double roughness, double[] fitted) {
        int dim = rows.dim;
        int size = rows.rows * rank;
        // suffix[d] = prod_{e >= d} phi^e with the factors as they were before this sweep, d = 1..D-1
        double[][] suffix = new double[dim][];
        for (int d = dim - 1; d >= 1; d--) {
            double[] s = new double[size];
            double[] next = d + 1 < dim ? suffix[d + 1] : null;
            for (int q = 0; q < size; q++) {
                s[q] = next == null ? phi[d][q] : phi[d][q] * next[q];
            }
            suffix[d] = s;
        }
        double[] prefix = new double[size];
        Arrays.fill(prefix, 1.0);
        for (int d = 0; d < dim; d++) {
            double[] v = equations[d].solve(rows, d, rank, prefix, d + 1 < dim ? suffix[d + 1] : null, target,
                    ridge, roughness);
            // V = diag(lambda) W^d: its column norms are the new lambda
            normalizeColumns(d, v);
            w[d] = v;
            refreshPhi(d);
            double[] f = phi[d];
            for (int q = 0; q < size; q++) {
                prefix[q] *= f[q];
            }
            suffix[d] = null; // no longer needed
        }
        double sse = 0.0;
        for (int j = 0; j < rows.rows; j++) {
            double u = 0.0;
            for (int r = 0; r < rank; r++) {
                u += lambda[r] * prefix[j * rank + r];
            }
            fitted[j] = u;
            double e = target[j] - u;
            sse += e * e;
        }
        return sse;
    }

    /** Scales the columns of v to unit norm and stores the norms in lambda; a zero column keeps the old W column. */
    private void normalizeColumns(int d, double[] v) {
        int n = count[d];
        for (int r = 0; r < rank; r++) {
            double sq = 0.0;
            for (int i = 0; i < n; i++) {
                sq += v[i * rank + r] * v[i * rank + r];
            }
            double norm = Math.sqrt(sq);
            if (norm > 0 && Double.isFinite(norm)) {
                for (int i = 0; i < n; i++) {
                    v[i * rank + r] /= norm;
                }
                lambda[r] = norm;
            } else {
                lambda[r] = 0.0;
                if (w[d] != v) {
                    for (int i = 0; i < n; i++) {
                        v[i * rank + r] = w[d][i * rank + r];
                    }
                }
            }
        }
    }

    /**
     * Moves to lambda_e = lambda_0 + s (lambda - lambda_0), W_e^d = W_0^d + s (W^d - W_0^d) with (lambda_0, W_0)
     * an earlier state of the same rank: the line-search extrapolation of Bro (1998, section 4.2) that shortens
     * ALS "swamps". Columns are normalised again and phi refreshed.
     *
     * @param lambda0 read, R values
     * @param w0      read, the earlier factors
     */
    void extrapolate(double[] lambda0, double[][] w0, double s) {
        double[] lam = new double[rank];
        for (int r = 0; r < rank; r++) {
            lam[r] = lambda0[r] + s * (lambda[r] - lambda0[r]);
        }
        for (int d = 0; d < rows.dim; d++) {
            double[] v = w[d];
            double[] v0 = w0[d];
            for (int q = 0; q < v.length; q++) {
                v[q] = v0[q] + s * (v[q] - v0[q]);
            }
        }
        restore(lam, w);
    }

    /** Sets the state to (lambda, w) (copied) with columns normalised into lambda, and refreshes phi. */
    void restore(double[] lam, double[][] factors) {
        assert lam.length == rank;
        lambda = lam.clone();
        for (int d = 0; d < rows.dim; d++) {
            double[] v = factors[d] == w[d] ? w[d] : factors[d].clone();
            int n = count[d];
            for (int r = 0; r < rank; r++) {
                double sq = 0.0;
                for (int i = 0; i < n; i++) {
                    sq += v[i * rank + r] * v[i * rank + r];
                }
                double norm = Math.sqrt(sq);
                if (norm > 0) {
                    for (int i = 0; i < n; i++) {
                        v[i * rank + r] /= norm;
                    }
                    lambda[r] *= norm;
                }
            }
            w[d] = v;
            refreshPhi(d);
        }
    }

    /** Residual sum of squares on the training rows; writes the fitted values to {@code fitted}. */
    double sse(double[] target, double[] fitted) {
        fitted(fitted);
        double s = 0.0;
        for (int j = 0; j < fitted.length; j++) {
            double e = target[j] - fitted[j];
            s += e * e;
        }
        return s;
    }

    /** phi^d on the training rows from W^d. */
    private void refreshPhi(int d) {
        evaluateFactor(rows, d, w[d], rank, phi[d]);
    }

    /** out[j*R + r] = phi_r^d(z_jd) = sum_k B_{first+k}(z_jd) W^d[first+k, r]. */
    private static void evaluateFactor(AtomRows a, int d, double[] wd, int rank, double[] out) {
        int dim = a.dim;
        int width = a.width;
        for (int j = 0; j < a.rows; j++) {
            int o = j * rank;
            for (int r = 0; r < rank; r++) {
                out[o + r] = 0.0;
            }
            int vb = (j * dim + d) * width;
            int first = a.first[j * dim + d];
            for (int k = 0; k < width; k++) {
                double b = a.value[vb + k];
                int row = (first + k) * rank;
                for (int r = 0; r < rank; r++) {
                    out[o + r] += b * wd[row + r];
                }
            }
        }
    }

    /** The model on the training rows, from the cached factor values. */
    void fitted(double[] out) {
        for (int j = 0; j < rows.rows; j++) {
            double u = 0.0;
            for (int r = 0; r < rank; r++) {
                double prod = lambda[r];
                for (int d = 0; d < rows.dim; d++) {
                    prod *= phi[d][j * rank + r];
                }
                u += prod;
            }
            out[j] = u;
        }
    }

    /** The model on other rows (e.g. validation), written to out. */
    void predict(AtomRows other, double[] out) {
        double[] prod = new double[other.rows * rank];
        double[] f = new double[other.rows * rank];
        for (int q = 0; q < prod.length; q++) {
            prod[q] = lambda[q % rank];
        }
        for (int d = 0; d < other.dim; d++) {
            evaluateFactor(other, d, w[d], rank, f);
            for (int q = 0; q < prod.length; q++) {
                prod[q] *= f[q];
            }
        }
        for (int j = 0; j < other.rows; j++) {
            double u = 0.0;
            for (int r = 0; r < rank; r++) {
                u += prod[j * rank + r];
            }
            out[j] = u;
        }
    }
}
