package org.snauq.als;

import java.util.ArrayList;
import java.util.List;
import org.snauq.basis.BSplineBasis;

/**
 * k-fold cross-validation of fixed settings (degree, atoms, roughness, rank): for each fold f of
 * {@link ValidationSplit#fold}, the atoms are placed on the other folds' rows, the model is fitted to them from
 * scratch, and its residuals on fold f are kept. Pooled over the folds they give the cross-validated RMSE and
 * Q2 = 1 - PRESS / sum_j (y_j - mean y)^2 over all rows (Hastie, Tibshirani and Friedman 2009, section 7.10).
 * Cost: k fits at fixed resolution and rank.
 */
final class CrossValidation {

    private CrossValidation() {
    }

    /** The summary and the sweeps the k fits took. */
    record Result(FitReport.CrossValidation summary, long sweeps) {
    }

    /**
     * @param settings fixed degree, knots and rank; {@code folds} &gt;= 2
     * @param scale    sd(y) of all rows (errors are relative to it)
     */
    static Result run(TrainingData data, AlsConfig settings, double scale) {
        int k = settings.folds();
        ValidationSplit split = ValidationSplit.of(settings);
        ResidualAccumulator pooled = new ResidualAccumulator();
        List<Double> foldErrors = new ArrayList<>();
        long sweeps = 0;
        for (int f = 0; f < k; f++) {
            int[][] rows = split.foldSplit(data.rows(), k, f);
            if (rows[1].length == 0 || rows[0].length < settings.knots() * settings.rank()) {
                throw new IllegalArgumentException("cross-validation: fold " + f + " of " + k + " leaves "
                        + rows[0].length + " training and " + rows[1].length + " held-out rows of " + data.rows()
                        + "; rank " + settings.rank() + " with " + settings.knots()
                        + " knots needs more: give more rows or fewer folds");
            }
            BSplineBasis[] bases = new BSplineBasis[data.dimension()];
            for (int d = 0; d < bases.length; d++) {
                bases[d] = CoordinateAtoms.place(data, rows[0], d, settings.degree(), settings.knots());
            }
            LocalPasses passes = new LocalPasses(List.of(bases), data.x(), data.y(), rows);
            RankEnrichment.Outcome outcome = new RankEnrichment(settings, passes,
                    AlsRegression.equationsOf(bases), scale, passes.trainingRows(), passes.validationRows()).run(null);
            ResidualAccumulator held = outcome.chosen().validation();
            foldErrors.add(held.rmse() / scale);
            pooled.combine(held);
            sweeps += outcome.sweeps();
        }
        return new Result(new FitReport.CrossValidation(k, FitReport.Residuals.of(pooled, scale), foldErrors),
                sweeps);
    }
}
