package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.snauq.galerkin.PdeProblem.Diffusion;
import org.snauq.galerkin.PdeProblem.Reaction;

/**
 * Checks, before any solving, that a problem is well posed where that can be known (issue 12, point 6): each
 * {@link IllegalArgumentException} names the term and the reason in one line.
 *
 * <ul>
 * <li>A diffusion coefficient must keep one sign and stay away from 0 over the box: sampled on the grid of its
 * variables' knots and Gauss points (ends included), it must satisfy min k &gt; {@link #ZERO_RATIO} max k. A
 * coefficient that reaches 0 makes the solution unbounded near it (-(k u')' = 1 has u ~ 1/k); a negative one is
 * anti-diffusion, a backward problem.</li>
 * <li>A symmetric Galerkin operator (diffusion and reaction) must be coercive: with lambda_1^d the smallest
 * eigenvalue of the stiffness against the mass matrix of coordinate d on its free atoms (a discrete Poincare
 * constant; 0 with a flux at both ends), a(u, u) / ||u||^2 lies between L = sum_d k_min^d lambda_1^d + c_min and,
 * for the product of the 1-D first eigenfunctions, U = sum_d k_max^d lambda_1^d + c_max. U &lt; 0 proves the
 * operator indefinite (-u'' - 40 u on (0, 1): pi^2 - 40 &lt; 0): rejected, since ALS minimises an energy that then
 * has no minimum. For L &lt; 0 &lt;= U nothing is proven and the solve goes ahead; a coordinate system that is not
 * positive definite then fails with the same kind of message.</li>
 * </ul>
 *
 * <p>Coefficients that depend on the solution are not known before solving and are not checked here.
 */
final class ProblemChecks {

    /** "Bounded away from 0": min |k| must exceed this fraction of max |k| (a contrast of 1e10 is already beyond
     *  what double-precision ALS resolves). */
    static final double ZERO_RATIO = 1e-10;
    /** Largest sampling grid for one coefficient; beyond it, random points (a pure function of the seed) plus the
     *  grid's corners. */
    private static final int MAX_SAMPLES = 1_000_000;
    private static final long SAMPLE_SEED = 20_260_612L;
    /** Inverse iterations for lambda_1 (the ratio lambda_1 / lambda_2 of a 1-D Laplacian is 1/4: 40 suffice). */
    private static final int EIGEN_ITERATIONS = 60;

    private ProblemChecks() {
    }

    /** The range of a coefficient over the box and where its minimum (in modulus) lies. */
    private record Range(double min, double max, double[] at) {
    }

    static void check(PdeProblem problem, AtomQuadrature[] quads, boolean galerkin) {
        String u = problem.output();
        List<String> names = problem.names();
        int dim = names.size();
        double[] kMin = new double[dim];
        double[] kMax = new double[dim];
        double cMin = 0;
        double cMax = 0;
        String reaction = null;
        boolean symmetric = problem.isSymmetric();
        for (int i = 0; i < problem.terms().size(); i++) {
            PdeProblem.Term term = problem.terms().get(i);
            String where = "terms[" + i + "] (" + PdeProblem.kind(term) + ")";
            if (term instanceof Diffusion t) {
                if (t.coefficient().variables().contains(u)) {
                    symmetric = false;
                    continue;
                }
                Range k = range(t.coefficient(), names, quads);
                String along = where + ": the coefficient along '" + t.coordinate() + "'";
                if (k.min() < 0 && k.max() > 0) {
                    throw new IllegalArgumentException(along + " changes sign over the box (" + describe(k, names)
                            + "); it must keep one sign and stay away from 0");
                }
                if (k.max() <= 0) {
                    throw new IllegalArgumentException(along + " is not positive over the box (" + describe(k, names)
                            + "): negative diffusion is a backward, ill-posed problem");
                }
                if (!(k.min() > ZERO_RATIO * k.max())) {
                    throw new IllegalArgumentException(along + " is not bounded away from 0 over the box ("
                            + describe(k, names) + "); the solution blows up where it vanishes: shrink the interval"
                            + " of the coordinate it depends on");
                }
                int d = names.indexOf(t.coordinate());
                kMin[d] += k.min();
                kMax[d] += k.max();
            } else if (term instanceof Reaction t) {
                if (t.coefficient().variables().contains(u)) {
                    symmetric = false;
                    continue;
                }
                Range c = range(t.coefficient(), names, quads);
                cMin += c.min();
                cMax += c.max();
                if (reaction == null || c.min() < 0) {
                    reaction = where;
                }
            }
        }
        if (!galerkin || !symmetric || reaction == null || cMin >= 0) {
            return;
        }
        double lower = cMin;
        double upper = cMax;
        for (int d = 0; d < dim; d++) {
            if (kMax[d] > 0) {
                double lambda1 = poincare(problem, names.get(d), quads[d]);
                lower += kMin[d] * lambda1;
                upper += kMax[d] * lambda1;
            }
        }
        if (upper < 0) {
            throw new IllegalArgumentException(reaction + ": the operator is not coercive: the reaction coefficient"
                    + " (max " + fmt(cMax) + ") lies below minus the diffusion's smallest eigenvalue (" + fmt(upper - cMax)
                    + "), so the energy has no minimum; Galerkin ALS needs a coercive operator (formulation"
                    + " least-squares can solve an indefinite problem that is not singular)");
        }
    }

    /** Four significant digits without trailing zeros: 0, 2, -40, 9.87. */
    private static String fmt(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    private static String describe(Range r, List<String> names) {
        StringBuilder at = new StringBuilder();
        for (int d = 0; d < names.size(); d++) {
            if (!Double.isNaN(r.at()[d])) {
                at.append(at.length() == 0 ? "" : ", ").append(names.get(d)).append(" = ").append(fmt(r.at()[d]));
            }
        }
        return "min " + fmt(r.min()) + (at.length() == 0 ? "" : " at " + at) + ", max " + fmt(r.max());
    }

    /** Min and max of f over the grid of its variables' breakpoints and Gauss points (ends included). */
    private static Range range(Field f, List<String> names, AtomQuadrature[] quads) {
        int dim = names.size();
        List<Integer> modes = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            if (f.variables().contains(names.get(d))) {
                modes.add(d);
            }
        }
        double[][] points = new double[modes.size()][];
        long grid = 1;
        for (int e = 0; e < modes.size(); e++) {
            AtomQuadrature q = quads[modes.get(e)];
            double[] b = q.basis().knots().breakpoints();
            double[] x = q.points();
            double[] all = Arrays.copyOf(b, b.length + x.length);
            System.arraycopy(x, 0, all, b.length, x.length);
            Arrays.sort(all);
            points[e] = all;
            grid *= all.length;
        }
        double[] z = new double[dim];
        Arrays.fill(z, Double.NaN);
        for (int d = 0; d < dim; d++) {
            z[d] = 0.5 * (quads[d].basis().lower() + quads[d].basis().upper());
        }
        double[] state = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] at = new double[dim];
        Arrays.fill(at, Double.NaN);
        int[] idx = new int[modes.size()];
        if (grid <= MAX_SAMPLES) {
            for (long flat = 0; flat < grid; flat++) {
                for (int e = 0; e < modes.size(); e++) {
                    z[modes.get(e)] = points[e][idx[e]];
                }
                visit(f, z, modes, state, at);
                for (int e = modes.size() - 1; e >= 0; e--) {
                    if (++idx[e] < points[e].length) {
                        break;
                    }
                    idx[e] = 0;
                }
            }
        } else {
            SplittableRandom rng = new SplittableRandom(SAMPLE_SEED);
            for (int j = 0; j < MAX_SAMPLES; j++) {
                for (int e = 0; e < modes.size(); e++) {
                    double[] p = points[e];
                    // the first samples are corners of the box, the rest random grid points
                    z[modes.get(e)] = j < (1 << Math.min(modes.size(), 20)) ? ((j >> e & 1) == 0 ? p[0]
                            : p[p.length - 1]) : p[rng.nextInt(p.length)];
                }
                visit(f, z, modes, state, at);
            }
        }
        return new Range(state[0], state[1], at);
    }

    /** Updates {min, max, min |f|} and the point of min |f|. */
    private static void visit(Field f, double[] z, List<Integer> modes, double[] state, double[] at) {
        double v = f.value(z);
        if (!Double.isFinite(v)) {
            v = Double.NaN;
        }
        state[0] = Math.min(state[0], v);
        state[1] = Math.max(state[1], v);
        if (Math.abs(v) < state[2] || Double.isNaN(v)) {
            state[2] = Math.abs(v);
            for (int m : modes) {
                at[m] = z[m];
            }
        }
    }

    /**
     * Smallest eigenvalue of K v = lambda M v on the atoms of a coordinate that its Dirichlet conditions leave free,
     * by inverse iteration (0 when K is singular: a flux or no condition at both ends).
     */
    private static double poincare(PdeProblem problem, String coordinate, AtomQuadrature q) {
        PdeProblem.Dirichlet b = problem.boundaryOf(coordinate);
        int lo = b != null && b.lower() != null ? 1 : 0;
        int hi = b != null && b.upper() != null ? 1 : 0;
        if (lo + hi == 0) {
            return 0.0;
        }
        BandedMatrix k = q.stiffness().restrict(lo, hi);
        BandedMatrix m = q.mass().restrict(lo, hi);
        int n = k.size();
        int band = k.band();
        double[] l = BandCholesky.factorOf(k);
        if (l == null) {
            return 0.0;
        }
        double[] x = new double[n];
        Arrays.fill(x, 1.0);
        double rayleigh = Double.NaN;
        for (int it = 0; it < EIGEN_ITERATIONS; it++) {
            double[] y = m.multiply(x);
            BandCholesky.solve(l, n, band, y);
            double norm = Math.sqrt(m.bilinear(y, y));
            for (int i = 0; i < n; i++) {
                x[i] = y[i] / norm;
            }
            rayleigh = k.bilinear(x, x); // x^T M x = 1
        }
        return rayleigh;
    }
}
