package org.snauq.als;

/**
 * ALS regression of an SNA from data (METHOD.md section 2).
 *
 * <p>API CONTRACT: {@code static AlsFit fit(TrainingData, AlsConfig)}; bad data or settings throw
 * {@link IllegalArgumentException} with a one-line message (e.g. fewer rows than unknowns, NaN values).
 */
public final class AlsRegression {

    private AlsRegression() {
    }

    public static AlsFit fit(TrainingData data, AlsConfig config) {
        throw new UnsupportedOperationException("TODO(als)");
    }
}
