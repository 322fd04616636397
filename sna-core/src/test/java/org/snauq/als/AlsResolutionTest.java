package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.model.SnaModel;

/**
 * The auto-resolution search of {@link AlsRegression} ({@link AlsConfig#withAutoResolution()}): an analytic
 * target picks a high degree and reaches near-rounding accuracy, a target with a kink picks cubic splines with
 * many atoms and beats a pure polynomial, and the search is deterministic.
 */
class AlsResolutionTest {

    /**
     * Ishigami from 2,000 rows, fresh relative RMSE: OpenTURNS' least-squares PCE of total degree 16 reaches
     * 2.5e-6 on the same size (docs/BENCHMARKS.md), fixed cubic splines with 20 atoms 2.2e-4. Degree-15 factors
     * resolve sin and sin^2 on [-pi, pi] to about 1e-10 (Chebyshev bound (2 pi)^16 / 16! / 2^15 ~ 1e-7 for the
     * hardest factor, far less in least squares with two spans); 1e-7 leaves room for the sampling of the fit.
     */
    private static final double ISHIGAMI_AUTO_TOL = 1e-7;

    /** Exact variance of Ishigami (a = 7, b = 0.1): METHOD.md section 7. */
    private static final double ISHIGAMI_VARIANCE = 13.8446;

    private static final int FRESH = 20_000;

    private static double ishigami(double[] x, int off) {
        double s2 = Math.sin(x[off + 1]);
        double x3 = x[off + 2] * x[off + 2];
        return Math.sin(x[off]) * (1.0 + 0.1 * x3 * x3) + 7.0 * s2 * s2;
    }

    /** |x1 - 0.3| + x2^2 on [0, 1]^2: a kink at x1 = 0.3, between knots of every uniform level tried. */
    private static double kink(double[] x, int off) {
        return Math.abs(x[off] - 0.3) + x[off + 1] * x[off + 1];
    }

    @Test
    void fit_ishigami2000RowsAutoResolution_freshRelativeRmseFarBelowCubicFloor() {
        SplittableRandom rng = new SplittableRandom(1);
        TrainingData data = sample(rng, 2000, 3, -Math.PI, Math.PI, AlsResolutionTest::ishigami);

        AlsFit fit = AlsRegression.fit(data, AlsConfig.defaults().withAutoResolution());

        double err = freshRmse(fit.model(), rng, 3, -Math.PI, Math.PI, AlsResolutionTest::ishigami)
                / Math.sqrt(ISHIGAMI_VARIANCE);
        System.out.printf("Ishigami, 2,000 rows, auto resolution: fresh relative RMSE %.3e%n%s%n", err,
                fit.report().format());
        assertTrue(err < ISHIGAMI_AUTO_TOL, () -> "relative RMSE " + err + "\n" + fit.report().format());
        assertTrue(fit.model().basis(0).degree() > ResolutionSearch.LOW_DEGREE, () -> fit.report().format());
        assertEquals(fit.model().basis(0).degree(), fit.report().chosenCandidate().degree());
        assertEquals(fit.model().basis(0).degree(), fit.model().provenance().get("chosenDegree"));
        assertEquals("auto", ((java.util.Map<?, ?>) fit.model().provenance().get("config")).get("degree"));
    }

    @Test
    void fit_kinkAutoResolution_picksCubicSplinesAndBeatsPurePolynomial() {
        SplittableRandom rng = new SplittableRandom(2);
        TrainingData data = sample(rng, 2000, 2, 0, 1, AlsResolutionTest::kink);

        AlsFit auto = AlsRegression.fit(data, AlsConfig.defaults().withAutoResolution());
        AlsFit polynomial = AlsRegression.fit(data, AlsConfig.defaults()
                .withDegree(ResolutionSearch.HIGH_DEGREE).withKnots(ResolutionSearch.HIGH_DEGREE + 1));

        double autoErr = freshRmse(auto.model(), new SplittableRandom(3), 2, 0, 1, AlsResolutionTest::kink);
        double polyErr = freshRmse(polynomial.model(), new SplittableRandom(3), 2, 0, 1, AlsResolutionTest::kink);
        System.out.printf("kink: auto fresh RMSE %.3e, degree-15 polynomial %.3e%n%s%n", autoErr, polyErr,
                auto.report().format());
        assertEquals(ResolutionSearch.LOW_DEGREE, auto.model().basis(0).degree(), () -> auto.report().format());
        assertTrue(auto.model().basis(0).count() > ResolutionSearch.LOW_DEGREE + 1, () -> auto.report().format());
        assertTrue(autoErr < polyErr, () -> "auto " + autoErr + " vs polynomial " + polyErr);
    }

    @Test
    void fit_autoResolutionTwice_identicalModelsAndCandidates() {
        TrainingData data = sample(new SplittableRandom(4), 500, 2, 0, 1, AlsResolutionTest::kink);
        AlsConfig config = AlsConfig.defaults().withAutoResolution();

        AlsFit a = AlsRegression.fit(data, config);
        AlsFit b = AlsRegression.fit(data, config);

        assertEquals(a.model().withProvenance(java.util.Map.of()), b.model().withProvenance(java.util.Map.of()));
        assertEquals(a.report().candidates().size(), b.report().candidates().size());
        for (int i = 0; i < a.report().candidates().size(); i++) {
            FitReport.Candidate x = a.report().candidates().get(i);
            FitReport.Candidate y = b.report().candidates().get(i);
            assertEquals(List.of(x.degree(), x.knots(), x.rank(), x.validationError()),
                    List.of(y.degree(), y.knots(), y.rank(), y.validationError()));
        }
    }

    @Test
    void fit_autoDegreeFixedKnots_onlyThatAtomCount() {
        TrainingData data = sample(new SplittableRandom(5), 500, 2, 0, 1, AlsResolutionTest::kink);

        AlsFit fit = AlsRegression.fit(data, AlsConfig.defaults().withDegree(AlsConfig.AUTO).withKnots(8));

        assertTrue(fit.report().candidates().stream().allMatch(c -> c.knots() == 8), () -> fit.report().format());
        assertEquals(8, fit.model().basis(0).count());
    }

    @Test
    void config_autoResolution_textsAndRules() {
        AlsConfig c = AlsConfig.defaults().withAutoResolution();
        assertTrue(c.autoDegree() && c.autoKnots());
        assertEquals("auto", c.degreeText());
        assertEquals("auto", c.knotsText());
        assertEquals("3", AlsConfig.defaults().degreeText());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlsConfig.defaults().withDegree(AlsConfig.AUTO).withKnots(1));
        assertEquals("knots must be >= 2 (degree 1 + 1, with an auto degree), got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.withDegree(0));
        assertEquals("degree must be >= 1, got 0", e.getMessage());
    }

    /** A target function of row-major points: value at x[off .. off + D). */
    private interface Target {
        double at(double[] x, int off);
    }

    private static double[] points(SplittableRandom rng, int rows, int dim, double lo, double hi) {
        double[] x = new double[rows * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble(lo, hi);
        }
        return x;
    }

    private static TrainingData sample(SplittableRandom rng, int rows, int dim, double lo, double hi, Target f) {
        double[] x = points(rng, rows, dim, lo, hi);
        double[] y = new double[rows];
        for (int j = 0; j < rows; j++) {
            y[j] = f.at(x, j * dim);
        }
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        java.util.Arrays.fill(lower, lo);
        java.util.Arrays.fill(upper, hi);
        List<String> names = new java.util.ArrayList<>();
        for (int d = 0; d < dim; d++) {
            names.add("x" + (d + 1));
        }
        return TrainingData.of(names, x, y, lower, upper);
    }

    /** RMSE of the model against f on FRESH new uniform points (batch kernel, as propagation uses it). */
    private static double freshRmse(SnaModel model, SplittableRandom rng, int dim, double lo, double hi, Target f) {
        double[] z = points(rng, FRESH, dim, lo, hi);
        double[] u = new double[FRESH];
        model.evaluate(z, FRESH, u, model.newWorkspace());
        double ss = 0.0;
        for (int j = 0; j < FRESH; j++) {
            double e = u[j] - f.at(z, j * dim);
            ss += e * e;
        }
        return Math.sqrt(ss / FRESH);
    }
}
