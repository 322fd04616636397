package org.snauq.inverse;

import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

/**
 * The prior of one unknown: any input law of the study schema ({@link Distributions}), with the first and second
 * derivatives of its log-density in closed form for the MAP's Newton steps (the normalising constant is irrelevant
 * there and left out):
 *
 * <pre>  uniform 0 | normal, truncated-normal -(x - m) / s^2 | lognormal -(1 + (ln x - mu) / sigma^2) / x
 *   beta ((a - 1) / t - (b - 1) / (1 - t)) / (hi - lo) | triangular 1 / (x - lo) or -1 / (hi - x)
 *   gamma (k - 1) / x - 1 / theta | weibull (k - 1) / x - k x^(k-1) / lambda^k</pre>
 *
 * {@code constant} is not a prior (an unknown must vary). Immutable.
 */
public final class Prior {

    private final InputSpec spec;
    private final Distribution law;
    private final double[] p;

    private Prior(InputSpec spec, Distribution law, double[] p) {
        this.spec = spec;
        this.law = law;
        this.p = p;
    }

    /** @throws IllegalArgumentException for a constant law or bad parameters (the message names the parameter) */
    public static Prior of(InputSpec spec) {
        Distribution law = Distributions.of(spec);
        if (law.isConstant()) {
            throw new IllegalArgumentException("the prior of an unknown cannot be constant");
        }
        java.util.List<String> keys = Distributions.parameters(spec.dist());
        double[] p = new double[keys.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = spec.parameter(keys.get(i));
        }
        return new Prior(spec, law, p);
    }

    public InputSpec spec() {
        return spec;
    }

    public Distribution law() {
        return law;
    }

    /** log density up to a constant at x inside the support; -infinity outside. */
    public double logDensity(double x) {
        double d = law.density(x);
        return d > 0 ? Math.log(d) : Double.NEGATIVE_INFINITY;
    }

    /** d/dx log density at x (inside the support). */
    public double logDensitySlope(double x) {
        return switch (spec.dist()) {
            case "normal", "truncated-normal" -> -(x - p[0]) / (p[1] * p[1]);
            case "lognormal" -> -(1 + (Math.log(x) - p[0]) / (p[1] * p[1])) / x;
            case "beta" -> {
                double w = p[3] - p[2];
                double t = (x - p[2]) / w;
                yield ((p[0] - 1) / t - (p[1] - 1) / (1 - t)) / w;
            }
            case "triangular" -> x < p[1] ? 1 / (x - p[0]) : x > p[1] ? -1 / (p[2] - x) : 0;
            case "gamma" -> (p[0] - 1) / x - 1 / p[1];
            case "weibull" -> (p[0] - 1) / x - p[0] * Math.pow(x, p[0] - 1) / Math.pow(p[1], p[0]);
            default -> 0; // uniform
        };
    }

    /** d^2/dx^2 log density at x (inside the support). */
    public double logDensityCurvature(double x) {
        return switch (spec.dist()) {
            case "normal", "truncated-normal" -> -1 / (p[1] * p[1]);
            case "lognormal" -> (1 + (Math.log(x) - p[0] - 1) / (p[1] * p[1])) / (x * x);
            case "beta" -> {
                double w = p[3] - p[2];
                double t = (x - p[2]) / w;
                yield (-(p[0] - 1) / (t * t) - (p[1] - 1) / ((1 - t) * (1 - t))) / (w * w);
            }
            case "triangular" -> x < p[1] ? -1 / ((x - p[0]) * (x - p[0])) : x > p[1] ? -1 / ((p[2] - x) * (p[2] - x))
                    : 0;
            case "gamma" -> -(p[0] - 1) / (x * x);
            case "weibull" -> -(p[0] - 1) / (x * x) - p[0] * (p[0] - 1) * Math.pow(x, p[0] - 2) / Math.pow(p[1], p[0]);
            default -> 0;
        };
    }
}
