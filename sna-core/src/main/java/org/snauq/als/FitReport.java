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
 * @param candidates      the resolutions (degree, atoms) tried by an auto-resolution fit, in the order tried;
 *                        empty when degree and knots were fixed
 */
public record FitReport(int chosenRank, double trainingError, double validationError, List<RankStep> steps,
                        int trainingRows, int validationRows, long elapsedMillis, String note,
                        List<Candidate> candidates) {

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
     * @param chosen          whether this candidate is the returned model
     */
    public record Candidate(int degree, int knots, double roughness, int rank, double trainingError, double validationError,
                            long elapsedMillis, boolean chosen) {
    }

    /** A report of a fit at fixed resolution (no candidates). */
    public FitReport(int chosenRank, double trainingError, double validationError, List<RankStep> steps,
                     int trainingRows, int validationRows, long elapsedMillis, String note) {
        this(chosenRank, trainingError, validationError, steps, trainingRows, validationRows, elapsedMillis, note,
                List.of());
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
            s.append(String.format(Locale.ROOT, "%6s  %6s  %9s  %6s  %12s  %12s  %9s%n",
                    "degree", "atoms", "roughness", "rank", "training", "validation", "time ms"));
            for (Candidate c : candidates) {
                s.append(String.format(Locale.ROOT, "%6d  %6d  %9.0e  %6d  %12.4e  %12.4e  %9d%s%n", c.degree(),
                        c.knots(), c.roughness(), c.rank(), c.trainingError(), c.validationError(), c.elapsedMillis(),
                        c.chosen() ? "  <- chosen" : ""));
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
        s.append(String.format(Locale.ROOT, "chosen rank %d: training %.4e, validation %.4e, %d ms in total",
                chosenRank, trainingError, validationError, elapsedMillis));
        if (note != null && !note.isEmpty()) {
            s.append(System.lineSeparator()).append(note);
        }
        return s.toString();
    }
}
