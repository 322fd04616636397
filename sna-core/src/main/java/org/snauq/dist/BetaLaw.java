package org.snauq.dist;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * beta(alpha, beta) stretched to [lower, upper]: X = lower + (upper - lower) Y, Y ~ beta(alpha, beta) on [0, 1]
 * with density y^(alpha-1) (1-y)^(beta-1) / B(alpha, beta), mean alpha/(alpha+beta), variance
 * alpha beta / ((alpha+beta)^2 (alpha+beta+1)). Commons Math for the standard law's CDF and density; the inverse
 * by {@link TailInversion} on the regularised incomplete beta function, started from the tail asymptotics
 * I_y(alpha, beta) ~ y^alpha / (alpha B) near 0 (and the mirror near 1).
 */
final class BetaLaw implements Distribution {

    private final double alpha;
    private final double beta;
    private final double lower;
    private final double upper;
    private final double width;
    private final double logBeta;
    private final BetaDistribution standard;
    private final TailInversion inversion = new TailInversion() {
        @Override
        double tail(double y, boolean upperTail) {
            return SpecialFunctions.betaTail(alpha, beta, y, logBeta, upperTail);
        }

        @Override
        double pdf(double y) {
            return Math.exp((alpha - 1) * Math.log(y) + (beta - 1) * Math.log1p(-y) - logBeta);
        }

        @Override
        double logPdfSlope(double y) {
            return (alpha - 1) / y - (beta - 1) / (1 - y);
        }

        @Override
        double guess(double u) {
            if (u <= 0.5) {
                return Math.min(0.5, Math.exp((Math.log(u * alpha) + logBeta) / alpha));
            }
            return 1 - Math.min(0.5, Math.exp((Math.log((1 - u) * beta) + logBeta) / beta));
        }

        @Override
        double lowerEnd() {
            return 0;
        }

        @Override
        double upperEnd() {
            return 1;
        }
    };

    BetaLaw(double alpha, double beta, double lower, double upper) {
        this.alpha = alpha;
        this.beta = beta;
        this.lower = lower;
        this.upper = upper;
        this.width = upper - lower;
        this.logBeta = Beta.logBeta(alpha, beta);
        this.standard = new BetaDistribution(null, alpha, beta);
    }

    @Override
    public double inverseCdf(double u) {
        double y = inversion.solve(u);
        return y >= 1 ? upper : lower + width * y;
    }

    @Override
    public double cdf(double x) {
        return x <= lower ? 0 : x >= upper ? 1 : standard.cumulativeProbability((x - lower) / width);
    }

    @Override
    public double density(double x) {
        if (x < lower || x > upper) {
            return 0;
        }
        double y = (x - lower) / width;
        // Written out rather than Commons Math's, which throws at a singular end (y = 0, alpha < 1) instead of +inf.
        double logY = alpha == 1 ? 0 : (alpha - 1) * Math.log(y);
        double log1mY = beta == 1 ? 0 : (beta - 1) * Math.log1p(-y);
        return Math.exp(logY + log1mY - logBeta) / width;
    }

    @Override
    public double mean() {
        return lower + width * alpha / (alpha + beta);
    }

    @Override
    public double variance() {
        double s = alpha + beta;
        return width * width * alpha * beta / (s * s * (s + 1));
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
        return "beta(alpha=" + alpha + ", beta=" + beta + ", lower=" + lower + ", upper=" + upper + ")";
    }
}
