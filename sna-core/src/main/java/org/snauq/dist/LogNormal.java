package org.snauq.dist;

import org.apache.commons.math3.distribution.LogNormalDistribution;

/**
 * lognormal(mu, sigma) of the log: X = exp(mu + sigma Z). Commons Math for CDF, density and moments (mean
 * exp(mu + sigma^2/2), variance (exp(sigma^2) - 1) exp(2 mu + sigma^2)); the inverse is exp(mu + sigma Phi^{-1}(u))
 * (Commons Math 3.6 inverts it with a bracketing solver).
 */
final class LogNormal extends CommonsBacked {

    private final double mu;
    private final double sigma;

    LogNormal(double mu, double sigma) {
        super(new LogNormalDistribution(null, mu, sigma), "lognormal(mu=" + mu + ", sigma=" + sigma + ")");
        this.mu = mu;
        this.sigma = sigma;
    }

    @Override
    public double inverseCdf(double u) {
        return Math.exp(mu + sigma * NormalQuantile.of(u));
    }
}
