package org.snauq.als;

/**
 * What a fit did: training and validation relative RMSE per rank tried, sweeps, time, chosen rank.
 *
 * <p>API CONTRACT: {@code chosenRank()}, {@code trainingError()}, {@code validationError()} (relative RMSE of
 * the chosen model), {@code format()} (human-readable multi-line text for the CLI). TODO(als): the rest.
 */
public record FitReport(int chosenRank, double trainingError, double validationError) {

    public String format() {
        throw new UnsupportedOperationException("TODO(als)");
    }
}
