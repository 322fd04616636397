package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * ALS regression against functions whose answer is known: a rank-one product of cubics (in the model space, so
 * reproduced to rounding), Ishigami (exactly rank 2, METHOD.md sections 7 and 8), and planted SNAs with Gaussian
 * noise (the error follows the noise, as in Spark's ALSSuite).
 */
class AlsRegressionTest {

    /** Rank-one cubic target lies in the model space; what remains is the ridge bias (1e-12 relative) and rounding. */
    private static final double CUBIC_TOL = 1e-9;

    /** Issue floor for Ishigami from 2,000 rows; METHOD.md section 8 reports about 2e-4 with 20 atoms. */
    private static final double ISHIGAMI_TOL = 1e-3;
    private static final int ISHIGAMI_MAX_RANK = 4;
    /** Exact variance of Ishigami (a = 7, b = 0.1): METHOD.md section 7. */
    private static final double ISHIGAMI_VARIANCE = 13.8446;

    /** Noise-free planted model in the model space: recovered to the ridge and rounding level. */
    private static final double PLANTED_EXACT_TOL = 1e-8;

    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-05-06T07:08:09.123Z"), ZoneOffset.UTC);

    // --- rank-one product of cubic polynomials -------------------------------------------------------------

    @Test
    void fit_rankOneProductOfCubics_reproducedToRounding() {
        int dim = 5;
        SplittableRandom rng = new SplittableRandom(3);
        double[][] a = new double[dim][4];
        for (double[] q : a) {
            q[0] = rng.nextDouble(0.5, 1.5);
            for (int k = 1; k < 4; k++) {
                q[k] = rng.nextDouble(-0.5, 0.5);
            }
        }
        int rows = 500;
        double[] x = uniformPoints(rng, rows, dim, -1, 1);
        double[] y = new double[rows];
        for (int j = 0; j < rows; j++) {
            y[j] = cubicProduct(a, x, j * dim);
        }
        double[] lo = filled(dim, -1);
        double[] hi = filled(dim, 1);
        TrainingData data = TrainingData.of(names(dim), x, y, lo, hi);

        AlsFit fit = AlsRegression.fit(data, AlsConfig.defaults().withRank(1));

        assertEquals(1, fit.report().chosenRank());
        assertTrue(maxError(fit.model(), x, y) < CUBIC_TOL, () -> "training max error " + maxError(fit.model(), x, y));
        double[] fresh = uniformPoints(rng, 2000, dim, -1, 1);
        double[] exact = new double[2000];
        for (int j = 0; j < 2000; j++) {
            exact[j] = cubicProduct(a, fresh, j * dim);
        }
        double freshMax = maxError(fit.model(), fresh, exact);
        assertTrue(freshMax < CUBIC_TOL, () -> "fresh max error " + freshMax);
    }

    private static double cubicProduct(double[][] a, double[] x, int off) {
        double p = 1.0;
        for (int d = 0; d < a.length; d++) {
            double z = x[off + d];
            p *= ((a[d][3] * z + a[d][2]) * z + a[d][1]) * z + a[d][0];
        }
        return p;
    }

    // --- Ishigami -------------------------------------------------------------------------------------------

    /** Ishigami, a = 7, b = 0.1, on [-pi, pi]^3 (METHOD.md section 7; datasets' Ishigami is out of reach here). */
    private static double ishigami(double[] x, int off) {
        double s2 = Math.sin(x[off + 1]);
        double x3 = x[off + 2] * x[off + 2];
        return Math.sin(x[off]) * (1.0 + 0.1 * x3 * x3) + 7.0 * s2 * s2;
    }

    @Test
    void fit_ishigami2000Rows_freshRelativeRmseBelowFloorWithLowRank() {
        SplittableRandom rng = new SplittableRandom(1);
        int rows = 2000;
        double[] x = uniformPoints(rng, rows, 3, -Math.PI, Math.PI);
        double[] y = new double[rows];
        for (int j = 0; j < rows; j++) {
            y[j] = ishigami(x, j * 3);
        }
        TrainingData data = TrainingData.of(List.of("x1", "x2", "x3"), x, y, filled(3, -Math.PI), filled(3, Math.PI));

        AlsFit fit = AlsRegression.fit(data, AlsConfig.defaults());

        int fresh = 20_000;
        double[] z = uniformPoints(rng, fresh, 3, -Math.PI, Math.PI);
        double[] u = new double[fresh];
        fit.model().evaluate(z, fresh, u, fit.model().newWorkspace());
        double ss = 0.0;
        for (int j = 0; j < fresh; j++) {
            double e = u[j] - ishigami(z, j * 3);
            ss += e * e;
        }
        double relativeRmse = Math.sqrt(ss / fresh / ISHIGAMI_VARIANCE);
        System.out.printf("Ishigami, 2,000 rows, defaults: fresh relative RMSE %.3e, chosen rank %d%n%s%n",
                relativeRmse, fit.report().chosenRank(), fit.report().format());
        assertTrue(relativeRmse < ISHIGAMI_TOL, () -> "relative RMSE " + relativeRmse);
        assertTrue(fit.report().chosenRank() <= ISHIGAMI_MAX_RANK, () -> fit.report().format());
    }

    // --- planted low rank with noise (Spark ALSSuite's targetRMSE idea) ----------------------------------------

    private static final int PLANTED_DIM = 4;
    private static final int PLANTED_ATOMS = 8;
    private static final int PLANTED_RANK = 3;
    private static final int PLANTED_ROWS = 4000;

    /** A random SNA on [0,1]^4 with the atoms the fit uses, so the target lies in the model space. */
    private static SnaModel plantedModel() {
        SplittableRandom rng = new SplittableRandom(5);
        List<BSplineBasis> bases = new ArrayList<>();
        double[][] w = new double[PLANTED_DIM][PLANTED_ATOMS * PLANTED_RANK];
        for (int d = 0; d < PLANTED_DIM; d++) {
            bases.add(BSplineBasis.clampedUniform(3, PLANTED_ATOMS, 0, 1));
            for (int i = 0; i < w[d].length; i++) {
                w[d][i] = gaussian(rng);
            }
        }
        return SnaModel.of(names(PLANTED_DIM), bases, filled(PLANTED_RANK, 1.0), w, "y");
    }

    private static TrainingData plantedData(SnaModel truth, double noiseSd, double[] f) {
        SplittableRandom rng = new SplittableRandom(6);
        double[] x = uniformPoints(rng, PLANTED_ROWS, PLANTED_DIM, 0, 1);
        truth.evaluate(x, PLANTED_ROWS, f, truth.newWorkspace());
        double[] y = new double[PLANTED_ROWS];
        for (int j = 0; j < PLANTED_ROWS; j++) {
            y[j] = f[j] + noiseSd * gaussian(rng);
        }
        return TrainingData.of(names(PLANTED_DIM), x, y, filled(PLANTED_DIM, 0), filled(PLANTED_DIM, 1));
    }

    @Test
    void fit_plantedRankThreeWithoutNoise_recoveredToRounding() {
        SnaModel truth = plantedModel();
        TrainingData data = plantedData(truth, 0.0, new double[PLANTED_ROWS]);

        AlsFit fit = AlsRegression.fit(data, AlsConfig.defaults().withKnots(PLANTED_ATOMS).withRank(PLANTED_RANK));

        double err = freshRmse(fit.model(), truth) / sd(data.y());
        assertTrue(err < PLANTED_EXACT_TOL, () -> "relative error " + err + "\n" + fit.report().format());
    }

    /**
     * With noise sd sigma, least squares with P free parameters from N training rows leaves an error of about
     * sigma sqrt(P / N) against the truth, and a validation RMSE of about sigma sqrt(1 + P / N), known to a
     * relative standard error 1 / sqrt(2 N_v).
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e-3, 1e-2, 1e-1})
    void fit_plantedRankThreeWithNoise_errorFollowsNoiseAndRankIsFound(double relativeNoise) {
        SnaModel truth = plantedModel();
        double[] f = new double[PLANTED_ROWS];
        double sdF = sd(plantedDataNoiseFree(truth, f));
        double sigma = relativeNoise * sdF;
        TrainingData data = plantedData(truth, sigma, f);

        AlsFit fit = AlsRegression.fit(data, AlsConfig.defaults().withKnots(PLANTED_ATOMS));

        FitReport report = fit.report();
        // free parameters: R D n minus one scale per term and coordinate that lambda absorbs
        int params = PLANTED_RANK * PLANTED_DIM * PLANTED_ATOMS - PLANTED_RANK * (PLANTED_DIM - 1);
        double ratio = (double) params / report.trainingRows();
        double validationSe = 1.0 / Math.sqrt(2.0 * report.validationRows());
        double noiseRelative = sigma / sd(data.y());
        double validationOverNoise = report.validationError() / noiseRelative;
        assertEquals(PLANTED_RANK, report.chosenRank(), report::format);
        assertTrue(validationOverNoise > 1.0 - 4 * validationSe
                        && validationOverNoise < Math.sqrt(1.0 + ratio) + 4 * validationSe,
                () -> "validation RMSE / noise = " + validationOverNoise + "\n" + report.format());
        double truthOverNoise = freshRmse(fit.model(), truth) / sigma;
        // 3x the least-squares figure leaves room for the ridge, unconverged sweeps and chi-square spread
        assertTrue(truthOverNoise < 3.0 * Math.sqrt(ratio), () -> "error against truth / noise = " + truthOverNoise);
    }

    private static double[] plantedDataNoiseFree(SnaModel truth, double[] f) {
        plantedData(truth, 0.0, f);
        return f;
    }

    private static double freshRmse(SnaModel model, SnaModel truth) {
        int n = 20_000;
        double[] z = uniformPoints(new SplittableRandom(77), n, PLANTED_DIM, 0, 1);
        double[] a = new double[n];
        double[] b = new double[n];
        model.evaluate(z, n, a, model.newWorkspace());
        truth.evaluate(z, n, b, truth.newWorkspace());
        double ss = 0.0;
        for (int j = 0; j < n; j++) {
            ss += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(ss / n);
    }

    // --- determinism, provenance, report ----------------------------------------------------------------------

    private static TrainingData smallData(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = 400;
        double[] x = uniformPoints(rng, rows, 3, 0, 2);
        double[] y = new double[rows];
        for (int j = 0; j < rows; j++) {
            double a = x[j * 3];
            double b = x[j * 3 + 1];
            double c = x[j * 3 + 2];
            y[j] = Math.exp(-a * b) + Math.cos(b + c) + 0.01 * gaussian(rng);
        }
        return TrainingData.of(List.of("a", "b", "c"), x, y);
    }

    private static final AlsConfig SMALL = AlsConfig.defaults().withKnots(8).withMaxRank(4);

    @Test
    void fit_sameDataAndSeed_identicalModel() {
        TrainingData data = smallData(11);
        AlsFit first = AlsRegression.fit(data, SMALL, FIXED);
        AlsFit second = AlsRegression.fit(data, SMALL, FIXED);
        assertEquals(first.model(), second.model());
        assertEquals(first.report().validationError(), second.report().validationError(), 0.0);
        AlsFit otherSeed = AlsRegression.fit(data, SMALL.withSeed(12), FIXED);
        assertNotEquals(first.model(), otherSeed.model());
    }

    @Test
    void fit_anyData_provenanceRecordsHowTheModelWasBuilt() {
        TrainingData data = smallData(11);
        AlsFit fit = AlsRegression.fit(data, SMALL, FIXED);
        Map<String, Object> p = fit.model().provenance();
        assertEquals("als", p.get("method"));
        assertEquals(400, p.get("rows"));
        assertEquals(fit.report().chosenRank(), p.get("chosenRank"));
        assertEquals(fit.report().trainingError(), p.get("trainingError"));
        assertEquals(fit.report().validationError(), p.get("validationError"));
        assertEquals("2024-05-06T07:08:09.123Z", p.get("created"));
        assertEquals(AlsRegression.dataHash(data), p.get("dataSha256"));
        assertEquals(64, ((String) p.get("dataSha256")).length());
        Map<?, ?> config = (Map<?, ?>) p.get("config");
        assertEquals("auto", config.get("rank"));
        assertEquals(8, config.get("knots"));
        assertEquals(42, config.get("seed")); // an Integer when it fits, as JSON readers return it
        assertNotEquals(AlsRegression.dataHash(data), AlsRegression.dataHash(smallData(12)));
    }

    @Test
    void fit_anyData_modelIsNormalizedOnTheDataDomain() {
        TrainingData data = smallData(11);
        SnaModel m = AlsRegression.fit(data, SMALL, FIXED).model();
        for (int d = 0; d < m.dimension(); d++) {
            assertEquals(data.lower()[d], m.lower(d), 0.0);
            assertEquals(data.upper()[d], m.upper(d), 0.0);
            double[] w = m.factor(d);
            for (int r = 0; r < m.rank(); r++) {
                double sq = 0.0;
                for (int i = 0; i < m.basis(d).count(); i++) {
                    sq += w[i * m.rank() + r] * w[i * m.rank() + r];
                }
                assertEquals(1.0, sq, 1e-12, "unit column " + r + " of " + m.name(d));
            }
        }
    }

    @Test
    void fit_anyData_modelSurvivesTheModelFile() throws Exception {
        SnaModel m = AlsRegression.fit(smallData(11), SMALL, FIXED).model();
        SnaModel back = org.snauq.model.SnaModelFile.fromBytes(org.snauq.model.SnaModelFile.toBytes(m), "memory");
        assertEquals(m.provenance().toString(), back.provenance().toString());
        assertEquals(m, back);
    }

    @Test
    void fit_anyData_sweepHistoryEndsAtEachRanksTrainingError() {
        FitReport report = AlsRegression.fit(smallData(11), SMALL, FIXED).report();
        for (FitReport.RankStep step : report.steps()) {
            List<Double> history = step.sweepErrors();
            assertEquals(step.sweeps(), history.size(), "one entry per joint sweep of rank " + step.rank());
            // the same number, computed by the same sum: equal up to the division order (a few ulps)
            assertEquals(step.trainingError(), history.get(history.size() - 1), 1e-14 * step.trainingError(),
                    "last sweep of rank " + step.rank());
        }
    }

    @Test
    void format_anyFit_listsEveryRankAndTheChoice() {
        FitReport report = AlsRegression.fit(smallData(11), SMALL, FIXED).report();
        String text = report.format();
        for (FitReport.RankStep step : report.steps()) {
            assertTrue(text.lines().anyMatch(l -> l.trim().startsWith(step.rank() + " ")), text);
        }
        assertTrue(text.contains("chosen rank " + report.chosenRank()), text);
        assertTrue(text.lines().count() >= report.steps().size() + 3, text);
    }

    // --- messages ---------------------------------------------------------------------------------------------

    @Test
    void fit_fewerRowsThanUnknowns_namesTheCounts() {
        TrainingData data = smallData(11);
        int training = ValidationSplit.of(AlsConfig.defaults()).split(data.rows())[0].length;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlsRegression.fit(data, AlsConfig.defaults().withKnots(20).withRank(20)));
        assertTrue(e.getMessage().startsWith("fewer training rows than unknowns: " + training + " training rows"),
                e.getMessage());
        assertTrue(e.getMessage().contains("needs n * rank = 400"), e.getMessage());
    }

    @Test
    void config_badValues_messagesNameFieldRuleAndValue() {
        AlsConfig c = AlsConfig.defaults();
        assertMessage("degree must be >= 1, got 0", () -> c.withDegree(0));
        assertMessage("knots must be >= degree + 1 = 4, got 3", () -> c.withKnots(3));
        assertMessage("rank must be >= 1 or auto, got -1", () -> c.withRank(-1));
        assertMessage("validation fraction must be in (0, 1), got 1.5", () -> c.withValidationFraction(1.5));
        assertMessage("validation fraction must be in (0, 1), got 0.0", () -> c.withValidationFraction(0));
        assertMessage("maxRank must be >= 1, got 0", () -> c.withMaxRank(0));
        assertMessage("maxSweeps must be >= 1, got 0", () -> c.withMaxSweeps(0));
        assertMessage("tolerance must be finite and >= 0, got NaN", () -> c.withTolerance(Double.NaN));
        assertMessage("ridge must be finite and >= 0, got -1.0", () -> c.withRidge(-1));
        assertMessage("roughness must be finite and >= 0, got Infinity", () -> c.withRoughness(Double.POSITIVE_INFINITY));
        assertMessage("restarts must be >= 1, got 0", () -> c.withRestarts(0));
        assertMessage("folds must be >= 2, or 0 for no cross-validation, got 1", () -> c.withFolds(1));
        assertTrue(c.autoRank());
        assertEquals("7", c.withRank(7).rankText());
    }

    @Test
    void trainingData_badValues_messagesNameColumnAndRow() {
        List<String> names = List.of("x1", "x2");
        double[] x = new double[40];
        double[] y = new double[20];
        for (int j = 0; j < 20; j++) {
            x[2 * j] = j;
            x[2 * j + 1] = 2 * j;
            y[j] = j * j;
        }
        double[] nan = x.clone();
        nan[2 * 17 + 1] = Double.NaN;
        assertMessage("column x2 has a NaN at row 17", () -> TrainingData.of(names, nan, y));
        double[] infY = y.clone();
        infY[3] = Double.NEGATIVE_INFINITY;
        assertMessage("response has a -Infinity at row 3", () -> TrainingData.of(names, x, infY));
        double[] constant = x.clone();
        for (int j = 0; j < 20; j++) {
            constant[2 * j] = 0.5;
        }
        assertMessage("column x1 is constant (0.5 in every row): the data say nothing about it; drop the column",
                () -> TrainingData.of(names, constant, y));
        assertMessage("response is constant (1.0 in every row): nothing to fit",
                () -> TrainingData.of(names, x, filled(20, 1.0)));
        assertMessage("x must have rows * D = 20 * 2 = 40 values, got 39",
                () -> TrainingData.of(names, Arrays.copyOf(x, 39), y));
        assertMessage("names must be distinct, got [x1, x1]", () -> TrainingData.of(List.of("x1", "x1"), x, y));
        assertMessage("column x2 has 32.0 at row 16, outside its domain [0.0, 30.0]",
                () -> TrainingData.of(names, x, y, new double[] {0, 0}, new double[] {19, 30}));
        assertMessage("domain of x1 must be finite with lower < upper, got [1.0, 1.0]",
                () -> TrainingData.of(names, x, y, new double[] {1, 0}, new double[] {1, 40}));
        TrainingData ok = TrainingData.of(names, x, y);
        assertEquals(20, ok.rows());
        assertEquals(2, ok.dimension());
        assertEquals(38.0, ok.upper()[1], 0.0);
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static List<String> names(int dim) {
        List<String> n = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            n.add("z" + d);
        }
        return n;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double[] uniformPoints(SplittableRandom rng, int rows, int dim, double lo, double hi) {
        double[] x = new double[rows * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble(lo, hi);
        }
        return x;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2.0 * Math.log(1.0 - rng.nextDouble())) * Math.cos(2.0 * Math.PI * rng.nextDouble());
    }

    private static double maxError(SnaModel m, double[] x, double[] y) {
        double[] u = new double[y.length];
        m.evaluate(x, y.length, u, m.newWorkspace());
        double max = 0.0;
        for (int j = 0; j < y.length; j++) {
            max = Math.max(max, Math.abs(u[j] - y[j]));
        }
        return max;
    }

    private static double sd(double[] v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        double ss = 0.0;
        for (double a : v) {
            ss += (a - mean) * (a - mean);
        }
        return Math.sqrt(ss / v.length);
    }
}
