package org.snauq.dist;

import org.apache.commons.math3.distribution.RealDistribution;

/**
 * A family whose CDF, density, moments and (closed-form) inverse CDF come from a Commons Math distribution built
 * with a null random generator (no per-instance RNG; these objects are only evaluated, never sampled). Subclasses
 * override {@link #inverseCdf(double)} where Commons Math has no fast or accurate inverse.
 */
class CommonsBacked implements Distribution {

    final RealDistribution law;
    private final String description;

    CommonsBacked(RealDistribution law, String description) {
        this.law = law;
        this.description = description;
    }

    @Override
    public double inverseCdf(double u) {
        return law.inverseCumulativeProbability(u);
    }

    @Override
    public double cdf(double x) {
        if (x >= law.getSupportUpperBound()) {
            return 1; // Commons Math's gamma CDF fails at +infinity
        }
        return x <= law.getSupportLowerBound() ? 0 : law.cumulativeProbability(x);
    }

    @Override
    public double density(double x) {
        return law.density(x);
    }

    @Override
    public double mean() {
        return law.getNumericalMean();
    }

    @Override
    public double variance() {
        return law.getNumericalVariance();
    }

    @Override
    public double supportLower() {
        return law.getSupportLowerBound();
    }

    @Override
    public double supportUpper() {
        return law.getSupportUpperBound();
    }

    @Override
    public String toString() {
        return description;
    }
}
