package org.snauq.study;

/**
 * What a run does with a sample whose model output is not a finite number, or that the model reports as failed
 * (study key {@code on-failure}).
 */
public enum FailurePolicy {
    /** Stop the run with one line naming the sample index, its inputs and the reason; nothing is written. */
    ERROR,
    /** Leave the sample out of every statistic and record it in the {@code failures} table. */
    SKIP;

    /** The spelling in a study file. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
