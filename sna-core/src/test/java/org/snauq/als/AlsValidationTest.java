package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.model.SnaModel;

/**
 * Surrogate validation: Q2 = 1 - MSE / Var(y) on the validation rows, recomputed here from the returned model
 * evaluated at those rows; the residual summary in the provenance; k-fold cross-validation.
 */
class AlsValidationTest {

    /**
     * The fit's Q2 comes from factor values on its atom tables, the check from the model's batch kernel (another
     * polynomial form): the model values agree to about 1e-14 relative, and the residuals here are 1e-2 of the
     * responses, so 1 - Q2 agrees to 1e-10 relative.
     */
    private static final double Q2_TOL = 1e-10;

    private static final double NOISE = 0.05;
    private static final int ROWS = 1500;

    /** x1 exp(x2) + sin(3 x3) on [0, 1]^3 plus Gaussian noise of sd NOISE. */
    private static TrainingData noisy(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[ROWS * 3];
        double[] y = new double[ROWS];
        for (int j = 0; j < ROWS; j++) {
            for (int d = 0; d < 3; d++) {
                x[j * 3 + d] = rng.nextDouble();
            }
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double gauss = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            y[j] = x[j * 3] * Math.exp(x[j * 3 + 1]) + Math.sin(3 * x[j * 3 + 2]) + NOISE * gauss;
        }
        return TrainingData.of(List.of("x1", "x2", "x3"), x, y, new double[3], new double[] {1, 1, 1});
    }

    @Test
    void fit_anyData_q2IsOneMinusMseOverVarianceOfValidationResponses() {
        TrainingData data = noisy(1);
        AlsConfig config = AlsConfig.defaults().withKnots(8);
        AlsFit fit = AlsRegression.fit(data, config);

        int[] valid = ValidationSplit.of(config).split(data.rows())[1];
        SnaModel model = fit.model();
        double[] z = new double[valid.length * 3];
        for (int k = 0; k < valid.length; k++) {
            System.arraycopy(data.x(), valid[k] * 3, z, k * 3, 3);
        }
        double[] u = new double[valid.length];
        model.evaluate(z, valid.length, u, model.newWorkspace());
        double mean = 0;
        for (int j : valid) {
            mean += data.y()[j] / valid.length;
        }
        double mse = 0;
        double variance = 0;
        double maxAbs = 0;
        for (int k = 0; k < valid.length; k++) {
            double y = data.y()[valid[k]];
            mse += (y - u[k]) * (y - u[k]) / valid.length;
            variance += (y - mean) * (y - mean) / valid.length;
            maxAbs = Math.max(maxAbs, Math.abs(y - u[k]));
        }
        double q2 = 1 - mse / variance;

        FitReport.Residuals r = fit.report().validation();
        assertEquals(valid.length, r.rows());
        assertEquals(1 - q2, 1 - r.q2(), Q2_TOL * (1 - q2));
        assertEquals(mse / variance, r.unexplained(), Q2_TOL * (1 - q2));
        assertEquals(Math.sqrt(mse), r.rmse(), Q2_TOL * Math.sqrt(mse));
        assertEquals(maxAbs, r.maxAbsResidual(), Q2_TOL * maxAbs);
        assertEquals(r.rmse() / r.relativeRmse(), sd(data.y()), 1e-12 * sd(data.y()));
        Map<?, ?> summary = (Map<?, ?>) model.provenance().get("validation");
        assertEquals(r.q2(), summary.get("q2"));
        assertEquals(r.meanResidual(), summary.get("meanResidual"));
        assertNull(fit.report().crossValidation());
        assertTrue(fit.report().format().contains("Q2"), fit.report().format());
    }

    @Test
    void residualAccumulator_handExample_q2AndCombine() {
        double[] y = {1, 2, 3, 4};
        double[] u = {1, 2, 3, 5};
        ResidualAccumulator whole = new ResidualAccumulator();
        ResidualAccumulator left = new ResidualAccumulator();
        ResidualAccumulator right = new ResidualAccumulator();
        for (int j = 0; j < 4; j++) {
            whole.accept(y[j], u[j]);
            (j < 1 ? left : right).accept(y[j], u[j]);
        }
        // SSE = 1, sum (y - 2.5)^2 = 5: Q2 = 1 - 1/5 exactly
        assertEquals(0.8, whole.q2(), 1e-15);
        assertEquals(0.5, whole.rmse(), 1e-15);
        assertEquals(-0.25, whole.meanResidual(), 1e-15);
        assertEquals(1.0, whole.maxAbsResidual(), 0.0);
        left.combine(right);
        assertEquals(whole.q2(), left.q2(), 1e-15);
        assertEquals(whole.sse(), left.sse(), 0.0);
        assertTrue(Double.isNaN(new ResidualAccumulator().q2()));
    }

    @Test
    void fit_kFolds_pooledResidualsCoverEveryRowAndFollowTheNoise() {
        TrainingData data = noisy(2);
        AlsFit fit = AlsRegression.fit(data, AlsConfig.defaults().withKnots(8).withFolds(4));

        FitReport.CrossValidation cv = fit.report().crossValidation();
        assertEquals(4, cv.folds());
        assertEquals(ROWS, cv.pooled().rows());
        assertEquals(4, cv.foldErrors().size());
        double sse = 0;
        ValidationSplit split = ValidationSplit.of(AlsConfig.defaults());
        for (int f = 0; f < 4; f++) {
            int n = split.foldSplit(ROWS, 4, f)[1].length;
            double rmse = cv.foldErrors().get(f) * sd(data.y());
            sse += rmse * rmse * n;
        }
        assertEquals(Math.sqrt(sse / ROWS), cv.pooled().rmse(), 1e-12 * cv.pooled().rmse());
        // held-out RMSE of a fit that resolves the mean function: the noise sd, inflated by the fit's own
        // variance (about unknowns / rows = 3 * 8 * rank / 1,100, under 10%); chi-square spread 1/sqrt(2 N) ~ 2%
        double ratio = cv.pooled().rmse() / NOISE;
        assertTrue(ratio > 0.9 && ratio < 1.25, () -> "cross-validated RMSE / noise = " + ratio);
        Map<?, ?> p = (Map<?, ?>) fit.model().provenance().get("crossValidation");
        assertEquals(4, p.get("folds"));
        assertEquals(cv.pooled().q2(), p.get("q2"));
    }

    private static double sd(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double ss = 0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / y.length);
    }
}
