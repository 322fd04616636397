package org.snauq.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.snauq.dist.InputSpec;
import org.snauq.models.UqModel;
import org.snauq.results.ResultTable;
import org.snauq.results.TableRows;
import org.snauq.spark.BlockJobsAccess;

/**
 * The quantiles table as a run computes it (the Spark job's passes and driver logic, run in one thread): the
 * default two-pass method gives the exact order statistics of the samples on any cut into tasks, the same rows as
 * the sorting method, intervals that hold the truth as often as they claim, and the one-pass sketch's intervals
 * hold the exact order statistic.
 */
class RunQuantilesTest {

    static final double[] P = {0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999};
    static final double CONFIDENCE = 0.95;
    /** The acceptance band for the coverage of 95% intervals over 200 seeds. */
    static final double MIN_COVERAGE = 0.93;
    static final double MAX_COVERAGE = 0.97;
    static final int SEEDS = 200;
    /** Samples per seed in the coverage runs: the size of sna-core's QuantileCoverageTest (a reduced size). */
    static final int COVERAGE_N = 1 << 14;

    /** y = (x_1 + ... + x_D) / sqrt(D) with standard normal inputs: a standard normal output. */
    static final class NormalSum implements UqModel {
        final int dim;

        NormalSum(int dim) {
            this.dim = dim;
        }

        @Override
        public List<String> inputNames() {
            List<String> names = new ArrayList<>();
            for (int d = 0; d < dim; d++) {
                names.add("x" + d);
            }
            return names;
        }

        @Override
        public List<String> outputs() {
            return List.of("y");
        }

        @Override
        public String description() {
            return "normal sum";
        }

        @Override
        public Evaluator newEvaluator() {
            double scale = 1 / Math.sqrt(dim);
            return (points, count, out, failures) -> {
                for (int j = 0; j < count; j++) {
                    double s = 0;
                    for (int d = 0; d < dim; d++) {
                        s += points[j * dim + d];
                    }
                    out[j] = s * scale;
                }
            };
        }

        List<InputSpec> inputs() {
            return inputNames().stream().map(n -> new InputSpec(n, "normal", Map.of("mean", 0.0, "sd", 1.0)))
                    .toList();
        }
    }

    static StatsSpec spec(StatsSpec.Quantiles method) {
        return new StatsSpec("q.yaml", true, P, method, new double[0], 0, false, CONFIDENCE, false);
    }

    static TableRows quantiles(String design, long n, long seed, NormalSum model, StatsSpec.Quantiles method,
                               int blocksPerTask, int maxBlock) {
        SamplePlan plan = SamplePlan.of(design, n, seed, model.inputs(), false, maxBlock);
        return BlockJobsAccess.propagate(plan, model, spec(method), blocksPerTask, null).tables()
                .get(ResultTable.QUANTILES);
    }

    /** Every sample's output, sorted: the reference order statistics (the kernel evaluates the same rows). */
    static double[] sortedSamples(String design, long n, long seed, NormalSum model, int maxBlock) {
        SamplePlan plan = SamplePlan.of(design, n, seed, model.inputs(), false, maxBlock);
        double[] y = new double[(int) n];
        try (BlockKernel kernel = new BlockKernel(plan, model)) {
            for (int pos = 0; pos < n; pos += kernel.chunk()) {
                int count = (int) Math.min(kernel.chunk(), n - pos);
                kernel.run(pos, count, true);
                System.arraycopy(kernel.y[0], 0, y, pos, count);
            }
        }
        Arrays.sort(y);
        return y;
    }

    static double orderStatistic(double[] sorted, double p) {
        return sorted[(int) Math.ceil(p * sorted.length) - 1]; // the ceil(p n)-th smallest (docs/QUANTILES.md)
    }

    @Test
    void twoPass_anyDesignAndTaskCut_exactOrderStatisticsAndSameRowsAsSorting() {
        for (String design : List.of("mc", "lhs", "sobol")) {
            NormalSum model = new NormalSum(3);
            long n = 1 << 15;
            int block = 1 << 11; // 16 blocks (one per Sobol' replicate group), so tasks hold several
            double[] sorted = sortedSamples(design, n, 7, model, block);
            TableRows twoPass = quantiles(design, n, 7, model, StatsSpec.Quantiles.TWO_PASS, 1, block);
            TableRows other = quantiles(design, n, 7, model, StatsSpec.Quantiles.TWO_PASS, 5, block);
            TableRows sorting = quantiles(design, n, 7, model, StatsSpec.Quantiles.EXACT, 3, block);
            assertEquals(P.length, twoPass.size());
            for (int i = 0; i < P.length; i++) {
                String at = design + " p = " + P[i];
                assertEquals("two-pass", twoPass.value(i, "method"), at);
                assertEquals(orderStatistic(sorted, P[i]), (double) twoPass.value(i, "value"), 0.0, at);
                assertEquals(0.0, (double) twoPass.value(i, "rank_error"), 0.0, at);
                assertTrue((double) twoPass.value(i, "ci_low") <= (double) twoPass.value(i, "value")
                        && (double) twoPass.value(i, "value") <= (double) twoPass.value(i, "ci_high"), at);
                for (String column : List.of("value", "ci_low", "ci_high")) {
                    assertEquals(twoPass.value(i, column), other.value(i, column), at + ": another task cut");
                    assertEquals(twoPass.value(i, column), sorting.value(i, column), at + ": the sorting method");
                }
            }
        }
    }

    @Test
    void sketch_mcAndSobol_intervalHoldsExactOrderStatistic() {
        for (String design : List.of("mc", "sobol")) {
            NormalSum model = new NormalSum(3);
            long n = 1 << 16;
            double[] sorted = sortedSamples(design, n, 11, model, SamplePlan.BLOCK);
            TableRows sketch = quantiles(design, n, 11, model, StatsSpec.Quantiles.SKETCH, 2, SamplePlan.BLOCK);
            for (int i = 0; i < P.length; i++) {
                double exact = orderStatistic(sorted, P[i]);
                String at = design + " p = " + P[i];
                assertEquals("req", sketch.value(i, "method"), at);
                assertTrue((double) sketch.value(i, "ci_low") <= exact && exact <= (double) sketch.value(i, "ci_high"),
                        at + ": " + exact + " outside [" + sketch.value(i, "ci_low") + ", "
                                + sketch.value(i, "ci_high") + "]");
                assertTrue((double) sketch.value(i, "rank_error") >= 0, at + ": a sketch states its error (0 where it"
                        + " still holds every value, as REQ does far in its tail)");
            }
        }
    }

    @Test
    void twoPass_200SeedsMc_intervalsCoverTrueQuantile93To97Percent() {
        double coverage = coverage("mc", new NormalSum(1));
        assertTrue(coverage >= MIN_COVERAGE && coverage <= MAX_COVERAGE, "mc coverage " + coverage);
    }

    @Test
    void twoPass_200SeedsSobol_intervalsCoverTrueQuantile93To97Percent() {
        double coverage = coverage("sobol", new NormalSum(3));
        assertTrue(coverage >= MIN_COVERAGE && coverage <= MAX_COVERAGE, "sobol coverage " + coverage);
    }

    /** The share of the 7 x 200 intervals that hold the true quantile (exact: the standard normal law's). */
    static double coverage(String design, NormalSum model) {
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        int covered = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            TableRows q = quantiles(design, COVERAGE_N, seed, model, StatsSpec.Quantiles.TWO_PASS, 4,
                    SamplePlan.BLOCK);
            for (int i = 0; i < P.length; i++) {
                double truth = normal.inverseCumulativeProbability(P[i]);
                if ((double) q.value(i, "ci_low") <= truth && truth <= (double) q.value(i, "ci_high")) {
                    covered++;
                }
            }
        }
        return (double) covered / (SEEDS * P.length);
    }
}
