package org.snauq.dist;

import org.apache.commons.math3.distribution.NormalDistribution;

/** normal(mean, sd): Commons Math for CDF and density, x = mean + sd * Phi^{-1}(u) by {@link NormalQuantile}. */
final class Normal extends CommonsBacked {

    private final double mean;
    private final double sd;

    Normal(double mean, double sd) {
        super(new NormalDistribution(null, mean, sd), "normal(mean=" + mean + ", sd=" + sd + ")");
        this.mean = mean;
        this.sd = sd;
    }

    @Override
    public double inverseCdf(double u) {
        return mean + sd * NormalQuantile.of(u);
    }
}
