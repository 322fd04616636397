package org.snauq.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mergeable sums for pick-freeze Sobol indices of D inputs (METHOD.md section 6). Row k holds f(A_k), f(B_k)
 * and f(A_B^(j)_k), j &lt; D, where A_B^(j) is A with column j taken from B. With d_j = f(A_B^(j)) - f(A),
 * f-bar the mean and V the (unbiased) variance of the 2n values f(A), f(B) pooled:
 * <pre>
 *   V_j  = mean( (f(B) - f-bar) d_j )      first order, Saltelli et al. (2010) Table 2(b), centred
 *   VT_j = mean( d_j^2 ) / 2                total, Jansen (1999)
 *   S_j = V_j / V,  ST_j = VT_j / V
 * </pre>
 * Centring f(B) at the pooled mean makes V_j invariant to adding a constant to f and removes the noise term
 * f-bar mean(d_j) of the uncentred form; it changes the estimator by O(1/n) only.
 *
 * <p>Numerics. Every row is first shifted by c, the first f(A) this accumulator saw (so the shifted values
 * are O(sd), not O(|mean|)), and the accumulator keeps means and Welford/Pébay co-moment sums
 * C_xy = sum (x - x-bar)(y - y-bar) of the per-row variables a = f(A) - c, b = f(B) - c, q = (a^2 + b^2)/2 and,
 * per input, y_j = b d_j, d_j, z_j = d_j^2 / 2: a 3 x 3 block, and per input a 3 x 3 block and its 3 x 3
 * cross block with (a, b, q), 6 + 15 D sums. Combine merges them pairwise (C = C_A + C_B + delta_x delta_y
 * n_A n_B / n), after moving the other accumulator to this shift exactly (a linear map of the variables).
 * O(D) per row.
 *
 * <p>Intervals: {@link #estimate(double)} uses the delta method on these means (rows independent: mc; lhs
 * approximately); for randomised Sobol' designs use {@link SobolEstimate#fromReplicates} (SOBOL-CONVENTION).
 * Empty: NaN; intervals need n &gt;= 2.
 *
 * <p>References: A. Saltelli et al., Comput. Phys. Commun. 181 (2010) 259-270, doi:10.1016/j.cpc.2009.09.018;
 * M. Jansen, Comput. Phys. Commun. 117 (1999) 35-43. Serialisation: Java serialization (primitives and
 * double[]; Kryo's FieldSerializer works too). Not thread safe.
 */
public final class SobolAccumulator implements Mergeable<SobolAccumulator> {

    private static final long serialVersionUID = 1L;

    // global variables (a, b, q) and per-input local variables (y, d, z)
    private static final int A = 0;
    private static final int B = 1;
    private static final int Q = 2;
    private static final int Y = 0;
    private static final int D = 1;
    private static final int Z = 2;

    // invariants: n == 0 <=> shift is NaN and every sum is 0; arrays sized as below
    private final int dim;
    private long n;
    private double shift = Double.NaN;
    private final double[] gMean = new double[3];
    private final double[] gCo = new double[6];   // sym(3) among (a, b, q)
    private final double[] lMean;                // lMean[3 j + t], t in (y, d, z)
    private final double[] lCo;                  // lCo[6 j + sym(t, u)]
    private final double[] xCo;                  // xCo[9 j + 3 t + g], local t x global g

    /** @param dimension D, the number of inputs, &gt;= 1 */
    public SobolAccumulator(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.dim = dimension;
        this.lMean = new double[3 * dimension];
        this.lCo = new double[6 * dimension];
        this.xCo = new double[9 * dimension];
    }

    /** Index of the pair (i, j), i, j &lt; 3, in a packed symmetric 3 x 3 matrix. */
    private static int sym(int i, int j) {
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        return lo == 0 ? hi : lo == 1 ? 2 + hi : 5;
    }

    public int dimension() {
        return dim;
    }

    public long count() {
        return n;
    }

    /**
     * Adds one row.
     *
     * @param fAB read, fAB[j] = f(A_B^(j)), length D
     */
    public void accept(double fA, double fB, double[] fAB) {
        acceptRow(fA, fB, fAB, 0, 1);
    }

    /**
     * Adds {@code count} rows: row k has f(A) = fA[k], f(B) = fB[k], f(A_B^(j)) = fAB[j * count + k]
     * (the D matrices evaluated one after another, as a block job produces them).
     *
     * @param fA  read
     * @param fB  read
     * @param fAB read, length &gt;= D * count
     */
    public void accept(double[] fA, double[] fB, double[] fAB, int count) {
        for (int k = 0; k < count; k++) {
            acceptRow(fA[k], fB[k], fAB, k, count);
        }
    }

    /**
     * Adds {@code count} rows laid out sample-major as {@code PickFreeze.expand} produces the points: the
     * D + 2 values of sample i are f[off + i (D + 2) + m] with m = 0 for f(A), 1 for f(B) and 2 + j for
     * f(A_B^(j)).
     *
     * @param f read, length &gt;= off + count (D + 2)
     */
    public void acceptSamples(double[] f, int off, int count) {
        int stride = dim + 2;
        for (int i = 0; i < count; i++) {
            int base = off + i * stride;
            acceptRow(f[base], f[base + 1], f, base + 2, 1);
        }
    }

    private void acceptRow(double fA, double fB, double[] fAB, int off, int stride) {
        if (n == 0) {
            shift = fA;
        }
        n++;
        double nn = n;
        double frac = (nn - 1.0) / nn;
        double a = fA - shift;
        double b = fB - shift;
        double q = 0.5 * (a * a + b * b);
        double da = a - gMean[A];
        double db = b - gMean[B];
        double dq = q - gMean[Q];
        gMean[A] += da / nn;
        gMean[B] += db / nn;
        gMean[Q] += dq / nn;
        gCo[0] += frac * da * da;
        gCo[1] += frac * da * db;
        gCo[2] += frac * da * dq;
        gCo[3] += frac * db * db;
        gCo[4] += frac * db * dq;
        gCo[5] += frac * dq * dq;
        for (int j = 0; j < dim; j++) {
            double d = fAB[off + j * stride] - fA;
            double y = b * d;
            double z = 0.5 * d * d;
            int m = 3 * j;
            double dy = y - lMean[m + Y];
            double dd = d - lMean[m + D];
            double dz = z - lMean[m + Z];
            lMean[m + Y] += dy / nn;
            lMean[m + D] += dd / nn;
            lMean[m + Z] += dz / nn;
            int l = 6 * j;
            lCo[l] += frac * dy * dy;
            lCo[l + 1] += frac * dy * dd;
            lCo[l + 2] += frac * dy * dz;
            lCo[l + 3] += frac * dd * dd;
            lCo[l + 4] += frac * dd * dz;
            lCo[l + 5] += frac * dz * dz;
            int x = 9 * j;
            xCo[x] += frac * dy * da;
            xCo[x + 1] += frac * dy * db;
            xCo[x + 2] += frac * dy * dq;
            xCo[x + 3] += frac * dd * da;
            xCo[x + 4] += frac * dd * db;
            xCo[x + 5] += frac * dd * dq;
            xCo[x + 6] += frac * dz * da;
            xCo[x + 7] += frac * dz * db;
            xCo[x + 8] += frac * dz * dq;
        }
    }

    /** @throws IllegalArgumentException when the dimensions differ */
    @Override
    public SobolAccumulator combine(SobolAccumulator other) {
        assert other != this;
        if (other.dim != dim) {
            throw new IllegalArgumentException("cannot combine Sobol sums of dimension " + dim + " and " + other.dim);
        }
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            copyFrom(other);
            return this;
        }
        SobolAccumulator o = other.shift == shift ? other : other.shiftedTo(shift);
        double na = n;
        double nb = o.n;
        double nt = na + nb;
        double w = na * nb / nt;
        double[] dg = new double[3];
        for (int g = 0; g < 3; g++) {
            dg[g] = o.gMean[g] - gMean[g];
        }
        for (int g = 0; g < 3; g++) {
            for (int h = g; h < 3; h++) {
                gCo[sym(g, h)] += o.gCo[sym(g, h)] + dg[g] * dg[h] * w;
            }
        }
        double[] dl = new double[3];
        for (int j = 0; j < dim; j++) {
            for (int t = 0; t < 3; t++) {
                dl[t] = o.lMean[3 * j + t] - lMean[3 * j + t];
            }
            for (int t = 0; t < 3; t++) {
                for (int u = t; u < 3; u++) {
                    lCo[6 * j + sym(t, u)] += o.lCo[6 * j + sym(t, u)] + dl[t] * dl[u] * w;
                }
                for (int g = 0; g < 3; g++) {
                    xCo[9 * j + 3 * t + g] += o.xCo[9 * j + 3 * t + g] + dl[t] * dg[g] * w;
                }
            }
            for (int t = 0; t < 3; t++) {
                lMean[3 * j + t] += dl[t] * nb / nt;
            }
        }
        for (int g = 0; g < 3; g++) {
            gMean[g] += dg[g] * nb / nt;
        }
        n += o.n;
        return this;
    }

    /**
     * This state expressed with shift c2 instead of c: with s = c2 - c, a' = a - s, b' = b - s,
     * q' = q - s (a + b) + s^2 and y_j' = y_j - s d_j (d_j, z_j do not depend on the shift); the co-moments
     * transform as C' = L C L^T with L the linear part of that map.
     */
    private SobolAccumulator shiftedTo(double c2) {
        double s = c2 - shift;
        SobolAccumulator r = copy();
        r.shift = c2;
        r.gMean[A] = gMean[A] - s;
        r.gMean[B] = gMean[B] - s;
        r.gMean[Q] = gMean[Q] - s * (gMean[A] + gMean[B]) + s * s;
        // variables (a, b, q, y, d, z) -> index 0..5; L = I except L[q][a] = L[q][b] = -s, L[y][d] = -s
        double[][] l = new double[6][6];
        for (int i = 0; i < 6; i++) {
            l[i][i] = 1.0;
        }
        l[2][0] = -s;
        l[2][1] = -s;
        l[3][4] = -s;
        double[][] c = new double[6][6];
        double[][] lc = new double[6][6];
        for (int j = 0; j < dim; j++) {
            r.lMean[3 * j + Y] = lMean[3 * j + Y] - s * lMean[3 * j + D];
            for (int u = 0; u < 6; u++) {
                for (int v = 0; v < 6; v++) {
                    c[u][v] = comoment(j, u, v);
                }
            }
            for (int u = 0; u < 6; u++) {
                for (int v = 0; v < 6; v++) {
                    double sum = 0.0;
                    for (int k = 0; k < 6; k++) {
                        sum += l[u][k] * c[k][v];
                    }
                    lc[u][v] = sum;
                }
            }
            for (int u = 0; u < 6; u++) {
                for (int v = u; v < 6; v++) {
                    double sum = 0.0;
                    for (int k = 0; k < 6; k++) {
                        sum += lc[u][k] * l[v][k];
                    }
                    r.setComoment(j, u, v, sum);
                }
            }
        }
        return r;
    }

    /** Co-moment sum of variables u, v in (a, b, q, y_j, d_j, z_j) = 0..5. */
    private double comoment(int j, int u, int v) {
        if (u < 3 && v < 3) {
            return gCo[sym(u, v)];
        }
        if (u >= 3 && v >= 3) {
            return lCo[6 * j + sym(u - 3, v - 3)];
        }
        return u >= 3 ? xCo[9 * j + 3 * (u - 3) + v] : xCo[9 * j + 3 * (v - 3) + u];
    }

    private void setComoment(int j, int u, int v, double value) {
        if (u < 3 && v < 3) {
            gCo[sym(u, v)] = value; // the same for every j: L maps globals to globals
        } else if (u >= 3 && v >= 3) {
            lCo[6 * j + sym(u - 3, v - 3)] = value;
        } else if (u >= 3) {
            xCo[9 * j + 3 * (u - 3) + v] = value;
        } else {
            xCo[9 * j + 3 * (v - 3) + u] = value;
        }
    }

    private void copyFrom(SobolAccumulator o) {
        n = o.n;
        shift = o.shift;
        System.arraycopy(o.gMean, 0, gMean, 0, 3);
        System.arraycopy(o.gCo, 0, gCo, 0, 6);
        System.arraycopy(o.lMean, 0, lMean, 0, lMean.length);
        System.arraycopy(o.lCo, 0, lCo, 0, lCo.length);
        System.arraycopy(o.xCo, 0, xCo, 0, xCo.length);
    }

    @Override
    public SobolAccumulator copy() {
        SobolAccumulator c = new SobolAccumulator(dim);
        c.copyFrom(this);
        return c;
    }

    /** (mean(a) + mean(b)) / 2: the pooled mean minus the shift. */
    private double pooledShiftedMean() {
        return 0.5 * (gMean[A] + gMean[B]);
    }

    /** Mean of f over the 2n values f(A), f(B). */
    public double mean() {
        return n == 0 ? Double.NaN : shift + pooledShiftedMean();
    }

    /** Unbiased variance of the 2n values f(A), f(B) (pooled Welford sums); NaN when empty. */
    public double variance() {
        if (n == 0) {
            return Double.NaN;
        }
        double p = pooledShiftedMean();
        double m2 = gCo[sym(A, A)] + gCo[sym(B, B)] + n * ((gMean[A] - p) * (gMean[A] - p)
                + (gMean[B] - p) * (gMean[B] - p));
        return m2 / (2.0 * n - 1.0);
    }

    /** The centred Saltelli first-order variance V_j = mean((f(B) - f-bar) d_j). */
    public double firstOrderVariance(int j) {
        return n == 0 ? Double.NaN : lMean[3 * j + Y] - pooledShiftedMean() * lMean[3 * j + D];
    }

    /** Jansen's total variance VT_j = mean(d_j^2) / 2. */
    public double totalVariance(int j) {
        return n == 0 ? Double.NaN : lMean[3 * j + Z];
    }

    /** S_j = V_j / V. */
    public double firstOrder(int j) {
        return firstOrderVariance(j) / variance();
    }

    /** ST_j = VT_j / V. */
    public double total(int j) {
        return totalVariance(j) / variance();
    }

    /** Point estimates with delta-method intervals (rows independent). */
    public SobolEstimate estimate(double confidence) {
        Intervals.checkConfidence(confidence);
        double z = Intervals.normalQuantile(confidence);
        List<ConfidenceInterval> first = new ArrayList<>(dim);
        List<ConfidenceInterval> total = new ArrayList<>(dim);
        for (int j = 0; j < dim; j++) {
            first.add(interval(firstOrder(j), deltaVariance(j, true), z, confidence));
            total.add(interval(total(j), deltaVariance(j, false), z, confidence));
        }
        return new SobolEstimate(n, mean(), variance(), first, total, SobolEstimate.IntervalMethod.DELTA);
    }

    private static ConfidenceInterval interval(double est, double var, double z, double confidence) {
        double half = z * Math.sqrt(var);
        return new ConfidenceInterval(est, est - half, est + half, confidence);
    }

    /**
     * Delta-method variance of S_j (first = true) or ST_j: g^T Sigma g / n, Sigma = C / (n - 1) the
     * covariance of the row variables (a, b, q, y_j, d_j, z_j) and g the gradient of the estimator as a
     * function of their means, with V = mean(q) - p^2, p = (mean(a) + mean(b)) / 2.
     */
    private double deltaVariance(int j, boolean first) {
        if (n < 2) {
            return Double.NaN;
        }
        double v = variance();
        double p = pooledShiftedMean();
        double[] g = new double[6];
        if (first) {
            double num = firstOrderVariance(j);
            double dp = -lMean[3 * j + D] / v + 2.0 * p * num / (v * v);
            g[0] = 0.5 * dp;
            g[1] = 0.5 * dp;
            g[2] = -num / (v * v);
            g[3] = 1.0 / v;
            g[4] = -p / v;
        } else {
            double num = totalVariance(j);
            double dp = 2.0 * p * num / (v * v);
            g[0] = 0.5 * dp;
            g[1] = 0.5 * dp;
            g[2] = -num / (v * v);
            g[5] = 1.0 / v;
        }
        double quad = 0.0;
        for (int u = 0; u < 6; u++) {
            for (int w = 0; w < 6; w++) {
                quad += g[u] * comoment(j, u, w) * g[w];
            }
        }
        return Math.max(0.0, quad) / (n - 1.0) / n;
    }

    /** The state as one array (for tests and plain-array shipping): n, shift, then every sum. */
    public double[] toArray() {
        double[] s = new double[2 + 9 + lMean.length + lCo.length + xCo.length];
        s[0] = n;
        s[1] = shift;
        System.arraycopy(gMean, 0, s, 2, 3);
        System.arraycopy(gCo, 0, s, 5, 6);
        System.arraycopy(lMean, 0, s, 11, lMean.length);
        System.arraycopy(lCo, 0, s, 11 + lMean.length, lCo.length);
        System.arraycopy(xCo, 0, s, 11 + lMean.length + lCo.length, xCo.length);
        return s;
    }

    @Override
    public String toString() {
        return "Sobol[D=" + dim + ", n=" + n + ", S=" + Arrays.toString(estimateArray(true)) + ", ST="
                + Arrays.toString(estimateArray(false)) + "]";
    }

    private double[] estimateArray(boolean first) {
        double[] e = new double[dim];
        for (int j = 0; j < dim; j++) {
            e[j] = first ? firstOrder(j) : total(j);
        }
        return e;
    }
}
