package org.snauq.als;

import org.snauq.basis.BSplineBasis;
import org.snauq.basis.SpanQuadrature;

/**
 * The ALS update of one coordinate d (METHOD.md section 2), solved from the rows' sums
 * ({@link NormalEquationsAccumulator}). With the other coordinates fixed,
 * u(z_j) = sum_{i,r} V[i,r] B_i(z_jd) c_jr is linear in V = diag(lambda) W^d, so V solves
 *
 * <pre>
 *   (A^T A + alpha_ridge I + alpha_rough (K kron I_R)) vec(V) = A^T t,     A[j, i*R + r] = B_i(z_jd) c_jr,
 * </pre>
 *
 * with K[i,i'] = integral B_i'' B_i'' over the domain and t the target. Row j of A has (p + 1) R non-zeros,
 * contiguous in the row-major order i*R + r, so accumulating costs O(N (p+1)^2 R^2); the matrix is banded
 * (B = (p + 1) R), and so is its Cholesky factor: the solve costs O(n R B^2), not O((n R)^3 / 3). The weights are relative: alpha_ridge = ridge * m, alpha_rough = roughness * m / m_K, with m
 * and m_K the mean diagonals of A^T A and K, so the same settings suit any data scale and knot spacing.
 *
 * <p>Band Cholesky (Golub and Van Loan 2013, algorithm 4.3.5) because the matrix is symmetric positive definite,
 * in correction form (see {@link #solve}); if a nearly singular system fails the factorisation, a shift of the
 * diagonal grows until it factors, which slows the correction but does not move its fixed point.
 *
 * <p>Holds only K (immutable); every solve allocates its own matrices, so instances may be shared.
 */
final class NormalEquations {

    /**
     * First shift when Cholesky fails, relative to the mean diagonal: a few hundred ulps, enough to factor a matrix
     * singular only by a span without rows; then up to 1e-14 * 100^6 = 1e-2 (relative).
     */
    private static final double SHIFT_FLOOR = 1e-14;
    private static final int MAX_ATTEMPTS = 8;

    private final int n;
    /** Dense n x n roughness matrix, or null when the degree is below 2 (no second derivative). */
    private final double[] roughness;
    private final double roughnessMeanDiagonal;

    NormalEquations(BSplineBasis basis) {
        this.n = basis.count();
        this.roughness = basis.degree() >= 2 ? roughnessMatrix(basis) : null;
        double trace = 0.0;
        if (roughness != null) {
            for (int i = 0; i < n; i++) {
                trace += roughness[i * n + i];
            }
        }
        this.roughnessMeanDiagonal = trace / n;
    }

    /** K[i,i'] = integral B_i'' B_i'', exact by Gauss-Legendre with p + 1 points per span (degree 2p - 4 integrand). */
    static double[] roughnessMatrix(BSplineBasis basis) {
        int n = basis.count();
        int p = basis.degree();
        int w = p + 1;
        double[] k = new double[n * n];
        SpanQuadrature q = basis.quadrature(p + 1);
        double[] ders = new double[3 * w];
        double[] scratch = new double[basis.derivativeScratchSize()];
        for (int g = 0; g < q.size(); g++) {
            int span = q.span()[g];
            basis.derivatives(q.x()[g], span, 2, ders, scratch);
            int first = span - p;
            for (int a = 0; a < w; a++) {
                double da = q.weight()[g] * ders[2 * w + a];
                for (int b = a; b < w; b++) {
                    k[(first + a) * n + first + b] += da * ders[2 * w + b];
                }
            }
        }
        for (int i = 0; i < n; i++) { // mirror the upper triangle: exactly symmetric
            for (int j = i + 1; j < n; j++) {
                k[j * n + i] = k[i * n + j];
            }
        }
        return k;
    }

    /**
     * The updated V = diag(lambda) W^d of coordinate d, in correction form: with P = alpha_ridge I +
     * alpha_rough (K kron I_R) and the residual r = t - A V_0 of the current V_0 (the rows' sums hold
     * G = A^T A and b = A^T r), V = V_0 + delta with (G + P + sigma I) delta = b - P V_0. Its fixed point is
     * (G + P) V = A^T t whatever the shift sigma, and rounding of the factorisation scales with |delta|, not |V|:
     * as sweeps converge, the update stops carrying the condition number of G times the rounding of V into the
     * solution (iterative refinement, Higham 2002, section 12.1). The shift is 0 unless the factorisation fails
     * (a span without rows, collinear terms); then it grows from {@link #SHIFT_FLOOR} by 100 at a time.
     *
     * @param sums            read, the rows' sums for this coordinate
     * @param v0              read, the current V_0, row-major n x R
     * @param rank            R
     * @param ridge           relative ridge weight
     * @param roughnessWeight relative roughness weight
     * @param d               the coordinate (for messages)
     * @return V row-major n x R (new array)
     */
    double[] solve(NormalEquationsAccumulator sums, double[] v0, int rank, double ridge, double roughnessWeight,
                   int d) {
        int size = n * rank;
        int band = sums.band();
        assert sums.size() == size && band >= rank && v0.length == size;
        double[] g = sums.gram();
        double trace = 0.0;
        for (int u = 0; u < size; u++) {
            trace += g[u * band];
        }
        double meanDiagonal = trace > 0 ? trace / size : 1.0; // all c = 0: the solution is 0, any scale works
        double alpha = ridge * meanDiagonal;
        double beta = roughness != null && roughnessWeight > 0 && roughnessMeanDiagonal > 0
                ? roughnessWeight * meanDiagonal / roughnessMeanDiagonal : 0.0;
        double[] rhs = sums.rightHandSide();
        for (int u = 0; u < size; u++) {
            g[u * band] += alpha;
            rhs[u] -= alpha * v0[u];
        }
        if (beta > 0) {
            for (int i = 0; i < n; i++) {
                for (int i2 = i; i2 < n && (i2 - i) * rank < band; i2++) {
                    double kv = beta * roughness[i * n + i2];
                    if (kv != 0.0) {
                        for (int r = 0; r < rank; r++) {
                            g[(i * rank + r) * band + (i2 - i) * rank] += kv;
                            rhs[i * rank + r] -= kv * v0[i2 * rank + r];
                            if (i2 != i) {
                                rhs[i2 * rank + r] -= kv * v0[i * rank + r];
                            }
                        }
                    }
                }
            }
        }
        double[] v = shiftedSolve(g, rhs, size, band, meanDiagonal, d);
        for (int u = 0; u < size; u++) {
            v[u] += v0[u];
        }
        return v;
    }

    /**
     * Solves (M + sigma I) x = b for the upper band g of M, sigma 0 and then escalating while the factorisation
     * fails.
     *
     * @param g read, S x B upper band
     * @param b read, S values
     */
    private static double[] shiftedSolve(double[] g, double[] b, int size, int band, double scale, int d) {
        double[] u = new double[g.length];
        double sigma = 0.0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            System.arraycopy(g, 0, u, 0, g.length);
            for (int i = 0; i < size; i++) {
                u[i * band] += sigma;
            }
            if (factor(u, size, band)) {
                double[] x = substitute(u, b, size, band);
                if (allFinite(x)) {
                    return x;
                }
            }
            sigma = sigma == 0.0 ? SHIFT_FLOOR * scale : sigma * 100;
        }
        throw new IllegalStateException("normal equations of coordinate " + d
                + " stay singular even with a shift of " + sigma / 100 / scale + " (relative)");
    }

    /**
     * In place: the upper band of a symmetric positive definite matrix becomes that of U with U^T U = A.
     *
     * @return false when a pivot is not positive (or NaN): not positive definite to working precision
     */
    static boolean factor(double[] a, int size, int band) {
        for (int j = 0; j < size; j++) {
            int start = Math.max(0, j - band + 1);
            double pivot = a[j * band];
            for (int k = start; k < j; k++) {
                double ukj = a[k * band + j - k];
                pivot -= ukj * ukj;
            }
            if (!(pivot > 0)) {
                return false;
            }
            double ujj = Math.sqrt(pivot);
            a[j * band] = ujj;
            int end = Math.min(size, j + band);
            for (int i = j + 1; i < end; i++) {
                double s = a[j * band + i - j];
                for (int k = Math.max(start, i - band + 1); k < j; k++) {
                    s -= a[k * band + j - k] * a[k * band + i - k];
                }
                a[j * band + i - j] = s / ujj;
            }
        }
        return true;
    }

    /** x with U^T U x = b, U from {@link #factor} (new array). */
    static double[] substitute(double[] u, double[] b, int size, int band) {
        double[] x = b.clone();
        for (int i = 0; i < size; i++) { // U^T y = b
            double s = x[i];
            for (int k = Math.max(0, i - band + 1); k < i; k++) {
                s -= u[k * band + i - k] * x[k];
            }
            x[i] = s / u[i * band];
        }
        for (int i = size - 1; i >= 0; i--) { // U x = y
            double s = x[i];
            int end = Math.min(size, i + band);
            for (int j = i + 1; j < end; j++) {
                s -= u[i * band + j - i] * x[j];
            }
            x[i] = s / u[i * band];
        }
        return x;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
