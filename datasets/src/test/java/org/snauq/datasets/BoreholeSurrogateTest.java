package org.snauq.datasets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.als.AlsConfig;
import org.snauq.als.AlsFit;
import org.snauq.als.AlsRegression;
import org.snauq.als.TrainingData;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.model.SnaModel;

/**
 * The borehole function (8 inputs, a normal and a lognormal among them) from 500 rows, as bench/openturns-compare.sh
 * fits it: the error against fresh samples of the input laws counts the samples beyond the training rows, where
 * the surrogate must continue the data rather than clamp it.
 */
class BoreholeSurrogateTest {

    private static final int TRAINING_ROWS = 500;
    private static final int FRESH = 10_000;
    /**
     * Relative RMSE bound on fresh samples. Over training seeds 1-6 the fit reached 5.9e-4 to 2.8e-3; OpenTURNS'
     * polynomial chaos reaches 6.2e-3 from 500 rows (docs/BENCHMARKS.md). Clamping at the data range (uniform
     * knots on the rows' range, the earlier behaviour) gave 5e-2, so this bound tells the two apart.
     */
    private static final double BOUND = 4e-3;

    @Test
    void fit_500Rows_freshSamplesIncludingTheTails() {
        BenchmarkFunction f = new Borehole();
        int dim = f.dimension();
        Distribution[] laws = f.inputs().stream().map(Distributions::of).toArray(Distribution[]::new);
        double[][] train = sample(f, laws, TRAINING_ROWS, new SplittableRandom(5));
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        for (int d = 0; d < dim; d++) {
            lower[d] = Distributions.domainFor(laws[d])[0];
            upper[d] = Distributions.domainFor(laws[d])[1];
        }
        AlsFit fit = AlsRegression.fit(TrainingData.of(f.inputNames(), train[0], train[1], lower, upper),
                AlsConfig.defaults().withAutoResolution());

        double[][] fresh = sample(f, laws, FRESH, new SplittableRandom(77));
        SnaModel model = fit.model();
        double[] u = new double[FRESH];
        model.evaluate(fresh[0], FRESH, u, model.newWorkspace());
        double mean = 0;
        for (double y : fresh[1]) {
            mean += y / FRESH;
        }
        double se = 0;
        double ss = 0;
        for (int j = 0; j < FRESH; j++) {
            se += (u[j] - fresh[1][j]) * (u[j] - fresh[1][j]);
            ss += (fresh[1][j] - mean) * (fresh[1][j] - mean);
        }
        double error = Math.sqrt(se / ss);
        assertTrue(error < BOUND, () -> "fresh relative RMSE " + error + "\n" + fit.report().format());
    }

    /** n rows of the laws, inverse-CDF sampled, and the function at them: {x row-major, y}. */
    private static double[][] sample(BenchmarkFunction f, Distribution[] laws, int n, SplittableRandom rng) {
        int dim = laws.length;
        double[] x = new double[n * dim];
        double[] y = new double[n];
        double[] row = new double[dim];
        for (int j = 0; j < n; j++) {
            for (int d = 0; d < dim; d++) {
                row[d] = laws[d].inverseCdf(rng.nextDouble());
                x[j * dim + d] = row[d];
            }
            y[j] = f.value(row);
        }
        return new double[][] {x, y};
    }
}
