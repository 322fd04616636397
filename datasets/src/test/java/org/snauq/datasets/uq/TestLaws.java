package org.snauq.datasets.uq;

import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.snauq.dist.Distribution;

/** Small {@link Distribution}s over Commons Math laws, so these tests do not depend on the factory. */
final class TestLaws {

    private TestLaws() {
    }

    static Distribution uniform(double lo, double hi) {
        return wrap(new UniformRealDistribution(null, lo, hi));
    }

    static Distribution normal(double mean, double sd) {
        return wrap(new NormalDistribution(null, mean, sd));
    }

    static Distribution triangular(double lo, double mode, double hi) {
        return wrap(new TriangularDistribution(null, lo, mode, hi));
    }

    static Distribution constant(double value) {
        return new Distribution() {
            public double inverseCdf(double u) {
                return value;
            }

            public double cdf(double x) {
                return x >= value ? 1 : 0;
            }

            public double density(double x) {
                return Double.NaN;
            }

            public double mean() {
                return value;
            }

            public double variance() {
                return 0;
            }

            public double supportLower() {
                return value;
            }

            public double supportUpper() {
                return value;
            }

            public boolean isConstant() {
                return true;
            }
        };
    }

    private static Distribution wrap(AbstractRealDistribution law) {
        return new Distribution() {
            public double inverseCdf(double u) {
                return law.inverseCumulativeProbability(u);
            }

            public double cdf(double x) {
                return law.cumulativeProbability(x);
            }

            public double density(double x) {
                return law.density(x);
            }

            public double mean() {
                return law.getNumericalMean();
            }

            public double variance() {
                return law.getNumericalVariance();
            }

            public double supportLower() {
                return law.getSupportLowerBound();
            }

            public double supportUpper() {
                return law.getSupportUpperBound();
            }
        };
    }
}
