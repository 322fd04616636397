package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.engine.BlockKernel;
import org.snauq.engine.SamplePlan;
import org.snauq.models.LoadedModel;
import org.snauq.models.ModelLoader;
import org.snauq.models.StudyModels;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.results.TableRows;
import org.snauq.study.Study;
import org.snauq.study.StudyParser;

/**
 * Issue 14's acceptance for quantiles, end to end through {@code sna run} at the sizes: on the shipped
 * Ishigami study (2^16 Sobol' rows) and on 2^20 standard normal Monte Carlo samples, every requested p in
 * [0.001, 0.999] lies, for the default two-pass method, exactly on the order statistic of the run's samples, and
 * for the one-pass sketch within its reported interval of it. The reference sample is the study's design evaluated
 * again here by the engine's kernel (the rows a task evaluates are a function of the study alone), sorted. Coverage
 * of the truth over 200 seeds, at a reduced size: {@code engine.RunQuantilesTest}. Four runs: a few seconds each.
 */
class QuantilesAcceptanceTest {

    static final String NORMAL = """
            name: normal
            model: {expression: "x"}
            inputs: [{name: x, dist: normal, mean: 0.0, sd: 1.0}]
            sampling: {design: mc, n: 1048576, seed: 5}
            statistics: {quantiles: [0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999], quantile-method: METHOD,
                         histogram: false}
            """;

    @TempDir
    static Path dir;

    @Test
    void run_shippedIshigamiStudy_twoPassExactAndSketchWithinItsInterval() throws IOException {
        String shipped = Files.readString(SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml"));
        assertTrue(shipped.contains("quantile-method: two-pass"), "the shipped study uses the default method");
        check(shipped, "ishigami", "two-pass");
        check(shipped.replace("quantile-method: two-pass", "quantile-method: sketch"), "ishigami", "req");
    }

    @Test
    void run_2pow20NormalSamples_twoPassExactAndSketchWithinItsInterval() throws IOException {
        check(NORMAL.replace("METHOD", "two-pass"), "normal", "two-pass");
        check(NORMAL.replace("METHOD", "sketch"), "normal", "req");
    }

    /** Runs the study and checks each quantile row against the order statistics of its samples. */
    private static void check(String text, String name, String method) throws IOException {
        Path file = dir.resolve(name + "-" + method + ".yaml");
        Files.writeString(file, text);
        Path output = dir.resolve(name);
        SnaRun.Result r = SnaRun.sna("run", file.toString(), "--output", output.toString(), "--run-id", method);
        assertEquals(0, r.exit(), r.err());
        double[] y = sortedSamples(StudyParser.parse(file, dir));
        ResultsOutput out = ResultsOutput.open(output.toString(), new Configuration());
        TableRows rows = out.tables(out.manifest(method)).get(ResultTable.QUANTILES);
        assertEquals(7, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            double p = (double) rows.value(i, "probability");
            double exact = y[(int) Math.ceil(p * y.length) - 1]; // the ceil(p n)-th smallest (docs/QUANTILES.md)
            double low = (double) rows.value(i, "ci_low");
            double high = (double) rows.value(i, "ci_high");
            String at = name + " " + method + " p = " + p;
            assertEquals(method, rows.value(i, "method"), at);
            assertTrue(low <= exact && exact <= high, at + ": " + exact + " outside [" + low + ", " + high + "]");
            if (method.equals("two-pass")) {
                assertEquals(exact, (double) rows.value(i, "value"), 0.0, at);
                assertEquals(0.0, (double) rows.value(i, "rank_error"), 0.0, at);
            }
        }
    }

    /** The study's output at every row of its design (the A points of a Sobol'-index study), sorted. */
    private static double[] sortedSamples(Study study) {
        LoadedModel model = ModelLoader.load(study, new StudyModels(), null);
        SamplePlan plan = SamplePlan.of(study.sampling().design(), study.sampling().n(), study.sampling().seed(),
                study.inputs(), study.statistics().sobol());
        double[] y = new double[(int) plan.rows()];
        try (BlockKernel kernel = new BlockKernel(plan, model.model())) {
            for (int pos = 0; pos < y.length; pos += kernel.chunk()) {
                int count = Math.min(kernel.chunk(), y.length - pos);
                assertEquals(count, kernel.run(pos, count, true), "no failed sample");
                System.arraycopy(kernel.y[0], 0, y, pos, count);
            }
        }
        Arrays.sort(y);
        return y;
    }
}
