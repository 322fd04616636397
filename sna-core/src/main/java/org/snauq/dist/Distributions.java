package org.snauq.dist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * The table of distribution families (DESIGN.md section 3), and {@link Distribution}s built from {@link InputSpec}s.
 *
 * <p>API CONTRACT: {@link #families()} lists the names, {@link #family(String)} gives each family's parameter keys,
 * checks and construction ({@link DistributionFamily}), {@code static Distribution of(InputSpec)} builds one;
 * unknown families and bad parameters throw {@link IllegalArgumentException} whose message names the parameter,
 * e.g. {@code "sd must be > 0, got -0.5"} (the caller adds the file and input).
 *
 * <p>Families and parameters: uniform (lower, upper), normal (mean, sd), lognormal (mu, sigma of the log),
 * truncated-normal (mean, sd, lower, upper), beta (alpha, beta, lower, upper), triangular (lower, mode, upper),
 * gamma (shape, scale), weibull (shape, scale), constant (value); from data values ({@link InputSpec#data()}):
 * empirical (none; linear interpolation between order statistics) and kde (bandwidth, optional: Silverman's rule
 * when absent). Each family takes exactly its parameters: a
 * missing or unknown key is an error naming the key and listing the expected ones. Inverse CDFs are exact closed
 * forms (uniform, triangular: Commons Math; weibull: by hand; normal, lognormal, truncated-normal: AS 241) or
 * Newton on the regularised incomplete function (gamma, beta; Commons Math uses a bracketing solver there, 4-8 us
 * per call against about 1-2 us); kde interpolates a table built once (see {@link KernelDensity}); all are thread
 * safe and allocation-free.
 */
public final class Distributions {

    private static final Map<String, DistributionFamily> TABLE = table();

    private static final List<String> FAMILIES = List.copyOf(TABLE.keySet());

    private Distributions() {
    }

    private static Map<String, DistributionFamily> table() {
        List<DistributionFamily> all = List.of(
                parametric("uniform", List.of("lower", "upper"), p -> checkInterval(p[0], p[1]),
                        p -> new CommonsBacked(new UniformRealDistribution(null, p[0], p[1]),
                                "uniform(lower=" + p[0] + ", upper=" + p[1] + ")")),
                parametric("normal", List.of("mean", "sd"), p -> {
                    checkFinite("mean", p[0]);
                    checkPositive("sd", p[1]);
                }, p -> new Normal(p[0], p[1])),
                parametric("lognormal", List.of("mu", "sigma"), p -> {
                    checkFinite("mu", p[0]);
                    checkPositive("sigma", p[1]);
                }, p -> new LogNormal(p[0], p[1])),
                parametric("truncated-normal", List.of("mean", "sd", "lower", "upper"), p -> {
                    checkFinite("mean", p[0]);
                    checkPositive("sd", p[1]);
                    if (!(p[2] < p[3])) {
                        throw new IllegalArgumentException("lower must be < upper, got " + p[2] + " >= " + p[3]);
                    }
                }, p -> new TruncatedNormal(p[0], p[1], p[2], p[3])),
                parametric("beta", List.of("alpha", "beta", "lower", "upper"), p -> {
                    checkPositive("alpha", p[0]);
                    checkPositive("beta", p[1]);
                    checkInterval(p[2], p[3]);
                }, p -> new BetaLaw(p[0], p[1], p[2], p[3])),
                parametric("triangular", List.of("lower", "mode", "upper"), p -> {
                    checkInterval(p[0], p[2]);
                    if (!(p[1] >= p[0] && p[1] <= p[2])) {
                        throw new IllegalArgumentException("mode must be in [lower, upper] = [" + p[0] + ", " + p[2]
                                + "], got " + p[1]);
                    }
                }, p -> new CommonsBacked(new TriangularDistribution(null, p[0], p[1], p[2]),
                        "triangular(lower=" + p[0] + ", mode=" + p[1] + ", upper=" + p[2] + ")")),
                parametric("gamma", List.of("shape", "scale"), p -> {
                    checkPositive("shape", p[0]);
                    checkPositive("scale", p[1]);
                }, p -> new Gamma(p[0], p[1])),
                parametric("weibull", List.of("shape", "scale"), p -> {
                    checkPositive("shape", p[0]);
                    checkPositive("scale", p[1]);
                }, p -> new Weibull(p[0], p[1])),
                parametric("constant", List.of("value"), p -> checkFinite("value", p[0]), p -> new Constant(p[0])),
                new DistributionFamily("empirical", List.of(), List.of(), true, p -> { },
                        (p, data) -> Empirical.of(data)),
                new DistributionFamily("kde", List.of("bandwidth"), List.of("bandwidth"), true, p -> {
                    if (!Double.isNaN(p[0])) {
                        checkPositive("bandwidth", p[0]);
                    }
                }, (p, data) -> KernelDensity.of(data, p[0])));
        Map<String, DistributionFamily> t = new LinkedHashMap<>();
        for (DistributionFamily f : all) {
            t.put(f.name(), f);
        }
        return Collections.unmodifiableMap(t);
    }

    private static DistributionFamily parametric(String name, List<String> keys, DistributionFamily.Check check,
                                                 Function<double[], Distribution> build) {
        return new DistributionFamily(name, keys, List.of(), false, check, (p, data) -> build.apply(p));
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

    /**
     * The family {@code name}: its parameter keys, checks and construction.
     *
     * @throws IllegalArgumentException listing the known families when {@code name} is not one
     */
    public static DistributionFamily family(String name) {
        DistributionFamily f = TABLE.get(name);
        if (f == null) {
            throw unknownFamily(name);
        }
        return f;
    }

    /** The parameter names of {@code family}, in the order of DESIGN.md section 3. */
    public static List<String> parameters(String family) {
        return family(family).parameters();
    }

    /** The distribution {@code spec} describes (its data values too, for a family built from data). */
    public static Distribution of(InputSpec spec) {
        return family(spec.dist()).create(spec.parameters(), spec.data());
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
