package org.snauq.basis;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Gauss-Legendre quadrature applied on each knot span of a {@link KnotVector}: for span s (p &lt;= s &lt; n)
 * the points x[q] and weights w[q], q in [offset(s), offset(s) + pointsPerSpan), integrate any
 * polynomial of degree &lt;= 2 * pointsPerSpan - 1 exactly over [t_s, t_{s+1}]. Nodes and weights on
 * [-1, 1] come from Commons Math.
 *
 * @param x      quadrature points, span by span, increasing
 * @param weight their weights (sum = b - a)
 * @param span   the knot span of each point
 */
public record SpanQuadrature(double[] x, double[] weight, int[] span, int pointsPerSpan) {

    static SpanQuadrature of(KnotVector knots, int pointsPerSpan) {
        if (pointsPerSpan < 1) {
            throw new IllegalArgumentException("pointsPerSpan must be >= 1, got " + pointsPerSpan);
        }
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(pointsPerSpan);
        int spans = knots.spanCount();
        int total = spans * pointsPerSpan;
        double[] x = new double[total];
        double[] w = new double[total];
        int[] s = new int[total];
        int q = 0;
        for (int k = 0; k < spans; k++) {
            int span = knots.degree() + k;
            double lo = knots.knot(span);
            double hi = knots.knot(span + 1);
            double half = 0.5 * (hi - lo);
            double mid = 0.5 * (hi + lo);
            for (int g = 0; g < pointsPerSpan; g++) {
                x[q] = mid + half * rule.getPoint(g);
                w[q] = half * rule.getWeight(g);
                s[q] = span;
                q++;
            }
        }
        return new SpanQuadrature(x, w, s, pointsPerSpan);
    }

    /** Number of quadrature points. */
    public int size() {
        return x.length;
    }
}
