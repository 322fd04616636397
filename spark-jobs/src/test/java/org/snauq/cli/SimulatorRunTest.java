package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.datasets.BenchmarkFunction;
import org.snauq.datasets.BenchmarkFunctions;
import org.snauq.models.TestJars;
import org.snauq.models.TestSimulators;
import org.snauq.spark.SparkTests;

/**
 * {@code sna run} with external models on local[2] (issue 15): a program and a Java class computing borehole and
 * piston give the built-in functions' tables to 1e-12 and the same bits on any partitioning; crashes and hangs are
 * failures under the study's policy; every bad simulator is exit 2 with one line and no output folder.
 */
class SimulatorRunTest {

    /** Relative difference between tables of the same function computed in awk and in Java (see CommandModelTest). */
    static final double SAME_FUNCTION = 1e-12;

    @TempDir
    static Path dir;
    static Path borehole;

    @BeforeAll
    static void programs() {
        SparkTests.session();
        borehole = TestSimulators.borehole(dir);
    }

    static String study(String name, String model, String inputs, String rest) {
        return "name: " + name + "\nmodel:\n  " + model + "\ninputs:\n" + inputs + rest;
    }

    static SnaRun.Result run(String text, String id) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, text);
        return SnaRun.sna("run", file.toString(), "--output", dir.resolve("out").toString(), "--run-id", id);
    }

    static List<Row> rows(String table, String id) {
        return SparkTests.session().read().parquet(Published.table(dir.resolve("out"), table, id).toString())
                .drop("study", "run_id").collectAsList().stream()
                .sorted(Comparator.comparing(Row::toString)).toList();
    }

    /** Every double of the two runs' rows within SAME_FUNCTION (relative), every other value equal. */
    static void assertSameTables(String expectedId, String actualId, List<String> tables) {
        for (String table : tables) {
            List<Row> e = rows(table, expectedId);
            List<Row> a = rows(table, actualId);
            assertEquals(e.size(), a.size(), table + ": rows");
            for (int i = 0; i < e.size(); i++) {
                StructField[] fields = e.get(i).schema().fields();
                for (int c = 0; c < fields.length; c++) {
                    String where = table + " row " + i + " " + fields[c].name();
                    if (fields[c].dataType().equals(DataTypes.DoubleType) && !e.get(i).isNullAt(c)) {
                        double x = e.get(i).getDouble(c);
                        assertEquals(x, a.get(i).getDouble(c), SAME_FUNCTION * Math.max(1, Math.abs(x)), where);
                    } else if (!fields[c].name().equals("count")) { // histogram counts: compared below
                        assertEquals(e.get(i).get(c), a.get(i).get(c), where);
                    }
                }
            }
        }
    }

    @Test
    void run_boreholeProgramSobolStudy_tablesEqualBuiltInFunctionAndAnyPartitioning() throws IOException {
        String rest = "sampling: {design: sobol, n: 1024, seed: 3}\n"
                + "statistics: {sobol: true, quantiles: [0.05, 0.5, 0.95], quantile-method: exact, exceedance: [80.0]}\n";
        ok(run(study("fn", "function: borehole", TestSimulators.BOREHOLE_INPUTS, rest), "fn"));
        String command = "command: {run: [" + borehole + "], timeout: 60}";
        SnaRun.Result r = run(study("cmd", command, TestSimulators.BOREHOLE_INPUTS, rest + "spark: {partitions: 3}\n"),
                "cmd3");
        assertEquals(0, r.exit(), r.err());
        assertSameTables("fn", "cmd3", List.of("summary", "quantiles", "sobol", "exceedance"));
        assertEquals(0, run(study("cmd", command, TestSimulators.BOREHOLE_INPUTS, rest + "spark: {partitions: 1}\n"),
                "cmd1").exit());
        for (String t : List.of("summary", "quantiles", "sobol", "exceedance", "histogram", "convergence_moments")) {
            assertEquals(rows(t, "cmd3"), rows(t, "cmd1"), t + ": the same bits on 1 and 3 partitions");
        }
        String manifest = Files.readString(Published.runFolder(dir.resolve("out"), "cmd3").resolve("manifest.json"));
        assertTrue(manifest.contains("\"program_sha256\""), manifest);
    }

    @Test
    void run_oneProgramTwoOutputs_eachSampleEqualsItsBuiltInFunction() throws IOException {
        String rest = "sampling: {design: lhs, n: 300, seed: 4}\nstatistics: {keep-samples: true}\n";
        String both = TestSimulators.PISTON_INPUTS + TestSimulators.BOREHOLE_INPUTS;
        ok(run(study("two", "command: {run: [" + TestSimulators.boreholeAndPiston(dir) + "], outputs: [flow, cycle]}",
                both, rest), "two"));
        assertEquals(List.of("cycle", "flow"), rows("summary", "two").stream().map(s -> s.<String>getAs("output"))
                .toList());
        BenchmarkFunction flow = BenchmarkFunctions.byName("borehole");
        BenchmarkFunction cycle = BenchmarkFunctions.byName("piston");
        List<Row> samples = rows("samples", "two");
        assertEquals(300, samples.size());
        for (Row s : samples) {
            double f = flow.value(flow.inputNames().stream().mapToDouble(n -> s.<Double>getAs(n)).toArray());
            double c = cycle.value(cycle.inputNames().stream().mapToDouble(n -> s.<Double>getAs(n)).toArray());
            assertEquals(f, s.<Double>getAs("flow"), SAME_FUNCTION * f);
            assertEquals(c, s.<Double>getAs("cycle"), SAME_FUNCTION * c);
        }
    }

    @Test
    void run_crashingProgram_skipRecordsFailuresAndErrorStopsWithOneLine() throws IOException {
        String command = "command: {run: [" + TestSimulators.crashing(dir, 0.085) + "], timeout: 60}";
        String rest = "sampling: {design: mc, n: 400, seed: 9}\nstatistics: {keep-samples: true}\n";
        assertEquals(0, run(study("crash", command, TestSimulators.BOREHOLE_INPUTS, rest + "on-failure: skip\n"),
                "skip").exit());
        List<Row> failures = rows("failures", "skip");
        List<Row> samples = rows("samples", "skip");
        assertFalse(failures.isEmpty());
        assertEquals(400, failures.size() + samples.size());
        for (Row f : failures) {
            assertTrue(f.<Double>getAs("rw") < 0.085);
            assertTrue(f.<String>getAs("reason").startsWith("exit code 3: rw too small: "), f.toString());
        }
        samples.forEach(s -> assertTrue(s.<Double>getAs("rw") >= 0.085));

        SnaRun.Result error = SnaRun.sna("run", write("crash-error", study("crash", command,
                TestSimulators.BOREHOLE_INPUTS, rest)), "--output", dir.resolve("none").toString());
        assertEquals(2, error.exit(), error.err());
        assertEquals(1, error.errorLines().size(), error.err());
        assertTrue(error.errorLines().get(0).matches("sna: crash-error.yaml: sample \\d+ \\(rw = 0\\.0.*\\): exit code"
                + " 3: rw too small: .*"), error.errorLines().get(0));
        assertFalse(Files.exists(dir.resolve("none")), "nothing written");
    }

    /**
     * A program that breaks every other time it starts in a folder (a marker file in the task's own working folder)
     * and computes borehole otherwise: one point per call, so without retries about half the points fail on their
     * own; with one retry every point is answered.
     */
    @Test
    void run_transientBreaks_retriesAnswerEveryPoint() throws IOException {
        Path flaky = TestSimulators.write(dir, "flaky.sh", "#!/bin/sh\nif [ ! -e attempted ]; then touch attempted;"
                + " echo transient >&2; exit 3; fi\nrm attempted\nexec " + borehole + "\n");
        String rest = "sampling: {design: mc, n: 32, seed: 6}\non-failure: skip\n";
        String none = "command: {run: [" + flaky + "], block: 1, timeout: 60}";
        ok(run(study("flaky", none, TestSimulators.BOREHOLE_INPUTS, rest), "flaky0"));
        List<Row> failed = rows("failures", "flaky0");
        assertFalse(failed.isEmpty(), "every other call breaks");
        failed.forEach(f -> assertEquals("exit code 3: transient", f.getAs("reason")));
        assertEquals(32 - failed.size(), rows("summary", "flaky0").get(0).<Long>getAs("n"));

        ok(run(study("flaky", none.replace("block: 1", "block: 1, retries: 1"), TestSimulators.BOREHOLE_INPUTS,
                rest), "flaky1"));
        assertEquals(32, rows("summary", "flaky1").get(0).<Long>getAs("n"), "each point answered on its retry");
        assertEquals(List.of(), rows("failures", "flaky1"), "no failed point");
    }

    /** A hole in a pick-freeze design breaks the estimator: a failed point stops a Sobol' study (policy error). */
    @Test
    void run_crashingProgramSobolStudy_exit2OneLineNoOutput() throws IOException {
        String command = "command: {run: [" + TestSimulators.crashing(dir, 0.085) + "], timeout: 60}";
        String rest = "sampling: {design: sobol, n: 256, seed: 9}\nstatistics: {sobol: true}\n";
        SnaRun.Result r = SnaRun.sna("run", write("crash-sobol", study("crash", command,
                TestSimulators.BOREHOLE_INPUTS, rest)), "--output", dir.resolve("none-sobol").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).matches("sna: crash-sobol.yaml: sample \\d+ \\(rw = 0\\.0.*\\): exit code"
                + " 3: rw too small: .*"), r.errorLines().get(0));
        assertFalse(Files.exists(dir.resolve("none-sobol")));
    }

    @Test
    void run_hangingProgram_timedOutPointsSkipped() throws IOException {
        String command = "command: {run: [" + TestSimulators.hanging(dir, 0.13) + "], timeout: 1}";
        String rest = "sampling: {design: mc, n: 64, seed: 2}\non-failure: skip\n";
        SnaRun.Result r = run(study("hang", command, TestSimulators.BOREHOLE_INPUTS, rest), "hang");
        assertEquals(0, r.exit(), r.err());
        List<Row> failures = rows("failures", "hang");
        assertFalse(failures.isEmpty(), "rw > 0.13 is about 3% of 64 samples: seed 2 draws some");
        failures.forEach(f -> assertEquals("timed out after 1 s", f.getAs("reason")));
        failures.forEach(f -> assertTrue(f.<Double>getAs("rw") > 0.13));
        assertEquals(64 - failures.size(), rows("summary", "hang").get(0).<Long>getAs("n"));
    }

    @Test
    void run_javaSimulatorFromJar_tablesEqualBuiltInFunction() throws IOException {
        Path jar = TestJars.simulators(dir.resolve("jar"));
        String rest = "sampling: {design: sobol, n: 256, seed: 5}\nstatistics: {quantile-method: exact}\n"
                + "on-failure: skip\n";
        // com.example.Borehole fails rw > 0.14; the function does not: compare on inputs that stay below
        String inputs = TestSimulators.BOREHOLE_INPUTS.replace("{name: rw, dist: normal, mean: 0.10, sd: 0.0161812}",
                "{name: rw, dist: uniform, lower: 0.06, upper: 0.14}");
        ok(run(study("jfn", "function: borehole", inputs, rest), "jfn"));
        ok(run(study("java", "java: {class: com.example.Borehole, jar: " + jar + "}", inputs, rest), "java"));
        assertSameTables("jfn", "java", List.of("summary", "quantiles", "histogram"));
    }

    static void ok(SnaRun.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    static String write(String name, String text) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void run_badSimulators_exit2OneLineNoOutputFolder() throws IOException {
        Path jar = TestJars.simulators(dir.resolve("bad-jar"));
        Path plain = dir.resolve("plain.sh");
        Files.writeString(plain, "#!/bin/sh\n");
        Path silent = TestSimulators.write(dir, "silent.sh", "#!/bin/sh\ncat > /dev/null\necho y\n");
        Path wrongCount = TestSimulators.write(dir, "wrong.sh", "#!/bin/sh\ncat > /dev/null\necho y,z\n");
        String[][] cases = {
            {"command: [" + dir.resolve("missing.sh") + "]", "model.command: no such program"},
            {"command: [" + plain + "]", "is not executable"},
            {"command: [" + silent + "]", "broke the csv protocol: it exited with code 0 after answering 0 of"},
            {"command: [" + wrongCount + "]", "broke the csv protocol: the header names 2 outputs (y,z), the model"
                    + " has 1 (y)"},
            {"java: {class: com.example.Missing, jar: " + jar + "}", "model.java.class: no class com.example.Missing"},
            {"java: {class: com.example.Plain, jar: " + jar + "}", "does not implement org.snauq.simulator.Simulator"}};
        for (int i = 0; i < cases.length; i++) {
            Path out = dir.resolve("bad-out-" + i);
            SnaRun.Result r = SnaRun.sna("run", write("bad" + i, study("bad", cases[i][0],
                    "  - {name: rw, dist: uniform, lower: 0.05, upper: 0.15}\n", "sampling: {design: mc, n: 8}\n")),
                    "--output", out.toString());
            assertEquals(2, r.exit(), cases[i][0] + ": " + r.err());
            assertEquals(1, r.errorLines().size(), r.err());
            assertTrue(r.errorLines().get(0).startsWith("sna: bad" + i + ".yaml: model."), r.errorLines().get(0));
            assertTrue(r.errorLines().get(0).contains(cases[i][1]), r.errorLines().get(0));
            assertFalse(Files.exists(out), "no output folder: " + cases[i][0]);
        }
    }
}
