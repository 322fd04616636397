package org.snauq.als;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a fit did: training and validation relative RMSE per rank tried, sweeps, time, chosen rank.
 *
 * <p>Relative RMSE = sqrt(mean_j (u(z_j) - y_j)^2) / sd(y), with sd(y) the standard deviation of all responses:
 * the square root of the relative generalisation error of Konakli and Sudret (2016, eq. 36), 0 for a perfect fit
 * and about 1 for the constant mean.
 *
 * <p>Q2 = 1 - MSE / Var(y) on the validation rows (Var of those rows' responses, divisor N_v): the share of the
 * responses' variance the model predicts on rows it was not fitted to, 1 for a perfect model, 0 for the mean.
 *
 * <p>API CONTRACT: {@code chosenRank()}, {@code trainingError()}, {@code validationError()} (relative RMSE of
 * the chosen model), {@code validation()} (its residuals on the validation rows, with Q2),
 * {@code crossValidation()} (null unless asked), {@code totalSweeps()}, {@code format()} (human-readable
 * multi-line text for the CLI).
 *
 * @param chosenRank      rank of the returned model
 * @param trainingError   relative RMSE of the returned model on the training rows
 * @param validationError relative RMSE of the returned model on the held-out rows
 * @param steps           one entry per rank fitted, in order
 * @param trainingRows    rows used to fit
 * @param validationRows  rows held out
 * @param elapsedMillis   wall time of the whole fit
 * @param note            why enrichment stopped (for the reader)
 * @param candidates      the resolutions (degree, atoms) tried by an auto-resolution fit, in the order tried;
 *                        empty when degree and knots were fixed
 * @param validation      the returned model's residuals on the validation rows
 * @param crossValidation k-fold cross-validation of the returned settings, or null when not asked
 * @param totalSweeps     ALS sweeps of the whole fit: every candidate, rank, restart and fold
 */
public record FitReport(int chosenRank, double trainingError, double validationError, List<RankStep> steps,
                        int trainingRows, int validationRows, long elapsedMillis, String note,
                        List<Candidate> candidates, Residuals validation, CrossValidation crossValidation,
                        long totalSweeps) {

    /**
     * A model's residuals e = y - u on a set of rows.
     *
     * @param rows           rows
     * @param rmse           sqrt(mean e^2)
     * @param relativeRmse   rmse / sd(y), sd over all the fit's rows
     * @param q2             1 - mean e^2 / Var(y), Var over these rows (divisor N)
     * @param unexplained    1 - Q2, computed directly (exact when Q2 rounds to 1)
     * @param meanResidual   mean e (bias)
     * @param residualSd     sample standard deviation of e
     * @param maxAbsResidual max |e|
     */
    public record Residuals(long rows, double rmse, double relativeRmse, double q2, double unexplained,
                            double meanResidual, double residualSd, double maxAbsResidual) {

        static Residuals of(ResidualAccumulator acc, double scale) {
            return new Residuals(acc.count(), acc.rmse(), acc.rmse() / scale, acc.q2(), acc.unexplained(),
                    acc.meanResidual(), acc.residualSd(), acc.maxAbsResidual());
        }

        /** The summary as a map (the model's provenance). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", AlsRegression.jsonInteger(rows));
            m.put("rmse", rmse);
            m.put("relativeRmse", relativeRmse);
            m.put("q2", q2);
            m.put("oneMinusQ2", unexplained);
            m.put("meanResidual", meanResidual);
            m.put("residualSd", residualSd);
            m.put("maxAbsResidual", maxAbsResidual);
            return m;
        }
    }

    /**
     * k-fold cross-validation: the returned settings (degree, atoms, roughness, rank) fitted k times, each time
     * without one fold, and evaluated on it.
     *
     * @param folds     k
     * @param pooled    every row's held-out residual: Q2 over all rows is 1 - PRESS / sum (y - mean y)^2
     * @param foldErrors relative RMSE on each fold
     */
    public record CrossValidation(int folds, Residuals pooled, List<Double> foldErrors) {

        public CrossValidation {
            foldErrors = List.copyOf(foldErrors);
        }

        /** The summary as a map (the model's provenance). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("folds", folds);
            m.putAll(pooled.toMap());
            m.put("foldRelativeRmse", foldErrors);
            return m;
        }
    }

    /**
     * One resolution tried by an auto-resolution fit, with rank enrichment run to its own choice.
     *
     * @param degree          B-spline degree p
     * @param knots           atoms per coordinate n (n = p + 1: one span, a polynomial)
     * @param roughness       relative weight of the curvature penalty (0: none)
     * @param rank            rank chosen for this resolution
     * @param trainingError   relative RMSE on the training rows
     * @param validationError relative RMSE on the held-out rows (what the choice minimises)
     * @param elapsedMillis   wall time of this candidate
     * @param sweeps          ALS sweeps of this candidate, all ranks and restarts
     * @param warm            whether it started from the previous level's model
     * @param chosen          whether this candidate is the returned model
     */
    public record Candidate(int degree, int knots, double roughness, int rank, double trainingError, double validationError,
                            long elapsedMillis, long sweeps, boolean warm, boolean chosen) {
    }

    /**
     * One rank of greedy enrichment.
     *
     * @param rank              the rank after adding one term
     * @param trainingError     relative RMSE on the training rows after the joint re-sweeps
     * @param validationError   relative RMSE on the held-out rows
     * @param enrichmentSweeps  sweeps spent fitting the new rank-one term to the residual, all restarts together
     * @param sweeps            joint sweeps of all terms after adding the new one
     * @param elapsedMillis     wall time of this rank
     * @param sweepErrors       relative training RMSE after each joint sweep, in order (its last is trainingError)
     */
    public record RankStep(int rank, double trainingError, double validationError, int enrichmentSweeps,
                           int sweeps, long elapsedMillis, List<Double> sweepErrors) {

        public RankStep {
            sweepErrors = List.copyOf(sweepErrors);
        }
    }

    public FitReport {
        steps = List.copyOf(steps);
        candidates = List.copyOf(candidates);
    }

    /** The chosen candidate of an auto-resolution fit, or null at fixed resolution. */
    public Candidate chosenCandidate() {
        return candidates.stream().filter(Candidate::chosen).findFirst().orElse(null);
    }

    /** Readable multi-line summary: a table of the ranks tried, then the choice. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "ALS fit on %d training rows, %d validation rows (relative RMSE = RMSE / sd(y))%n",
                trainingRows, validationRows));
        if (!candidates.isEmpty()) {
            s.append(String.format(Locale.ROOT,
                    "resolutions tried (degree, atoms per input, roughness; rank auto within each):%n"));
            s.append(String.format(Locale.ROOT, "%6s  %6s  %9s  %6s  %12s  %12s  %6s  %9s%n",
                    "degree", "atoms", "roughness", "rank", "training", "validation", "sweeps", "time ms"));
            for (Candidate c : candidates) {
                s.append(String.format(Locale.ROOT, "%6d  %6d  %9.0e  %6d  %12.4e  %12.4e  %6d  %9d%s%s%n", c.degree(),
                        c.knots(), c.roughness(), c.rank(), c.trainingError(), c.validationError(), c.sweeps(),
                        c.elapsedMillis(), c.warm() ? "  warm" : "", c.chosen() ? "  <- chosen" : ""));
            }
            Candidate c = chosenCandidate();
            s.append(String.format(Locale.ROOT, "ranks of the chosen resolution (degree %d, %d atoms, roughness %.0e):%n",
                    c.degree(), c.knots(), c.roughness()));
        }
        s.append(String.format(Locale.ROOT, "%6s  %12s  %12s  %8s  %8s  %9s%n",
                "rank", "training", "validation", "enrich", "sweeps", "time ms"));
        for (RankStep step : steps) {
            s.append(String.format(Locale.ROOT, "%6d  %12.4e  %12.4e  %8d  %8d  %9d%s%n", step.rank(),
                    step.trainingError(), step.validationError(), step.enrichmentSweeps(), step.sweeps(),
                    step.elapsedMillis(), step.rank() == chosenRank ? "  <- chosen" : ""));
        }
        s.append(String.format(Locale.ROOT, "chosen rank %d: training %.4e, validation %.4e, %d sweeps, %d ms in total",
                chosenRank, trainingError, validationError, totalSweeps, elapsedMillis));
        s.append(String.format(Locale.ROOT, "%nvalidation rows: Q2 = 1 - %.3e, mean residual %.3e, max |residual| %.3e",
                validation.unexplained(), validation.meanResidual(), validation.maxAbsResidual()));
        if (crossValidation != null) {
            s.append(String.format(Locale.ROOT, "%n%d-fold cross-validation: relative RMSE %.4e, Q2 = 1 - %.3e",
                    crossValidation.folds(), crossValidation.pooled().relativeRmse(), crossValidation.pooled().unexplained()));
        }
        if (note != null && !note.isEmpty()) {
            s.append(System.lineSeparator()).append(note);
        }
        return s.toString();
    }
}
