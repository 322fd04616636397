package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snauq.spark.SparkTests;

/**
 * Correlated inputs (a Gaussian copula in the designs) and inputs built from data ({@code empirical}, {@code kde}),
 * through {@code sna run} and {@code sna generate --design-only}, against closed forms: the variance of a sum of
 * correlated normals, the Spearman correlation of the drawn design, the data's own quantiles and the moments of a
 * Gaussian kernel mixture.
 */
class DependentAndDataInputsTest {

    /** Monte Carlo rows of every run here: standard errors below are about 1/256 of a spread. */
    static final int N = 1 << 16;
    /** Standard errors a sampled statistic may stray from its closed form (a fixed seed: the bound is not tight). */
    static final double SE = 4;

    @TempDir
    static Path dir;
    /** Distinct data values, skewed: 500 values of 2 + (i / 500)^2 * 10 + 0.01 i. */
    static double[] data;
    static Path csv;

    @BeforeAll
    static void files() throws IOException {
        SparkTests.session();
        data = IntStream.range(0, 500).mapToDouble(i -> 2 + Math.pow(i / 500.0, 2) * 10 + 0.01 * i).toArray();
        csv = dir.resolve("d.csv");
        Files.writeString(csv, "other,v\n" + Arrays.stream(data).mapToObj(v -> String.format(Locale.ROOT, "1,%.17g", v))
                .collect(Collectors.joining("\n")) + "\n");
    }

    static SnaRun.Result run(String study, String id) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, study);
        return SnaRun.sna("run", file.toString(), "--output", dir.resolve("out-" + id).toString(), "--run-id", id);
    }

    static List<Row> table(String id, String table) {
        return SparkTests.session().read().parquet(Published.table(dir.resolve("out-" + id), table, id).toString())
                .collectAsList();
    }

    static final String NORMALS = """
            inputs:
              - {name: x1, dist: normal, mean: 0, sd: 1}
              - {name: x2, dist: normal, mean: 0, sd: 1}
            """;

    @Test
    void run_correlatedNormalsSum_varianceIsTwoPlusTwoRho() throws IOException {
        SnaRun.Result r = run("name: copula\nmodel: {expression: \"x1 + x2\"}\n" + NORMALS
                + "correlation: {normal: [[x1, x2, 0.8]]}\nsampling: {design: mc, n: " + N + ", seed: 5}\n", "copula");
        assertEquals(0, r.exit(), r.err());
        List<Row> summary = table("copula", "summary");
        assertEquals(List.of("sampling"), summary.stream().map(s -> s.<String>getAs("method")).toList(),
                "no closed-form rows with dependent inputs");
        double variance = summary.get(0).getAs("variance");
        double exact = 1 + 1 + 2 * 0.8;
        // y is normal: the sample variance has standard error sigma^2 sqrt(2 / (n - 1))
        assertEquals(exact, variance, SE * exact * Math.sqrt(2.0 / (N - 1)), "var(x1 + x2), rho = 0.8");
        assertEquals(0.0, summary.get(0).<Double>getAs("mean"), SE * Math.sqrt(exact / N));
    }

    @Test
    void generateDesignOnly_spearmanCorrelation_inputsOnlyWithThatRankCorrelation() throws IOException {
        Path inputs = dir.resolve("spearman.yaml");
        Files.writeString(inputs, """
                name: sp
                inputs:
                  - {name: a, dist: uniform, lower: 0, upper: 1}
                  - {name: b, dist: lognormal, mu: 0, sigma: 1}
                correlation: {spearman: [[a, b, 0.5]]}
                """);
        Path out = dir.resolve("design.parquet");
        SnaRun.Result r = SnaRun.sna("generate", "--design-only", "--inputs", inputs.toString(), "--n",
                Integer.toString(N), "--design", "lhs", "--output", out.toString());
        assertEquals(0, r.exit(), r.err());
        var design = SparkTests.session().read().parquet(out.toString());
        assertEquals(List.of("a", "b"), List.of(design.columns()), "inputs only, no response");
        List<Row> rows = design.collectAsList();
        assertEquals(N, rows.size());
        double[] a = rows.stream().mapToDouble(x -> x.getDouble(0)).toArray();
        double[] b = rows.stream().mapToDouble(x -> x.getDouble(1)).toArray();
        // Spearman's rho of the copula is the given 0.5 whatever the marginals; its sample estimate has standard
        // error about (1 - rho^2) / sqrt(n) for a normal copula
        assertEquals(0.5, pearson(ranks(a), ranks(b)), SE * (1 - 0.25) / Math.sqrt(N), "Spearman's rho of the design");
    }

    @Test
    void run_notPositiveDefinite_exit2OneLineNoOutput() throws IOException {
        String study = "name: npd\nmodel: {expression: \"x1 + x2 + x3\"}\n" + NORMALS
                + "  - {name: x3, dist: normal, mean: 0, sd: 1}\n"
                + "correlation: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]\nsampling: {design: mc, n: 64}\n";
        SnaRun.Result r = run(study, "npd");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).startsWith("sna: npd.yaml: correlation must be positive definite:"
                + " correlation[2][0] (x3, x1) = 0.9, correlation[2][1] (x3, x2) = -0.9 contradict the rows above"),
                r.errorLines().get(0));
        assertFalse(Files.exists(dir.resolve("out-npd")));
    }

    @Test
    void run_empiricalInput_quantilesAreTheDataQuantiles() throws IOException {
        double[] p = {0.05, 0.25, 0.5, 0.9};
        SnaRun.Result r = run("name: emp\nmodel: {expression: \"x\"}\ninputs:\n  - {name: x, dist: empirical, file: "
                + csv + ", column: v}\nsampling: {design: mc, n: " + N + ", seed: 3}\nstatistics: {quantile-method:"
                + " exact, quantiles: [0.05, 0.25, 0.5, 0.9]}\n", "emp");
        assertEquals(0, r.exit(), r.err());
        List<Row> q = table("emp", "quantiles").stream().sorted(Comparator.comparingDouble(x -> x.getAs(
                "probability"))).toList();
        assertEquals(p.length, q.size());
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < p.length; i++) {
            // the drawn quantile sits at level p of the data's interpolated CDF, up to the sample quantile's
            // standard error in probability, sqrt(p (1 - p) / n)
            double level = interpolatedCdf(sorted, q.get(i).getAs("value"));
            assertEquals(p[i], level, SE * Math.sqrt(p[i] * (1 - p[i]) / N), "F_data(q_" + p[i] + ")");
        }
    }

    @Test
    void run_kdeInput_meanIsTheDataMeanVarianceAddsTheBandwidth() throws IOException {
        double h = 0.5;
        SnaRun.Result r = run("name: kde\nmodel: {expression: \"x\"}\ninputs:\n  - {name: x, dist: kde, file: " + csv
                + ", column: v, bandwidth: " + h + "}\nsampling: {design: mc, n: " + N + ", seed: 4}\n", "kde");
        assertEquals(0, r.exit(), r.err());
        Row s = table("kde", "summary").get(0);
        double mean = Arrays.stream(data).average().orElseThrow();
        double biased = Arrays.stream(data).map(v -> (v - mean) * (v - mean)).sum() / data.length;
        double variance = biased + h * h; // a Gaussian kernel mixture: the data's spread plus the kernel's
        assertEquals(mean, s.<Double>getAs("mean"), SE * Math.sqrt(variance / N), "kde mean");
        // the mixture is light-tailed (bounded data, narrow kernel): the normal standard error of a variance bounds it
        assertEquals(variance, s.<Double>getAs("variance"), SE * variance * Math.sqrt(2.0 / N), "kde variance");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing file | file: NOFILE, column: v",
        "missing column | file: CSV, column: w",
        "text values | file: TEXT, column: v",
        "one value | file: ONE, column: v"})
    void run_badDataFile_exit2OneLineNamingTheInputNoOutput(String what, String keys) throws IOException {
        Files.writeString(dir.resolve("text.csv"), "v\n1.5\nabc\n2\n");
        Files.writeString(dir.resolve("one.csv"), "v\n1.5\n");
        String id = "bad-" + what.replace(' ', '-');
        SnaRun.Result r = run("name: bad\nmodel: {expression: \"x\"}\ninputs:\n  - {name: x, dist: empirical, "
                + keys.replace("NOFILE", dir.resolve("no.csv").toString()).replace("CSV", csv.toString())
                .replace("TEXT", dir.resolve("text.csv").toString()).replace("ONE", dir.resolve("one.csv").toString())
                + "}\nsampling: {design: mc, n: 64}\n", id);
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).startsWith("sna: " + id + ".yaml: inputs[0] (x, empirical): "),
                r.errorLines().get(0));
        assertFalse(Files.exists(dir.resolve("out-" + id)));
    }

    /** The inverse of the linear interpolation between order statistics (type 7) at v, in [0, 1]. */
    static double interpolatedCdf(double[] sorted, double v) {
        int m = sorted.length;
        int k = Arrays.binarySearch(sorted, v);
        if (k >= 0) {
            return k / (m - 1.0);
        }
        int lo = -k - 2;
        return (lo + (v - sorted[lo]) / (sorted[lo + 1] - sorted[lo])) / (m - 1.0);
    }

    /** Ranks 0..n-1 of distinct values. */
    static double[] ranks(double[] x) {
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] r = new double[x.length];
        for (int i = 0; i < order.length; i++) {
            r[order[i]] = i;
        }
        return r;
    }

    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
