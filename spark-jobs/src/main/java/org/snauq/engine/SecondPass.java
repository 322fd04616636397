package org.snauq.engine;

import java.io.Serializable;
import org.snauq.stats.BracketAccumulator;
import org.snauq.stats.HistogramAccumulator;
import org.snauq.stats.QuantileBrackets;

/**
 * What the second pass over the blocks computes, per output: the values inside the quantile brackets of the
 * two-pass exact method ({@link QuantileBrackets}), and the histogram over [min, max] when the first pass's grid
 * could not give it ({@code OnePassHistogram}). Both re-evaluate only the base (A) points. Immutable and
 * serialisable: shipped with the tasks.
 *
 * <p>A {@link Tally} collects one task's blocks, and tallies combine in any order with the same result: kept
 * values form a multiset that the selection sorts, and histogram counts are integers. So the pass may be reduced
 * as tasks finish, without holding one result per block on the driver.
 */
public final class SecondPass implements Serializable {

    private static final long serialVersionUID = 1L;

    private final QuantileBrackets[] plans;
    private final double[][] ranges;
    private final int bins;

    /**
     * @param plans  per output, the brackets to fill, or null (no quantiles pending for it); read, not copied
     * @param ranges per output, the histogram's [lower, upper], or null (no histogram pass for it); read
     * @param bins   histogram bins (used where a range is given)
     */
    public SecondPass(QuantileBrackets[] plans, double[][] ranges, int bins) {
        assert plans.length == ranges.length;
        this.plans = plans.clone();
        this.ranges = ranges.clone();
        this.bins = bins;
    }

    /** Whether there is nothing to compute (no second pass needed). */
    public boolean isEmpty() {
        for (int k = 0; k < plans.length; k++) {
            if (plans[k] != null || ranges[k] != null) {
                return false;
            }
        }
        return true;
    }

    /** An empty tally for one block of replicate group {@code group}. */
    public Tally newTally(int group) {
        int outputs = plans.length;
        BracketAccumulator[] b = new BracketAccumulator[outputs];
        HistogramAccumulator[] h = new HistogramAccumulator[outputs];
        for (int k = 0; k < outputs; k++) {
            b[k] = plans[k] == null ? null : plans[k].newAccumulator(group);
            h[k] = ranges[k] == null ? null : new HistogramAccumulator(ranges[k][0], ranges[k][1], bins);
        }
        return new Tally(b, h);
    }

    /** The kept values and counts of some blocks, per output (null entries: not computed for that output). */
    public static final class Tally implements Serializable {

        private static final long serialVersionUID = 1L;

        private final BracketAccumulator[] brackets;
        private final HistogramAccumulator[] histograms;

        private Tally(BracketAccumulator[] brackets, HistogramAccumulator[] histograms) {
            this.brackets = brackets;
            this.histograms = histograms;
        }

        /** Adds the {@code kept} A-point rows of the kernel's last run. */
        public void accept(BlockKernel kernel, int kept) {
            for (int k = 0; k < brackets.length; k++) {
                if (brackets[k] != null) {
                    brackets[k].accept(kernel.y[k], 0, kept);
                }
                if (histograms[k] != null) {
                    histograms[k].accept(kernel.y[k], 0, kept);
                }
            }
        }

        /**
         * Adds another tally of the same pass (any order gives the same result).
         *
         * @return this
         */
        public Tally combine(Tally other) {
            for (int k = 0; k < brackets.length; k++) {
                if (brackets[k] != null) {
                    brackets[k].combine(other.brackets[k]);
                }
                if (histograms[k] != null) {
                    histograms[k].combine(other.histograms[k]);
                }
            }
            return this;
        }

        /** The kept values of output k, or null. */
        public BracketAccumulator brackets(int k) {
            return brackets[k];
        }

        /** The histogram of output k, or null. */
        public HistogramAccumulator histogram(int k) {
            return histograms[k];
        }

        /** Values kept inside the brackets, over all outputs. */
        public long retained() {
            long n = 0;
            for (BracketAccumulator b : brackets) {
                n += b == null ? 0 : b.retained();
            }
            return n;
        }
    }
}
