package org.snauq.als;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The unknowns of ALS: R rank-one terms lambda_r prod_d phi_r^d with phi_r^d = sum_i W^d[i,r] B_i^d, the factors
 * W^d row-major n_d x R ({@code w[d][i * R + r]}), METHOD.md section 1. This is what the driver of a distributed
 * fit ships to the rows ({@link AlsPasses}); the atoms B^d belong to the rows, not to the factors.
 *
 * <p>Invariants: every column W^d[., r] has unit Euclidean norm, or lambda_r = 0 (a term that vanished keeps its
 * old column); the scale is in lambda. Immutable: every update returns a new instance, which may share the
 * arrays of unchanged coordinates (no array is ever written after construction). Thread safe.
 *
 * <p>API CONTRACT: {@link #rank()}, {@link #dimension()}, {@link #count(int)}, {@link #lambda()},
 * {@link #factor(int)}.
 */
public final class CpFactors implements Serializable {

    private static final long serialVersionUID = 1L;

    final int rank;
    final double[] lambda;
    final double[][] w;

    private CpFactors(int rank, double[] lambda, double[][] w) {
        this.rank = rank;
        this.lambda = lambda;
        this.w = w;
    }

    /**
     * Factors with columns scaled to unit norm (the norms move into lambda). A zero or non-finite column makes its
     * term vanish: lambda_r = 0 and a constant unit column.
     *
     * @param lambda read, R weights
     * @param w      read, w[d] row-major n_d x R
     */
    static CpFactors of(double[] lambda, double[][] w) {
        int rank = lambda.length;
        double[] lam = lambda.clone();
        double[][] f = new double[w.length][];
        for (int d = 0; d < w.length; d++) {
            f[d] = w[d].clone();
            for (int r = 0; r < rank; r++) {
                double norm = columnNorm(f[d], rank, r);
                if (norm > 0 && Double.isFinite(norm)) {
                    scaleColumn(f[d], rank, r, 1.0 / norm);
                    lam[r] *= norm;
                } else {
                    lam[r] = 0.0;
                    double unit = 1.0 / Math.sqrt(f[d].length / rank);
                    for (int i = r; i < f[d].length; i += rank) {
                        f[d][i] = unit;
                    }
                }
            }
        }
        return new CpFactors(rank, lam, f);
    }

    /**
     * One rank-one term to start an enrichment: constant factors (phi = 1 by the partition of unity) when rng is
     * null, else coefficients drawn from N(0, 1).
     */
    static CpFactors rankOne(int[] counts, SplittableRandom rng) {
        double[][] w = new double[counts.length][];
        for (int d = 0; d < counts.length; d++) {
            w[d] = new double[counts[d]];
            for (int i = 0; i < counts[d]; i++) {
                w[d][i] = rng == null ? 1.0 : gaussian(rng);
            }
        }
        return of(new double[] {1.0}, w);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller from two uniforms: a pure function of the generator state, unlike Random.nextGaussian's cache.
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    public int rank() {
        return rank;
    }

    public int dimension() {
        return w.length;
    }

    /** n_d, the atoms of coordinate d. */
    public int count(int d) {
        return w[d].length / rank;
    }

    /** A copy of lambda. */
    public double[] lambda() {
        return lambda.clone();
    }

    /** A copy of W^d, row-major n_d x R. */
    public double[] factor(int d) {
        return w[d].clone();
    }

    int[] counts() {
        int[] c = new int[w.length];
        for (int d = 0; d < w.length; d++) {
            c[d] = count(d);
        }
        return c;
    }

    /**
     * The factors after the ALS update of coordinate d: V = diag(lambda) W^d solved from the normal equations,
     * its column norms the new lambda. A zero or non-finite column keeps the old W^d column with lambda_r = 0.
     *
     * @param v read, row-major n_d x R
     */
    CpFactors withCoordinate(int d, double[] v) {
        double[] col = v.clone();
        double[] lam = lambda.clone();
        for (int r = 0; r < rank; r++) {
            double norm = columnNorm(col, rank, r);
            if (norm > 0 && Double.isFinite(norm)) {
                scaleColumn(col, rank, r, 1.0 / norm);
                lam[r] = norm;
            } else {
                lam[r] = 0.0;
                for (int i = r; i < col.length; i += rank) {
                    col[i] = w[d][i];
                }
            }
        }
        double[][] f = w.clone();
        f[d] = col;
        return new CpFactors(rank, lam, f);
    }

    /** The terms of this, then those of {@code other} (same coordinates and atoms). */
    CpFactors append(CpFactors other) {
        assert other.w.length == w.length;
        int total = rank + other.rank;
        double[] lam = Arrays.copyOf(lambda, total);
        System.arraycopy(other.lambda, 0, lam, rank, other.rank);
        double[][] f = new double[w.length][];
        for (int d = 0; d < w.length; d++) {
            int n = count(d);
            assert other.count(d) == n;
            f[d] = new double[n * total];
            for (int i = 0; i < n; i++) {
                System.arraycopy(w[d], i * rank, f[d], i * total, rank);
                System.arraycopy(other.w[d], i * other.rank, f[d], i * total + rank, other.rank);
            }
        }
        return new CpFactors(total, lam, f);
    }

    /** The terms r in {@code keep}, in that order. */
    CpFactors select(int[] keep) {
        int total = keep.length;
        double[] lam = new double[total];
        double[][] f = new double[w.length][];
        for (int k = 0; k < total; k++) {
            lam[k] = lambda[keep[k]];
        }
        for (int d = 0; d < w.length; d++) {
            int n = count(d);
            f[d] = new double[n * total];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < total; k++) {
                    f[d][i * total + k] = w[d][i * rank + keep[k]];
                }
            }
        }
        return new CpFactors(total, lam, f);
    }

    /**
     * lambda_e = lambda_0 + s (lambda_1 - lambda_0), W_e^d = W_0^d + s (W_1^d - W_0^d), columns normalised again:
     * the line-search extrapolation of Bro (1998, section 4.2) that shortens ALS "swamps". A column that vanishes
     * keeps W_1's column with lambda 0.
     */
    static CpFactors extrapolate(CpFactors f0, CpFactors f1, double s) {
        int rank = f1.rank;
        assert f0.rank == rank;
        double[] lam = new double[rank];
        for (int r = 0; r < rank; r++) {
            lam[r] = f0.lambda[r] + s * (f1.lambda[r] - f0.lambda[r]);
        }
        double[][] f = new double[f1.w.length][];
        for (int d = 0; d < f.length; d++) {
            double[] v0 = f0.w[d];
            double[] v1 = f1.w[d];
            double[] v = new double[v1.length];
            for (int q = 0; q < v.length; q++) {
                v[q] = v0[q] + s * (v1[q] - v0[q]);
            }
            for (int r = 0; r < rank; r++) {
                double norm = columnNorm(v, rank, r);
                if (norm > 0 && Double.isFinite(norm)) {
                    scaleColumn(v, rank, r, 1.0 / norm);
                    lam[r] *= norm;
                } else {
                    lam[r] = 0.0;
                    for (int i = r; i < v.length; i += rank) {
                        v[i] = v1[i];
                    }
                }
            }
            f[d] = v;
        }
        return new CpFactors(rank, lam, f);
    }

    private static double columnNorm(double[] v, int rank, int r) {
        double sq = 0.0;
        for (int i = r; i < v.length; i += rank) {
            sq += v[i] * v[i];
        }
        return Math.sqrt(sq);
    }

    private static void scaleColumn(double[] v, int rank, int r, double s) {
        for (int i = r; i < v.length; i += rank) {
            v[i] *= s;
        }
    }
}
