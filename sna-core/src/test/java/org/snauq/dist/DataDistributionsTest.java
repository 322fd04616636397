package org.snauq.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

/** The laws built from data values, empirical and kde, against numpy / scipy and against their own definitions. */
class DataDistributionsTest {

    /** 50 skewed values; numpy and scipy computed the references from the same formula. */
    static final double[] DATA = data();
    static final double[] P = {0.0, 0.001, 0.1, 0.25, 0.5, 0.77, 0.999, 1.0};
    /** numpy 2.4.6: np.quantile(data, P) (linear interpolation, the default) */
    static final double[] NUMPY = {0.40340482918447923, 0.40353208461415463, 0.4573576838474046, 0.5748761027487512,
            1.2162197819357499, 2.4047503613905006, 3.628757213557903, 3.643184098807029};
    /** Java's Math.sin and numpy's may differ in the last bit: a few ulps of values near 1 to 4. */
    static final double ULPS = 1e-14;
    /** numpy 2.4.6: 0.9 * min(np.std(data, ddof=1), IQR / 1.34) * 50 ** -0.2 (R's bw.nrd0) */
    static final double SILVERMAN = 0.40963007324031314;
    static final double[] KDE_P = {1e-6, 0.001, 0.1, 0.5, 0.9, 0.999, 1 - 1e-6};
    /** scipy 1.17.1: brentq on gaussian_kde(data, bw_method=h / sd).integrate_box_1d(-inf, x) = p, h Silverman's */
    static final double[] SCIPY_SILVERMAN = {-1.3705870276229042, -0.6323591045283817, 0.26189602545577495,
            1.268621618999806, 3.07019518072844, 4.368722004940096, 5.241984419429102};
    /** the same with h = 0.05 */
    static final double[] SCIPY_NARROW = {0.1985354967984874, 0.297864716861283, 0.45822128095229575,
            1.2157118237210458, 3.043666193212318, 3.7254267801546135, 3.837713693128161};
    /**
     * The kde quantile's table error in F: 1.9e-10 absolute (quintic Hermite remainder, KernelDensity), plus a
     * relative (z/8)^6 / 46080 in the outer tails, below 1e-6 of F at the 1e-6 quantiles here.
     */
    static double kdeCdfTolerance(double p) {
        return 2e-10 + 1e-6 * Math.min(p, 1 - p);
    }

    private static double[] data() {
        double[] d = new double[50];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.exp(Math.sin(1.7 * i) + 0.3 * i / 50);
        }
        return d;
    }

    private static Distribution law(String family, Map<String, Double> parameters) {
        return Distributions.of(new InputSpec("x", family, parameters, DATA));
    }

    @Test
    void empirical_quantiles_matchNumpyAndCommonsR7() {
        Distribution e = law("empirical", Map.of());
        Percentile r7 = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        for (int j = 0; j < P.length; j++) {
            assertEquals(NUMPY[j], e.inverseCdf(P[j]), ULPS * NUMPY[j], "p = " + P[j]);
            if (P[j] > 0) {
                assertEquals(r7.evaluate(DATA, 100 * P[j]), e.inverseCdf(P[j]), ULPS * NUMPY[j]);
            }
        }
        assertEquals(NUMPY[0], e.supportLower(), 0.0);
        assertEquals(NUMPY[P.length - 1], e.supportUpper(), 0.0);
    }

    @Test
    void empirical_cdfInvertsQuantileAndMomentsIntegrate() {
        Distribution e = law("empirical", Map.of());
        for (double u = 0.0; u <= 1.0; u += 1.0 / 128) {
            assertEquals(u, e.cdf(e.inverseCdf(u)), 1e-14, "u = " + u);
        }
        // mean = int_0^1 F^-1(u) du and variance likewise, by Gauss-Legendre on each of the 49 linear pieces
        IterativeLegendreGaussIntegrator gl = new IterativeLegendreGaussIntegrator(4, 1e-14, 1e-14);
        double mean = 0;
        double second = 0;
        for (int i = 0; i < 49; i++) {
            mean += gl.integrate(100, e::inverseCdf, i / 49.0, (i + 1) / 49.0);
        }
        for (int i = 0; i < 49; i++) {
            final double m = mean;
            second += gl.integrate(100, u -> (e.inverseCdf(u) - m) * (e.inverseCdf(u) - m), i / 49.0, (i + 1) / 49.0);
        }
        assertEquals(mean, e.mean(), 1e-13);
        assertEquals(second, e.variance(), 1e-13);
        double[] sorted = DATA.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 49; i++) {
            assertEquals(1.0 / (49 * (sorted[i + 1] - sorted[i])), e.density(0.5 * (sorted[i] + sorted[i + 1])),
                    1e-12 * e.density(0.5 * (sorted[i] + sorted[i + 1])), "density on a gap is 1 / ((n - 1) width)");
        }
    }

    @Test
    void kde_silvermanBandwidth_matchesBwNrd0() {
        assertEquals(SILVERMAN, KernelDensity.silverman(Empirical.checkedSorted(DATA)), 1e-14);
    }

    @Test
    void kde_quantiles_matchScipyAndOwnCdf() {
        for (boolean narrow : new boolean[] {false, true}) {
            Distribution k = law("kde", narrow ? Map.of("bandwidth", 0.05) : Map.of());
            double[] reference = narrow ? SCIPY_NARROW : SCIPY_SILVERMAN;
            for (int j = 0; j < KDE_P.length; j++) {
                double p = KDE_P[j];
                double x = k.inverseCdf(p);
                assertEquals(p, k.cdf(x), kdeCdfTolerance(p), "p = " + p);
                double f = k.density(reference[j]);
                assertEquals(reference[j], x, kdeCdfTolerance(p) / f + 1e-12 * Math.abs(x), "p = " + p);
            }
        }
    }

    @Test
    void kde_anyU_cdfRoundTripAndMoments() {
        Distribution k = law("kde", Map.of("bandwidth", 0.2));
        for (double u = 1.0 / 1024; u < 1; u += 1.0 / 1024) {
            assertEquals(u, k.cdf(k.inverseCdf(u)), kdeCdfTolerance(u), "u = " + u);
        }
        double m = 0;
        double ss = 0;
        for (double v : DATA) {
            m += v / DATA.length;
        }
        for (double v : DATA) {
            ss += (v - m) * (v - m) / DATA.length;
        }
        assertEquals(m, k.mean(), 1e-14);
        assertEquals(ss + 0.04, k.variance(), 1e-14); // the data's variance plus h^2
        assertTrue(k.inverseCdf(0) == Double.NEGATIVE_INFINITY && k.inverseCdf(1) == Double.POSITIVE_INFINITY);
        assertTrue(k.inverseCdf(1e-30) < k.inverseCdf(1e-20), "beyond the table the extreme kernel still orders");
    }

    @Test
    void dataFamilies_badData_messagesNameTheProblem() {
        DistributionFamily kde = Distributions.family("kde");
        assertEquals(List.of("bandwidth"), kde.optionalParameters());
        assertTrue(kde.fromData() && Distributions.family("empirical").fromData());
        assertMessage("data[1] must be finite, got NaN",
                () -> Distributions.family("empirical").create(Map.of(), new double[] {1, Double.NaN}));
        assertMessage("data must hold at least 2 values, got 1",
                () -> Distributions.family("empirical").create(Map.of(), new double[] {1}));
        assertMessage("data must hold two distinct values, got 3 times 2.0 (use constant)",
                () -> kde.create(Map.of(), new double[] {2, 2, 2}));
        assertMessage("bandwidth must be > 0, got -1.0", () -> kde.check(Map.of("bandwidth", -1.0)));
        assertMessage("kde needs data values, got none", () -> kde.create(Map.of()));
        assertMessage("unknown parameter 'sd' for empirical; expected: none",
                () -> Distributions.family("empirical").check(Map.of("sd", 1.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kde.create(Map.of("bandwidth", 1e-9), new double[] {0, 1}));
        assertTrue(e.getMessage().startsWith("bandwidth must be at least 7.6"), e.getMessage());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
