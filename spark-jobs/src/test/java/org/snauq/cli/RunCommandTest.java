package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.datasets.Ishigami;
import org.snauq.model.SnaModelFile;
import org.snauq.results.Methods;
import org.snauq.results.ParquetTables;
import org.snauq.results.ResultTable;
import org.snauq.spark.IshigamiSna;
import org.snauq.spark.SparkTests;

/**
 * {@code sna run} end to end on the shared local Spark session: the shipped Ishigami study against the exact
 * values, the tables' types as DuckDB and Spark SQL read them, closed-form rows of an SNA beside its sampling rows,
 * and {@code sna generate}. (The documented queries over several runs: {@link ResultsLayoutTest}.)
 */
class RunCommandTest {

    /** DESIGN.md / the issue: Sobol' indices of the shipped study within 0.01 of the exact ones. */
    private static final double SOBOL_TOL = 0.01;
    /** Moments within 1% (relative) of the exact ones. */
    private static final double MOMENT_REL_TOL = 0.01;

    private static final Ishigami ISHIGAMI = Ishigami.standard();

    @TempDir
    static Path dir;

    static Path shipped;
    static Path shippedRun;

    @BeforeAll
    static void runShippedStudy() {
        SnaRun.Result r = SnaRun.sna("run", SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml").toString(),
                "--output", dir.resolve("ishigami").toString(), "--run-id", "shipped");
        assertEquals(0, r.exit(), r.err());
        shipped = dir.resolve("ishigami");
        shippedRun = Published.runFolder(shipped, "shipped");
        assertEquals(shippedRun.toString(), r.out().strip());
    }

    private static SparkSession spark() {
        return SparkTests.session();
    }

    private static Map<String, Row> byInput(Dataset<Row> sobol, String method) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : sobol.where("method = '" + method + "'").collectAsList()) {
            m.put(r.getAs("input"), r);
        }
        return m;
    }

    @Test
    void run_shippedStudy_writesReportBesideTheTables() throws Exception {
        String html = Files.readString(shippedRun.resolve("report.html"));
        assertTrue(html.contains("<svg"), "inline SVG plots");
        assertFalse(html.contains("src=") || html.contains("<link") || html.contains("<script"),
                "self-contained: nothing to fetch");
        assertTrue(Files.exists(shippedRun.resolve("manifest.json")));
    }

    @Test
    void run_shippedIshigamiStudy_sobolIndicesMatchExact() {
        Map<String, Row> rows = byInput(spark().read().parquet(Published.table(shipped, "sobol", "shipped").toString()),
                Methods.SALTELLI);
        double[] s1 = ISHIGAMI.firstOrder();
        double[] st = ISHIGAMI.total();
        for (int j = 0; j < 3; j++) {
            Row r = rows.get("x" + (j + 1));
            assertEquals(s1[j], r.<Double>getAs("s1"), SOBOL_TOL, "S" + (j + 1));
            assertEquals(st[j], r.<Double>getAs("st"), SOBOL_TOL, "ST" + (j + 1));
            assertTrue(r.<Double>getAs("s1_ci_low") <= r.<Double>getAs("s1")
                    && r.<Double>getAs("s1") <= r.<Double>getAs("s1_ci_high"));
        }
    }

    @Test
    void run_shippedIshigamiStudy_momentsMatchExact() {
        Row s = spark().read().parquet(Published.table(shipped, "summary", "shipped").toString()).where("method = 'sampling'").first();
        double mean = ISHIGAMI.mean().getAsDouble();
        double variance = ISHIGAMI.variance().getAsDouble();
        assertEquals(mean, s.<Double>getAs("mean"), MOMENT_REL_TOL * mean);
        assertEquals(variance, s.<Double>getAs("variance"), MOMENT_REL_TOL * variance);
        assertEquals(65536L, s.<Long>getAs("n"));
        assertTrue(s.<Double>getAs("mean_ci_low") < mean && mean < s.<Double>getAs("mean_ci_high"));
    }

    @Test
    void run_shippedIshigamiStudy_otherTablesConsistent() {
        List<Row> hist = spark().read().parquet(Published.table(shipped, "histogram", "shipped").toString()).orderBy("bin")
                .collectAsList();
        assertEquals(64, hist.size());
        assertEquals(65536L, hist.stream().mapToLong(r -> r.<Long>getAs("count")).sum(), "every sample in a bin");
        List<Row> q = spark().read().parquet(Published.table(shipped, "quantiles", "shipped").toString()).orderBy("probability")
                .collectAsList();
        assertEquals(7, q.size());
        for (int i = 1; i < q.size(); i++) {
            assertTrue(q.get(i).<Double>getAs("value") >= q.get(i - 1).<Double>getAs("value"), "monotone quantiles");
        }
        assertEquals(2, spark().read().parquet(Published.table(shipped, "exceedance", "shipped").toString()).count());
        List<Row> conv = spark().read().parquet(Published.table(shipped, "convergence_sobol", "shipped").toString())
                .where("input = 'x2'").orderBy("n").collectAsList();
        assertEquals(conv.size(), spark().read().parquet(Published.table(shipped, "convergence_moments", "shipped")
                .toString()).count(), "one moments row per n");
        assertEquals(64L, conv.get(0).<Long>getAs("n"));
        assertEquals(65536L, conv.get(conv.size() - 1).<Long>getAs("n"));
        for (int i = 1; i < conv.size(); i++) {
            assertEquals(2 * conv.get(i - 1).<Long>getAs("n"), conv.get(i).<Long>getAs("n"), "n = 2^k");
        }
        assertTrue(Files.exists(shippedRun.resolve("manifest.json")));
    }

    @Test
    void tables_readByDuckDb_keysFirstAndTheEnumsTypes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (ResultTable table : ResultTable.SAMPLING_RUN) {
                Map<String, String> expected = new LinkedHashMap<>();
                table.columns().after(ResultTable.KEYS).columns()
                        .forEach(col -> expected.put(col.name(), col.type().sqlType()));
                Map<String, String> actual = new LinkedHashMap<>();
                ResultSet d = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('"
                        + Published.table(shipped, table.tableName(), "shipped") + "/*.parquet', hive_partitioning = false)");
                while (d.next()) {
                    actual.put(d.getString("column_name"), d.getString("column_type"));
                }
                assertEquals(expected, actual, table.tableName());
            }
        }
    }

    @Test
    void tables_readBySpark_theEnumsSchema() {
        for (ResultTable table : ResultTable.SAMPLING_RUN) {
            assertEquals(ParquetTables.sparkSchema(table.columns().after(ResultTable.KEYS)).simpleString(),
                    spark().read().parquet(Published.table(shipped, table.tableName(), "shipped").toString()).schema()
                            .simpleString(), table.tableName());
        }
    }

    @Test
    void run_snaModel_analyticRowsAgreeWithSampling() throws Exception {
        Path model = dir.resolve("ishigami.sna");
        SnaModelFile.write(IshigamiSna.model(24), model);
        Path study = dir.resolve("sna-study.yaml");
        Files.writeString(study, Files.readString(SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml"))
                .replace("function: ishigami", "sna: " + model)
                .replace("n: 65536", "n: 16384")
                .replace("keep-samples: false", "keep-samples: true"));
        SnaRun.Result r = SnaRun.sna("run", study.toString(), "--output", dir.resolve("sna").toString(), "--run-id", "a");
        assertEquals(0, r.exit(), r.err());
        Path run = dir.resolve("sna");
        Dataset<Row> summary = spark().read().parquet(Published.table(run, "summary", "a").toString());
        Row sampling = summary.where("method = 'sampling'").first();
        Row analytic = summary.where("method = 'analytic'").first();
        double variance = analytic.<Double>getAs("variance");
        assertEquals(analytic.<Double>getAs("mean"), sampling.<Double>getAs("mean"), MOMENT_REL_TOL * 3.5);
        assertEquals(variance, sampling.<Double>getAs("variance"), MOMENT_REL_TOL * variance);
        assertTrue(analytic.isNullAt(analytic.fieldIndex("n")), "closed form has no sample size");
        Dataset<Row> sobol = spark().read().parquet(Published.table(run, "sobol", "a").toString());
        Map<String, Row> a = byInput(sobol, Methods.ANALYTIC);
        Map<String, Row> s = byInput(sobol, Methods.SALTELLI);
        for (String in : List.of("x1", "x2", "x3")) {
            assertEquals(a.get(in).<Double>getAs("s1"), s.get(in).<Double>getAs("s1"), SOBOL_TOL, in);
            assertEquals(a.get(in).<Double>getAs("st"), s.get(in).<Double>getAs("st"), SOBOL_TOL, in);
        }
        // the samples table holds the model's value at each sample's inputs
        var m = IshigamiSna.model(24);
        Dataset<Row> all = spark().read().parquet(Published.table(run, "samples", "a").toString());
        assertEquals(List.of("study", "run_id", "sample_index", "x1", "x2", "x3", "y"), List.of(all.columns()));
        List<Row> samples = all.orderBy("sample_index").limit(100).collectAsList();
        assertEquals(16384L, all.count());
        assertEquals(1L, all.select("study", "run_id").distinct().count(), "every row keyed by the run");
        for (Row row : samples) {
            double[] z = {row.getAs("x1"), row.getAs("x2"), row.getAs("x3")};
            assertEquals(m.value(z), row.<Double>getAs("y"), 0.0, "bit-identical evaluation");
        }
    }

    @Test
    void run_shippedTrainStudy_analyticAgreesWithSamplingAndExact() throws Exception {
        Path study = dir.resolve("train.yaml");
        Files.writeString(study, Files.readString(SnaRun.ROOT.resolve("conf/studies/ishigami-train.yaml"))
                .replace("data: conf/data/", "data: " + SnaRun.ROOT.resolve("conf/data") + "/"));
        SnaRun.Result r = SnaRun.sna("run", study.toString(), "--output", dir.resolve("train").toString(), "--run-id", "t");
        assertEquals(0, r.exit(), r.err());
        Path run = dir.resolve("train");
        Dataset<Row> sobol = spark().read().parquet(Published.table(run, "sobol", "t").toString());
        Map<String, Row> a = byInput(sobol, Methods.ANALYTIC);
        Map<String, Row> s = byInput(sobol, Methods.SALTELLI);
        double[] s1 = ISHIGAMI.firstOrder();
        double[] st = ISHIGAMI.total();
        for (int j = 0; j < 3; j++) {
            String in = "x" + (j + 1);
            assertEquals(a.get(in).<Double>getAs("s1"), s.get(in).<Double>getAs("s1"), SOBOL_TOL, in);
            assertEquals(a.get(in).<Double>getAs("st"), s.get(in).<Double>getAs("st"), SOBOL_TOL, in);
            assertEquals(s1[j], a.get(in).<Double>getAs("s1"), SOBOL_TOL, "trained SNA vs exact " + in);
            assertEquals(st[j], a.get(in).<Double>getAs("st"), SOBOL_TOL, "trained SNA vs exact " + in);
        }
        Row analytic = spark().read().parquet(Published.table(run, "summary", "t").toString())
                .where("method = 'analytic'").first();
        double mean = ISHIGAMI.mean().getAsDouble();
        assertEquals(mean, analytic.<Double>getAs("mean"), MOMENT_REL_TOL * mean);
    }

    /**
     * Training inline on inputs with unbounded laws (normal, lognormal) under the default domain-policy: error.
     * The model must cover where the study samples (not just the rows' range), and y = x1 x2 is reproduced
     * exactly by cubic atoms, beyond the rows too, so the closed-form mean is E[x1] E[x2] = e^(0.125) up to the
     * mass clamped beyond the 1e-9 quantiles and the fit's rounding (1e-6 relative is far above both).
     */
    @Test
    void run_trainOnUnboundedInputs_coversTheLawsAndExtrapolatesTheData() throws Exception {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
        for (int j = 0; j < 400; j++) {
            double x1 = 1.0 + 0.5 * rng.nextGaussian();
            double x2 = Math.exp(0.5 * rng.nextGaussian());
            csv.append(x1).append(',').append(x2).append(',').append(x1 * x2).append('\n');
        }
        Path data = dir.resolve("unbounded.csv");
        Files.writeString(data, csv);
        Path study = dir.resolve("unbounded.yaml");
        Files.writeString(study, String.join("\n",
                "name: unbounded-train",
                "model:",
                "  train: {data: " + data + ", response: y, rank: 1, degree: 3, knots: 8}",
                "inputs:",
                "  - {name: x1, dist: normal, mean: 1.0, sd: 0.5}",
                "  - {name: x2, dist: lognormal, mu: 0.0, sigma: 0.5}",
                "sampling: {design: mc, n: 20000, seed: 3}",
                "statistics: {analytic: true}",
                ""));
        SnaRun.Result r = SnaRun.sna("run", study.toString(), "--output", dir.resolve("unbounded").toString(),
                "--run-id", "u");
        assertEquals(0, r.exit(), r.err());
        Row analytic = spark().read().parquet(Published.table(dir.resolve("unbounded"), "summary", "u").toString())
                .where("method = 'analytic'").first();
        double exact = Math.exp(0.125);
        assertEquals(exact, analytic.<Double>getAs("mean"), 1e-6 * exact);
    }

    @Test
    void generate_function_writesInputsAndResponse() throws IOException {
        Path out = dir.resolve("gen/ishigami.parquet");
        SnaRun.Result r = SnaRun.sna("generate", "--function", "ishigami", "--inputs",
                SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml").toString(), "--n", "3000", "--design", "lhs",
                "--output", out.toString());
        assertEquals(0, r.exit(), r.err());
        Dataset<Row> data = spark().read().parquet(out.toString());
        assertEquals(List.of("x1", "x2", "x3", "y"), List.of(data.columns()));
        assertEquals(3000, data.count());
        for (Row row : data.limit(200).collectAsList()) {
            double[] x = {row.getAs("x1"), row.getAs("x2"), row.getAs("x3")};
            assertEquals(ISHIGAMI.value(x), row.<Double>getAs("y"), 0.0);
            for (double v : x) {
                assertTrue(Math.abs(v) <= Math.PI);
            }
        }
        var manifest = org.snauq.results.RunManifest.parse(Files.readAllBytes(out.resolve("_manifest.json")), "m");
        assertEquals(org.snauq.results.RunManifest.Kind.DATA, manifest.kind());
        assertEquals(3000L, manifest.sampleCount());
        // a second run replaces the data atomically and leaves no temporary folder behind, only its lock
        long before = Files.getLastModifiedTime(out).toMillis();
        SnaRun.Result again = SnaRun.sna("generate", "--expr", "x1 + x2", "--inputs",
                SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml").toString(), "--n", "10", "--output", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(10, spark().read().parquet(out.toString()).count());
        List<String> siblings = new ArrayList<>();
        try (var s = Files.list(out.getParent())) {
            s.forEach(p -> siblings.add(p.getFileName().toString()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(".ishigami.parquet.lock", "ishigami.parquet"), siblings.stream().sorted().toList());
        assertTrue(before > 0);
    }

    @Test
    void generate_outputNamesWithGlobCharacters_eachReadBackAlone() throws IOException {
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("hab.parquet", 30);
        rows.put("h?b.parquet", 20);
        rows.put("h[a]b.parquet", 12);
        rows.put("h{a,b}b.parquet", 7);
        for (Map.Entry<String, Integer> e : rows.entrySet()) {
            SnaRun.Result r = SnaRun.sna("generate", "--function", "ishigami", "--inputs",
                    SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml").toString(), "--n", e.getValue().toString(),
                    "--output", dir.resolve("glob").resolve(e.getKey()).toString());
            assertEquals(0, r.exit(), r.err());
        }
        for (Map.Entry<String, Integer> e : rows.entrySet()) { // what sna train --data reads
            assertEquals(e.getValue(), org.snauq.models.TableReader.read(dir.resolve("glob").resolve(e.getKey()),
                    RunCommandTest::spark).rows(), e.getKey());
        }
    }

    @Test
    void run_manifest_recordsStudyModelAndCounts() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(shippedRun.resolve("manifest.json")
                .toFile());
        assertEquals("shipped", json.get("run_id").asText());
        assertEquals("ishigami-sobol", json.get("study").get("name").asText());
        assertEquals(65536, json.get("sample_count").asLong());
        assertEquals(65536L * 5, json.get("evaluations").asLong());
        assertEquals(64, json.get("row_counts").get("histogram").asLong());
        assertEquals(64, json.get("model").get("hash").asText().length());
        assertFalse(json.get("timings_ms").get("sampling").isMissingNode());
    }
}
