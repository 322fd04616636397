package org.snauq.als;

import java.util.Arrays;
import org.snauq.stats.Mergeable;

/**
 * The data part of one ALS coordinate update (METHOD.md section 2): G = A^T A and b = A^T r summed over the rows
 * seen, where row j of A is a_j = B^d(z_jd) kron c_j (its (p + 1) R non-zeros start at column first_j * R) and r_j
 * the residual of the current terms (the update is solved in correction form, see {@code NormalEquations}). Any subset of rows fills one; {@link #combine} adds another's sums, so partitions of the rows
 * accumulate separately and combine to the whole (Spark's {@code treeAggregate}); the driver then solves with
 * {@link NormalEquations}. Summation order is the only difference between a split and a single pass.
 *
 * <p>Invariants: G is banded, G[i][j] = 0 for |i - j| &gt;= B = (p + 1) R (atoms more than p apart never meet
 * on a row), and stored as its upper band row by row, S B numbers for S = n_d R unknowns (40 KB at n_d = 20, R = 8,
 * p = 3); {@code count} is the number of rows accepted. O(((p + 1) R)^2 / 2) per row. Mutable, not thread safe;
 * Java-serializable (primitive arrays only).
 *
 * <p>API CONTRACT (the distributed trainer's accumulator): {@link #combine}, {@link #copy}, {@link #count()},
 * {@link #size()}; rows come in through {@link CoordinatePass#accept}.
 */
public final class NormalEquationsAccumulator implements Mergeable<NormalEquationsAccumulator> {

    private static final long serialVersionUID = 1L;

    private final int size;
    private final int band;
    /** ata[i B + j - i] = G[i][j], i &lt;= j &lt; i + B (entries beyond S stay 0). */
    private final double[] ata;
    private final double[] atb;
    private long count;

    /**
     * @param size S, the unknowns
     * @param band B, the width of a row's non-zeros (p + 1) R
     */
    NormalEquationsAccumulator(int size, int band) {
        this.size = size;
        this.band = band;
        this.ata = new double[size * band];
        this.atb = new double[size];
    }

    private NormalEquationsAccumulator(NormalEquationsAccumulator o) {
        this.size = o.size;
        this.band = o.band;
        this.ata = o.ata.clone();
        this.atb = o.atb.clone();
        this.count = o.count;
    }

    /** S = n_d R, the unknowns of the update. */
    public int size() {
        return size;
    }

    /** B, the width of the upper band. */
    public int band() {
        return band;
    }

    /** Rows accepted. */
    public long count() {
        return count;
    }

    /**
     * Adds one row: G += a a^T and b += a r on the block of columns [o, o + m).
     *
     * @param o first column of the row's non-zeros
     * @param a read, the m non-zeros
     */
    void accept(int o, double[] a, int m, double r) {
        assert o >= 0 && o + m <= size && m <= band;
        for (int u = 0; u < m; u++) {
            double au = a[u];
            atb[o + u] += au * r;
            int base = (o + u) * band - u; // G[o + u][o + v] sits at (o + u) B + v - u
            for (int v = u; v < m; v++) {
                ata[base + v] += au * a[v];
            }
        }
        count++;
    }

    @Override
    public NormalEquationsAccumulator combine(NormalEquationsAccumulator other) {
        if (other.size != size || other.band != band) {
            throw new IllegalArgumentException("normal equations must have the same shape to combine, got "
                    + size + " x " + band + " and " + other.size + " x " + other.band);
        }
        for (int k = 0; k < ata.length; k++) {
            ata[k] += other.ata[k];
        }
        for (int k = 0; k < size; k++) {
            atb[k] += other.atb[k];
        }
        count += other.count;
        return this;
    }

    @Override
    public NormalEquationsAccumulator copy() {
        return new NormalEquationsAccumulator(this);
    }

    /** The upper band of G, g[i B + j - i] = G[i][j] (new array). */
    double[] gram() {
        return ata.clone();
    }

    /** b = A^T r (new array). */
    double[] rightHandSide() {
        return atb.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormalEquationsAccumulator a && a.size == size && a.band == band && a.count == count
                && Arrays.equals(a.ata, ata) && Arrays.equals(a.atb, atb);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(atb) * 31 + Long.hashCode(count);
    }
}
