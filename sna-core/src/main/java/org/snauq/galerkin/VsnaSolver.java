package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * ALS on a separated linear system A v = F (METHOD.md section 3): v = sum_r prod_d w_r^d, found by greedy
 * rank-one enrichment with re-sweeps of all terms.
 *
 * <p>With every factor fixed but coordinate d's, the unknown W^d (n_d x R) solves
 *
 * <pre>  [ sum_k s_k A_k^d kron H_k^d ] vec(W^d) = sum_s t_s F_s^d kron g_s^d,
 *   H_k^d[r,q] = prod_{e != d} (w_r^e)^T A_k^e w_q^e,   g_s^d[r] = prod_{e != d} (w_r^e)^T F_s^e,</pre>
 *
 * with unknowns ordered (atom i, term r), so the system is block banded with half-bandwidth (p + 1) R - 1. For a
 * symmetric positive definite A (a coercive Galerkin problem, or any least-squares normal operator) each update
 * minimises J(v) = v^T A v - 2 F^T v exactly in W^d, so J never increases; it is solved by a band Cholesky.
 * A non-symmetric A (Galerkin chosen for a non-symmetric problem) uses a band LU ({@link BandLu}) and no
 * monotonicity holds.
 *
 * <p>Cost of one sweep: the products (w_r^e)^T A_k^e w_q^e for the distinct 1-D matrices, O(n p R + n R^2) each;
 * the H_k^d by prefix and suffix Hadamard products, O(K D R^2); and D band factorisations, O(n R (p R)^2) each:
 * linear in D for a fixed number of distinct matrices per coordinate. Factors are balanced (equal column norms
 * across coordinates, product unchanged) after every sweep. Deterministic: initial factors of term r come from
 * seed + r.
 */
public final class VsnaSolver {

    /** Relative ridge on the diagonal of each coordinate system: guards nearly dependent terms, far below any
     *  discretisation error. */
    private static final double RIDGE = 1e-13;
    private static final double FLUSH = 1e-280;
    /** Least squares stops enriching when a rank lowers the relative residual by less than this fraction: the
     *  residual has reached the discretisation floor of the atoms. */
    private static final double STAGNATION = 1e-3;

    private final SeparatedOperator op;
    private final SeparatedLoad load;
    private final VsnaConfig config;
    private final double reference;
    private final int dim;
    private final int[] n;
    private final int terms;
    private final int loads;
    private final boolean symmetric;

    private int rank;
    private double[][] w;
    /** p[d][m] = W^dT A_m^d W^d (R x R), for the distinct matrices m of coordinate d. */
    private double[][][] p;
    /** q[d][s] = W^dT F_s^d (R). */
    private double[][][] q;

    /** The factors found: w[d] row-major n_d x rank. */
    public record Solution(double[][] factors, int rank, SolveReport report) {
    }

    private VsnaSolver(SeparatedOperator op, SeparatedLoad load, VsnaConfig config, double reference) {
        if (load.dimension() != op.dimension()) {
            throw new IllegalArgumentException("load has " + load.dimension() + " coordinates, operator "
                    + op.dimension());
        }
        for (int d = 0; d < op.dimension(); d++) {
            if (load.size(d) != op.size(d)) {
                throw new IllegalArgumentException("load size " + load.size(d) + " != operator size " + op.size(d)
                        + " at coordinate " + d);
            }
        }
        this.op = op;
        this.load = load;
        this.config = config;
        this.reference = reference;
        this.dim = op.dimension();
        this.n = op.sizes();
        this.terms = op.termCount();
        this.loads = load.termCount();
        this.symmetric = op.isSymmetric();
    }

    /**
     * Galerkin: minimises the energy 1/2 v^T A v - F^T v when A is symmetric positive definite (indicator: relative
     * energy increment); otherwise solves A v = F by ALS with LU updates (indicator: relative algebraic residual).
     */
    public static Solution solve(SeparatedOperator op, SeparatedLoad load, VsnaConfig config) {
        return new VsnaSolver(op, load, config, Double.NaN).run(op.isSymmetric() ? "galerkin" : "galerkin-lu");
    }

    /**
     * Least squares: A and F are the separated normal operator and load of min ||L u - f||^2 and
     * {@code fNormSquared} = ||f||^2, so ||L v - f||^2 = J(v) + ||f||^2 (indicator: relative residual).
     */
    public static Solution solveLeastSquares(SeparatedOperator op, SeparatedLoad load, double fNormSquared,
                                             VsnaConfig config) {
        if (!op.isSymmetric()) {
            throw new IllegalArgumentException("a least-squares normal operator must be symmetric");
        }
        if (!(fNormSquared >= 0)) {
            throw new IllegalArgumentException("fNormSquared must be >= 0, got " + fNormSquared);
        }
        return new VsnaSolver(op, load, config, fNormSquared).run("least-squares");
    }

    private boolean leastSquares() {
        return !Double.isNaN(reference);
    }

    private Solution run(String formulation) {
        long start = System.nanoTime();
        List<SolveReport.Sweep> sweepLog = new ArrayList<>();
        List<SolveReport.Rank> rankLog = new ArrayList<>();
        String indicatorName = leastSquares() ? "relative residual ||Lu - f|| / ||f||"
                : symmetric ? "relative energy increment" : "relative algebraic residual ||F - Av|| / ||F||";
        rank = 0;
        w = new double[dim][0];
        p = new double[dim][][];
        q = new double[dim][][];
        double fNorm2 = symmetric ? 0 : loadNormSquared();
        String stop = "maximum rank " + config.maxRank();
        double previous = 0.0; // J(0) = 0
        double previousIndicator = Double.POSITIVE_INFINITY;
        if (leastSquares() && reference == 0.0 || !leastSquares() && loads == 0) {
            return new Solution(new double[dim][0], 0, new SolveReport(formulation, indicatorName, sweepLog, rankLog,
                    "zero right-hand side", seconds(start)));
        }
        for (int r = 1; r <= config.maxRank(); r++) {
            long rankStart = System.nanoTime();
            addTerm(new SplittableRandom(config.seed() + r));
            double j = Double.NaN;
            int count = 0;
            double before = previous;
            for (int it = 0; it < config.rankOneSweeps(); it++) {
                long t0 = System.nanoTime();
                sweep(true);
                j = functional();
                count++;
                sweepLog.add(new SolveReport.Sweep(rank, "enrich", j, indicator(j, before, fNorm2), seconds(t0)));
                if (Math.abs(j - before) <= config.sweepTolerance() * Math.abs(j)) {
                    break;
                }
                before = j;
            }
            for (int it = 0; it < config.sweeps() && rank > 1; it++) {
                long t0 = System.nanoTime();
                sweep(false);
                before = j;
                j = functional();
                count++;
                sweepLog.add(new SolveReport.Sweep(rank, "resweep", j, indicator(j, previous, fNorm2), seconds(t0)));
                if (Math.abs(j - before) <= config.sweepTolerance() * Math.abs(j)) {
                    break;
                }
            }
            double ind = indicator(j, previous, fNorm2);
            rankLog.add(new SolveReport.Rank(rank, j, ind, count, seconds(rankStart)));
            if (ind < config.tolerance()) {
                stop = "indicator " + String.format(java.util.Locale.ROOT, "%.3e", ind) + " < tolerance "
                        + config.tolerance();
                break;
            }
            if (symmetric && !(j < previous - 1e-14 * Math.abs(previous))
                    || !symmetric && !(ind < previousIndicator)) {
                stop = "no further decrease at rank " + rank;
                break;
            }
            if (leastSquares() && !(ind < (1 - STAGNATION) * previousIndicator)) {
                stop = "residual fell by less than " + STAGNATION + " (relative) at rank " + rank
                        + ": discretisation-limited";
                break;
            }
            previous = j;
            previousIndicator = ind;
        }
        double[][] factors = new double[dim][];
        for (int d = 0; d < dim; d++) {
            factors[d] = Arrays.copyOf(w[d], n[d] * rank);
        }
        return new Solution(factors, rank,
                new SolveReport(formulation, indicatorName, sweepLog, rankLog, stop, seconds(start)));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }

    private double indicator(double j, double previousJ, double fNorm2) {
        if (leastSquares()) {
            return Math.sqrt(Math.max(j + reference, 0.0) / reference);
        }
        if (symmetric) {
            // J = 2E and E_{r-1} - E_r = 1/2 ||v_r - v_{r-1}||_A^2, |E_r| = 1/2 ||v_r||_A^2 at a Galerkin solution
            return Math.sqrt(Math.max(previousJ - j, 0.0) / Math.abs(j));
        }
        return Math.sqrt(Math.max(residualSquared(fNorm2), 0.0) / fNorm2);
    }

    // ---------------------------------------------------------------- state

    private void addTerm(SplittableRandom rng) {
        int r1 = rank + 1;
        for (int d = 0; d < dim; d++) {
            double[] next = new double[n[d] * r1];
            for (int i = 0; i < n[d]; i++) {
                System.arraycopy(w[d], i * rank, next, i * r1, rank);
                next[i * r1 + rank] = rng.nextDouble(-1.0, 1.0);
            }
            w[d] = next;
        }
        rank = r1;
        for (int d = 0; d < dim; d++) {
            products(d);
        }
    }

    /** Recomputes p[d] and q[d] from w[d]. */
    private void products(int d) {
        int nd = n[d];
        int m = op.distinctCount(d);
        p[d] = new double[m][];
        double[] aw = new double[nd * rank];
        for (int k = 0; k < m; k++) {
            op.distinct(d, k).multiply(w[d], rank, aw);
            p[d][k] = gram(w[d], aw, nd, rank);
        }
        q[d] = new double[loads][rank];
        for (int s = 0; s < loads; s++) {
            double[] f = load.vector(s, d);
            double[] qs = q[d][s];
            for (int i = 0; i < nd; i++) {
                double fi = f[i];
                int row = i * rank;
                for (int r = 0; r < rank; r++) {
                    qs[r] += fi * w[d][row + r];
                }
            }
        }
    }

    /** G[r,q] = sum_i x[i,r] y[i,q] for row-major n x R arrays. */
    private static double[] gram(double[] x, double[] y, int nd, int rank) {
        double[] g = new double[rank * rank];
        for (int i = 0; i < nd; i++) {
            int row = i * rank;
            for (int r = 0; r < rank; r++) {
                double xr = x[row + r];
                if (xr == 0.0) {
                    continue;
                }
                for (int c = 0; c < rank; c++) {
                    g[r * rank + c] += xr * y[row + c];
                }
            }
        }
        return g;
    }

    /** J(v) = sum_k s_k sum_{r,q} prod_d P_k^d[r,q] - 2 sum_s t_s sum_r prod_d Q_s^d[r]. */
    private double functional() {
        int rr = rank * rank;
        double[] prod = new double[rr];
        double quad = 0;
        for (int k = 0; k < terms; k++) {
            Arrays.fill(prod, 1.0);
            for (int d = 0; d < dim; d++) {
                hadamard(prod, p[d][op.termMatrix(k, d)]);
            }
            double sum = 0;
            for (int i = 0; i < rr; i++) {
                sum += prod[i];
            }
            quad += op.scale(k) * sum;
        }
        double lin = 0;
        for (int s = 0; s < loads; s++) {
            double sum = 0;
            for (int r = 0; r < rank; r++) {
                double t = 1.0;
                for (int d = 0; d < dim; d++) {
                    t = flush(t * q[d][s][r]);
                }
                sum += t;
            }
            lin += load.scale(s) * sum;
        }
        return quad - 2 * lin;
    }

    private double loadNormSquared() {
        double total = 0;
        for (int s = 0; s < loads; s++) {
            for (int t = 0; t < loads; t++) {
                double prod = load.scale(s) * load.scale(t);
                for (int d = 0; d < dim; d++) {
                    prod *= dot(load.vector(s, d), load.vector(t, d));
                }
                total += prod;
            }
        }
        return total;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** ||F - A v||^2 = ||F||^2 - 2 F^T A v + ||A v||^2, all in separated form. */
    private double residualSquared(double fNorm2) {
        // av[d][k] = A_k^d W^d (n_d x R), per term (non-symmetric solves are small; no sharing needed)
        double[][][] av = new double[dim][terms][];
        for (int d = 0; d < dim; d++) {
            for (int k = 0; k < terms; k++) {
                av[d][k] = new double[n[d] * rank];
                op.matrix(k, d).multiply(w[d], rank, av[d][k]);
            }
        }
        double cross = 0;
        for (int s = 0; s < loads; s++) {
            for (int k = 0; k < terms; k++) {
                for (int r = 0; r < rank; r++) {
                    double t = load.scale(s) * op.scale(k);
                    for (int d = 0; d < dim; d++) {
                        double[] f = load.vector(s, d);
                        double sum = 0;
                        for (int i = 0; i < n[d]; i++) {
                            sum += f[i] * av[d][k][i * rank + r];
                        }
                        t *= sum;
                    }
                    cross += t;
                }
            }
        }
        double norm = 0;
        for (int k = 0; k < terms; k++) {
            for (int l = 0; l < terms; l++) {
                double[] prod = new double[rank * rank];
                Arrays.fill(prod, op.scale(k) * op.scale(l));
                for (int d = 0; d < dim; d++) {
                    double[] g = gram(av[d][k], av[d][l], n[d], rank);
                    for (int i = 0; i < prod.length; i++) {
                        prod[i] *= g[i];
                    }
                }
                for (double v : prod) {
                    norm += v;
                }
            }
        }
        return fNorm2 - 2 * cross + norm;
    }

    // ---------------------------------------------------------------- sweeps

    /** One pass over all coordinates; {@code lastOnly} updates only the newest term (the others are fixed). */
    private void sweep(boolean lastOnly) {
        int rr = rank * rank;
        // suffix products over e > d, for operator terms and load terms
        double[][][] sufP = new double[dim][terms][];
        double[][][] sufQ = new double[dim][loads][];
        for (int k = 0; k < terms; k++) {
            double[] acc = ones(rr);
            for (int d = dim - 1; d >= 0; d--) {
                sufP[d][k] = acc.clone();
                hadamard(acc, p[d][op.termMatrix(k, d)]);
            }
        }
        for (int s = 0; s < loads; s++) {
            double[] acc = ones(rank);
            for (int d = dim - 1; d >= 0; d--) {
                sufQ[d][s] = acc.clone();
                hadamard(acc, q[d][s]);
            }
        }
        double[][] preP = new double[terms][];
        double[][] preQ = new double[loads][];
        for (int k = 0; k < terms; k++) {
            preP[k] = ones(rr);
        }
        for (int s = 0; s < loads; s++) {
            preQ[s] = ones(rank);
        }
        for (int d = 0; d < dim; d++) {
            int m = op.distinctCount(d);
            double[][] hsum = new double[m][rr];
            for (int k = 0; k < terms; k++) {
                double[] h = hsum[op.termMatrix(k, d)];
                double sk = op.scale(k);
                double[] a = preP[k];
                double[] b = sufP[d][k];
                for (int i = 0; i < rr; i++) {
                    h[i] += flush(sk * a[i] * b[i]);
                }
            }
            double[] rhsCoef = new double[loads * rank]; // t_s g_s^d[r]
            for (int s = 0; s < loads; s++) {
                double ts = load.scale(s);
                for (int r = 0; r < rank; r++) {
                    rhsCoef[s * rank + r] = flush(ts * preQ[s][r] * sufQ[d][s][r]);
                }
            }
            if (lastOnly) {
                updateLast(d, hsum, rhsCoef);
            } else {
                updateAll(d, hsum, rhsCoef);
            }
            products(d);
            for (int k = 0; k < terms; k++) {
                hadamard(preP[k], p[d][op.termMatrix(k, d)]);
            }
            for (int s = 0; s < loads; s++) {
                hadamard(preQ[s], q[d][s]);
            }
        }
        balance();
    }

    private static double[] ones(int len) {
        double[] a = new double[len];
        Arrays.fill(a, 1.0);
        return a;
    }

    private static void hadamard(double[] acc, double[] x) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] = flush(acc[i] * x[i]);
        }
    }

    /**
     * Products over many coordinates of nearly orthogonal factors underflow: flush them to zero before they turn
     * subnormal (subnormal arithmetic is about 100x slower); they are 1e-280 below any entry that matters.
     */
    private static double flush(double v) {
        return Math.abs(v) < FLUSH ? 0.0 : v;
    }

    private int maxBand(int d) {
        int b = 0;
        for (int m = 0; m < op.distinctCount(d); m++) {
            b = Math.max(b, op.distinct(d, m).band());
        }
        return b;
    }

    /** Solves for all R columns of W^d. */
    private void updateAll(int d, double[][] hsum, double[] rhsCoef) {
        int nd = n[d];
        int size = nd * rank;
        double[] rhs = new double[size];
        for (int s = 0; s < loads; s++) {
            double[] f = load.vector(s, d);
            for (int i = 0; i < nd; i++) {
                double fi = f[i];
                if (fi == 0.0) {
                    continue;
                }
                for (int r = 0; r < rank; r++) {
                    rhs[i * rank + r] += fi * rhsCoef[s * rank + r];
                }
            }
        }
        int band = maxBand(d);
        int m = op.distinctCount(d);
        if (symmetric) {
            int bw = (band + 1) * rank - 1;
            int width = bw + 1;
            double[] l = new double[size * width];
            double maxDiag = 0;
            for (int i = 0; i < nd; i++) {
                for (int j = Math.max(0, i - band); j <= i; j++) {
                    for (int mm = 0; mm < m; mm++) {
                        double aij = op.distinct(d, mm).get(i, j);
                        if (aij == 0.0) {
                            continue;
                        }
                        double[] h = hsum[mm];
                        for (int r = 0; r < rank; r++) {
                            int row = i * rank + r;
                            int qmax = j == i ? r : rank - 1;
                            for (int c = 0; c <= qmax; c++) {
                                l[row * width + (row - (j * rank + c))] += aij * h[r * rank + c];
                            }
                        }
                    }
                }
            }
            for (int row = 0; row < size; row++) {
                maxDiag = Math.max(maxDiag, l[row * width]);
            }
            w[d] = choleskySolve(l, size, bw, maxDiag, rhs);
        } else {
            int bw = (band + 1) * rank - 1;
            int width = 2 * bw + 1;
            double[] a = new double[size * width];
            for (int i = 0; i < nd; i++) {
                for (int j = Math.max(0, i - band); j <= Math.min(nd - 1, i + band); j++) {
                    for (int mm = 0; mm < m; mm++) {
                        double aij = op.distinct(d, mm).get(i, j);
                        if (aij == 0.0) {
                            continue;
                        }
                        double[] h = hsum[mm];
                        for (int r = 0; r < rank; r++) {
                            int row = i * rank + r;
                            for (int c = 0; c < rank; c++) {
                                a[row * width + (j * rank + c - row + bw)] += aij * h[r * rank + c];
                            }
                        }
                    }
                }
            }
            w[d] = bandLuSolve(a, size, bw, rhs);
        }
    }

    /** Solves for the newest column of W^d with the others fixed. */
    private void updateLast(int d, double[][] hsum, double[] rhsCoef) {
        int nd = n[d];
        int c = rank - 1;
        double[] rhs = new double[nd];
        for (int s = 0; s < loads; s++) {
            double g = rhsCoef[s * rank + c];
            double[] f = load.vector(s, d);
            for (int i = 0; i < nd; i++) {
                rhs[i] += g * f[i];
            }
        }
        int m = op.distinctCount(d);
        int band = maxBand(d);
        double[] aw = new double[nd * rank];
        double[] diag = new double[m];
        for (int mm = 0; mm < m; mm++) {
            BandedMatrix a = op.distinct(d, mm);
            double[] h = hsum[mm];
            diag[mm] = h[c * rank + c];
            if (c > 0) {
                a.multiply(w[d], rank, aw);
                for (int i = 0; i < nd; i++) {
                    double s = 0;
                    for (int qq = 0; qq < c; qq++) {
                        s += h[c * rank + qq] * aw[i * rank + qq];
                    }
                    rhs[i] -= s;
                }
            }
        }
        double[] x;
        if (symmetric) {
            int width = band + 1;
            double[] l = new double[nd * width];
            double maxDiag = 0;
            for (int i = 0; i < nd; i++) {
                for (int j = Math.max(0, i - band); j <= i; j++) {
                    double v = 0;
                    for (int mm = 0; mm < m; mm++) {
                        v += diag[mm] * op.distinct(d, mm).get(i, j);
                    }
                    l[i * width + (i - j)] = v;
                }
                maxDiag = Math.max(maxDiag, l[i * width]);
            }
            x = choleskySolve(l, nd, band, maxDiag, rhs);
        } else {
            int width = 2 * band + 1;
            double[] a = new double[nd * width];
            for (int i = 0; i < nd; i++) {
                for (int j = Math.max(0, i - band); j <= Math.min(nd - 1, i + band); j++) {
                    double v = 0;
                    for (int mm = 0; mm < m; mm++) {
                        v += diag[mm] * op.distinct(d, mm).get(i, j);
                    }
                    a[i * width + (j - i + band)] = v;
                }
            }
            x = bandLuSolve(a, nd, band, rhs);
        }
        for (int i = 0; i < nd; i++) {
            w[d][i * rank + c] = x[i];
        }
    }

    private static double[] choleskySolve(double[] l, int size, int bw, double maxDiag, double[] rhs) {
        int width = bw + 1;
        double[] saved = l.clone();
        for (double ridge = RIDGE; ridge < 1e-3; ridge *= 1e3) {
            for (int row = 0; row < size; row++) {
                l[row * width] = saved[row * width] + ridge * maxDiag;
            }
            if (BandCholesky.factor(l, size, bw)) {
                double[] x = rhs.clone();
                BandCholesky.solve(l, size, bw, x);
                return x;
            }
            System.arraycopy(saved, 0, l, 0, l.length);
        }
        throw new IllegalStateException("ALS coordinate system is not positive definite: the operator is not coercive"
                + " on the trial space (check the boundary conditions and signs of the terms)");
    }

    /** Band LU without pivoting ({@link BandLu}); falls back to EJML's pivoted dense LU if a pivot vanishes. */
    private static double[] bandLuSolve(double[] band, int size, int bw, double[] rhs) {
        int width = 2 * bw + 1;
        double[] saved = band.clone();
        if (BandLu.factor(band, size, bw)) {
            double[] x = rhs.clone();
            BandLu.solve(band, size, bw, x);
            return x;
        }
        DMatrixRMaj a = new DMatrixRMaj(size, size);
        for (int i = 0; i < size; i++) {
            for (int j = Math.max(0, i - bw); j <= Math.min(size - 1, i + bw); j++) {
                a.set(i, j, saved[i * width + (j - i + bw)]);
            }
        }
        return luSolve(a, rhs);
    }

    private static double[] luSolve(DMatrixRMaj a, double[] rhs) {
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(a.numRows);
        if (!lu.setA(a)) {
            throw new IllegalStateException("ALS coordinate system is singular");
        }
        DMatrixRMaj b = DMatrixRMaj.wrap(rhs.length, 1, rhs.clone());
        DMatrixRMaj x = new DMatrixRMaj(rhs.length, 1);
        lu.solve(b, x);
        return x.data;
    }

    /** Scales the columns so each term's factors have equal norms (product unchanged), then refreshes products. */
    private void balance() {
        for (int r = 0; r < rank; r++) {
            double[] norm = new double[dim];
            double logMean = 0;
            boolean zero = false;
            for (int d = 0; d < dim; d++) {
                double s = 0;
                for (int i = 0; i < n[d]; i++) {
                    double v = w[d][i * rank + r];
                    s += v * v;
                }
                norm[d] = Math.sqrt(s);
                zero |= !(norm[d] > 0);
                logMean += Math.log(norm[d]);
            }
            if (zero) {
                continue;
            }
            double target = Math.exp(logMean / dim);
            for (int d = 0; d < dim; d++) {
                double f = target / norm[d];
                for (int i = 0; i < n[d]; i++) {
                    w[d][i * rank + r] *= f;
                }
            }
        }
        for (int d = 0; d < dim; d++) {
            products(d);
        }
    }
}
