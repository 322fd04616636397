package org.snauq.dist;

/**
 * Regularised incomplete gamma and beta functions without allocation (Commons Math's versions build a
 * {@code ContinuedFraction} object per call, and these run inside inverse CDFs on the sampling hot path).
 *
 * <p>P(a, x) by its power series for x &lt; a + 1, Q(a, x) by Legendre's continued fraction beyond; I_x(a, b) by
 * its continued fraction for x &lt; (a + 1)/(a + b + 2), by symmetry I_x(a, b) = 1 - I_{1-x}(b, a) beyond; both
 * continued fractions by the modified Lentz method (Lentz 1976; Thompson and Barnett, J. Comput. Phys. 64, 1986,
 * doi:10.1016/0021-9991(86)90046-X). Each returns the requested tail directly, so small tails keep their relative
 * accuracy. The log-gamma / log-beta normalisers are passed in, computed once per distribution.
 */
final class SpecialFunctions {

    /** Stop the series when a term changes the sum by less than this relative amount. */
    private static final double EPS = 1e-16;
    /**
     * Stop a continued fraction when a Lentz factor is within a few ulps of 1 (doubles next to 1 are 1.1e-16 and
     * 2.2e-16 apart, so a tighter test could never be met and would spin to the iteration cap).
     */
    private static final double FRACTION_EPS = 1e-15;
    /** Lentz's guard against division by zero. */
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 100_000;

    private SpecialFunctions() {
    }

    /**
     * A tail of the gamma law with shape a at x &gt;= 0: P(a, x) when {@code upper} is false, Q(a, x) = 1 - P otherwise.
     *
     * @param logGammaA ln Gamma(a)
     */
    static double gammaTail(double a, double x, double logGammaA, boolean upper) {
        if (!(x > 0)) {
            return x == 0 ? (upper ? 1 : 0) : Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return upper ? 0 : 1;
        }
        double front = Math.exp(a * Math.log(x) - x - logGammaA);
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < MAX_ITERATIONS; n++) {
                term *= x / (a + n);
                sum += term;
                if (term < sum * EPS) {
                    break;
                }
            }
            double p = front * sum;
            return upper ? 1 - p : p;
        }
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < FRACTION_EPS) {
                break;
            }
        }
        double q = front * h;
        return upper ? q : 1 - q;
    }

    /**
     * A tail of the beta(a, b) law on [0, 1] at x: I_x(a, b) when {@code upper} is false, 1 - I_x(a, b) otherwise.
     *
     * @param logBeta ln B(a, b)
     */
    static double betaTail(double a, double b, double x, double logBeta, boolean upper) {
        if (!(x > 0)) {
            return x == 0 ? (upper ? 1 : 0) : Double.NaN;
        }
        if (!(x < 1)) {
            return x == 1 ? (upper ? 0 : 1) : Double.NaN;
        }
        if (x < (a + 1) / (a + b + 2)) {
            double lower = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta) * betaFraction(a, b, x) / a;
            return upper ? 1 - lower : lower;
        }
        double y = 1 - x;
        double mirrored = Math.exp(b * Math.log(y) + a * Math.log(x) - logBeta) * betaFraction(b, a, y) / b;
        return upper ? mirrored : 1 - mirrored;
    }

    private static double betaFraction(double a, double b, double x) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < FRACTION_EPS) {
                break;
            }
        }
        return h;
    }
}
