package org.snauq.dist;

import org.apache.commons.math3.special.Erf;

/**
 * truncated-normal(mean, sd, lower, upper): N(mean, sd^2) conditioned on [lower, upper]. With
 * alpha = (lower - mean)/sd, beta = (upper - mean)/sd and Z = Phi(beta) - Phi(alpha):
 * density phi(z)/(sd Z), mean = mean + sd (phi(alpha) - phi(beta))/Z,
 * variance = sd^2 [1 + (alpha phi(alpha) - beta phi(beta))/Z - ((phi(alpha) - phi(beta))/Z)^2]
 * (Johnson, Kotz and Balakrishnan, Continuous Univariate Distributions 1, 2nd ed., 1994, section 10.1).
 *
 * <p>Inverse: z = Phi^{-1}(Phi(alpha) + u Z), computed on the side with the smaller tail mass so far tails keep their
 * digits: when the interval lies right of the mean (alpha &gt;= 0), or for u &gt; 1/2 in an interval holding the mean,
 * z = -Phi^{-1}(Q(beta) + (1 - u) Z) on upper-tail masses Q = 1 - Phi; otherwise on lower-tail masses. Tail masses
 * come from erfc (Commons Math), computed once; each inverse is one AS 241 quantile. Intervals whose mass
 * underflows (farther than about 37 sd from the mean) are rejected at construction.
 */
final class TruncatedNormal implements Distribution {

    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private final double mean;
    private final double sd;
    private final double lower;
    private final double upper;
    private final double alpha;
    private final double beta;
    /** True when quantiles use upper-tail masses for every u (interval right of the mean). */
    private final boolean rightOfMean;
    private final boolean leftOfMean;
    private final double lowerTailAlpha;
    private final double upperTailBeta;
    private final double upperTailAlpha;
    private final double mass;

    TruncatedNormal(double mean, double sd, double lower, double upper) {
        this.mean = mean;
        this.sd = sd;
        this.lower = lower;
        this.upper = upper;
        this.alpha = (lower - mean) / sd;
        this.beta = (upper - mean) / sd;
        this.rightOfMean = alpha >= 0;
        this.leftOfMean = beta <= 0;
        this.lowerTailAlpha = lowerTail(alpha);
        this.upperTailAlpha = upperTail(alpha);
        this.upperTailBeta = upperTail(beta);
        this.mass = rightOfMean ? upperTailAlpha - upperTailBeta : lowerTail(beta) - lowerTailAlpha;
        if (!(mass >= Double.MIN_NORMAL)) {
            throw new IllegalArgumentException("truncated-normal interval [lower, upper] = [" + lower + ", " + upper
                    + "] has probability " + mass + " under normal(mean=" + mean + ", sd=" + sd
                    + "); it must lie within about 37 sd of the mean");
        }
    }

    /** Phi(z), accurate for negative z. */
    private static double lowerTail(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /** 1 - Phi(z), accurate for positive z. */
    private static double upperTail(double z) {
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }

    private static double phi(double z) {
        return Double.isInfinite(z) ? 0 : INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    @Override
    public double inverseCdf(double u) {
        if (!(u > 0 && u < 1)) {
            return u == 0 ? lower : u == 1 ? upper : Double.NaN;
        }
        double z;
        if (rightOfMean || (!leftOfMean && u > 0.5)) {
            z = NormalQuantile.upper(upperTailBeta + (1 - u) * mass);
        } else {
            z = NormalQuantile.of(lowerTailAlpha + u * mass);
        }
        double x = mean + sd * z;
        return Math.min(Math.max(x, lower), upper); // rounding must not leave the support
    }

    @Override
    public double cdf(double x) {
        if (x <= lower) {
            return 0;
        }
        if (x >= upper) {
            return 1;
        }
        double z = (x - mean) / sd;
        if (rightOfMean) {
            return (upperTailAlpha - upperTail(z)) / mass;
        }
        return (lowerTail(z) - lowerTailAlpha) / mass;
    }

    @Override
    public double density(double x) {
        return x < lower || x > upper ? 0 : phi((x - mean) / sd) / (sd * mass);
    }

    @Override
    public double mean() {
        return mean + sd * (phi(alpha) - phi(beta)) / mass;
    }

    @Override
    public double variance() {
        double d = (phi(alpha) - phi(beta)) / mass;
        double a = Double.isInfinite(alpha) ? 0 : alpha * phi(alpha);
        double b = Double.isInfinite(beta) ? 0 : beta * phi(beta);
        return sd * sd * (1 + (a - b) / mass - d * d);
    }

    @Override
    public double supportLower() {
        return lower;
    }

    @Override
    public double supportUpper() {
        return upper;
    }

    @Override
    public String toString() {
        return "truncated-normal(mean=" + mean + ", sd=" + sd + ", lower=" + lower + ", upper=" + upper + ")";
    }
}
