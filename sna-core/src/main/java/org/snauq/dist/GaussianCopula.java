package org.snauq.dist;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dependence between inputs through a Gaussian copula: independent uniforms u become z = Phi^{-1}(u), then
 * z' = L z with R = L L^T the correlation matrix in normal space, then u' = Phi(z'), whose coordinates are uniform
 * with the dependence of a normal vector of correlation R; the marginals' inverse CDFs then give the inputs (the
 * NORTA / Nataf transform: Cario and Nelson 1997; Lebrun and Dutfoy, Prob. Eng. Mech. 24, 2009). Each row is a
 * pure function of its own uniforms, so any index-addressable design stays one.
 *
 * <p>R is given in normal space ({@link #ofCorrelation}) or as Spearman rank correlations ({@link #ofSpearman}),
 * converted exactly by rho = 2 sin(pi rho_S / 6) (Pearson 1907; the rank correlation of a Gaussian copula does not
 * depend on the marginals, so this holds for any continuous inputs). Checks: square, one row per input, entries in
 * [-1, 1], unit diagonal, symmetric, positive definite (Cholesky); messages name the entries, e.g.
 * {@code "correlation[0][1] and correlation[1][0] must be equal, got 0.5 and 0.4"}.
 *
 * <p>Cost per row: only the coordinates with a non-zero correlation (the linked ones, m of them) go through
 * Phi^{-1}, L and Phi: O(m^2), the others are left as they are (so an identity matrix changes nothing, bit for bit).
 * Immutable, thread safe, allocation-free when applied.
 */
public final class GaussianCopula implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The open unit interval's ends on the 2^-53 grid: Phi of a far z' rounds to 0 or 1, where laws end. */
    private static final double SMALLEST_U = 0x1.0p-60;
    private static final double LARGEST_U = 1 - 0x1.0p-53;

    private final double[][] correlation;
    /** The linked coordinates, ascending. */
    private final int[] linked;
    /** Cholesky factor of R restricted to the linked coordinates, row-major lower triangle (m x m). */
    private final double[] l;

    private GaussianCopula(double[][] correlation, int[] linked, double[] l) {
        this.correlation = correlation;
        this.linked = linked;
        this.l = l;
    }

    /**
     * The copula of a normal-space correlation matrix.
     *
     * @param correlation read, copied: one row and column per input, in input order
     * @throws IllegalArgumentException naming the offending entries
     */
    public static GaussianCopula ofCorrelation(double[][] correlation) {
        return of(check(correlation, "correlation"), "correlation");
    }

    /**
     * The copula whose Spearman rank correlations are {@code spearman}: each entry converted by
     * rho = 2 sin(pi rho_S / 6).
     *
     * @param spearman read: one row and column per input, in input order
     * @throws IllegalArgumentException naming the offending entries (positive definiteness is that of the
     *                                  converted matrix)
     */
    public static GaussianCopula ofSpearman(double[][] spearman) {
        double[][] r = check(spearman, "spearman");
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r.length; j++) {
                r[i][j] = i == j ? 1.0 : normalFromSpearman(r[i][j]);
            }
        }
        return of(r, "spearman");
    }

    /** The independence copula of {@code dimension} inputs. */
    public static GaussianCopula independent(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        double[][] r = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            r[i][i] = 1;
        }
        return of(r, "correlation");
    }

    /** rho = 2 sin(pi rho_S / 6): the normal-space correlation whose Gaussian copula has Spearman's rho_S. */
    public static double normalFromSpearman(double spearman) {
        return 2 * Math.sin(Math.PI * spearman / 6);
    }

    /** rho_S = (6 / pi) asin(rho / 2), the inverse of {@link #normalFromSpearman}. */
    public static double spearmanFromNormal(double rho) {
        return 6 / Math.PI * Math.asin(rho / 2);
    }

    /** A square copy with entries in [-1, 1], a unit diagonal and symmetry checked. */
    private static double[][] check(double[][] m, String name) {
        if (m == null || m.length == 0) {
            throw new IllegalArgumentException(name + " must be a square matrix, got none");
        }
        int d = m.length;
        double[][] r = new double[d][];
        for (int i = 0; i < d; i++) {
            if (m[i] == null || m[i].length != d) {
                throw new IllegalArgumentException(name + "[" + i + "] must have " + d + " entries (one per input), got "
                        + (m[i] == null ? 0 : m[i].length));
            }
            r[i] = m[i].clone();
            for (int j = 0; j < d; j++) {
                if (!(r[i][j] >= -1 && r[i][j] <= 1)) {
                    throw new IllegalArgumentException(entry(name, i, j) + " must be in [-1, 1], got " + r[i][j]);
                }
            }
            if (r[i][i] != 1) {
                throw new IllegalArgumentException(entry(name, i, i) + " must be 1, got " + r[i][i]);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                if (r[i][j] != r[j][i]) {
                    throw new IllegalArgumentException(entry(name, j, i) + " and " + entry(name, i, j)
                            + " must be equal, got " + r[j][i] + " and " + r[i][j]);
                }
            }
        }
        return r;
    }

    private static String entry(String name, int i, int j) {
        return name + "[" + i + "][" + j + "]";
    }

    /** The copula of a checked normal-space matrix r (owned); {@code name} for messages. */
    private static GaussianCopula of(double[][] r, String name) {
        int d = r.length;
        List<Integer> linkedList = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (i != j && r[i][j] != 0) {
                    linkedList.add(i);
                    break;
                }
            }
        }
        int[] linked = linkedList.stream().mapToInt(Integer::intValue).toArray();
        int m = linked.length;
        double[] l = new double[m * m];
        // Cholesky-Banachiewicz on the linked block; a non-positive pivot names the rows that conflict
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = r[linked[i]][linked[j]];
                for (int k = 0; k < j; k++) {
                    s -= l[i * m + k] * l[j * m + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw notPositiveDefinite(r, linked, i, s, name);
                    }
                    l[i * m + i] = Math.sqrt(s);
                } else {
                    l[i * m + j] = s / l[j * m + j];
                }
            }
        }
        return new GaussianCopula(r, linked, l);
    }

    private static IllegalArgumentException notPositiveDefinite(double[][] r, int[] linked, int i, double pivot,
                                                               String name) {
        int row = linked[i];
        StringBuilder entries = new StringBuilder();
        for (int j = 0; j < i; j++) {
            double v = r[row][linked[j]];
            if (v != 0) {
                entries.append(entries.length() == 0 ? "" : ", ").append(entry(name, row, linked[j])).append(" = ")
                        .append(v);
            }
        }
        String source = name.equals("spearman") ? " (converted to normal space by 2 sin(pi rho / 6))" : "";
        return new IllegalArgumentException(name + " must be positive definite" + source + ": " + entries
                + " contradict the rows above (Cholesky pivot " + pivot + " at " + entry(name, row, row) + ")");
    }

    /** Number of inputs. */
    public int dimension() {
        return correlation.length;
    }

    /** True when no two inputs are correlated. */
    public boolean isIndependent() {
        return linked.length == 0;
    }

    /** The normal-space correlation matrix (a copy). */
    public double[][] correlation() {
        double[][] c = new double[correlation.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = correlation[i].clone();
        }
        return c;
    }

    /**
     * Maps {@code count} rows of independent uniforms to uniforms with this copula, in place: coordinates
     * first .. first + dimension() - 1 of rows of {@code stride} values from {@code offset}.
     *
     * @param u read and written; entries in (0, 1); the results stay in (0, 1)
     */
    public void apply(double[] u, int offset, int count, int stride, int first) {
        int m = linked.length;
        if (m == 0) {
            return;
        }
        if (count < 0 || first < 0 || first + dimension() > stride || offset < 0
                || offset + (long) count * stride > u.length) {
            throw new IllegalArgumentException("u must hold " + count + " rows of " + stride + " values from offset "
                    + offset + " with coordinates [" + first + ", " + (first + dimension()) + "), got length "
                    + u.length);
        }
        for (int c : linked) {
            for (int i = 0, p = offset + first + c; i < count; i++, p += stride) {
                u[p] = NormalQuantile.of(u[p]);
            }
        }
        for (int row = 0, base = offset + first; row < count; row++, base += stride) {
            // z' = L z in place: z'_i needs z_j for j <= i only, so go from the last row up
            for (int i = m - 1; i >= 0; i--) {
                double s = 0;
                for (int j = 0; j <= i; j++) {
                    s += l[i * m + j] * u[base + linked[j]];
                }
                u[base + linked[i]] = s;
            }
        }
        for (int c : linked) {
            for (int i = 0, p = offset + first + c; i < count; i++, p += stride) {
                u[p] = Math.min(LARGEST_U, Math.max(SMALLEST_U, NormalCdf.of(u[p])));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianCopula c && Arrays.deepEquals(correlation, c.correlation);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(correlation);
    }

    @Override
    public String toString() {
        return "GaussianCopula" + Arrays.deepToString(correlation);
    }
}
