package org.snauq.basis;

/**
 * The B-spline atoms B_0..B_{n-1} of degree p on a clamped {@link KnotVector}.
 *
 * <p>At any x only the p + 1 functions B_{s-p}..B_s of the span s containing x are non-zero; they are
 * evaluated together by the Cox-de Boor recurrence (Piegl and Tiller, The NURBS Book, 2nd ed.,
 * algorithms A2.2 and A2.3), at O(p^2) cost. They are non-negative, sum to one on [a, b] and
 * reproduce every polynomial of degree &lt;= p.
 *
 * <p>Immutable and thread safe; the evaluation methods write only to arrays the caller owns.
 */
public final class BSplineBasis {

    private final KnotVector knots;
    private final int p;

    public BSplineBasis(KnotVector knots) {
        this.knots = knots;
        this.p = knots.degree();
    }

    /** Uniform clamped basis: {@code count} atoms of degree {@code degree} over [lower, upper]. */
    public static BSplineBasis clampedUniform(int degree, int count, double lower, double upper) {
        return new BSplineBasis(KnotVector.clampedUniform(degree, count, lower, upper));
    }

    public KnotVector knots() {
        return knots;
    }

    public int degree() {
        return p;
    }

    /** Number n of atoms. */
    public int count() {
        return knots.count();
    }

    public double lower() {
        return knots.lower();
    }

    public double upper() {
        return knots.upper();
    }

    /** See {@link KnotVector#findSpan(double)}. */
    public int findSpan(double x) {
        return knots.findSpan(x);
    }

    /** Length of the scratch array {@link #evaluate} needs. */
    public int scratchSize() {
        return 2 * (p + 1);
    }

    /**
     * Values of the p + 1 atoms B_{span-p}..B_{span} at x.
     *
     * @param span    the span of x, from {@link #findSpan(double)}
     * @param out     written: out[off + j] = B_{span-p+j}(x), j = 0..p
     * @param scratch written (workspace), length &gt;= {@link #scratchSize()}; must not alias out
     */
    public void evaluate(double x, int span, double[] out, int off, double[] scratch) {
        assert span >= p && span < knots.count();
        // scratch[0..p] holds left[j] = x - t_{span+1-j}, scratch[p+1..2p+1] right[j] = t_{span+j} - x.
        int r0 = p + 1;
        out[off] = 1.0;
        for (int j = 1; j <= p; j++) {
            scratch[j] = x - knots.knot(span + 1 - j);
            scratch[r0 + j] = knots.knot(span + j) - x;
            double saved = 0.0;
            for (int r = 0; r < j; r++) {
                double temp = out[off + r] / (scratch[r0 + r + 1] + scratch[j - r]);
                out[off + r] = saved + scratch[r0 + r + 1] * temp;
                saved = scratch[j - r] * temp;
            }
            out[off + j] = saved;
        }
    }

    /** Allocating convenience form of {@link #evaluate(double, int, double[], int, double[])}. */
    public double[] evaluate(double x) {
        double[] out = new double[p + 1];
        evaluate(x, findSpan(x), out, 0, new double[scratchSize()]);
        return out;
    }

    /** Length of the scratch array {@link #derivatives} needs. */
    public int derivativeScratchSize() {
        return (p + 1) * (p + 1) + 4 * (p + 1);
    }

    /**
     * Values and derivatives up to {@code order} of the p + 1 atoms that are non-zero at x
     * (Piegl and Tiller A2.3). Derivatives above p are zero.
     *
     * @param out     written: out[k * (p+1) + j] = d^k/dx^k B_{span-p+j}(x), k = 0..order
     * @param scratch written (workspace), length &gt;= {@link #derivativeScratchSize()}
     */
    public void derivatives(double x, int span, int order, double[] out, double[] scratch) {
        assert span >= p && span < knots.count();
        int n1 = p + 1;
        // Layout of scratch: ndu (p+1)x(p+1) row-major, then left, right, a0, a1.
        int left = n1 * n1;
        int right = left + n1;
        int a0 = right + n1;
        int a1 = a0 + n1;
        scratch[0] = 1.0;
        for (int j = 1; j <= p; j++) {
            scratch[left + j] = x - knots.knot(span + 1 - j);
            scratch[right + j] = knots.knot(span + j) - x;
            double saved = 0.0;
            for (int r = 0; r < j; r++) {
                // lower triangle: knot differences; upper triangle: basis values
                scratch[j * n1 + r] = scratch[right + r + 1] + scratch[left + j - r];
                double temp = scratch[r * n1 + j - 1] / scratch[j * n1 + r];
                scratch[r * n1 + j] = saved + scratch[right + r + 1] * temp;
                saved = scratch[left + j - r] * temp;
            }
            scratch[j * n1 + j] = saved;
        }
        for (int j = 0; j <= p; j++) {
            out[j] = scratch[j * n1 + p];
        }
        int kmax = Math.min(order, p);
        for (int r = 0; r <= p; r++) {
            int s1 = a0;
            int s2 = a1;
            scratch[a0] = 1.0;
            for (int k = 1; k <= kmax; k++) {
                double d = 0.0;
                int rk = r - k;
                int pk = p - k;
                if (r >= k) {
                    scratch[s2] = scratch[s1] / scratch[(pk + 1) * n1 + rk];
                    d = scratch[s2] * scratch[rk * n1 + pk];
                }
                int j1 = rk >= -1 ? 1 : -rk;
                int j2 = (r - 1 <= pk) ? k - 1 : p - r;
                for (int j = j1; j <= j2; j++) {
                    scratch[s2 + j] = (scratch[s1 + j] - scratch[s1 + j - 1]) / scratch[(pk + 1) * n1 + rk + j];
                    d += scratch[s2 + j] * scratch[(rk + j) * n1 + pk];
                }
                if (r <= pk) {
                    scratch[s2 + k] = -scratch[s1 + k - 1] / scratch[(pk + 1) * n1 + r];
                    d += scratch[s2 + k] * scratch[r * n1 + pk];
                }
                out[k * n1 + r] = d;
                int t = s1;
                s1 = s2;
                s2 = t;
            }
        }
        double factor = p; // p!/(p-k)! overflows an int from p = 13 on
        for (int k = 1; k <= kmax; k++) {
            for (int j = 0; j <= p; j++) {
                out[k * n1 + j] *= factor;
            }
            factor *= p - k;
        }
        for (int k = kmax + 1; k <= order; k++) {
            for (int j = 0; j <= p; j++) {
                out[k * n1 + j] = 0.0;
            }
        }
    }

    /**
     * Gauss-Legendre nodes and weights on every knot span: exact for polynomials of degree
     * 2 * pointsPerSpan - 1 on each span, hence for products of atoms when pointsPerSpan &gt;= p + 1.
     */
    public SpanQuadrature quadrature(int pointsPerSpan) {
        return SpanQuadrature.of(knots, pointsPerSpan);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BSplineBasis b && b.knots.equals(knots);
    }

    @Override
    public int hashCode() {
        return knots.hashCode();
    }

    @Override
    public String toString() {
        return "BSplineBasis" + knots.toString().substring("KnotVector".length());
    }
}
