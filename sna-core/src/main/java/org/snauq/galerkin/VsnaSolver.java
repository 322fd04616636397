package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * ALS on a separated linear system A v = F (METHOD.md section 3): v = sum_r lambda_r prod_d w_r^d, found by greedy
 * rank-one enrichment with re-sweeps of all terms.
 *
 * <p>With every factor fixed but coordinate d's, X = W^d diag(lambda) (n_d x R) solves
 *
 * <pre>  [ sum_k s_k A_k^d kron H_k^d ] vec(X) = sum_s t_s F_s^d kron g_s^d,
 *   H_k^d[r,q] = prod_{e != d} (w_r^e)^T A_k^e w_q^e,   g_s^d[r] = prod_{e != d} (w_r^e)^T F_s^e,</pre>
 *
 * with unknowns ordered (atom i, term r), so the system is block banded with half-bandwidth (p + 1) R - 1. For a
 * symmetric positive definite A (a coercive Galerkin problem, or any least-squares normal operator) each update
 * minimises J(v) = v^T A v - 2 F^T v exactly in W^d, so J never increases; it is solved by a band Cholesky.
 * A non-symmetric A (Galerkin chosen for a non-symmetric problem) uses a band LU ({@link BandLu}) and no
 * monotonicity holds.
 *
 * <p>Scaling, so that nothing under- or overflows at any D (products of D factors): every factor column is kept at
 * unit norm in the coordinate's base matrix (the one most terms use there, e.g. the mass matrix of the Laplacian),
 * right after each update, with the scale in lambda_r; every load vector is kept at unit dual norm, with the product
 * of the norms in log scale and the load divided by the largest (sigma). Then the base products (w_r^e)^T B^e w_r^e
 * are 1 and every H and g is a product of numbers of order one; lambda and sigma are recombined only at the end.
 * A new term starts from the Riesz representer of a load term (largest first, then in turn) plus a small seeded
 * random part: a random start has a component of about (1/2)^D along the load, which underflows.
 *
 * <p>Cost of one sweep: the products (w_r^e)^T A_m^e w_q^e for the distinct 1-D matrices, O(n p R + n R^2) each;
 * the H_k^d by prefix and suffix Hadamard products, O(D R^2) for the terms that leave the base at one coordinate at
 * most (see {@link SeparatedOperator}) plus O(D R^2) for each other term; and D band factorisations, O(n R (p R)^2)
 * each: linear in D. Deterministic: the random part of term r's start comes from seed + r.
 */
public final class VsnaSolver {

    /** Relative ridge on the diagonal of each coordinate system: guards nearly dependent terms, far below any
     *  discretisation error. */
    private static final double RIDGE = 1e-13;
    /** Products below this are flushed to zero before they turn subnormal (about 100x slower arithmetic); with
     *  normalised factors every product that matters is of order one. */
    private static final double FLUSH = 1e-280;
    /** Least squares stops enriching when a rank lowers the relative residual by less than this fraction: the
     *  residual has reached the discretisation floor of the atoms. */
    private static final double STAGNATION = 1e-3;
    /** A non-symmetric Galerkin ALS is not monotone: its residual may rise for a rank or two before falling again,
     *  so enrichment stops only after this many ranks without a new best (lower by STAGNATION at least). */
    private static final int PATIENCE = 3;
    /** Size of the seeded random part of a new term's start, relative to its load-representer part (unit norm):
     *  enough to break symmetry between terms started from the same load term, small enough that the start keeps
     *  a component of order (1 + START_NOISE^2)^(-D/2) along the load (0.7 at D = 100). */
    private static final double START_NOISE = 0.1;

    private final SeparatedOperator op;
    private final VsnaConfig config;
    private final int dim;
    private final int[] n;
    private final int terms;
    private final int loads;
    private final boolean symmetric;
    /** ||f||^2 / sigma^2 for least squares, NaN for Galerkin. */
    private final double reference;

    /** The base matrix of each coordinate when it is a symmetric positive definite norm, else null (Euclidean). */
    private final BandedMatrix[] norm;
    /** Unit (dual-norm) load vectors fHat[s][d], their scales tau[s] (largest 1) and log sigma. */
    private final double[][][] fHat;
    private final double[] tau;
    private final double logSigma;
    /** riesz[s][d]: the unit-norm representer of fHat[s][d], the start of new terms. */
    private final double[][][] riesz;
    private final int[] loadOrder;

    private int rank;
    private double[][] w;
    private double[] lambda;
    /** p[d][m] = W^dT A_m^d W^d (R x R), for the distinct matrices m of coordinate d. */
    private double[][][] p;
    /** q[d][s] = W^dT fHat_s^d (R). */
    private double[][][] q;

    /**
     * The solution v = sum_r lambda[r] prod_d factors[d][:, r].
     *
     * @param lambda  the R weights, in the scale of the problem
     * @param factors factors[d] row-major n_d x rank, each column of unit norm in the coordinate's base matrix (when
     *                that is symmetric positive definite, else Euclidean), so lambda stays in range at any D
     */
    public record Solution(double[] lambda, double[][] factors, int rank, SolveReport report) {
    }

    private VsnaSolver(SeparatedOperator op, SeparatedLoad load, VsnaConfig config, double fNormSquared) {
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
        this.config = config;
        this.dim = op.dimension();
        this.n = op.sizes();
        this.terms = op.termCount();
        this.loads = load.termCount();
        this.symmetric = op.isSymmetric();
        this.norm = new BandedMatrix[dim];
        double[][] normFactor = new double[dim][];
        for (int d = 0; d < dim; d++) {
            BandedMatrix b = op.distinct(d, op.base(d));
            normFactor[d] = b.isSymmetric(1e-12) ? BandCholesky.factorOf(b) : null;
            norm[d] = normFactor[d] == null ? null : b;
        }
        this.fHat = new double[loads][dim][];
        this.riesz = new double[loads][dim][];
        this.tau = new double[loads];
        double[] logMagnitude = new double[loads];
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < loads; s++) {
            double logM = Math.log(Math.abs(load.scale(s)));
            for (int d = 0; d < dim; d++) {
                double[] f = load.vector(s, d);
                double[] y = f.clone();
                if (normFactor[d] != null) {
                    BandCholesky.solve(normFactor[d], n[d], norm[d].band(), y);
                }
                double nn = dot(f, y);
                if (!(nn > 0)) {
                    logM = Double.NEGATIVE_INFINITY; // a zero factor: the term is zero
                    nn = 1;
                }
                double inv = 1 / Math.sqrt(nn);
                fHat[s][d] = scaled(f, inv);
                riesz[s][d] = scaled(y, inv);
                logM += 0.5 * Math.log(nn);
            }
            logMagnitude[s] = logM;
            maxLog = Math.max(maxLog, logM);
        }
        this.logSigma = maxLog == Double.NEGATIVE_INFINITY ? 0.0 : maxLog;
        for (int s = 0; s < loads; s++) {
            tau[s] = Math.signum(load.scale(s)) * Math.exp(logMagnitude[s] - logSigma);
        }
        this.loadOrder = java.util.stream.IntStream.range(0, loads).boxed()
                .sorted((a, b) -> Double.compare(Math.abs(tau[b]), Math.abs(tau[a])))
                .mapToInt(Integer::intValue).toArray();
        this.reference = Double.isNaN(fNormSquared) ? Double.NaN
                : fNormSquared == 0 ? 0.0 : Math.exp(Math.log(fNormSquared) - 2 * logSigma);
    }

    /**
     * Galerkin: minimises the energy 1/2 v^T A v - F^T v when A is symmetric positive definite (indicator: relative
     * energy increment); otherwise solves A v = F by ALS with LU updates (indicator: relative algebraic residual).
     *
     * @throws IllegalArgumentException when a coordinate system of a symmetric A is not positive definite (A is not
     *                                  coercive)
     */
    public static Solution solve(SeparatedOperator op, SeparatedLoad load, VsnaConfig config) {
        return new VsnaSolver(op, load, config, Double.NaN).run(op.isSymmetric() ? "galerkin" : "galerkin-lu");
    }

    /**
     * Least squares: A and F are the separated normal operator and load of min ||L u - f||^2 and
     * {@code fNormSquared} = ||f||^2, so ||L v - f||^2 = J(v) + ||f||^2 (indicator: relative residual). Also the
     * L2 projection onto separated functions (recompression): A = kron_d M^d, F = M u, fNormSquared = ||u||^2.
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
        lambda = new double[0];
        p = new double[dim][][];
        q = new double[dim][][];
        double fNorm2 = symmetric ? 0 : loadNormSquared();
        String stop = "maximum rank " + config.maxRank();
        double previous = 0.0; // J(0) = 0
        double previousIndicator = Double.POSITIVE_INFINITY;
        double best = Double.POSITIVE_INFINITY;
        int bestRank = 0;
        // a non-symmetric ALS may end worse than it was: keep the state with the lowest residual (and 0 itself)
        double kept = 1.0;
        double[][] keptW = new double[dim][0];
        double[] keptLambda = new double[0];
        double ind = Double.NaN;
        boolean zeroLoad = Arrays.stream(tau).allMatch(t -> t == 0.0);
        if (leastSquares() && reference == 0.0 || zeroLoad) {
            return new Solution(new double[0], new double[dim][0], 0, new SolveReport(formulation, indicatorName,
                    sweepLog, rankLog, "zero right-hand side", seconds(start)));
        }
        for (int r = 1; r <= config.maxRank(); r++) {
            long rankStart = System.nanoTime();
            addTerm(new SplittableRandom(config.seed() + r), loadOrder[(r - 1) % loads]);
            double j = Double.NaN;
            int count = 0;
            double before = previous;
            for (int it = 0; it < config.rankOneSweeps(); it++) {
                long t0 = System.nanoTime();
                sweep(true);
                j = functional();
                count++;
                sweepLog.add(new SolveReport.Sweep(rank, "enrich", scaled(j), sweepIndicator(j, before, fNorm2),
                        seconds(t0)));
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
                sweepLog.add(new SolveReport.Sweep(rank, "resweep", scaled(j), sweepIndicator(j, previous, fNorm2),
                        seconds(t0)));
                if (Math.abs(j - before) <= config.sweepTolerance() * Math.abs(j)) {
                    break;
                }
            }
            ind = indicator(j, previous, fNorm2);
            if (!symmetric && ind < kept) {
                kept = ind;
                keptLambda = lambda.clone();
                for (int d = 0; d < dim; d++) {
                    keptW[d] = w[d].clone();
                }
            }
            rankLog.add(new SolveReport.Rank(rank, scaled(j), ind, count, seconds(rankStart)));
            if (ind < config.tolerance()) {
                stop = "indicator " + String.format(Locale.ROOT, "%.3e", ind) + " < tolerance "
                        + config.tolerance();
                break;
            }
            if (symmetric && !(j < previous - 1e-14 * Math.abs(previous))) {
                stop = "no further decrease at rank " + rank;
                break;
            }
            if (!symmetric) {
                if (ind < (1 - STAGNATION) * best) {
                    best = ind;
                    bestRank = rank;
                } else if (rank - bestRank >= PATIENCE) {
                    stop = "no decrease of the residual in " + PATIENCE + " ranks after rank " + bestRank;
                    break;
                }
            }
            if (leastSquares() && !(ind < (1 - STAGNATION) * previousIndicator)) {
                stop = "residual fell by less than " + STAGNATION + " (relative) at rank " + rank
                        + ": discretisation-limited";
                break;
            }
            previous = j;
            previousIndicator = ind;
        }
        if (!symmetric && !leastSquares() && !(ind <= kept)) {
            lambda = keptLambda;
            w = keptW;
            rank = lambda.length;
            stop += "; kept rank " + rank + ", whose residual " + String.format(Locale.ROOT, "%.3e", kept)
                    + " was the lowest (" + (rank == 0 ? "no rank improved on 0" : "later ranks raised it") + ")";
        }
        double[][] factors = new double[dim][];
        for (int d = 0; d < dim; d++) {
            factors[d] = Arrays.copyOf(w[d], n[d] * rank);
        }
        return new Solution(outputLambda(), factors, rank,
                new SolveReport(formulation, indicatorName, sweepLog, rankLog, stop, seconds(start)));
    }

    /** lambda_r sigma, combined in log scale. */
    private double[] outputLambda() {
        double[] out = new double[rank];
        for (int r = 0; r < rank; r++) {
            out[r] = lambda[r] == 0 ? 0.0 : Math.signum(lambda[r]) * Math.exp(Math.log(Math.abs(lambda[r])) + logSigma);
        }
        return out;
    }

    /** A functional of the scaled problem in the problem's own scale (for the report). */
    private double scaled(double j) {
        return j == 0 ? 0 : Math.signum(j) * Math.exp(Math.log(Math.abs(j)) + 2 * logSigma);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }

    /** The indicator after one sweep: for a non-symmetric Galerkin solve its residual is costly (O(K^2) products)
     *  and is only computed once per rank. */
    private double sweepIndicator(double j, double previousJ, double fNorm2) {
        return symmetric ? indicator(j, previousJ, fNorm2) : Double.NaN;
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

    /** A new term started from the representer of load term s plus a seeded random part, normalised. */
    private void addTerm(SplittableRandom rng, int s) {
        int r1 = rank + 1;
        for (int d = 0; d < dim; d++) {
            double[] start = new double[n[d]];
            double[] noise = new double[n[d]];
            for (int i = 0; i < n[d]; i++) {
                noise[i] = rng.nextDouble(-1.0, 1.0);
            }
            double noiseNorm = Math.sqrt(normSquared(d, noise));
            for (int i = 0; i < n[d]; i++) {
                start[i] = riesz[s][d][i] + START_NOISE * noise[i] / noiseNorm;
            }
            double inv = 1 / Math.sqrt(normSquared(d, start));
            double[] next = new double[n[d] * r1];
            for (int i = 0; i < n[d]; i++) {
                System.arraycopy(w[d], i * rank, next, i * r1, rank);
                next[i * r1 + rank] = start[i] * inv;
            }
            w[d] = next;
        }
        lambda = Arrays.copyOf(lambda, r1);
        lambda[rank] = 0.0;
        rank = r1;
        for (int d = 0; d < dim; d++) {
            products(d);
        }
    }

    /** x^T G x in the coordinate's norm (Euclidean when its base matrix is not a norm, or for a null x^T G x). */
    private double normSquared(int d, double[] x) {
        double s = norm[d] == null ? 0.0 : norm[d].bilinear(x, x);
        return s > 0 ? s : dot(x, x);
    }

    /**
     * Sets column r of w[d] and lambda[r] from an unnormalised solution column x (n_d entries at stride
     * {@code stride}); a zero column keeps the old direction with lambda 0.
     */
    private void setColumn(int d, int r, double[] x, int offset, int stride) {
        double[] col = new double[n[d]];
        for (int i = 0; i < n[d]; i++) {
            col[i] = x[offset + i * stride];
        }
        double size = Math.sqrt(normSquared(d, col));
        if (!(size > 0) || !Double.isFinite(size)) {
            lambda[r] = 0.0;
            return;
        }
        lambda[r] = size;
        for (int i = 0; i < n[d]; i++) {
            w[d][i * rank + r] = col[i] / size;
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
            double[] f = fHat[s][d];
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

    /** Sum over terms leaving the base only at coordinate e of s_k P_k^e. */
    private double[] deviationSum(int e) {
        double[] sum = new double[rank * rank];
        for (int k : op.deviating(e)) {
            double[] pk = p[e][op.termMatrix(k, e)];
            double sk = op.scale(k);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += sk * pk[i];
            }
        }
        return sum;
    }

    /**
     * J(v) = sum_k s_k sum_{r,q} lambda_r lambda_q prod_d P_k^d[r,q] - 2 sum_s tau_s sum_r lambda_r prod_d Q_s^d[r];
     * the terms near the base through the first-order product (A, B) = prod_d (P_base^d, dev^d).
     */
    private double functional() {
        int rr = rank * rank;
        double[] a = ones(rr);
        double[] b = new double[rr];
        for (int d = 0; d < dim; d++) {
            advance(a, b, d);
        }
        double[] total = new double[rr];
        double s0 = op.baseScale();
        for (int i = 0; i < rr; i++) {
            total[i] = s0 * a[i] + b[i];
        }
        double[] prod = new double[rr];
        for (int k : op.general()) {
            Arrays.fill(prod, op.scale(k));
            for (int d = 0; d < dim; d++) {
                hadamard(prod, p[d][op.termMatrix(k, d)]);
            }
            for (int i = 0; i < rr; i++) {
                total[i] += prod[i];
            }
        }
        double quad = 0;
        for (int r = 0; r < rank; r++) {
            for (int c = 0; c < rank; c++) {
                quad += lambda[r] * lambda[c] * total[r * rank + c];
            }
        }
        double lin = 0;
        for (int s = 0; s < loads; s++) {
            double sum = 0;
            for (int r = 0; r < rank; r++) {
                double t = lambda[r];
                for (int d = 0; d < dim; d++) {
                    t = flush(t * q[d][s][r]);
                }
                sum += t;
            }
            lin += tau[s] * sum;
        }
        return quad - 2 * lin;
    }

    /** (A, B) &lt;- (A o P_base^d, B o P_base^d + A o dev^d): one more coordinate in the first-order product. */
    private void advance(double[] a, double[] b, int d) {
        double[] base = p[d][op.base(d)];
        double[] dev = deviationSum(d);
        for (int i = 0; i < a.length; i++) {
            b[i] = flush(b[i] * base[i] + a[i] * dev[i]);
            a[i] = flush(a[i] * base[i]);
        }
    }

    private double loadNormSquared() {
        double total = 0;
        for (int s = 0; s < loads; s++) {
            for (int t = 0; t < loads; t++) {
                double prod = tau[s] * tau[t];
                for (int d = 0; d < dim; d++) {
                    prod *= dot(fHat[s][d], fHat[t][d]);
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

    private static double[] scaled(double[] x, double c) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = c * x[i];
        }
        return y;
    }

    /** ||F - A v||^2 = ||F||^2 - 2 F^T A v + ||A v||^2, all in separated form (v with its lambda). */
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
                    double t = tau[s] * op.scale(k) * lambda[r];
                    for (int d = 0; d < dim; d++) {
                        double[] f = fHat[s][d];
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
        double total = 0;
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
                for (int r = 0; r < rank; r++) {
                    for (int c = 0; c < rank; c++) {
                        total += lambda[r] * lambda[c] * prod[r * rank + c];
                    }
                }
            }
        }
        return fNorm2 - 2 * cross + total;
    }

    // ---------------------------------------------------------------- sweeps

    /** One pass over all coordinates; {@code lastOnly} updates only the newest term (the others are fixed). */
    private void sweep(boolean lastOnly) {
        int rr = rank * rank;
        int[] general = op.general();
        // suffix products over e > d: the first-order pair (A, B) and each general term; load terms
        double[][] sufA = new double[dim][];
        double[][] sufB = new double[dim][];
        double[][][] sufP = new double[dim][general.length][];
        double[][][] sufQ = new double[dim][loads][];
        double[] a = ones(rr);
        double[] b = new double[rr];
        for (int d = dim - 1; d >= 0; d--) {
            sufA[d] = a.clone();
            sufB[d] = b.clone();
            advance(a, b, d);
        }
        for (int g = 0; g < general.length; g++) {
            double[] acc = ones(rr);
            for (int d = dim - 1; d >= 0; d--) {
                sufP[d][g] = acc.clone();
                hadamard(acc, p[d][op.termMatrix(general[g], d)]);
            }
        }
        for (int s = 0; s < loads; s++) {
            double[] acc = ones(rank);
            for (int d = dim - 1; d >= 0; d--) {
                sufQ[d][s] = acc.clone();
                hadamard(acc, q[d][s]);
            }
        }
        double[] preA = ones(rr);
        double[] preB = new double[rr];
        double[][] preP = new double[general.length][];
        double[][] preQ = new double[loads][];
        for (int g = 0; g < general.length; g++) {
            preP[g] = ones(rr);
        }
        for (int s = 0; s < loads; s++) {
            preQ[s] = ones(rank);
        }
        double s0 = op.baseScale();
        for (int d = 0; d < dim; d++) {
            int m = op.distinctCount(d);
            double[][] hsum = new double[m][rr];
            double[] hb = hsum[op.base(d)];
            double[] aa = new double[rr];
            for (int i = 0; i < rr; i++) {
                aa[i] = flush(preA[i] * sufA[d][i]);
                hb[i] += s0 * aa[i] + flush(preB[i] * sufA[d][i]) + flush(preA[i] * sufB[d][i]);
            }
            for (int k : op.deviating(d)) {
                double[] h = hsum[op.termMatrix(k, d)];
                double sk = op.scale(k);
                for (int i = 0; i < rr; i++) {
                    h[i] += sk * aa[i];
                }
            }
            for (int g = 0; g < general.length; g++) {
                double[] h = hsum[op.termMatrix(general[g], d)];
                double sk = op.scale(general[g]);
                double[] x = preP[g];
                double[] y = sufP[d][g];
                for (int i = 0; i < rr; i++) {
                    h[i] += flush(sk * x[i] * y[i]);
                }
            }
            double[] rhsCoef = new double[loads * rank]; // tau_s g_s^d[r]
            for (int s = 0; s < loads; s++) {
                for (int r = 0; r < rank; r++) {
                    rhsCoef[s * rank + r] = flush(tau[s] * preQ[s][r] * sufQ[d][s][r]);
                }
            }
            if (lastOnly) {
                updateLast(d, hsum, rhsCoef);
            } else {
                updateAll(d, hsum, rhsCoef);
            }
            products(d);
            advance(preA, preB, d);
            for (int g = 0; g < general.length; g++) {
                hadamard(preP[g], p[d][op.termMatrix(general[g], d)]);
            }
            for (int s = 0; s < loads; s++) {
                hadamard(preQ[s], q[d][s]);
            }
        }
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

    /** Solves for all R columns of X = W^d diag(lambda), then splits X into unit columns and lambda. */
    private void updateAll(int d, double[][] hsum, double[] rhsCoef) {
        int nd = n[d];
        int size = nd * rank;
        double[] rhs = new double[size];
        for (int s = 0; s < loads; s++) {
            double[] f = fHat[s][d];
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
        double[] x;
        if (symmetric) {
            int bw = (band + 1) * rank - 1;
            int width = bw + 1;
            double[] l = new double[size * width];
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
            double maxDiag = 0;
            for (int row = 0; row < size; row++) {
                maxDiag = Math.max(maxDiag, l[row * width]);
            }
            x = choleskySolve(l, size, bw, maxDiag, rhs);
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
            x = bandLuSolve(a, size, bw, rhs);
        }
        for (int r = 0; r < rank; r++) {
            setColumn(d, r, x, r, rank);
        }
    }

    /** Solves for the newest column of X = W^d diag(lambda) with the others fixed. */
    private void updateLast(int d, double[][] hsum, double[] rhsCoef) {
        int nd = n[d];
        int c = rank - 1;
        double[] rhs = new double[nd];
        for (int s = 0; s < loads; s++) {
            double g = rhsCoef[s * rank + c];
            double[] f = fHat[s][d];
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
                        s += h[c * rank + qq] * lambda[qq] * aw[i * rank + qq];
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
        setColumn(d, c, x, 0, 1);
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
        throw new IllegalArgumentException("terms: the operator is not coercive on the trial space (an ALS coordinate"
                + " system is not positive definite); check the signs of the reaction and diffusion terms and the"
                + " boundary conditions");
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
}
