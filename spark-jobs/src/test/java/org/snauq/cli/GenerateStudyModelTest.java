package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.datasets.BenchmarkFunction;
import org.snauq.datasets.BenchmarkFunctions;
import org.snauq.models.FakeUmBridgeServer;
import org.snauq.models.TestSimulators;
import org.snauq.spark.SparkTests;

/**
 * {@code sna generate --inputs STUDY.yaml} without a model option evaluates the study file's own {@code model:}
 * section on the executors, whatever its kind: a UM-Bridge server (through retries; its calls counted in the
 * data's manifest) and an external program give each row the model's value at the row's inputs; a study without a
 * model section, or two model options, is exit 2 with one line and nothing written.
 */
class GenerateStudyModelTest {

    /**
     * The same function in awk (printed with %.17g) and in Java: a few ulps of rounding in the logs and quotients
     * (as SimulatorRunTest.SAME_FUNCTION).
     */
    private static final double SAME_FUNCTION = 1e-12;

    /** The fake server's inputs: x1, x2 | x3 (InputSizes [2, 1]). */
    private static final String FAKE_INPUTS = """
            inputs:
              - {name: x1, dist: uniform, lower: -1.0, upper: 1.0}
              - {name: x2, dist: normal, mean: 0.5, sd: 1.0}
              - {name: x3, dist: uniform, lower: 0.0, upper: 2.0}
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void spark() {
        SparkTests.session();
    }

    private static Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static List<Row> data(Path folder) {
        return SparkTests.session().read().parquet(folder.toString()).collectAsList();
    }

    @Test
    void generate_umbridgeStudyModelThroughAFlakyServer_rowsAreTheModelAndCallsAreCounted() throws IOException {
        try (FakeUmBridgeServer flaky = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.FLAKY, 7, 1)) {
            Path study = file("um.yaml", "name: um\nmodel: {umbridge: {url: \"" + flaky.url() + "\", name: sim,"
                    + " parallel: 4, retries: 6}}\n" + FAKE_INPUTS);
            Path out = dir.resolve("um.parquet");
            SnaRun.Result r = SnaRun.sna("generate", "--inputs", study.toString(), "--n", "200", "--design", "lhs",
                    "--output", out.toString());
            assertEquals(0, r.exit(), r.err());
            List<Row> rows = data(out);
            assertEquals(200, rows.size());
            for (Row row : rows) {
                double x1 = row.getAs("x1");
                double x2 = row.getAs("x2");
                double x3 = row.getAs("x3");
                assertEquals(FakeUmBridgeServer.y1(x1, x2, x3), (double) row.getAs("y1"), 0.0, "y1: JSON is exact");
                assertEquals(FakeUmBridgeServer.y2(x1, x2, x3), (double) row.getAs("y2"), 0.0, "y2: JSON is exact");
            }
            JsonNode calls = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile()).path("model_calls");
            int sent = flaky.evaluateCalls.get();
            assertTrue(sent >= 200 + 200 / 7, "every 7th call failed: " + sent);
            assertEquals(sent, calls.path("requests").asLong(), "requests: as the server counted them");
            assertEquals(sent / 7, calls.path("retries").asLong(), "retries: one per 503 the server sent");
            assertEquals(200 + calls.path("retries").asLong(), calls.path("requests").asLong(),
                    "requests = samples + retries");
            assertTrue(calls.path("wait_ms").asLong() >= 0, calls.toString());
        }
    }

    @Test
    void generate_commandStudyModel_rowsAreTheBuiltInFunction() throws IOException {
        Path study = file("cmd.yaml", "name: cmd\nmodel:\n  command: {run: [" + TestSimulators.borehole(dir)
                + "], timeout: 60}\ninputs:\n" + TestSimulators.BOREHOLE_INPUTS);
        Path out = dir.resolve("cmd.parquet");
        SnaRun.Result r = SnaRun.sna("generate", "--inputs", study.toString(), "--n", "100", "--output",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        BenchmarkFunction borehole = BenchmarkFunctions.byName("borehole");
        List<Row> rows = data(out);
        assertEquals(100, rows.size());
        for (Row row : rows) {
            double f = borehole.value(borehole.inputNames().stream().mapToDouble(n -> row.<Double>getAs(n)).toArray());
            assertEquals(f, (double) row.getAs("y"), SAME_FUNCTION * f);
        }
        assertFalse(Files.readString(out.resolve("_manifest.json")).contains("model_calls"),
                "a program's calls are not counted (only UM-Bridge's are)");
    }

    @Test
    void generate_noModelOptionAndNoModelSection_oneLineExit2NothingWritten() throws IOException {
        Path study = file("bare.yaml", FAKE_INPUTS);
        Path out = dir.resolve("bare.parquet");
        SnaRun.Result r = SnaRun.sna("generate", "--inputs", study.toString(), "--n", "10", "--output",
                out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of("sna: bare.yaml: model: missing; give the study a model: section or one of --function,"
                + " --expr, --model, --problem, --design-only"), r.errorLines());
        assertFalse(Files.exists(out));
    }

    @Test
    void generate_help_saysTheStudyModelIsTheDefault() {
        SnaRun.Result r = SnaRun.sna("generate", "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("the model is the study file's own model: section"),
                r.out());
    }

    @Test
    void generate_twoModelOptions_oneLineExit2NothingWritten() throws IOException {
        Path study = file("two.yaml", "name: two\nmodel: {function: ishigami}\n" + FAKE_INPUTS);
        Path out = dir.resolve("two.parquet");
        SnaRun.Result r = SnaRun.sna("generate", "--function", "ishigami", "--design-only", "--inputs",
                study.toString(), "--n", "10", "--output", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).contains("mutually exclusive"), r.err());
        assertFalse(Files.exists(out));
    }
}
