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
import org.snauq.models.TestSimulators;
import org.snauq.spark.SparkTests;

/**
 * Simulate, train, propagate in one study ({@code model: {train: {simulator: ...}}}): the design runs through the
 * program on the executors, the SNA is trained on the driver, its validation error is checked against
 * {@code max-error}, and the manifest records the simulator and the fit.
 */
class SimulateTrainTest {

    @TempDir
    static Path dir;
    static Path borehole;

    @BeforeAll
    static void programs() {
        SparkTests.session();
        borehole = TestSimulators.borehole(dir);
    }

    static String study(String train) {
        return "name: sim-train\nmodel:\n  train: {simulator: {command: {run: [" + borehole + "], timeout: 60}}, "
                + train + "}\ninputs:\n" + TestSimulators.BOREHOLE_INPUTS
                + "sampling: {design: mc, n: 4000, seed: 8}\nstatistics: {keep-samples: true}\n";
    }

    static SnaRun.Result run(String text, String output, String id) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, text);
        return SnaRun.sna("run", file.toString(), "--output", dir.resolve(output).toString(), "--run-id", id);
    }

    /** About 25 s on 2 busy cores, most of it the auto resolution ladder of the fit (the feature under test). */
    @Test
    void run_simulateTrainPropagate_surrogateCloseToTheFunctionAndFactsInTheManifest() throws IOException {
        SnaRun.Result r = run(study("design: lhs, n: 300, seed: 2, validation: 0.25, max-error: 0.05"), "out", "st");
        assertEquals(0, r.exit(), r.err());
        JsonNode model = new ObjectMapper().readTree(Published.runFolder(dir.resolve("out"), "st")
                .resolve("manifest.json").toFile()).get("model");
        JsonNode sim = model.get("simulator");
        assertEquals("lhs", sim.get("design").asText());
        assertEquals(300, sim.get("runs").asInt());
        assertEquals(0, sim.get("failed_runs").asInt());
        assertTrue(sim.get("description").asText().startsWith("command " + borehole), sim.toString());
        assertEquals(300, model.get("training_rows").asInt());
        assertEquals(0.25, model.get("validation_fraction").asDouble(), 0.0);
        double validation = model.get("validation_error").asDouble();
        assertTrue(validation > 0 && validation < 0.05, "validation rel. RMSE " + validation);
        // the propagated samples are the SNA's: against the function itself, their relative RMSE matches the
        // validation error's order (a fit of 225 rows in 8 inputs)
        List<Row> samples = SparkTests.session().read().parquet(Published.table(dir.resolve("out"), "samples", "st")
                .toString()).collectAsList();
        org.snauq.datasets.BenchmarkFunction f = org.snauq.datasets.BenchmarkFunctions.byName("borehole");
        double se = 0;
        double sum = 0;
        double sum2 = 0;
        for (Row s : samples) {
            double exact = f.value(f.inputNames().stream().mapToDouble(n -> s.<Double>getAs(n)).toArray());
            double d = s.<Double>getAs("y") - exact;
            se += d * d;
            sum += exact;
            sum2 += exact * exact;
        }
        int n = samples.size();
        double rel = Math.sqrt(se / n) / Math.sqrt(sum2 / n - (sum / n) * (sum / n));
        assertTrue(rel < 3 * validation + 1e-3, "surrogate rel. RMSE on the propagated samples " + rel
                + " against validation " + validation);
    }

    @Test
    void run_validationErrorAboveMaxError_exit2OneLineNothingWritten() throws IOException {
        SnaRun.Result r = run(study("design: mc, n: 60, max-error: 1e-9"), "none", "tight");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).matches("sna: tight\\.yaml: model\\.train: the validation error of y is .*,"
                + " above max-error 1\\.0E-9; train on more rows or raise max-error"), r.errorLines().get(0));
        assertFalse(Files.exists(dir.resolve("none")));
    }
}
