package org.snauq.dist;

import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * gamma(shape k, scale theta): density x^(k-1) e^(-x/theta) / (Gamma(k) theta^k), mean k theta, variance
 * k theta^2. Commons Math for CDF, density and moments; the inverse by {@link TailInversion} on the regularised
 * incomplete gamma function, started from the Wilson-Hilferty cube-root normal approximation
 * x ~ k (1 - 1/(9k) + z / (3 sqrt(k)))^3 (or from P(k, x) ~ x^k / Gamma(k + 1) near 0).
 */
final class Gamma extends CommonsBacked {

    private final double shape;
    private final double scale;
    private final double logGammaShape;
    private final double logGammaShapePlusOne;
    private final TailInversion inversion = new TailInversion() {
        @Override
        double tail(double x, boolean upper) {
            return SpecialFunctions.gammaTail(shape, x, logGammaShape, upper);
        }

        @Override
        double pdf(double x) {
            return Math.exp((shape - 1) * Math.log(x) - x - logGammaShape);
        }

        @Override
        double logPdfSlope(double x) {
            return (shape - 1) / x - 1;
        }

        @Override
        double guess(double u) {
            double z = NormalQuantile.of(u);
            double c = 1 / (9 * shape);
            double wilsonHilferty = shape * Math.pow(1 - c + z * Math.sqrt(c), 3);
            if (u < 0.5 && (shape < 1 || !(wilsonHilferty > 0))) {
                return Math.exp((Math.log(u) + logGammaShapePlusOne) / shape);
            }
            return wilsonHilferty > 0 ? wilsonHilferty : shape;
        }

        @Override
        double lowerEnd() {
            return 0;
        }

        @Override
        double upperEnd() {
            return Double.POSITIVE_INFINITY;
        }
    };

    Gamma(double shape, double scale) {
        super(new GammaDistribution(null, shape, scale), "gamma(shape=" + shape + ", scale=" + scale + ")");
        this.shape = shape;
        this.scale = scale;
        this.logGammaShape = org.apache.commons.math3.special.Gamma.logGamma(shape);
        this.logGammaShapePlusOne = org.apache.commons.math3.special.Gamma.logGamma(shape + 1);
    }

    /** Written out: Commons Math's density underflows to 0 below x ~ 1e-15 when shape &lt; 1 (it is +infinite at 0). */
    @Override
    public double density(double x) {
        if (x < 0) {
            return 0;
        }
        double y = x / scale;
        double logY = shape == 1 ? 0 : (shape - 1) * Math.log(y);
        return Math.exp(logY - y - logGammaShape) / scale;
    }

    @Override
    public double inverseCdf(double u) {
        return scale * inversion.solve(u);
    }
}
