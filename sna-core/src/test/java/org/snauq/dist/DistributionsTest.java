package org.snauq.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.WeibullDistribution;
import org.junit.jupiter.api.Test;

class DistributionsTest {

    /** Monte Carlo bound: 4 standard errors (two-sided false alarm 6e-5 per check). */
    private static final double SIGMAS = 4;
    private static final int SAMPLES = 100_000;
    /**
     * Commons Math inverts gamma, beta and lognormal with a bracketing solver of absolute accuracy 1e-9 and the
     * normal through erfInv(2u - 1) (absolute error ~1e-16 in u, so ~1e-16/phi(x) in x); 1e-8 covers both.
     */
    private static final double COMMONS_INVERSE_TOL = 1e-8;
    /**
     * cdf(inverseCdf(u)) = u up to: the CDF's and quantile's own relative accuracy (series and continued fractions to
     * 1e-14 or better), a few ulps of 1 where a form subtracts masses of size up to 1, and the rounding of x to a
     * double, which moves F by up to density(x) * ulp(x) (ROUND_TRIP_ULPS of them).
     */
    private static final double ROUND_TRIP_REL = 1e-12;
    private static final double ROUND_TRIP_ABS = 1e-15;
    private static final double ROUND_TRIP_ULPS = 16;

    private static double roundTripTolerance(Distribution d, double u, double x) {
        double rounding = d.isBounded() || Double.isFinite(x) ? d.density(x) * Math.ulp(x) : 0;
        return ROUND_TRIP_REL * Math.min(u, 1 - u) + ROUND_TRIP_ABS + ROUND_TRIP_ULPS * rounding;
    }
    /** Gauss-Legendre with 10 nodes on pieces where the density is smooth: near machine precision. */
    private static final double QUADRATURE_TOL = 1e-9;

    private static InputSpec spec(String dist, Object... keyValues) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], ((Number) keyValues[i + 1]).doubleValue());
        }
        return new InputSpec("x", dist, p);
    }

    /** Every family, with shapes that stress the tails: singular densities at the ends, one-sided truncation. */
    static List<InputSpec> cases() {
        return List.of(
                spec("uniform", "lower", -2, "upper", 3),
                spec("normal", "mean", 1, "sd", 2),
                spec("lognormal", "mu", 0.2, "sigma", 0.5),
                spec("truncated-normal", "mean", 0, "sd", 1, "lower", -1, "upper", 2),
                spec("truncated-normal", "mean", 1, "sd", 2, "lower", 7, "upper", 12),
                spec("truncated-normal", "mean", 1, "sd", 0.5, "lower", -20, "upper", -0.5),
                spec("truncated-normal", "mean", 0, "sd", 1, "lower", Double.NEGATIVE_INFINITY, "upper", 0.3),
                spec("beta", "alpha", 2, "beta", 5, "lower", -1, "upper", 3),
                spec("beta", "alpha", 0.5, "beta", 0.5, "lower", 0, "upper", 1),
                spec("beta", "alpha", 30, "beta", 0.7, "lower", 10, "upper", 11),
                spec("triangular", "lower", 0, "mode", 0.3, "upper", 2),
                spec("gamma", "shape", 2.5, "scale", 1.5),
                spec("gamma", "shape", 0.4, "scale", 2),
                spec("gamma", "shape", 150, "scale", 0.01),
                spec("weibull", "shape", 1.5, "scale", 2),
                spec("weibull", "shape", 0.8, "scale", 1));
    }

    /** Uniforms on the midpoints of a 2^-53 grid: never 0 or 1. */
    private static double uniform(SplittableRandom rng) {
        return ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }

    @Test
    void inverseCdf_everyFamily_sampleMomentsMatchExact() {
        for (InputSpec s : cases()) {
            Distribution d = Distributions.of(s);
            SplittableRandom rng = new SplittableRandom(s.toString().hashCode());
            double[] x = new double[SAMPLES];
            double mean = 0;
            for (int i = 0; i < SAMPLES; i++) {
                x[i] = d.inverseCdf(uniform(rng));
                mean += x[i] / SAMPLES;
            }
            double m2 = 0;
            double m4 = 0;
            double exactMean = d.mean();
            double exactVar = d.variance();
            for (double xi : x) {
                double c = xi - exactMean;
                m2 += c * c / SAMPLES;
                m4 += c * c * c * c / SAMPLES;
            }
            double meanTol = SIGMAS * Math.sqrt(exactVar / SAMPLES);
            double varTol = SIGMAS * Math.sqrt((m4 - exactVar * exactVar) / SAMPLES); // sd of the variance: (mu4 - sigma^4)/n
            assertEquals(exactMean, mean, meanTol, d + ": mean");
            assertEquals(exactVar, m2, varTol, d + ": variance");
        }
    }

    private static final double[] PROBABILITIES = {0x1.0p-53, 1e-12, 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-6,
        1 - 1e-12, 1 - 0x1.0p-53};

    @Test
    void inverseCdf_everyFamily_cdfRoundTrip() {
        for (InputSpec s : cases()) {
            Distribution d = Distributions.of(s);
            for (double u : PROBABILITIES) {
                double x = d.inverseCdf(u);
                assertTrue(x >= d.supportLower() && x <= d.supportUpper(), d + ": quantile " + x + " at " + u);
                assertEquals(u, d.cdf(x), roundTripTolerance(d, u, x), d + ": cdf(inverseCdf(" + u + "))");
            }
            assertEquals(d.supportLower(), d.inverseCdf(0), 0.0, d + ": u = 0");
            assertEquals(d.supportUpper(), d.inverseCdf(1), 0.0, d + ": u = 1");
        }
    }

    @Test
    void inverseCdf_farLowerTail_keepsRelativeAccuracy() {
        // Reference: Commons Math CDFs (erfc and the regularised gamma via its own series), relative to u.
        Distribution normal = Distributions.of(spec("normal", "mean", 0, "sd", 1));
        Distribution gamma = Distributions.of(spec("gamma", "shape", 3, "scale", 1));
        Distribution trunc = Distributions.of(spec("truncated-normal", "mean", 0, "sd", 1, "lower", 8, "upper", 9));
        for (double u : new double[] {1e-300, 1e-100, 1e-30, 1e-17}) {
            assertEquals(u, new NormalDistribution(null, 0, 1).cumulativeProbability(normal.inverseCdf(u)), u * 1e-12,
                    "normal at " + u);
            assertEquals(u, new GammaDistribution(null, 3, 1).cumulativeProbability(gamma.inverseCdf(u)), u * 1e-12,
                    "gamma at " + u);
        }
        // 8 sd out: Z ~ 6e-16 would be lost entirely by Phi(9) - Phi(8) = 1 - 1 in lower-tail form.
        for (double u : PROBABILITIES) {
            double x = trunc.inverseCdf(u);
            assertEquals(u, trunc.cdf(x), roundTripTolerance(trunc, u, x), "truncated far tail at " + u);
        }
    }

    @Test
    void inverseCdf_familiesCommonsInverts_agreeWithCommons() {
        List<Object[]> pairs = new ArrayList<>();
        pairs.add(new Object[] {spec("normal", "mean", 1, "sd", 2), new NormalDistribution(null, 1, 2)});
        pairs.add(new Object[] {spec("lognormal", "mu", 0.2, "sigma", 0.5), new LogNormalDistribution(null, 0.2, 0.5)});
        pairs.add(new Object[] {spec("gamma", "shape", 2.5, "scale", 1.5), new GammaDistribution(null, 2.5, 1.5)});
        pairs.add(new Object[] {spec("weibull", "shape", 0.8, "scale", 1), new WeibullDistribution(null, 0.8, 1)});
        pairs.add(new Object[] {spec("triangular", "lower", 0, "mode", 0.3, "upper", 2),
            new TriangularDistribution(null, 0, 0.3, 2)});
        pairs.add(new Object[] {spec("gamma", "shape", 0.4, "scale", 2), new GammaDistribution(null, 0.4, 2)});
        pairs.add(new Object[] {spec("beta", "alpha", 2, "beta", 5, "lower", 0, "upper", 1), new BetaDistribution(null, 2, 5)});
        pairs.add(new Object[] {spec("beta", "alpha", 0.5, "beta", 0.5, "lower", 0, "upper", 1),
            new BetaDistribution(null, 0.5, 0.5)});
        for (Object[] pair : pairs) {
            Distribution ours = Distributions.of((InputSpec) pair[0]);
            RealDistribution reference = (RealDistribution) pair[1];
            for (int i = 1; i < 200; i++) {
                double u = i / 200.0;
                double x = ours.inverseCdf(u);
                assertEquals(reference.inverseCumulativeProbability(u), x, COMMONS_INVERSE_TOL * Math.max(1, Math.abs(x)),
                        ours + " at " + u);
            }
        }
    }

    @Test
    void density_everyFamily_integratesToOne() {
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        for (InputSpec s : cases()) {
            Distribution d = Distributions.of(s);
            // Pieces between quantiles, geometric towards both tails (densities may be singular at the ends).
            List<Double> u = new ArrayList<>();
            for (double t = 1e-10; t < 0.01; t *= 2) {
                u.add(t);
            }
            for (int i = 1; i < 100; i++) {
                u.add(0.01 * i);
            }
            for (double t = 0.01; t > 1e-10; t /= 2) {
                u.add(1 - t);
            }
            double total = 0;
            double expected = 0;
            for (int i = 1; i < u.size(); i++) {
                double a = d.inverseCdf(u.get(i - 1));
                double b = d.inverseCdf(u.get(i));
                // Pieces narrower than ~1e-9 relative (far tails of very skewed laws) are below double resolution.
                if (b - a > 1e-9 * Math.max(Math.abs(a), Math.abs(b))) {
                    GaussIntegrator rule = factory.legendre(10, a, b);
                    total += rule.integrate(d::density);
                    expected += u.get(i) - u.get(i - 1);
                }
            }
            // beta(1/2, 1/2) loses the top 2e-5 of mass: 1 - x = (pi (1 - u) / 2)^2 is below double resolution near 1.
            assertTrue(expected > 1 - 1e-4, d + ": pieces cover " + expected);
            assertEquals(expected, total, QUADRATURE_TOL, d + ": integral of the density between its extreme quantiles");
            assertEquals(1.0, d.cdf(d.supportUpper()) - d.cdf(d.supportLower()), 1e-15, d + ": total mass");
        }
    }

    @Test
    void constant_anyU_returnsValue() {
        Distribution c = Distributions.of(spec("constant", "value", 0.5));
        assertTrue(c.isConstant());
        assertEquals(0.5, c.inverseCdf(0.123), 0.0);
        assertEquals(0.5, c.mean(), 0.0);
        assertEquals(0.0, c.variance(), 0.0);
        assertTrue(Double.isNaN(c.density(0.5)));
    }

    @Test
    void of_badParameters_messagesNameParameterAndValue() {
        assertMessage("sd must be > 0, got -0.5", spec("normal", "mean", 0, "sd", -0.5));
        assertMessage("lower must be < upper, got 2.0 >= 1.0", spec("uniform", "lower", 2, "upper", 1));
        assertMessage("unknown distribution 'gauss'; known: uniform, normal, lognormal, truncated-normal, beta, "
                + "triangular, gamma, weibull, constant, empirical, kde", spec("gauss", "mean", 0, "sd", 1));
        assertMessage("unknown parameter 'sigma' for normal; expected: mean, sd",
                spec("normal", "mean", 0, "sigma", 1));
        assertMessage("missing parameter 'sd' for normal; expected: mean, sd", spec("normal", "mean", 0));
        assertMessage("mean must be a number, got NaN", spec("normal", "mean", Double.NaN, "sd", 1));
        assertMessage("mean must be finite, got Infinity", spec("normal", "mean", Double.POSITIVE_INFINITY, "sd", 1));
        assertMessage("sd must be finite, got Infinity", spec("normal", "mean", 0, "sd", Double.POSITIVE_INFINITY));
        assertMessage("sigma must be > 0, got 0.0", spec("lognormal", "mu", 0, "sigma", 0));
        assertMessage("mu must be finite, got -Infinity", spec("lognormal", "mu", Double.NEGATIVE_INFINITY, "sigma", 1));
        assertMessage("sd must be > 0, got 0.0", spec("truncated-normal", "mean", 0, "sd", 0, "lower", -1, "upper", 1));
        assertMessage("lower must be < upper, got 1.0 >= 1.0",
                spec("truncated-normal", "mean", 0, "sd", 1, "lower", 1, "upper", 1));
        assertMessage("truncated-normal interval [lower, upper] = [50.0, 60.0] has probability 0.0 under "
                + "normal(mean=0.0, sd=1.0); it must lie within about 37 sd of the mean",
                spec("truncated-normal", "mean", 0, "sd", 1, "lower", 50, "upper", 60));
        assertMessage("alpha must be > 0, got -1.0", spec("beta", "alpha", -1, "beta", 1, "lower", 0, "upper", 1));
        assertMessage("beta must be > 0, got 0.0", spec("beta", "alpha", 1, "beta", 0, "lower", 0, "upper", 1));
        assertMessage("lower must be < upper, got 1.0 >= 0.0", spec("beta", "alpha", 1, "beta", 1, "lower", 1, "upper", 0));
        assertMessage("upper must be finite, got Infinity",
                spec("beta", "alpha", 1, "beta", 1, "lower", 0, "upper", Double.POSITIVE_INFINITY));
        assertMessage("mode must be in [lower, upper] = [0.0, 1.0], got 2.0",
                spec("triangular", "lower", 0, "mode", 2, "upper", 1));
        assertMessage("lower must be < upper, got 1.0 >= 1.0", spec("triangular", "lower", 1, "mode", 1, "upper", 1));
        assertMessage("shape must be > 0, got 0.0", spec("gamma", "shape", 0, "scale", 1));
        assertMessage("scale must be > 0, got -2.0", spec("gamma", "shape", 1, "scale", -2));
        assertMessage("shape must be > 0, got -1.0", spec("weibull", "shape", -1, "scale", 1));
        assertMessage("scale must be > 0, got 0.0", spec("weibull", "shape", 1, "scale", 0));
        assertMessage("value must be finite, got Infinity", spec("constant", "value", Double.POSITIVE_INFINITY));
        assertMessage("unknown parameter 'lower' for constant; expected: value", spec("constant", "value", 1, "lower", 0));
    }

    @Test
    void domainFor_finiteEndsAreTheSupportInfiniteOnesTheTailQuantile() {
        Distribution uniform = Distributions.of(new InputSpec("u", "uniform", Map.of("lower", -1.0, "upper", 2.0)));
        Distribution normal = Distributions.of(new InputSpec("n", "normal", Map.of("mean", 3.0, "sd", 2.0)));
        Distribution lognormal = Distributions.of(new InputSpec("l", "lognormal", Map.of("mu", 1.0, "sigma", 0.5)));

        assertEquals(-1.0, Distributions.domainFor(uniform)[0]);
        assertEquals(2.0, Distributions.domainFor(uniform)[1]);
        double[] n = Distributions.domainFor(normal);
        // Phi^-1(1e-9) = -5.997807015; the tolerance is that of the reference value's digits
        assertEquals(3.0 - 2.0 * 5.997807015, n[0], 1e-8);
        assertEquals(3.0 + 2.0 * 5.997807015, n[1], 1e-8);
        double[] l = Distributions.domainFor(lognormal);
        assertEquals(0.0, l[0]);
        assertEquals(Math.exp(1.0 + 0.5 * 5.997807015), l[1], 1e-8 * l[1]);
    }

    @Test
    void family_everyName_keysInDesignOrderAndCheckAgreesWithCreate() {
        assertEquals(List.of("uniform", "normal", "lognormal", "truncated-normal", "beta", "triangular", "gamma",
                "weibull", "constant"), Distributions.families().subList(0, 9));
        assertEquals(List.of("mean", "sd", "lower", "upper"), Distributions.family("truncated-normal").parameters());
        for (InputSpec c : cases()) {
            DistributionFamily f = Distributions.family(c.dist());
            assertEquals(List.copyOf(c.parameters().keySet()), f.parameters());
            assertEquals(f.parameters(), f.requiredParameters());
            f.check(c.parameters());
            assertEquals(Distributions.of(c).mean(), f.create(c.parameters()).mean());
        }
        DistributionFamily normal = Distributions.family("normal");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> normal.check(Map.of("mean", 0.0, "sd", -0.5)));
        assertEquals("sd must be > 0, got -0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> normal.create(Map.of("mean", 0.0, "sd", 1.0), new double[] {1, 2}));
        assertEquals("normal takes no data values, got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Distributions.family("gauss"));
        assertTrue(e.getMessage().startsWith("unknown distribution 'gauss'; known: uniform, normal"));
    }

    @Test
    void inputSpec_data_copiedInAndOutAndCompared() {
        double[] values = {3, 1, 2};
        InputSpec a = new InputSpec("x", "empirical", Map.of(), values);
        values[0] = 9;
        assertEquals(3, a.data()[0]);
        a.data()[0] = 7;
        assertEquals(3, a.data()[0]);
        assertEquals(a, new InputSpec("x", "empirical", Map.of(), new double[] {3, 1, 2}));
        assertEquals(a.hashCode(), new InputSpec("x", "empirical", Map.of(), new double[] {3, 1, 2}).hashCode());
        assertTrue(!a.equals(new InputSpec("x", "empirical", Map.of(), new double[] {3, 1, 2.5})));
        assertEquals(null, new InputSpec("x", "normal", Map.of("mean", 0.0, "sd", 1.0)).data());
    }

    private static void assertMessage(String expected, InputSpec spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Distributions.of(spec));
        assertEquals(expected, e.getMessage());
    }
}
