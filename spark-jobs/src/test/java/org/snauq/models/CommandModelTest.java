package org.snauq.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snauq.datasets.BenchmarkFunction;
import org.snauq.datasets.BenchmarkFunctions;
import org.snauq.design.InputTransform;
import org.snauq.design.SamplingDesigns;
import org.snauq.dist.Distributions;
import org.snauq.study.BadInputException;
import org.snauq.study.Study;
import org.snauq.study.StudyException;
import org.snauq.study.StudyParserAccess;

/**
 * Command models against real programs (awk scripts, {@link TestSimulators}), without Spark: the outputs equal the
 * built-in functions, failures and hangs are isolated to their points, and every way a program can break the protocol
 * is one line of bad input.
 */
class CommandModelTest {

    /**
     * Relative difference allowed against the built-in function: both sides are double arithmetic of the same
     * formula, awk's libm log and sqrt against Java's, and %.17g text round-trips exactly; a few ulps of each
     * operation, far below 1e-12.
     */
    static final double SAME_FUNCTION = 1e-12;
    /** Seconds: a test that waits for a broken program fails instead of hanging the build (the machine is busy). */
    static final int GENEROUS_TIMEOUT = 60;

    @TempDir
    Path dir;

    static Study study(String model, String inputs) {
        return StudyParserAccess.parse("name: t\nmodel:\n  " + model + "\ninputs:\n" + inputs
                + "sampling: {design: mc, n: 64, seed: 5}\n");
    }

    /** n points of the study's inputs (mc design, seed 5), row-major. */
    static double[] points(Study s, int n) {
        int dim = s.inputs().size();
        double[] u = new double[n * dim];
        SamplingDesigns.of("mc", dim, n, 5).fill(0, n, u, 0);
        InputTransform.of(s.inputs().stream().map(Distributions::of).toList()).apply(u, n);
        return u;
    }

    /** Evaluates the points; returns the failures (point to reason). */
    static TreeMap<Integer, String> evaluate(UqModel m, double[] points, int n, double[] out) {
        TreeMap<Integer, String> failed = new TreeMap<>();
        UqModel.Evaluator e = m.newEvaluator();
        try {
            e.evaluate(points, n, out, (j, reason) -> failed.putIfAbsent(j, reason));
        } finally {
            e.close();
        }
        return failed;
    }

    static UqModel load(Study s) {
        return ModelLoader.load(s, new StudyModels(), null).model();
    }

    static void assertBorehole(Study s, double[] x, double[] y, int n, int stride, int offset) {
        BenchmarkFunction f = BenchmarkFunctions.byName("borehole");
        int dim = s.inputs().size();
        for (int j = 0; j < n; j++) {
            double[] p = new double[8];
            for (int d = 0; d < 8; d++) {
                p[d] = x[j * dim + s.inputNames().indexOf(f.inputNames().get(d))];
            }
            double expected = f.value(p);
            assertEquals(expected, y[j * stride + offset], SAME_FUNCTION * Math.abs(expected), "point " + j);
        }
    }

    @ParameterizedTest(name = "{0}, worker {1}")
    @CsvSource({"csv, false", "csv, true", "jsonl, false", "jsonl, true"})
    void evaluate_boreholeProgram_equalsBuiltInFunction(String format, boolean worker) {
        Path program = format.equals("csv") ? TestSimulators.borehole(dir) : TestSimulators.boreholeJsonl(dir);
        Study s = study("command: {run: [" + program + "], format: " + format + ", worker: " + worker
                        + ", timeout: " + GENEROUS_TIMEOUT + "}",
                TestSimulators.BOREHOLE_INPUTS);
        UqModel m = load(s);
        assertEquals(List.of("y"), m.outputs());
        int n = 200;
        double[] x = points(s, n);
        double[] y = new double[n];
        assertEquals(Map.of(), evaluate(m, x, n, y));
        assertBorehole(s, x, y, n, 1, 0);
    }

    @Test
    void evaluate_twoOutputsAnswerHeaderInOtherOrder_eachEqualsItsFunction() {
        Path program = TestSimulators.boreholeAndPiston(dir);
        Study s = study("command: {run: [" + program + "], outputs: [flow, cycle]}", TestSimulators.PISTON_INPUTS
                + TestSimulators.BOREHOLE_INPUTS);
        UqModel m = load(s);
        int n = 100;
        double[] x = points(s, n);
        double[] y = new double[2 * n];
        assertEquals(Map.of(), evaluate(m, x, n, y));
        assertBorehole(s, x, y, n, 2, 0);
        BenchmarkFunction piston = BenchmarkFunctions.byName("piston");
        for (int j = 0; j < n; j++) {
            double expected = piston.value(java.util.Arrays.copyOfRange(x, j * 15, j * 15 + 7));
            assertEquals(expected, y[2 * j + 1], SAME_FUNCTION * expected, "cycle at point " + j);
        }
    }

    @ParameterizedTest(name = "worker {0}")
    @CsvSource({"false", "true"})
    void evaluate_programCrashesOnSomePoints_exactlyThosePointsFailWithTheReason(boolean worker) {
        Study s = study("command: {run: [" + TestSimulators.crashing(dir, 0.09) + "], worker: " + worker
                        + ", timeout: " + GENEROUS_TIMEOUT + "}",
                TestSimulators.BOREHOLE_INPUTS);
        int n = 120;
        double[] x = points(s, n);
        double[] y = new double[n];
        TreeMap<Integer, String> failed = evaluate(load(s), x, n, y);
        for (int j = 0; j < n; j++) {
            double rw = x[j * 8];
            assertEquals(rw < 0.09, failed.containsKey(j), "point " + j + " (rw = " + rw + ")");
            if (rw < 0.09) {
                assertTrue(failed.get(j).startsWith("exit code 3: rw too small: "), failed.get(j));
            }
        }
        assertTrue(failed.size() > 10 && failed.size() < n - 10, "some points fail: " + failed.size());
        for (int j = 0; j < n; j++) {
            if (!failed.containsKey(j)) {
                assertEquals(BenchmarkFunctions.byName("borehole").value(java.util.Arrays.copyOfRange(x, 8 * j,
                        8 * j + 8)), y[j], SAME_FUNCTION * y[j]);
            }
        }
    }

    @Test
    void evaluate_programHangsOnSomePoints_thosePointsTimeOutAndTheRestAnswers() {
        Study s = study("command: {run: [" + TestSimulators.hanging(dir, 0.125) + "], timeout: 1}",
                TestSimulators.BOREHOLE_INPUTS);
        int n = 40;
        double[] x = points(s, n);
        long hanging = java.util.stream.IntStream.range(0, n).filter(j -> x[j * 8] > 0.125).count();
        assertTrue(hanging >= 1 && hanging <= 8, "a few points hang: " + hanging);
        long start = System.nanoTime();
        TreeMap<Integer, String> failed = evaluate(load(s), x, n, new double[n]);
        for (int j = 0; j < n; j++) {
            assertEquals(x[j * 8] > 0.125, failed.containsKey(j), "point " + j);
        }
        failed.values().forEach(r -> assertEquals("timed out after 1 s", r));
        // the call, then per hanging point: alone once, then the rest (a program that answers line by line)
        assertTrue((System.nanoTime() - start) / 1e9 < 2 * hanging + 15, "the run ends");
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("")
                .endsWith("sleep")), "the hung program and its children are killed");
    }

    @Test
    void of_missingOrNotExecutableProgram_oneLineNamingTheKey() throws Exception {
        String missing = assertThrows(StudyException.class, () -> load(study("command: [" + dir.resolve("none.sh")
                + "]", TestSimulators.BOREHOLE_INPUTS))).getMessage();
        assertEquals("k.yaml: model.command: no such program " + dir.resolve("none.sh"), missing);
        Path plain = dir.resolve("plain.sh");
        Files.writeString(plain, "#!/bin/sh\n");
        String notExecutable = assertThrows(StudyException.class, () -> load(study("command: [" + plain + "]",
                TestSimulators.BOREHOLE_INPUTS))).getMessage();
        assertTrue(notExecutable.startsWith("k.yaml: model.command: " + plain + " is not executable"),
                notExecutable);
        String notOnPath = assertThrows(StudyException.class, () -> load(study("command: [no-such-program-xyz]",
                TestSimulators.BOREHOLE_INPUTS))).getMessage();
        assertTrue(notOnPath.contains("program 'no-such-program-xyz' is not on the PATH"), notOnPath);
        String folder = assertThrows(StudyException.class, () -> load(study("command: {run: [sh], files: ["
                + dir + "]}", TestSimulators.BOREHOLE_INPUTS))).getMessage();
        assertTrue(folder.startsWith("k.yaml: model.command.files[0]: " + dir + " is not a regular file"), folder);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong output count | print \"y,z\" | the header names 2 outputs (y,z), the model has 1 (y)",
        "unknown output | print \"Y\" | the header names 'Y', which is not an output of the model (y)",
        "not a number | print \"y\"; while ((getline line) > 0) print \"abc\" | answer line 2 has 'abc' for output y, which is"
                + " not a number",
        "two values | print \"y\"; while ((getline line) > 0) print \"1,2\" | answer line 2 has 2 values ('1,2'), expected 1 (y)",
        "too few answers | print \"y\"; print 1 | it exited with code 0 after answering 1 of the 3 points sent",
        "no header | exit 0 | it exited with code 0 without writing the header line",
        "too many answers | print \"y\"; while ((getline line) > 0) { print 1; print 2 } | it answered more lines than"
                + " the 3 points sent",
        "command not found | exit 127 | could not run: exit code 127 (command not found)"})
    void evaluate_protocolViolation_badInputNamingTheProgram(String what, String awk, String message) {
        Path program = TestSimulators.write(dir, "bad.sh", "#!/bin/sh\nexec awk 'BEGIN { " + awk + " }'\n");
        Study s = study("command: [" + program + "]", "  - {name: x, dist: uniform, lower: 0, upper: 1}\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> evaluate(load(s), new double[] {0.1, 0.2, 0.3}, 3, new double[3]), what);
        assertTrue(e.getMessage().startsWith("k.yaml: model.command: " + program), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void evaluate_filesAndArguments_programRunsInItsTaskFolderWithTheFiles() {
        Path data = dir.resolve("offset.txt");
        TestSimulators.write(dir, "offset.txt", "10\n");
        Path program = TestSimulators.write(dir, "offset.sh", "#!/bin/sh\nread o < offset.txt\nexec awk -F, -v o=$o"
                + " -v s=\"$1\" 'NR == 1 { print \"y\"; next } { printf \"%.17g\\n\", $1 * s + o }'\n");
        Study s = study("command: {run: [" + program + ", 2], files: [" + data + "]}",
                "  - {name: x, dist: uniform, lower: 0, upper: 1}\n");
        double[] y = new double[2];
        assertEquals(Map.of(), evaluate(load(s), new double[] {0.25, 0.5}, 2, y));
        assertEquals(10.5, y[0], 0.0);
        assertEquals(11.0, y[1], 0.0);
    }
}
