package org.snauq.dist;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * Builds a {@link Distribution} from an {@link InputSpec}.
 *
 * <p>API CONTRACT: {@code static Distribution of(InputSpec)}; unknown families and bad parameters throw
 * {@link IllegalArgumentException} whose message names the parameter, e.g.
 * {@code "sd must be > 0, got -0.5"} (the caller adds the file and input). {@code families()} lists the names.
 *
 * <p>Families and parameters (DESIGN.md section 3): uniform (lower, upper), normal (mean, sd), lognormal (mu, sigma
 * of the log), truncated-normal (mean, sd, lower, upper), beta (alpha, beta, lower, upper), triangular (lower, mode,
 * upper), gamma (shape, scale), weibull (shape, scale), constant (value). Each family takes exactly its parameters:
 * a missing or unknown key is an error naming the key and listing the expected ones. Inverse CDFs are exact closed
 * forms (uniform, triangular: Commons Math; weibull: by hand; normal, lognormal, truncated-normal: AS 241) or
 * Newton on the regularised incomplete function (gamma, beta; Commons Math uses a bracketing solver there, 4-8 us
 * per call against about 1-2 us); all are thread safe and allocation-free.
 */
public final class Distributions {

    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "uniform", List.of("lower", "upper"),
            "normal", List.of("mean", "sd"),
            "lognormal", List.of("mu", "sigma"),
            "truncated-normal", List.of("mean", "sd", "lower", "upper"),
            "beta", List.of("alpha", "beta", "lower", "upper"),
            "triangular", List.of("lower", "mode", "upper"),
            "gamma", List.of("shape", "scale"),
            "weibull", List.of("shape", "scale"),
            "constant", List.of("value"));

    private static final List<String> FAMILIES = List.of("uniform", "normal", "lognormal", "truncated-normal",
            "beta", "triangular", "gamma", "weibull", "constant");

    private Distributions() {
    }

    /**
     * Probability left beyond a trained model's domain at each unbounded end of an input law: a study of 10^8
     * samples expects 0.2 per such end, so `domain-policy: error` rarely trips, while the domain stays within
     * about 6 standard deviations of a normal input (the fit continues its end pieces that far).
     */
    public static final double DOMAIN_TAIL = 1e-9;

    /**
     * The interval a model trained for inputs of this law should cover: each finite end of the support, and the
     * quantile {@link #DOMAIN_TAIL} (1 - DOMAIN_TAIL) at an infinite one.
     *
     * @return {lower, upper}
     */
    public static double[] domainFor(Distribution law) {
        double lower = law.supportLower();
        double upper = law.supportUpper();
        return new double[] {
                Double.isFinite(lower) ? lower : law.inverseCdf(DOMAIN_TAIL),
                Double.isFinite(upper) ? upper : law.inverseCdf(1.0 - DOMAIN_TAIL)};
    }

    /** The family names, in the order of DESIGN.md section 3. */
    public static List<String> families() {
        return FAMILIES;
    }

    /** The parameter names of {@code family}, in the order of DESIGN.md section 3. */
    public static List<String> parameters(String family) {
        List<String> keys = PARAMETERS.get(family);
        if (keys == null) {
            throw unknownFamily(family);
        }
        return keys;
    }

    public static Distribution of(InputSpec spec) {
        String family = spec.dist();
        List<String> expected = parameters(family);
        Map<String, Double> given = spec.parameters();
        for (String key : given.keySet()) {
            if (!expected.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for " + family + "; expected: "
                        + String.join(", ", expected));
            }
        }
        double[] p = new double[expected.size()];
        for (int i = 0; i < p.length; i++) {
            String key = expected.get(i);
            Double v = given.get(key);
            if (v == null) {
                throw new IllegalArgumentException("missing parameter '" + key + "' for " + family + "; expected: "
                        + String.join(", ", expected));
            }
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException(key + " must be a number, got NaN");
            }
            p[i] = v;
        }
        return switch (family) {
            case "uniform" -> {
                checkInterval(p[0], p[1]);
                yield new CommonsBacked(new UniformRealDistribution(null, p[0], p[1]),
                        "uniform(lower=" + p[0] + ", upper=" + p[1] + ")");
            }
            case "normal" -> {
                checkFinite("mean", p[0]);
                checkPositive("sd", p[1]);
                yield new Normal(p[0], p[1]);
            }
            case "lognormal" -> {
                checkFinite("mu", p[0]);
                checkPositive("sigma", p[1]);
                yield new LogNormal(p[0], p[1]);
            }
            case "truncated-normal" -> {
                checkFinite("mean", p[0]);
                checkPositive("sd", p[1]);
                if (!(p[2] < p[3])) {
                    throw new IllegalArgumentException("lower must be < upper, got " + p[2] + " >= " + p[3]);
                }
                yield new TruncatedNormal(p[0], p[1], p[2], p[3]);
            }
            case "beta" -> {
                checkPositive("alpha", p[0]);
                checkPositive("beta", p[1]);
                checkInterval(p[2], p[3]);
                yield new BetaLaw(p[0], p[1], p[2], p[3]);
            }
            case "triangular" -> {
                checkInterval(p[0], p[2]);
                if (!(p[1] >= p[0] && p[1] <= p[2])) {
                    throw new IllegalArgumentException("mode must be in [lower, upper] = [" + p[0] + ", " + p[2]
                            + "], got " + p[1]);
                }
                yield new CommonsBacked(new TriangularDistribution(null, p[0], p[1], p[2]),
                        "triangular(lower=" + p[0] + ", mode=" + p[1] + ", upper=" + p[2] + ")");
            }
            case "gamma" -> {
                checkPositive("shape", p[0]);
                checkPositive("scale", p[1]);
                yield new Gamma(p[0], p[1]);
            }
            case "weibull" -> {
                checkPositive("shape", p[0]);
                checkPositive("scale", p[1]);
                yield new Weibull(p[0], p[1]);
            }
            default -> {
                checkFinite("value", p[0]);
                yield new Constant(p[0]);
            }
        };
    }

    private static IllegalArgumentException unknownFamily(String family) {
        return new IllegalArgumentException("unknown distribution '" + family + "'; known: "
                + String.join(", ", FAMILIES));
    }

    private static void checkFinite(String key, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(key + " must be finite, got " + v);
        }
    }

    private static void checkPositive(String key, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(key + " must be > 0, got " + v);
        }
        checkFinite(key, v);
    }

    private static void checkInterval(double lower, double upper) {
        checkFinite("lower", lower);
        checkFinite("upper", upper);
        if (!(lower < upper)) {
            throw new IllegalArgumentException("lower must be < upper, got " + lower + " >= " + upper);
        }
    }
}
