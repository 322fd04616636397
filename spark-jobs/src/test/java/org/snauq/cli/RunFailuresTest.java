package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snauq.design.InputTransform;
import org.snauq.design.SamplingDesign;
import org.snauq.design.SamplingDesigns;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.snauq.spark.SparkTests;

/**
 * One policy for samples whose output is not finite, in every table, with and without a histogram: under
 * {@code on-failure: error} the run stops naming the first such sample in index order; under {@code skip} the
 * sample is left out of every statistic of every output. The reference is the samples table itself (the kept
 * samples, with their outputs) and the design recomputed here from sna-core.
 */
class RunFailuresTest {

    /** Two outputs; y is NaN where x1 &lt; 0 (about half the samples), z is finite everywhere. */
    static final String STUDY = """
            name: fail
            model: {expression: {y: "sqrt(x1) + x2", z: "x2 * 2"}}
            inputs:
              - {name: x1, dist: uniform, lower: -1.0, upper: 1.0}
              - {name: x2, dist: uniform, lower: 0.0, upper: 1.0}
            sampling: {design: mc, n: 3000, seed: 11}
            statistics: {quantile-method: exact, quantiles: [0.5], exceedance: [1.0], histogram: HIST,
                         keep-samples: true}
            on-failure: POLICY
            """;

    /** Sums of a few thousand terms in another order: a few ulps of the values (about 1) per term. */
    private static final double SUM_TOL = 1e-12;

    @TempDir
    Path dir;

    private Path runStudy(String policy, String histogram, String id) throws IOException {
        Path study = dir.resolve(id + ".yaml");
        Files.writeString(study, STUDY.replace("POLICY", policy).replace("HIST", histogram));
        SnaRun.Result r = SnaRun.sna("run", study.toString(), "--output", dir.resolve("out").toString(), "--run-id",
                id);
        assertEquals(0, r.exit(), r.err());
        return dir.resolve("out");
    }

    private static List<Row> rows(Path output, String id, String table) {
        return SparkTests.session().read().parquet(Published.table(output, table, id).toString()).collectAsList();
    }

    /** x1 of the design's first rows, recomputed from sna-core's design and inverse CDF. */
    private static long firstNegativeX1(long seed, int n) {
        SamplingDesign design = SamplingDesigns.of("mc", 2, n, seed);
        InputTransform t = InputTransform.of(List.of(
                Distributions.of(new InputSpec("x1", "uniform", Map.of("lower", -1.0, "upper", 1.0))),
                Distributions.of(new InputSpec("x2", "uniform", Map.of("lower", 0.0, "upper", 1.0)))));
        double[] u = new double[2 * n];
        design.fill(0, n, u, 0);
        t.apply(u, 0, n, u, 0);
        for (int i = 0; i < n; i++) {
            if (u[2 * i] < 0) {
                return i;
            }
        }
        throw new AssertionError("x1 ~ U(-1, 1) has a negative sample");
    }

    @Test
    void run_errorPolicy_namesFirstFailedSampleAndWritesNothing() throws IOException {
        Path study = dir.resolve("e.yaml");
        Files.writeString(study, STUDY.replace("POLICY", "error").replace("HIST", "true"));
        SnaRun.Result r = SnaRun.sna("run", study.toString(), "--output", dir.resolve("none").toString());
        assertEquals(2, r.exit(), r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r.err());
        long first = firstNegativeX1(11, 3000);
        assertTrue(lines.get(0).startsWith("sna: e.yaml: sample " + first + " (x1 = -"), lines.get(0));
        assertTrue(lines.get(0).contains("): model output y is NaN; on-failure: skip would leave such samples out"),
                lines.get(0));
        assertFalse(Files.exists(dir.resolve("none")), "nothing written");
    }

    @ParameterizedTest(name = "histogram: {0}")
    @ValueSource(strings = {"true", "false"})
    void run_skipPolicy_everyTableFromTheKeptSamplesOnly(String histogram) throws IOException {
        String id = "skip" + histogram;
        Path run = runStudy("skip", histogram, id);
        List<Row> samples = rows(run, id, "samples");
        long kept = samples.size();
        assertTrue(kept > 1000 && kept < 2000, "about half of 3000 samples kept, got " + kept);
        for (Row s : samples) {
            assertTrue(s.<Double>getAs("x1") >= 0, "only samples with a finite y are kept");
        }
        // one block of 3000 rows: its first 1000 failed samples (BlockStats.MAX_RECORDED) are listed, in index order
        java.util.Set<Long> keptIndices = samples.stream().map(s -> s.<Long>getAs("sample_index"))
                .collect(Collectors.toSet());
        List<Long> failedIndices = java.util.stream.LongStream.range(0, 3000).filter(i -> !keptIndices.contains(i))
                .boxed().limit(1000).toList();
        List<Row> failures = rows(run, id, "failures");
        assertEquals(failedIndices, failures.stream().map(f -> f.<Long>getAs("sample_index")).sorted().toList());
        for (Row f : failures) {
            assertTrue(f.<Double>getAs("x1") < 0, "a failure is a sample with x1 < 0");
            assertEquals("y", f.getAs("output"));
            assertEquals("model output y is NaN", f.getAs("reason"));
        }
        String manifest = Files.readString(Published.runFolder(run, id).resolve("manifest.json"));
        assertTrue(manifest.matches("(?s).*\"failed_samples\"\\s*:\\s*" + (3000 - kept) + "\\b.*"), manifest);

        Map<String, Row> summary = rows(run, id, "summary").stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("output"), r -> r));
        for (String out : List.of("y", "z")) {
            double[] v = samples.stream().mapToDouble(s -> s.<Double>getAs(out)).sorted().toArray();
            Row s = summary.get(out);
            assertEquals(kept, s.<Long>getAs("n"), out + ": n counts the samples used");
            double mean = java.util.Arrays.stream(v).sum() / v.length;
            assertEquals(mean, s.<Double>getAs("mean"), SUM_TOL, out);
            assertEquals(v[0], s.<Double>getAs("min"), 0.0, out);
            assertEquals(v[v.length - 1], s.<Double>getAs("max"), 0.0, out);
            assertTrue(Double.isFinite(s.<Double>getAs("variance")), out);

            double above = java.util.Arrays.stream(v).filter(x -> x > 1.0).count() / (double) v.length;
            Row e = rows(run, id, "exceedance").stream().filter(r -> out.equals(r.getAs("output"))).findFirst()
                    .orElseThrow();
            assertEquals(above, e.<Double>getAs("probability"), SUM_TOL, out + ": P(" + out + " > 1)");

            Row q = rows(run, id, "quantiles").stream().filter(r -> out.equals(r.getAs("output"))).findFirst()
                    .orElseThrow();
            double median = q.getAs("value");
            assertTrue(median >= v[(v.length - 1) / 2] && median <= v[v.length / 2], out + ": exact median");

            List<Row> hist = rows(run, id, "histogram").stream().filter(r -> out.equals(r.getAs("output"))).toList();
            if (histogram.equals("true")) {
                assertEquals(kept, hist.stream().mapToLong(h -> h.<Long>getAs("count")).sum(), out);
            } else {
                assertEquals(List.of(), hist);
            }
        }
    }
}
