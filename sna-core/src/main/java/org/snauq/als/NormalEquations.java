package org.snauq.als;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.SpanQuadrature;

/**
 * The ALS update of one coordinate d (METHOD.md section 2). With the other coordinates fixed,
 * u(z_j) = sum_{i,r} V[i,r] B_i(z_jd) c_jr is linear in V = diag(lambda) W^d, so V solves
 *
 * <pre>
 *   (A^T A + alpha_ridge I + alpha_rough (K kron I_R)) vec(V) = A^T t,     A[j, i*R + r] = B_i(z_jd) c_jr,
 * </pre>
 *
 * with K[i,i'] = integral B_i'' B_i'' over the domain and t the target. Row j of A has (p + 1) R non-zeros,
 * contiguous in the row-major order i*R + r, so assembling costs O(N (p+1)^2 R^2) and the Cholesky solve
 * O((n R)^3 / 3). The weights are relative: alpha_ridge = ridge * m, alpha_rough = roughness * m / m_K, with m
 * and m_K the mean diagonals of A^T A and K, so the same settings suit any data scale and knot spacing.
 *
 * <p>Cholesky (EJML) because the matrix is symmetric positive definite; if rounding makes a nearly singular
 * system fail the factorisation, the ridge grows by 100 and the solve is repeated.
 *
 * <p>Holds only K (immutable); every solve allocates its own matrices, so instances may be shared.
 */
final class NormalEquations {

    /** Escalation of the ridge when Cholesky fails: from max(ridge, 1e-14) up to 1e-14 * 100^7 = 1 (relative). */
    private static final double RIDGE_FLOOR = 1e-14;
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
     * Solves for V = diag(lambda) W^d of coordinate d.
     *
     * @param rows      read, the training atoms
     * @param d         the coordinate
     * @param rank      R
     * @param pre       read, N x R: prod_{e &lt; d} phi_r^e(z_je)
     * @param suf       read, N x R: prod_{e &gt; d} phi_r^e(z_je), or null for d = D - 1 (all ones)
     * @param target    read, N values
     * @param ridge     relative ridge weight
     * @param roughnessWeight relative roughness weight
     * @return V row-major n x R (new array)
     */
    double[] solve(AtomRows rows, int d, int rank, double[] pre, double[] suf, double[] target, double ridge,
                   double roughnessWeight) {
        int size = n * rank;
        int width = rows.width;
        int m = width * rank;
        int dim = rows.dim;
        double[] ata = new double[size * size];
        double[] atb = new double[size];
        double[] a = new double[m];
        double[] c = new double[rank];
        for (int j = 0; j < rows.rows; j++) {
            int cj = j * rank;
            for (int r = 0; r < rank; r++) {
                c[r] = suf == null ? pre[cj + r] : pre[cj + r] * suf[cj + r];
            }
            int vb = (j * dim + d) * width;
            for (int k = 0; k < width; k++) {
                double bk = rows.value[vb + k];
                for (int r = 0; r < rank; r++) {
                    a[k * rank + r] = bk * c[r];
                }
            }
            int o = rows.first[j * dim + d] * rank;
            double t = target[j];
            for (int u = 0; u < m; u++) {
                double au = a[u];
                atb[o + u] += au * t;
                int row = (o + u) * size + o;
                for (int v = u; v < m; v++) {
                    ata[row + v] += au * a[v];
                }
            }
        }
        double trace = 0.0;
        for (int u = 0; u < size; u++) {
            trace += ata[u * size + u];
            for (int v = u + 1; v < size; v++) {
                ata[v * size + u] = ata[u * size + v];
            }
        }
        double meanDiagonal = trace > 0 ? trace / size : 1.0; // all c = 0: the solution is 0, any scale works
        if (roughness != null && roughnessWeight > 0 && roughnessMeanDiagonal > 0) {
            double alpha = roughnessWeight * meanDiagonal / roughnessMeanDiagonal;
            for (int i = 0; i < n; i++) {
                for (int i2 = 0; i2 < n; i2++) {
                    double kv = alpha * roughness[i * n + i2];
                    if (kv != 0.0) {
                        for (int r = 0; r < rank; r++) {
                            ata[(i * rank + r) * size + i2 * rank + r] += kv;
                        }
                    }
                }
            }
        }
        return choleskySolve(ata, atb, size, ridge * meanDiagonal, meanDiagonal, d);
    }

    private static double[] choleskySolve(double[] ata, double[] atb, int size, double ridge, double scale, int d) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(size);
        DMatrixRMaj matrix = new DMatrixRMaj(size, size);
        double alpha = ridge;
        double tried = ridge;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            tried = alpha;
            System.arraycopy(ata, 0, matrix.data, 0, size * size);
            for (int u = 0; u < size; u++) {
                matrix.data[u * size + u] += alpha;
            }
            if (solver.setA(matrix)) {
                DMatrixRMaj x = new DMatrixRMaj(size, 1);
                solver.solve(DMatrixRMaj.wrap(size, 1, atb), x);
                if (allFinite(x.data)) {
                    return x.data;
                }
            }
            alpha = Math.max(alpha * 100, RIDGE_FLOOR * scale);
        }
        throw new IllegalStateException("normal equations of coordinate " + d
                + " stay singular even with a ridge of " + tried / scale + " (relative)");
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
