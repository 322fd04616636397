package org.snauq.study;

/** How quantiles are estimated (study key {@code statistics.quantile-method}). */
public enum QuantileMethod {
    /** A mergeable KLL sketch; reports its normalized rank error. Memory is flat in n. */
    SKETCH,
    /** Every sample kept and sorted; only for runs small enough to afford it. */
    EXACT;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
