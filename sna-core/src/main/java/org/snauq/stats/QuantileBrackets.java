package org.snauq.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact quantiles at any n in two passes over the sample, with memory bounded by the brackets, not by n.
 *
 * <ol>
 *   <li>First pass: a KLL sketch per block ({@link #firstPass()}), folded per replicate group in block order.</li>
 *   <li>{@link #plan}: for each requested p, a value interval (bracket) that holds every order statistic its row
 *       needs: the point rank r = ceil(p n) and the binomial interval ranks l, u (one group), or the pooled ranks
 *       the replicate interval scans ({@link #REPLICATE_MARGIN}). The bracket reaches {@link #SKETCH_MARGIN} times
 *       the sketch's 99% rank error beyond those ranks.</li>
 *   <li>Second pass: a {@link BracketAccumulator} per block ({@link #newAccumulator(int)}) keeps only the values
 *       inside the brackets and counts the others per gap.</li>
 *   <li>{@link #select}: the counts say exactly which ranks each bracket holds. Every needed rank that lies in a
 *       bracket is selected exactly (sorting the bracket's values); a p whose ranks were missed (the sketch erred
 *       beyond its margin: about 3e-7 per bracket end) is left for {@link Selection#retry()}, a plan with
 *       {@link #WIDEN} times wider margins for those p only, and another second pass. Margins that reach the
 *       sample's ends keep everything there, so retries end.</li>
 * </ol>
 *
 * <p>Memory: the kept values, about n (4 SKETCH_MARGIN eps + CI width) per isolated p (eps = 0.27% at
 * {@link #FIRST_PASS_K}: about 2.2% of n, 17.6 MB per 10^8 samples; overlapping brackets share their values), plus
 * one first-pass sketch (about 30 KB) per block. The rows are those of {@link QuantileAccumulator#estimates} on the
 * whole sample, bit for bit. The plan is immutable and {@link Serializable} (shipped to the tasks of the second
 * pass); {@link #select} and {@link Selection#retry()} run on the driver.
 */
public final class QuantileBrackets implements Serializable {

    private static final long serialVersionUID = 1L;

    /** KLL k of the first pass: 99% rank error about 0.27% (k = 200 gives 1.33%), about 30 KB per block. */
    public static final int FIRST_PASS_K = 1024;
    /**
     * Brackets reach this many 99% rank errors beyond the ranks they must hold: KLL's rank error is close to
     * Gaussian with sd eps / 2.58, so 2 eps is 5.2 sd, missed with probability about 1e-7 per bracket end.
     */
    static final double SKETCH_MARGIN = 2;
    /**
     * A replicate interval's ends lie within this many sqrt(p (1 - p) / n) + 1 / n_g of p in pooled rank: its test
     * stops near t_15 = 2.13 pooled sds for independent draws (scrambled nets spread less) and at most 0.3 / n_g
     * beyond the estimate when a group is stratified ({@link QuantileRows#resolution}).
     */
    static final double REPLICATE_MARGIN = 10;
    /** Each retry multiplies the margins by this. */
    static final double WIDEN = 4;
    /** Replicate groups a plan accepts: each group holds per-bracket arrays. */
    static final int MAX_REPLICATES = 1 << 12;

    private final double[] probabilities;
    private final double confidence;
    private final int replicates;
    private final long count;
    private final long[] groupCounts;
    private final double[] widening;
    private final QuantileEstimate[] done;
    private final double[] lower;
    private final double[] upper;
    private final QuantileAccumulator sketch;

    private QuantileBrackets(double[] probabilities, double confidence, long[] groupCounts, double[] widening,
                             QuantileEstimate[] done, QuantileAccumulator sketch) {
        this.probabilities = probabilities;
        this.confidence = confidence;
        this.replicates = groupCounts.length;
        this.groupCounts = groupCounts;
        this.count = sketch.count();
        this.widening = widening;
        this.done = done;
        this.sketch = sketch;
        List<double[]> spans = new ArrayList<>();
        for (int j = 0; j < probabilities.length; j++) {
            if (done[j] == null) {
                spans.add(bracket(probabilities[j], widening[j]));
            }
        }
        spans.sort((a, b) -> Double.compare(a[0], b[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] s : spans) {
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s[0] <= last[1]) {
                last[1] = Math.max(last[1], s[1]);
            } else {
                merged.add(s.clone());
            }
        }
        this.lower = merged.stream().mapToDouble(s -> s[0]).toArray();
        this.upper = merged.stream().mapToDouble(s -> s[1]).toArray();
    }

    /** A first-pass accumulator for one block: a KLL sketch with {@link #FIRST_PASS_K}. */
    public static QuantileAccumulator firstPass() {
        return QuantileAccumulator.sketch(FIRST_PASS_K);
    }

    /**
     * The brackets for a second pass, from the first pass's sketches.
     *
     * @param groups        read: one first-pass accumulator per replicate group in group order (one for mc and
     *                      lhs), each the block-order fold of its blocks; not modified
     * @param probabilities read, each in (0, 1)
     * @param confidence    the confidence of the rows' intervals, in (0, 1)
     * @throws IllegalArgumentException for an empty list, too many groups, or a probability or confidence outside
     *                                  (0, 1)
     */
    public static QuantileBrackets plan(List<QuantileAccumulator> groups, double[] probabilities,
                                        double confidence) {
        if (groups.isEmpty() || groups.size() > MAX_REPLICATES) {
            throw new IllegalArgumentException("groups must number 1 to " + MAX_REPLICATES + ", got "
                    + groups.size());
        }
        QuantileRows.checkAll(probabilities, confidence);
        long[] counts = groups.stream().mapToLong(QuantileAccumulator::count).toArray();
        double[] widening = new double[probabilities.length];
        Arrays.fill(widening, 1);
        return new QuantileBrackets(probabilities.clone(), confidence, counts, widening,
                new QuantileEstimate[probabilities.length], Mergeable.foldInOrder(groups));
    }

    /** [low, high]: the values between the pooled ranks the row of p needs, plus margins. */
    private double[] bracket(double p, double widen) {
        long n = count;
        if (n == 0) {
            return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        double from;
        double to;
        if (replicates == 1) {
            long[] lu = OrderStatistics.confidenceRanks(p, n, confidence);
            from = (double) lu[0] / n;
            to = (double) lu[1] / n;
        } else {
            double smallest = Math.max(1, Arrays.stream(groupCounts).min().orElse(1));
            double spread = REPLICATE_MARGIN * (Math.sqrt(p * (1 - p) / n) + 1 / smallest);
            from = p - spread;
            to = p + spread;
        }
        double margin = widen * (SKETCH_MARGIN * sketch.normalizedRankError() + 1.0 / n);
        from -= margin;
        to += margin;
        double low = from <= 0 ? Double.NEGATIVE_INFINITY : sketch.quantile(from);
        double high = to >= 1 ? Double.POSITIVE_INFINITY : sketch.quantile(to);
        return new double[] {low, high};
    }

    /**
     * An empty second-pass accumulator for one block of replicate group {@code group} (0 for mc and lhs).
     *
     * @throws IllegalArgumentException when group is not in [0, replicates)
     */
    public BracketAccumulator newAccumulator(int group) {
        if (group < 0 || group >= replicates) {
            throw new IllegalArgumentException("group must be in [0, " + replicates + "), got " + group);
        }
        return new BracketAccumulator(lower, upper, replicates, group);
    }

    /** The number of brackets (disjoint value intervals) the second pass keeps. */
    public int brackets() {
        return lower.length;
    }

    /** Probabilities still to be resolved by a second pass with this plan. */
    public double[] pending() {
        double[] p = new double[probabilities.length];
        int m = 0;
        for (int j = 0; j < p.length; j++) {
            if (done[j] == null) {
                p[m++] = probabilities[j];
            }
        }
        return Arrays.copyOf(p, m);
    }

    /**
     * Selects the order statistics from the folded second pass (sorting the kept values in place).
     *
     * @param all the block-order fold of this plan's accumulators over the same sample as the first pass
     * @throws IllegalArgumentException when {@code all} comes from another plan or counted another number of
     *                                  values per group than the first pass
     */
    public Selection select(BracketAccumulator all) {
        if (!Arrays.equals(all.lower(), lower) || !Arrays.equals(all.upper(), upper)
                || all.replicates() != replicates) {
            throw new IllegalArgumentException("the second pass must use this plan's accumulators");
        }
        for (int g = 0; g < replicates; g++) {
            if (all.count(g) != groupCounts[g]) {
                throw new IllegalArgumentException("the second pass saw " + all.count(g) + " values in group " + g
                        + ", the first pass " + groupCounts[g] + ": both passes must cover the same sample");
            }
        }
        BracketedSample pooled = BracketedSample.pooled(all);
        List<BracketedSample> groups = new ArrayList<>();
        for (int g = 0; g < replicates; g++) {
            groups.add(replicates == 1 ? pooled : BracketedSample.group(all, g));
        }
        QuantileEstimate[] rows = done.clone();
        double[] next = widening.clone();
        for (int j = 0; j < probabilities.length; j++) {
            if (rows[j] != null) {
                continue;
            }
            try {
                rows[j] = replicates == 1
                        ? QuantileRows.binomial(pooled, probabilities[j], confidence, "two-pass")
                        : QuantileRows.replicates(pooled, groups, probabilities[j], confidence, "two-pass");
            } catch (OrderedSample.OutsideBrackets e) {
                next[j] *= WIDEN;
            }
        }
        return new Selection(this, rows, next, all.retained());
    }

    /** The outcome of a second pass: the resolved rows, and a plan for the rest when some were missed. */
    public static final class Selection {

        private final QuantileBrackets plan;
        private final QuantileEstimate[] rows;
        private final double[] widening;
        private final long retained;

        private Selection(QuantileBrackets plan, QuantileEstimate[] rows, double[] widening, long retained) {
            this.plan = plan;
            this.rows = rows;
            this.widening = widening;
            this.retained = retained;
        }

        /** True when every requested p has its row. */
        public boolean complete() {
            return Arrays.stream(rows).allMatch(r -> r != null);
        }

        /**
         * The rows, in the order of the requested probabilities.
         *
         * @throws IllegalStateException when not {@link #complete()}
         */
        public List<QuantileEstimate> estimates() {
            if (!complete()) {
                throw new IllegalStateException("quantiles still pending: " + Arrays.toString(retry().pending())
                        + "; run a second pass with retry()");
            }
            return List.of(rows);
        }

        /** A plan with wider brackets for the probabilities still pending (the resolved rows carried along). */
        public QuantileBrackets retry() {
            return new QuantileBrackets(plan.probabilities, plan.confidence, plan.groupCounts, widening, rows,
                    plan.sketch);
        }

        /** Values the second pass kept. */
        public long retained() {
            return retained;
        }
    }
}
