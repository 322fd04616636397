package org.snauq.inverse;

/**
 * The MAP of an {@link InverseProblem} by projected Levenberg-Marquardt from several starts.
 *
 * <p>With r_i = (F_i - y_i) / sigma_i and J its Jacobian (analytic, from the forward model), one step solves
 *
 * <pre>  (H + mu diag(H)) delta = -g,   H = J^T J + diag(max(0, -(log p_j)'')),   g = J^T r - (log p_j)',</pre>
 *
 * on the free unknowns (those not held at a bound by a gradient pointing out of the box), in units of each
 * unknown's box width (so the damping is scale-free), then projects theta + delta onto the box (Gauss-Newton with
 * the prior's Newton terms; Marquardt, SIAM J. Appl. Math. 11 (1963) 431). A step that lowers Phi is taken and mu
 * shrinks; otherwise mu grows. Converged when a taken step moves no unknown by more than {@link #STEP_TOLERANCE}
 * of its unit, or the projected gradient is below {@link #GRADIENT_TOLERANCE}. The starts: the prior median (clipped
 * to the box) and points of a Kronecker sequence through the priors' inverse CDFs restricted to the box (no
 * randomness: the same problem gives the same estimate). The estimate is the converged start with the lowest Phi.
 *
 * <p>Workspace per instance; one per thread.
 */
public final class LevenbergMarquardt {

    /** A taken step this small (in box widths) ends the search: far below any posterior sd that matters. */
    static final double STEP_TOLERANCE = 1e-10;
    /** Projected gradient of Phi (per box width) counted as zero: Phi is O(m), its rounding ~1e-13 m. */
    static final double GRADIENT_TOLERANCE = 1e-9;
    /** Damping beyond which no step can lower Phi any more. */
    private static final double MU_MAX = 1e12;
    private static final double MU_START = 1e-3;
    /** Generalised golden ratios for the Kronecker starts (Roberts' R_d sequence, d = 2; cycled). */
    private static final double[] KRONECKER = {0.7548776662466927, 0.5698402909980532};

    private final InverseProblem problem;
    private final int p;
    private final int m;
    private final double[] prediction;
    private final double[] jacobian;
    private final double[] trial;
    private final double[] h;
    private final double[] g;
    private final double[] a;
    private final double[] step;
    private final boolean[] free;
    private final int[] freeIndex;
    private final double[] rhs;
    private int iterations;

    public LevenbergMarquardt(InverseProblem problem) {
        this.problem = problem;
        this.p = problem.parameters();
        this.m = problem.observations();
        this.prediction = new double[m];
        this.jacobian = new double[m * p];
        this.trial = new double[p];
        this.h = new double[p * p];
        this.g = new double[p];
        this.a = new double[p * p];
        this.step = new double[p];
        this.free = new boolean[p];
        this.freeIndex = new int[p];
        this.rhs = new double[p];
    }

    /** The MAP from {@code starts} starts (&gt;= 1), at most {@code maxIterations} iterations each. */
    public MapEstimate estimate(int starts, int maxIterations) {
        if (starts < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("starts and maxIterations must be >= 1, got " + starts + ", "
                    + maxIterations);
        }
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        MapStatus bestStatus = MapStatus.FAILED;
        int bestIterations = 0;
        int converged = 0;
        double[] theta = new double[p];
        for (int k = 0; k < starts; k++) {
            start(k, theta);
            MapStatus status = minimise(theta, maxIterations);
            double c = problem.cost(theta, prediction, null);
            if (status == MapStatus.CONVERGED) {
                converged++;
            }
            // a converged start beats any other; among equals the lower Phi wins
            boolean ok = status == MapStatus.CONVERGED;
            boolean bestOk = bestStatus == MapStatus.CONVERGED;
            boolean better = best == null || (ok && !bestOk) || (ok == bestOk && c < bestCost);
            if (better && Double.isFinite(c)) {
                best = theta.clone();
                bestCost = c;
                bestStatus = status;
                bestIterations = iterations;
            }
        }
        if (best == null) {
            return new MapEstimate(theta, Double.POSITIVE_INFINITY, MapStatus.FAILED, 0, 0, starts);
        }
        return new MapEstimate(best, bestCost, bestStatus, bestIterations, converged, starts);
    }

    /** Start k: 0 the prior median, then Kronecker points, through the priors restricted to the box. */
    void start(int k, double[] theta) {
        for (int j = 0; j < p; j++) {
            var law = problem.priors().get(j).law();
            double u = k == 0 ? 0.5 : frac(0.5 + k * KRONECKER[j % 2] + (j / 2) * 0.3819660112501051);
            double flo = law.cdf(problem.lower(j));
            double fhi = law.cdf(problem.upper(j));
            double x = law.inverseCdf(flo + u * (fhi - flo));
            theta[j] = Math.min(Math.max(x, problem.lower(j)), problem.upper(j));
        }
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }

    /** Minimises Phi from theta (written: the end point). */
    MapStatus minimise(double[] theta, int maxIterations) {
        iterations = 0;
        double cost = problem.cost(theta, prediction, jacobian);
        if (!Double.isFinite(cost)) {
            return MapStatus.FAILED;
        }
        double mu = MU_START;
        while (iterations < maxIterations) {
            iterations++;
            normalEquations(theta);
            int nFree = 0;
            double gmax = 0;
            for (int j = 0; j < p; j++) {
                boolean atLower = theta[j] <= problem.lower(j) && g[j] > 0;
                boolean atUpper = theta[j] >= problem.upper(j) && g[j] < 0;
                free[j] = !(atLower || atUpper);
                if (free[j]) {
                    nFree++;
                    gmax = Math.max(gmax, Math.abs(g[j]));
                }
            }
            if (nFree == 0 || gmax <= GRADIENT_TOLERANCE) {
                return MapStatus.CONVERGED;
            }
            boolean taken = false;
            while (!taken) {
                if (!solveStep(mu)) {
                    mu *= 4;
                } else {
                    double move = 0;
                    for (int j = 0; j < p; j++) {
                        double s = problem.scale(j);
                        double t = theta[j] + step[j] * s;
                        trial[j] = Math.min(Math.max(t, problem.lower(j)), problem.upper(j));
                        move = Math.max(move, Math.abs(trial[j] - theta[j]) / s);
                    }
                    double c = problem.cost(trial, prediction, null);
                    if (c < cost) {
                        System.arraycopy(trial, 0, theta, 0, p);
                        double decrease = cost - c;
                        cost = problem.cost(theta, prediction, jacobian);
                        mu = Math.max(mu / 3, 1e-12);
                        taken = true;
                        if (move <= STEP_TOLERANCE || decrease <= 1e-15 * Math.abs(cost)) {
                            return MapStatus.CONVERGED;
                        }
                    } else {
                        if (move <= STEP_TOLERANCE) {
                            return MapStatus.CONVERGED; // no representable progress left
                        }
                        mu *= 4;
                    }
                }
                if (mu > MU_MAX) {
                    return gmax <= 1e3 * GRADIENT_TOLERANCE ? MapStatus.CONVERGED : MapStatus.FAILED;
                }
            }
        }
        return MapStatus.MAX_ITERATIONS;
    }

    /** g and H at theta in box-width units, from the prediction and Jacobian already computed there. */
    private void normalEquations(double[] theta) {
        java.util.Arrays.fill(h, 0);
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i < m; i++) {
            double si = problem.sd(i);
            double r = (prediction[i] - problem.observed(i)) / si;
            for (int j = 0; j < p; j++) {
                double jj = jacobian[i * p + j] * problem.scale(j) / si;
                g[j] += jj * r;
                for (int k = 0; k <= j; k++) {
                    h[j * p + k] += jj * jacobian[i * p + k] * problem.scale(k) / si;
                }
            }
        }
        for (int j = 0; j < p; j++) {
            Prior prior = problem.priors().get(j);
            double s = problem.scale(j);
            g[j] -= prior.logDensitySlope(theta[j]) * s;
            h[j * p + j] += Math.max(0, -prior.logDensityCurvature(theta[j])) * s * s;
            for (int k = 0; k < j; k++) {
                h[k * p + j] = h[j * p + k];
            }
        }
    }

    /** step = -(H + mu diag H)^-1 g on the free unknowns (0 on the others); false if the system is singular. */
    private boolean solveStep(double mu) {
        int[] idx = freeIndex;
        int n = 0;
        for (int j = 0; j < p; j++) {
            if (free[j]) {
                idx[n++] = j;
            }
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                a[r * n + c] = h[idx[r] * p + idx[c]];
            }
            a[r * n + r] += mu * Math.max(h[idx[r] * p + idx[r]], 1e-12);
        }
        if (!DenseSpd.cholesky(a, n)) {
            return false;
        }
        double[] b = rhs;
        for (int r = 0; r < n; r++) {
            b[r] = -g[idx[r]];
        }
        DenseSpd.solve(a, n, b);
        java.util.Arrays.fill(step, 0);
        for (int r = 0; r < n; r++) {
            step[idx[r]] = b[r];
        }
        return true;
    }
}
