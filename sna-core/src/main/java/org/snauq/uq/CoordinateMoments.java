package org.snauq.uq;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.snauq.basis.BSplineBasis;
import org.snauq.dist.Distribution;

/**
 * First and second moments of the atoms of one coordinate under an input law: mu_i = E[B_i(X)] and the banded
 * G_ij = E[B_i(X) B_j(X)], |i - j| &lt;= p (METHOD.md section 4).
 *
 * <p>Clamp convention (matching {@code SnaModel.evaluate}): mass of X below the domain [a, b] is a point mass
 * P(X &lt;= a) at a, mass above is P(X &gt; b) at b; a constant input is a point mass at its value (clamped).
 * The rest is integral_{[a,b] cap support} B_i B_j rho dx, by adaptive Gauss-Legendre per knot span: a
 * {@value #POINTS}-point rule on a piece is accepted when it agrees with the rule on the piece's two halves
 * within {@value #TOLERANCE} times the piece's share of the span; otherwise both halves recurse (at most
 * {@value #MAX_DEPTH} levels, and never below the rounding of the piece's own entries: a target halved at
 * every level falls under the rounding of the sums after about 25 levels, and bisecting every branch on to depth
 * 50 never ends). Smooth densities converge at once (B_i B_j is a polynomial of degree 2p on a
 * span); kinks (triangular mode, support ends) and integrable singularities are found by the bisection.
 * Cost O(n p^2) density evaluations times the refinement.
 */
final class CoordinateMoments {

    static final int POINTS = 12;
    /** Absolute error target per knot span; entries are bounded by the span's probability (&lt;= 1). */
    static final double TOLERANCE = 1e-14;
    static final int MAX_DEPTH = 50;
    /** Differences below this share of a piece's largest entry are rounding (about 5 ulps), not quadrature error. */
    static final double ROUNDING = 1e-15;

    private static final double[] NODE;
    private static final double[] WEIGHT;

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(POINTS);
        NODE = new double[POINTS];
        WEIGHT = new double[POINTS];
        for (int g = 0; g < POINTS; g++) {
            NODE[g] = rule.getPoint(g);
            WEIGHT[g] = rule.getWeight(g);
        }
    }

    private final int count;
    private final int degree;
    private final double[] mu;
    private final double[] g; // band: g[i * (2p + 1) + (j - i + p)]

    private CoordinateMoments(int count, int degree) {
        this.count = count;
        this.degree = degree;
        this.mu = new double[count];
        this.g = new double[count * (2 * degree + 1)];
    }

    double mu(int i) {
        return mu[i];
    }

    /** G_ij, 0 outside the band. */
    double g(int i, int j) {
        int k = j - i + degree;
        return k < 0 || k > 2 * degree ? 0.0 : g[i * (2 * degree + 1) + k];
    }

    int count() {
        return count;
    }

    int degree() {
        return degree;
    }

    static CoordinateMoments of(BSplineBasis basis, Distribution dist) {
        int p = basis.degree();
        CoordinateMoments m = new CoordinateMoments(basis.count(), p);
        double a = basis.lower();
        double b = basis.upper();
        if (dist.isConstant()) {
            m.addPointMass(basis, Math.min(Math.max(dist.mean(), a), b), 1.0);
            return m;
        }
        double below = dist.cdf(a);
        double above = 1.0 - dist.cdf(b);
        if (below > 0) {
            m.addPointMass(basis, a, below);
        }
        if (above > 0) {
            m.addPointMass(basis, b, above);
        }
        double lo = Math.max(a, dist.supportLower());
        double hi = Math.min(b, dist.supportUpper());
        if (lo < hi) {
            double[] knots = basis.knots().knots();
            double[] acc = new double[(p + 1) * (p + 2)];
            double[] scratch = new double[basis.scratchSize()];
            double[] values = new double[p + 1];
            for (int s = p; s < basis.count(); s++) {
                double l = Math.max(lo, knots[s]);
                double r = Math.min(hi, knots[s + 1]);
                if (l < r) {
                    java.util.Arrays.fill(acc, 0.0);
                    m.adaptive(basis, dist, s, l, r, acc, values, scratch);
                    m.addSpan(s, acc);
                }
            }
        }
        return m;
    }

    private void addPointMass(BSplineBasis basis, double x, double mass) {
        int p = degree;
        int span = basis.findSpan(x);
        double[] v = new double[p + 1];
        basis.evaluate(x, span, v, 0, new double[basis.scratchSize()]);
        for (int k = 0; k <= p; k++) {
            int i = span - p + k;
            mu[i] += mass * v[k];
            for (int l = 0; l <= p; l++) {
                g[i * (2 * p + 1) + (l - k + p)] += mass * v[k] * v[l];
            }
        }
    }

    /** acc (layout: p + 1 values of mu, then (p + 1)^2 of G) for atoms span-p..span. */
    private void addSpan(int span, double[] acc) {
        int p = degree;
        for (int k = 0; k <= p; k++) {
            int i = span - p + k;
            mu[i] += acc[k];
            for (int l = 0; l <= p; l++) {
                g[i * (2 * p + 1) + (l - k + p)] += acc[p + 1 + k * (p + 1) + l];
            }
        }
    }

    private void adaptive(BSplineBasis basis, Distribution dist, int span, double l, double r, double[] acc,
                          double[] values, double[] scratch) {
        int len = acc.length;
        double[] whole = new double[len];
        rule(basis, dist, span, l, r, whole, values, scratch);
        refine(basis, dist, span, l, r, whole, acc, values, scratch, TOLERANCE, 0);
    }

    private void refine(BSplineBasis basis, Distribution dist, int span, double l, double r, double[] whole,
                        double[] acc, double[] values, double[] scratch, double tol, int depth) {
        int len = whole.length;
        double mid = 0.5 * (l + r);
        double[] left = new double[len];
        double[] right = new double[len];
        rule(basis, dist, span, l, mid, left, values, scratch);
        rule(basis, dist, span, mid, r, right, values, scratch);
        double err = 0.0;
        double size = 0.0;
        for (int e = 0; e < len; e++) {
            err = Math.max(err, Math.abs(left[e] + right[e] - whole[e]));
            size = Math.max(size, Math.abs(left[e]) + Math.abs(right[e]));
        }
        if (err <= Math.max(tol, ROUNDING * size) || depth >= MAX_DEPTH) {
            for (int e = 0; e < len; e++) {
                acc[e] += left[e] + right[e];
            }
            return;
        }
        refine(basis, dist, span, l, mid, left, acc, values, scratch, 0.5 * tol, depth + 1);
        refine(basis, dist, span, mid, r, right, acc, values, scratch, 0.5 * tol, depth + 1);
    }

    /** One Gauss-Legendre rule on [l, r] inside knot span {@code span}. */
    private void rule(BSplineBasis basis, Distribution dist, int span, double l, double r, double[] out,
                      double[] values, double[] scratch) {
        int p = degree;
        double half = 0.5 * (r - l);
        double mid = 0.5 * (r + l);
        for (int q = 0; q < POINTS; q++) {
            double x = mid + half * NODE[q];
            double w = half * WEIGHT[q] * dist.density(x);
            if (w == 0.0) {
                continue;
            }
            basis.evaluate(x, span, values, 0, scratch);
            for (int k = 0; k <= p; k++) {
                double wk = w * values[k];
                out[k] += wk;
                for (int j = 0; j <= p; j++) {
                    out[p + 1 + k * (p + 1) + j] += wk * values[j];
                }
            }
        }
    }
}
