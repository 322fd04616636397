package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.model.MultiSnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.models.FakeUmBridgeServer;
import org.snauq.serve.ServedModel;
import org.snauq.serve.UmBridgeServer;
import org.snauq.spark.IshigamiSna;
import org.snauq.spark.SparkTests;

/**
 * Studies whose model is served over UM-Bridge ({@code model: {umbridge: ...}}), end to end through {@code sna run}:
 * against {@code sna serve} the tables equal those of the same study with the {@code .sna} file; against an in-test
 * server that fails every k-th call, answers out of order or misbehaves, the tables are the same bits for any
 * {@code parallel} and partitioning, failures follow the study's {@code on-failure}, and protocol errors and
 * unreachable servers stop the run with one line and nothing written.
 */
class UmBridgeRunTest {

    /**
     * Served and local evaluations of one SNA: the same B-spline code on the same doubles (JSON carries them
     * exactly); sums of a few thousand terms in another order may differ by a few ulps of values of order 10.
     */
    private static final double SAME_MODEL_TOL = 1e-12;

    private static final String ISHIGAMI = """
            name: served
            model: MODEL
            inputs:
              - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
            sampling: {design: sobol, n: 1024, seed: 5}
            statistics: {sobol: true, quantiles: [0.1, 0.5, 0.9], quantile-method: exact, exceedance: [5.0],
                         histogram: {bins: 16}}
            """;

    /** The fake server's model, y1 = x1 + 2 x2 + x3^2, y2 = x1 x2 - x3, with inputs x1, x2 | x3. */
    private static final String FAKE = """
            name: fake
            model: MODEL
            inputs:
              - {name: x1, dist: uniform, lower: -1.0, upper: 1.0}
              - {name: x2, dist: normal, mean: 0.5, sd: 1.0}
              - {name: x3, dist: uniform, lower: 0.0, upper: 2.0}
            sampling: {design: mc, n: 400, seed: 9}
            statistics: {quantiles: [0.05, 0.5, 0.95], quantile-method: exact, exceedance: [1.0], histogram: false}
            on-failure: POLICY
            spark: {partitions: PARTITIONS}
            """;

    /**
     * The mean of 400 Monte Carlo samples of y1 = x1 + 2 x2 + x3^2 (sd about 2.2 for the trained study's inputs):
     * 4 sd / sqrt(n); the SNA of a sum of 1-D terms, trained on 400 runs, errs far less.
     */
    private static final double TRAINED_MEAN_TOL = 4 * 2.2 / Math.sqrt(400);

    private static final List<String> TABLES = List.of("summary", "quantiles", "exceedance", "convergence_moments");

    @TempDir
    static Path dir;

    private static UmBridgeServer served;
    private static Path snaFile;

    @BeforeAll
    static void serve() throws IOException {
        SparkTests.session();
        snaFile = dir.resolve("ishigami.sna");
        SnaModelFile.write(IshigamiSna.model(16), snaFile);
        served = UmBridgeServer.start(List.of(new ServedModel("ishigami", MultiSnaModel.of(IshigamiSna.model(16)))),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2, null);
    }

    @AfterAll
    static void stop() {
        served.stop();
    }

    private static SnaRun.Result run(String study, String id) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, study);
        return SnaRun.sna("run", file.toString(), "--output", dir.resolve(id).toString(), "--run-id", id);
    }

    private static Path ok(String study, String id) throws IOException {
        SnaRun.Result r = run(study, id);
        assertEquals(0, r.exit(), r.err());
        return dir.resolve(id);
    }

    private static List<Row> rows(Path output, String id, String table) {
        return SparkTests.session().read().parquet(Published.table(output, table, id).toString()).collectAsList();
    }

    /** Every value after study and run_id: doubles as their bits, or within {@code tol} when tol &gt; 0. */
    private static void assertSameRows(List<Row> expected, List<Row> actual, double tol, String what) {
        assertEquals(expected.size(), actual.size(), what + ": rows");
        for (int r = 0; r < expected.size(); r++) {
            for (int i = 2; i < expected.get(r).size(); i++) {
                Object e = expected.get(r).get(i);
                Object a = actual.get(r).get(i);
                String where = what + " row " + r + " column " + expected.get(r).schema().fields()[i].name();
                if (e instanceof Double x && tol > 0) {
                    assertEquals(x, (Double) a, tol * Math.max(1, Math.abs(x)), where);
                } else if (e instanceof Double x) {
                    assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits((Double) a), where);
                } else {
                    assertEquals(e, a, where);
                }
            }
        }
    }

    private static JsonNode manifest(Path output, String id) throws IOException {
        return new ObjectMapper().readTree(Published.runFolder(output, id).resolve("manifest.json").toFile());
    }

    @Test
    void run_throughSnaServe_tablesEqualTheSnaFileStudy() throws IOException {
        String url = "http://127.0.0.1:" + served.address().getPort();
        Path local = ok(ISHIGAMI.replace("MODEL", "{sna: " + snaFile + "}"), "local");
        Path remote = ok(ISHIGAMI.replace("MODEL", "{umbridge: {url: \"" + url + "\", name: ishigami, outputs: [y],"
                + " parallel: 4}}"), "remote");
        for (String table : List.of("summary", "quantiles", "sobol", "histogram", "exceedance", "convergence_sobol")) {
            List<Row> expected = rows(local, "local", table).stream().filter(r -> !"analytic".equals(
                    r.schema().getFieldIndex("method").isDefined() ? r.getAs("method") : "")).toList();
            assertSameRows(expected, rows(remote, "remote", table), SAME_MODEL_TOL, table);
        }
        JsonNode model = manifest(remote, "remote").path("model");
        assertEquals("ishigami", model.path("umbridge_model").asText());
        assertEquals(url, model.path("umbridge_urls").get(0).asText());
        assertEquals("[3]", model.path("input_sizes").toString());
    }

    @Test
    void run_flakyServerAnyParallelAndPartitions_sameBitsAsTheFormula() throws IOException {
        try (FakeUmBridgeServer flaky = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.FLAKY, 10, 2)) {
            String model = "{umbridge: {url: \"" + flaky.url() + "\", name: sim, config: {level: 2}, parallel: P,"
                    + " retries: 6}}";
            String study = FAKE.replace("POLICY", "error");
            Path one = ok(study.replace("MODEL", model.replace("P", "1")).replace("PARTITIONS", "1"), "p1");
            Path eight = ok(study.replace("MODEL", model.replace("P", "8")).replace("PARTITIONS", "5"), "p8");
            Path formula = ok(study.replace("MODEL", "{expression: {y1: \"x1 + 2 * x2 + x3 * x3\", y2: \"x1 * x2 -"
                    + " x3\"}}").replace("PARTITIONS", "3"), "formula");
            for (String table : TABLES) {
                assertSameRows(rows(one, "p1", table), rows(eight, "p8", table), 0, table + ", parallel 8 on 5"
                        + " partitions");
                assertSameRows(rows(formula, "formula", table), rows(one, "p1", table), SAME_MODEL_TOL, table
                        + " against the formula");
            }
            assertTrue(flaky.evaluateCalls.get() > 2 * 400, "every 10th call failed and was retried");
            flaky.configs.forEach(c -> assertEquals("{\"level\":2}", c.toString(), "the config passed through"));
        }
    }

    @Test
    void run_slowServer_progressLinesCountAnsweredSamples() throws IOException {
        // 800 answers of 0 to 20 ms, one at a time per task on 2 cores: about 4 s, so a task ends after the first
        // line's 2 s (BlockProgress.EVERY_NANOS) with samples still to do
        try (FakeUmBridgeServer slow = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.ANSWER, 0, 20)) {
            SnaRun.Result r = run(FAKE.replace("n: 400", "n: 800").replace("POLICY", "error")
                    .replace("PARTITIONS", "8").replace("MODEL", "{umbridge: {url: \"" + slow.url() + "\", name:"
                            + " sim, parallel: 1}}"), "progress");
            assertEquals(0, r.exit(), r.err());
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("sampling: (\\d+)/800 samples done")
                    .matcher(r.err());
            assertTrue(line.find(), r.err());
            long done = Long.parseLong(line.group(1));
            assertTrue(done > 0 && done < 800, line.group());
        }
    }

    @Test
    void run_flakyServer_manifestAndReportCountRequestsAsSamplesPlusRetries() throws IOException {
        try (FakeUmBridgeServer flaky = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.FLAKY, 9, 1)) {
            Path out = ok(FAKE.replace("POLICY", "error").replace("PARTITIONS", "3").replace("MODEL",
                    "{umbridge: {url: \"" + flaky.url() + "\", name: sim, parallel: 4, retries: 6}}"), "counted");
            JsonNode calls = manifest(out, "counted").path("model_calls");
            int sent = flaky.evaluateCalls.get(); // one pass over 400 samples: exact quantiles, no histogram
            assertEquals(sent, calls.path("requests").asLong(), "requests: as the server counted them");
            assertEquals(sent / 9, calls.path("retries").asLong(), "retries: one per 503 (calls 9, 18, ...)");
            assertEquals(400 + calls.path("retries").asLong(), calls.path("requests").asLong(),
                    "requests = samples + retries");
            String report = Files.readString(Published.runFolder(out, "counted").resolve("report.html"));
            String table = report.substring(report.indexOf("<table id=\"model-calls\">"));
            table = table.substring(0, table.indexOf("</table>"));
            assertTrue(table.contains("<td>requests</td>") && table.contains(">" + sent + "<"), table);
        }
    }

    @Test
    void run_serverClosesSomeConnections_skipListsThemAsFailures() throws IOException {
        try (FakeUmBridgeServer closing = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.CLOSE, 0, 0, -0.9)) {
            String study = FAKE.replace("POLICY", "skip").replace("PARTITIONS", "2").replace("MODEL",
                    "{umbridge: {url: \"" + closing.url() + "\", name: sim, retries: 1}}");
            Path out = ok(study, "closing");
            List<Row> failures = rows(out, "closing", "failures");
            assertFalse(failures.isEmpty(), "about 5% of x1 ~ U(-1, 1) lie below -0.9: some 20 of 400");
            for (Row f : failures) {
                assertTrue(f.<Double>getAs("x1") < -0.9, "only points the server refuses fail");
                String reason = f.getAs("reason");
                assertTrue(reason.startsWith("connection lost (") && reason.endsWith(" from " + closing.url()
                        + " (2 attempts)"), reason);
            }
            long kept = rows(out, "closing", "summary").get(0).<Long>getAs("n");
            assertEquals(400, kept + failures.size(), "each failed sample is listed once, the others kept");
        }
    }

    @Test
    void run_serverNeverAnswers_errorNamesTheFirstSample() throws IOException {
        try (FakeUmBridgeServer silent = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.NEVER, 0, 0)) {
            String study = FAKE.replace("n: 400", "n: 16").replace("POLICY", "error").replace("PARTITIONS", "1")
                    .replace("MODEL", "{umbridge: {url: \"" + silent.url() + "\", name: sim, timeout: 0.3, retries:"
                            + " 1, parallel: 16}}");
            SnaRun.Result r = run(study, "silent");
            assertEquals(2, r.exit(), r.err());
            List<String> lines = r.errorLines();
            assertEquals(1, lines.size(), r.err());
            assertTrue(lines.get(0).startsWith("sna: silent.yaml: sample 0 (x1 = "), lines.get(0));
            assertTrue(lines.get(0).contains("): no answer within 0.3 s from " + silent.url() + " (2 attempts)"),
                    lines.get(0));
            assertFalse(Files.exists(dir.resolve("silent").resolve("runs")), "no run published");
        }
    }

    @Test
    void run_invalidOutput_oneLineNamingModelInputsAndMessageNothingWritten() throws IOException {
        try (FakeUmBridgeServer invalid = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.INVALID_OUTPUT, 0, 0)) {
            String study = FAKE.replace("POLICY", "skip").replace("PARTITIONS", "1").replace("MODEL",
                    "{umbridge: {url: \"" + invalid.url() + "\", name: sim}}");
            SnaRun.Result r = run(study, "invalid");
            assertEquals(2, r.exit(), r.err());
            List<String> lines = r.errorLines();
            assertEquals(1, lines.size(), r.err());
            String line = lines.get(0);
            assertTrue(line.startsWith("sna: invalid.yaml: model.umbridge: sim at " + invalid.url() + " answered"
                    + " InvalidOutput for x1 = "), line);
            assertTrue(line.contains(", x2 = ") && line.contains(", x3 = "), line);
            assertTrue(line.endsWith(": Output vector 0 has invalid length! Model declared 1 but returned 2."), line);
            assertFalse(Files.exists(dir.resolve("invalid")), "no output folder");
        }
    }

    @Test
    void run_unreachableServer_oneLineNamingTheUrlNothingWritten() throws IOException {
        String url = FakeUmBridgeServer.nobodyListening();
        SnaRun.Result r = run(FAKE.replace("POLICY", "error").replace("PARTITIONS", "1").replace("MODEL",
                "{umbridge: {url: \"" + url + "\"}}"), "unreachable");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).startsWith("sna: unreachable.yaml: model.umbridge.url: " + url
                + ": cannot reach the server: cannot connect ("), r.err());
        assertFalse(Files.exists(dir.resolve("unreachable")), "no output folder");
    }

    @Test
    void run_trainOnSimulatorRuns_propagatesTheFittedSna() throws IOException {
        try (FakeUmBridgeServer sim = FakeUmBridgeServer.answering()) {
            String study = FAKE.replace("POLICY", "error").replace("PARTITIONS", "2").replace("MODEL",
                    "{train: {simulator: {umbridge: {url: \"" + sim.url() + "\", name: sim}}, design: lhs, n: 400,"
                            + " response: y1}}");
            Path out = ok(study.replace("normal, mean: 0.5, sd: 1.0", "uniform, lower: -1.0, upper: 2.0"), "trained");
            Row summary = rows(out, "trained", "summary").get(0);
            // exact: E[x1 + 2 x2 + x3^2] = 0 + 2 * 0.5 + 4/3 for x1 ~ U(-1, 1), x2 ~ U(-1, 2), x3 ~ U(0, 2)
            double mean = 1 + 4.0 / 3;
            assertEquals(mean, summary.<Double>getAs("mean"), TRAINED_MEAN_TOL);
            assertEquals(400, sim.evaluateCalls.get(), "the simulator ran the training design only");
        }
    }

}
