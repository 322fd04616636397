package org.snauq.als;

import java.util.List;
import java.util.Locale;

/**
 * What a fit did: training and validation relative RMSE per rank tried, sweeps, time, chosen rank.
 *
 * <p>Relative RMSE = sqrt(mean_j (u(z_j) - y_j)^2) / sd(y), with sd(y) the standard deviation of all responses:
 * the square root of the relative generalisation error of Konakli and Sudret (2016, eq. 36), 0 for a perfect fit
 * and about 1 for the constant mean.
 *
 * <p>API CONTRACT: {@code chosenRank()}, {@code trainingError()}, {@code validationError()} (relative RMSE of
 * the chosen model), {@code format()} (human-readable multi-line text for the CLI).
 *
 * @param chosenRank      rank of the returned model
 * @param trainingError   relative RMSE of the returned model on the training rows
 * @param validationError relative RMSE of the returned model on the held-out rows
 * @param steps           one entry per rank fitted, in order
 * @param trainingRows    rows used to fit
 * @param validationRows  rows held out
 * @param elapsedMillis   wall time of the whole fit
 * @param note            why enrichment stopped (for the reader)
 */
public record FitReport(int chosenRank, double trainingError, double validationError, List<RankStep> steps,
                        int trainingRows, int validationRows, long elapsedMillis, String note) {

    /**
     * One rank of greedy enrichment.
     *
     * @param rank              the rank after adding one term
     * @param trainingError     relative RMSE on the training rows after the joint re-sweeps
     * @param validationError   relative RMSE on the held-out rows
     * @param enrichmentSweeps  sweeps spent fitting the new rank-one term to the residual, all restarts together
     * @param sweeps            joint sweeps of all terms after adding the new one
     * @param elapsedMillis     wall time of this rank
     */
    public record RankStep(int rank, double trainingError, double validationError, int enrichmentSweeps,
                           int sweeps, long elapsedMillis) {
    }

    public FitReport {
        steps = List.copyOf(steps);
    }

    /** Readable multi-line summary: a table of the ranks tried, then the choice. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "ALS fit on %d training rows, %d validation rows (relative RMSE = RMSE / sd(y))%n",
                trainingRows, validationRows));
        s.append(String.format(Locale.ROOT, "%6s  %12s  %12s  %8s  %8s  %9s%n",
                "rank", "training", "validation", "enrich", "sweeps", "time ms"));
        for (RankStep step : steps) {
            s.append(String.format(Locale.ROOT, "%6d  %12.4e  %12.4e  %8d  %8d  %9d%s%n", step.rank(),
                    step.trainingError(), step.validationError(), step.enrichmentSweeps(), step.sweeps(),
                    step.elapsedMillis(), step.rank() == chosenRank ? "  <- chosen" : ""));
        }
        s.append(String.format(Locale.ROOT, "chosen rank %d: training %.4e, validation %.4e, %d ms in total",
                chosenRank, trainingError, validationError, elapsedMillis));
        if (note != null && !note.isEmpty()) {
            s.append(System.lineSeparator()).append(note);
        }
        return s.toString();
    }
}
