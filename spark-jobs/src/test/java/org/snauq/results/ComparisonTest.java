package org.snauq.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snauq.dist.InputSpec;
import org.snauq.engine.AnalyticResult;
import org.snauq.engine.SamplePlan;
import org.snauq.engine.StatsSpec;
import org.snauq.models.UqModel;
import org.snauq.spark.BlockJobsAccess;

/**
 * {@link Comparison} on runs computed as {@code sna run} computes them (the job's passes in one thread): runs of one
 * study with other seeds do not alarm (the issue: 19 of 20 seed pairs report no change), a shifted input mean
 * does, and the table's rows say what was compared.
 */
class ComparisonTest {

    static final int PAIRS = 20;
    /** The floor: at most one of 20 seed pairs of an unchanged study may report a change. */
    static final int MAX_FALSE_ALARMS = 1;
    static final double[] P = {0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999};
    static final double[] THRESHOLDS = {2.0, 6.0};
    /** A quarter of x1's standard deviation: about 9 standard errors of the mean at n = 4096 (sd of y is 1.8). */
    static final double SHIFT = 0.25;

    /** y = x1 + x2^2 + x1 x3 / 2 with normal inputs: skewed, with an interaction, Var y = 3.25. */
    static final class Model implements UqModel {
        @Override
        public List<String> inputNames() {
            return List.of("x1", "x2", "x3");
        }

        @Override
        public List<String> outputs() {
            return List.of("y");
        }

        @Override
        public String description() {
            return "x1 + x2^2 + x1 x3 / 2";
        }

        @Override
        public Evaluator newEvaluator() {
            return (points, count, out, failures) -> {
                for (int j = 0; j < count; j++) {
                    double x1 = points[3 * j];
                    double x2 = points[3 * j + 1];
                    out[j] = x1 + x2 * x2 + 0.5 * x1 * points[3 * j + 2];
                }
            };
        }
    }

    static List<InputSpec> inputs(double mean1) {
        List<InputSpec> in = new ArrayList<>();
        in.add(new InputSpec("x1", "normal", Map.of("mean", mean1, "sd", 1.0)));
        in.add(new InputSpec("x2", "normal", Map.of("mean", 0.0, "sd", 1.0)));
        in.add(new InputSpec("x3", "normal", Map.of("mean", 0.0, "sd", 1.0)));
        return in;
    }

    /** A run of the study: its tables as the comparison reads them. */
    static Comparison.Side run(String design, long seed, double mean1, AnalyticResult analytic) {
        boolean sobol = design.equals("sobol");
        SamplePlan plan = SamplePlan.of(design, 4096, seed, inputs(mean1), sobol);
        StatsSpec spec = new StatsSpec("c.yaml", true, P, StatsSpec.Quantiles.TWO_PASS, THRESHOLDS, 0, sobol, 0.95,
                false);
        RunTables tables = BlockJobsAccess.propagate(plan, new Model(), spec, 4, analytic).tables();
        return new Comparison.Side("s" + seed, plan.replicates(), 0.95, tables);
    }

    @Test
    void compare_20SeedPairsSobolAndMc_atMostOneReportsAChange() {
        for (String design : List.of("sobol", "mc")) {
            int alarms = 0;
            int tested = 0;
            for (int pair = 0; pair < PAIRS; pair++) {
                Comparison c = Comparison.of(run(design, 2 * pair + 1, 0, null), run(design, 2 * pair + 2, 0, null),
                        Comparison.DEFAULT_ALPHA);
                alarms += c.moved() > 0 ? 1 : 0;
                tested = c.tested();
            }
            // summary mean and variance, 7 quantiles, 2 exceedances, and for Sobol' s1 and st of 3 inputs
            assertEquals(design.equals("sobol") ? 17 : 11, tested, design);
            assertTrue(alarms <= MAX_FALSE_ALARMS, design + ": " + alarms + " of " + PAIRS + " seed pairs alarmed");
        }
    }

    @Test
    void compare_shiftedInputMean_flaggedInMeanAndQuantiles() {
        for (String design : List.of("sobol", "mc")) {
            Comparison c = Comparison.of(run(design, 1, 0, null), run(design, 2, SHIFT, null),
                    Comparison.DEFAULT_ALPHA);
            TableRows rows = c.rows();
            assertTrue(c.moved() > 0, design);
            int mean = find(rows, "mean", null);
            assertEquals(Comparison.MOVED, rows.value(mean, "verdict"), design);
            assertEquals(SHIFT, (double) rows.value(mean, "difference"), 0.1, design + ": E[y] moves by the shift");
            assertEquals(Comparison.MOVED, rows.value(find(rows, "quantile", 0.5), "verdict"), design + " median");
        }
    }

    @Test
    void compare_rows_valuesDifferenceAndNoiseFromBothRuns() {
        Comparison.Side a = run("sobol", 3, 0, null);
        Comparison.Side b = run("sobol", 4, 0, null);
        Comparison c = Comparison.of(a, b, 0.05);
        TableRows rows = c.rows();
        int median = find(rows, "quantile", 0.5);
        TableRows qa = a.tables().get(ResultTable.QUANTILES);
        TableRows qb = b.tables().get(ResultTable.QUANTILES);
        assertEquals("s3", rows.value(median, "reference_run_id"));
        assertEquals("two-pass", rows.value(median, "method"));
        assertEquals(qa.value(3, "value"), rows.value(median, "reference_value"));
        assertEquals(qb.value(3, "value"), rows.value(median, "value"));
        assertEquals((double) qb.value(3, "value") - (double) qa.value(3, "value"),
                (double) rows.value(median, "difference"), 0.0);
        // the noise is wider than either run's own half-interval: it adds both and corrects for m tests
        double half = Math.min((double) qa.value(3, "ci_high") - (double) qa.value(3, "value"),
                (double) qb.value(3, "value") - (double) qb.value(3, "ci_low"));
        assertTrue((double) rows.value(median, "noise") > half);
        int s1 = find(rows, "s1", null);
        assertEquals("x1", rows.value(s1, "input"));
        assertEquals(c.tested(), rows.size(), "every row of these runs has an interval");
    }

    @Test
    void compare_closedForms_movedOnlyWhenTheyDiffer() {
        AnalyticResult exact = new AnalyticResult(1.0, 3.25, new double[] {0.38, 0.62, 0}, new double[] {0.38, 0.62,
            0.08});
        AnalyticResult changed = new AnalyticResult(1.0, 3.25, new double[] {0.38, 0.62, 0}, new double[] {0.38,
            0.62, 0.09});
        Comparison same = Comparison.of(run("sobol", 5, 0, exact), run("sobol", 6, 0, exact), 0.01);
        int analyticMean = -1;
        for (int i = 0; i < same.rows().size(); i++) {
            if ("analytic".equals(same.rows().value(i, "method")) && "mean".equals(same.rows().value(i, "statistic"))) {
                analyticMean = i;
            }
        }
        assertEquals(Comparison.WITHIN_NOISE, same.rows().value(analyticMean, "verdict"));
        assertEquals(17, same.tested(), "closed forms are not among the m tests");
        Comparison moved = Comparison.of(run("sobol", 5, 0, exact), run("sobol", 6, 0, changed), 0.01);
        assertTrue(moved.moved() >= 1);
    }

    @Test
    void compare_statisticInOneRunOnly_listedNotTested() {
        Comparison.Side a = run("mc", 7, 0, null);
        Comparison.Side b = run("mc", 8, 0, null);
        a.tables().get(ResultTable.EXCEEDANCE).add("y", 9.0, 0.001, 0.0, 0.002);
        Comparison c = Comparison.of(a, b, 0.01);
        int only = find(c.rows(), "exceedance", 9.0);
        assertEquals(Comparison.ONLY_IN_REFERENCE, c.rows().value(only, "verdict"));
        assertNull(c.rows().value(only, "value"));
        assertEquals(11, c.tested());
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(a, b, 1.0));
    }

    @Test
    void merged_sameReferenceReplacedOthersKept() {
        TableRows first = Comparison.of(run("mc", 1, 0, null), run("mc", 3, 0, null), 0.01).rows();
        TableRows second = Comparison.of(run("mc", 2, 0, null), run("mc", 3, 0, null), 0.01).rows();
        TableRows again = Comparison.of(run("mc", 1, 0, null), run("mc", 3, 0, null), 0.01).rows();
        TableRows both = ComparisonTable.merged(ComparisonTable.merged(null, "s1", first), "s2", second);
        assertEquals(first.size() + second.size(), both.size());
        TableRows replaced = ComparisonTable.merged(both, "s1", again);
        assertEquals(both.size(), replaced.size());
        assertEquals("s2", replaced.value(0, "reference_run_id"), "the other reference's rows first, kept");
    }

    /** The row of {@code statistic} (at p or t {@code parameter}, or the first), output y. */
    static int find(TableRows rows, String statistic, Double parameter) {
        for (int i = 0; i < rows.size(); i++) {
            if (statistic.equals(rows.value(i, "statistic"))
                    && (parameter == null || parameter.equals(rows.value(i, "parameter")))) {
                return i;
            }
        }
        throw new AssertionError("no row " + statistic + " " + parameter + " in " + rows);
    }
}
