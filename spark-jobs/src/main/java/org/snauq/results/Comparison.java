package org.snauq.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snauq.stats.Intervals;

/**
 * Which statistics moved between two runs beyond their noise ({@code sna compare}; docs/FORMATS.md "Comparing
 * runs"). Every statistic both runs report with an interval is tested: the sampling mean and variance
 * ({@code summary}), every quantile, the Sobol' indices s1 and st, every exceedance probability.
 *
 * <ul>
 *   <li>Each run's interval at its confidence c gives its standard error on the side facing the other run's value:
 *       se = (high - value) / q or (value - low) / q, with q = z_{(1+c)/2}, or t_{K-1,(1+c)/2} for the replicate
 *       intervals of a randomised Sobol' design of K groups (mean, quantiles, indices). The variance has no
 *       interval in the table: se = s^2 sqrt((kappa + 2) / n), the normal-theory delta method with the sample's
 *       excess kurtosis kappa.</li>
 *   <li>The difference d = value - reference value has se_d = sqrt(se_1^2 + se_2^2), and the degrees of freedom of
 *       the smaller side (Hsu's conservative rule; K - 1 for two Sobol' runs): with Welch's approximation, two
 *       Sobol' runs of one study alarmed in 3.5% of 200 seed pairs at alpha = 1% (the replicate estimates are not
 *       normal that far in the tail), with this in 1.5% (docs/FORMATS.md).</li>
 *   <li>m statistics are tested at once, so each is tested at level alpha / m (Bonferroni: valid under any
 *       dependence, and these are strongly dependent: neighbouring quantiles, the mean and the median). Its
 *       {@code noise} is q_{1 - alpha / (2m)} se_d, and it moved when |d| &gt; noise. Two runs of the same study
 *       thus report any change with probability at most alpha (the false-alarm rate of a scheduled comparison).</li>
 *   <li>Closed-form rows ({@code analytic}) have no sampling noise: they moved when they differ beyond rounding
 *       ({@link #ANALYTIC_TOLERANCE}), i.e. when the model or the input laws changed. They are not among the m.</li>
 * </ul>
 * A statistic in one run only is listed as {@link #ONLY_IN_RUN} or {@link #ONLY_IN_REFERENCE}; one whose value or
 * interval is undefined (NaN) as {@link #NOT_COMPARED}. Immutable.
 */
public final class Comparison {

    /** Default family-wise false-alarm rate: one scheduled comparison in 100 of unchanged runs alerts. */
    public static final double DEFAULT_ALPHA = 0.01;
    /**
     * The smallest family-wise rate accepted: each statistic is tested at alpha / m, and with m up to about 10^6
     * (outputs x quantiles) the level 1 - alpha / (2m) stays at least 5e-13 below 1, where double rounding and the
     * t quantile are still accurate (at 1e-300 it rounds to 1). One false alert in 10^6 comparisons is beyond what
     * a scheduler needs.
     */
    public static final double MIN_ALPHA = 1e-6;
    /** The interval level assumed for runs whose manifest predates the {@code confidence} key (the default). */
    static final double DEFAULT_CONFIDENCE = 0.95;
    /**
     * Closed forms of the same model and laws agree to rounding (the same arithmetic, about 1e-15 relative); a
     * changed model or law moves them by far more than this.
     */
    static final double ANALYTIC_TOLERANCE = 1e-9;
    /** Degrees of freedom beyond which a t quantile is taken as the normal one (they agree to 1e-6 relative). */
    private static final double NORMAL_DOF = 1e6;

    public static final String MOVED = "moved";
    public static final String WITHIN_NOISE = "within-noise";
    public static final String NOT_COMPARED = "not-compared";
    public static final String ONLY_IN_RUN = "only-in-run";
    public static final String ONLY_IN_REFERENCE = "only-in-reference";

    /**
     * One run as the comparison needs it.
     *
     * @param runId      its ID
     * @param replicates replicate groups of its design (1 for mc and lhs)
     * @param confidence the level of its intervals
     * @param tables     its result tables
     */
    public record Side(String runId, int replicates, double confidence, RunTables tables) {

        public Side {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(tables, "tables");
        }

        /** A published run: its manifest and its tables. */
        public static Side of(RunManifest manifest, RunTables tables) {
            Double c = manifest.confidence();
            return new Side(manifest.runId(), manifest.replicates(), c == null ? DEFAULT_CONFIDENCE : c, tables);
        }
    }

    /**
     * One statistic of one run.
     *
     * @param exact     a closed-form value (no noise)
     * @param seLow     the standard error below the value (from the interval's lower end)
     * @param seHigh    the standard error above it
     * @param dof       degrees of freedom of the interval's quantile (infinite: normal)
     */
    private record Estimate(String output, String statistic, String method, String input, Double parameter,
                            boolean exact, double value, double seLow, double seHigh, double dof) {

        String key() {
            return output + '\0' + statistic + '\0' + exact + '\0' + input + '\0' + parameter;
        }

        boolean testable() {
            return !exact && !Double.isNaN(value) && !Double.isNaN(seLow) && !Double.isNaN(seHigh);
        }
    }

    private final TableRows rows;
    private final int tested;
    private final int moved;

    private Comparison(TableRows rows, int tested, int moved) {
        this.rows = rows;
        this.tested = tested;
        this.moved = moved;
    }

    /**
     * Compares {@code run} with {@code reference} (the earlier run).
     *
     * @param alpha the family-wise false-alarm rate, in [{@link #MIN_ALPHA}, 1)
     * @throws IllegalArgumentException for alpha outside [{@link #MIN_ALPHA}, 1)
     */
    public static Comparison of(Side reference, Side run, double alpha) {
        if (!(alpha >= MIN_ALPHA && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in [" + MIN_ALPHA + ", 1), got " + alpha);
        }
        Map<String, Estimate> before = estimates(reference);
        Map<String, Estimate> after = estimates(run);
        int m = 0;
        for (Map.Entry<String, Estimate> e : after.entrySet()) {
            Estimate b = before.get(e.getKey());
            if (b != null && b.testable() && e.getValue().testable()) {
                m++;
            }
        }
        TableRows rows = new TableRows(ResultTable.COMPARISON, ResultTable.COMPARISON.columns());
        int moved = 0;
        for (Map.Entry<String, Estimate> e : after.entrySet()) {
            Estimate a = e.getValue();
            Estimate b = before.get(e.getKey());
            if (b == null) {
                add(rows, reference.runId(), a, null, a.value(), null, null, ONLY_IN_RUN);
                continue;
            }
            double d = a.value() - b.value();
            Double noise = noise(b, a, d, alpha / m);
            String verdict = noise == null ? NOT_COMPARED : Math.abs(d) > noise ? MOVED : WITHIN_NOISE;
            moved += verdict.equals(MOVED) ? 1 : 0;
            add(rows, reference.runId(), a, b.value(), a.value(), Double.isNaN(d) ? null : d, noise, verdict);
        }
        for (Map.Entry<String, Estimate> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                add(rows, reference.runId(), e.getValue(), e.getValue().value(), null, null, null, ONLY_IN_REFERENCE);
            }
        }
        return new Comparison(rows, m, moved);
    }

    /**
     * The noise of difference d: for closed forms, rounding; else q se_d at two-sided level {@code level}, the
     * standard errors taken on the sides that face each other, q of the t law with the smaller side's degrees of
     * freedom (normal when both are normal). Null when the statistic cannot be compared (an undefined value or
     * interval).
     */
    private static Double noise(Estimate before, Estimate after, double d, double level) {
        if (Double.isNaN(d)) {
            return null;
        }
        if (after.exact()) {
            return ANALYTIC_TOLERANCE * Math.max(Math.abs(after.value()), Math.abs(before.value()));
        }
        if (!before.testable() || !after.testable()) {
            return null;
        }
        double s1 = d >= 0 ? before.seHigh() : before.seLow();
        double s2 = d >= 0 ? after.seLow() : after.seHigh();
        double se = Math.hypot(s1, s2);
        if (!Double.isFinite(se) || se == 0) {
            return se;
        }
        double dof = Math.min(before.dof(), after.dof());
        return critical(dof, 1 - level) * se;
    }

    /** The two-sided quantile at {@code confidence} of the t law with {@code dof} (floored), or of the normal. */
    private static double critical(double dof, double confidence) {
        return dof > NORMAL_DOF ? Intervals.normalQuantile(confidence)
                : Intervals.studentQuantile((int) Math.max(1, Math.floor(dof)), confidence);
    }

    private static void add(TableRows rows, String reference, Estimate e, Double referenceValue, Double value,
                            Double difference, Double noise, String verdict) {
        rows.add(reference, e.output(), e.statistic(), e.method(), e.input(), e.parameter(), finite(referenceValue),
                finite(value), difference, noise, verdict);
    }

    private static Double finite(Double v) {
        return v == null || Double.isNaN(v) ? null : v;
    }

    /** The statistics of one run that can be compared, by key, in table order. */
    private static Map<String, Estimate> estimates(Side side) {
        boolean replicated = side.replicates() > 1;
        double dof = replicated ? side.replicates() - 1 : Double.POSITIVE_INFINITY;
        double zq = Intervals.normalQuantile(side.confidence());
        double tq = replicated ? Intervals.studentQuantile(side.replicates() - 1, side.confidence()) : zq;
        List<Estimate> out = new ArrayList<>();
        TableRows summary = side.tables().get(ResultTable.SUMMARY);
        for (int i = 0; summary != null && i < summary.size(); i++) {
            String method = (String) summary.value(i, "method");
            boolean exact = Methods.ANALYTIC.equals(method);
            if (!exact && !Methods.SAMPLING.equals(method)) {
                continue; // a sweep's best-design moments: not a sampling estimate of one study
            }
            String output = (String) summary.value(i, "output");
            double mean = real(summary.value(i, "mean"));
            double variance = real(summary.value(i, "variance"));
            if (exact) {
                out.add(new Estimate(output, "mean", method, null, null, true, mean, 0, 0, Double.POSITIVE_INFINITY));
                out.add(new Estimate(output, "variance", method, null, null, true, variance, 0, 0,
                        Double.POSITIVE_INFINITY));
                continue;
            }
            out.add(interval(output, "mean", method, null, null, mean, summary.value(i, "mean_ci_low"),
                    summary.value(i, "mean_ci_high"), tq, dof));
            Object n = summary.value(i, "n");
            double se = variance * Math.sqrt((real(summary.value(i, "excess_kurtosis")) + 2)
                    / (n == null ? Double.NaN : (Long) n));
            out.add(new Estimate(output, "variance", method, null, null, false, variance, se, se,
                    Double.POSITIVE_INFINITY));
        }
        TableRows quantiles = side.tables().get(ResultTable.QUANTILES);
        for (int i = 0; quantiles != null && i < quantiles.size(); i++) {
            String method = (String) quantiles.value(i, "method");
            out.add(interval((String) quantiles.value(i, "output"), "quantile", method, null,
                    (Double) quantiles.value(i, "probability"), real(quantiles.value(i, "value")),
                    quantiles.value(i, "ci_low"), quantiles.value(i, "ci_high"), tq, dof));
        }
        TableRows sobol = side.tables().get(ResultTable.SOBOL);
        for (int i = 0; sobol != null && i < sobol.size(); i++) {
            String method = (String) sobol.value(i, "method");
            String output = (String) sobol.value(i, "output");
            String input = (String) sobol.value(i, "input");
            for (String index : List.of("s1", "st")) {
                double v = real(sobol.value(i, index));
                out.add(Methods.ANALYTIC.equals(method)
                        ? new Estimate(output, index, method, input, null, true, v, 0, 0, Double.POSITIVE_INFINITY)
                        : interval(output, index, method, input, null, v, sobol.value(i, index + "_ci_low"),
                        sobol.value(i, index + "_ci_high"), tq, dof));
            }
        }
        TableRows exceedance = side.tables().get(ResultTable.EXCEEDANCE);
        for (int i = 0; exceedance != null && i < exceedance.size(); i++) {
            // Wilson intervals on the pooled sample, whatever the design: normal
            out.add(interval((String) exceedance.value(i, "output"), "exceedance", Methods.SAMPLING, null,
                    (Double) exceedance.value(i, "threshold"), real(exceedance.value(i, "probability")),
                    exceedance.value(i, "ci_low"), exceedance.value(i, "ci_high"), zq, Double.POSITIVE_INFINITY));
        }
        Map<String, Estimate> byKey = new LinkedHashMap<>();
        for (Estimate e : out) {
            byKey.putIfAbsent(e.key(), e);
        }
        return byKey;
    }

    /** An estimate with an interval [low, high] at quantile q of a law with {@code dof} degrees of freedom. */
    private static Estimate interval(String output, String statistic, String method, String input, Double parameter,
                                     double value, Object low, Object high, double q, double dof) {
        return new Estimate(output, statistic, method, input, parameter, false, value, (value - real(low)) / q,
                (real(high) - value) / q, dof);
    }

    private static double real(Object v) {
        return v == null ? Double.NaN : (Double) v;
    }

    /** The rows of the {@code comparison} table (without the keys, which are those of the later run). */
    public TableRows rows() {
        return rows;
    }

    /** Statistics tested against their noise (m of the Bonferroni correction). */
    public int tested() {
        return tested;
    }

    /** Statistics that moved: those tested beyond their noise, and closed forms that differ. */
    public int moved() {
        return moved;
    }
}
