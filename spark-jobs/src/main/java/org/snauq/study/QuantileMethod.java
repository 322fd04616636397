package org.snauq.study;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How quantiles are estimated (study key {@code statistics.quantile-method}; docs/QUANTILES.md). */
public enum QuantileMethod {
    /**
     * The default: exact order statistics at any n by a bracketed second pass over the samples (a KLL first pass
     * sets value brackets, the second keeps only the values inside them). Memory is the brackets' share of n; the
     * base points are evaluated twice.
     */
    TWO_PASS,
    /** Every sample kept and sorted; only for runs small enough to afford it. */
    EXACT,
    /**
     * One pass: relative-error REQ sketches, accurate in both tails; each row reports the rank error it
     * guarantees (an empirical bound, docs/QUANTILES.md). For runs whose model is too costly to evaluate twice.
     */
    SKETCH;

    /** The study file's spelling: {@code two-pass}, {@code exact}, {@code sketch}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every key, in declaration order (for messages). */
    public static List<String> keys() {
        return Arrays.stream(values()).map(QuantileMethod::key).toList();
    }

    /** The method spelled {@code key} in a study file, or null. */
    public static QuantileMethod ofKey(String key) {
        for (QuantileMethod m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        return null;
    }
}
