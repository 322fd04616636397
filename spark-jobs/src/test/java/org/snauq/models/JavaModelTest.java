package org.snauq.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snauq.study.Study;
import org.snauq.study.StudyException;

/** Java models from a jar compiled at test time ({@link TestJars}): loading, reordering, failures, bad classes. */
class JavaModelTest {

    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void compile() {
        jar = TestJars.simulators(dir);
    }

    private static Study study(String className, String inputs) {
        return CommandModelTest.study("java: {class: " + className + ", jar: " + jar + "}", inputs);
    }

    @Test
    void evaluate_boreholeClassInItsOwnInputOrder_equalsBuiltInFunctionAndReportsItsFailures() {
        Study s = study("com.example.Borehole", TestSimulators.BOREHOLE_INPUTS);
        UqModel m = CommandModelTest.load(s);
        assertEquals(List.of("y"), m.outputs());
        int n = 300;
        double[] x = CommandModelTest.points(s, n);
        double[] y = new double[n];
        TreeMap<Integer, String> failed = CommandModelTest.evaluate(m, x, n, y);
        CommandModelTest.assertBorehole(s, x, y, n, 1, 0);
        for (int j = 0; j < n; j++) {
            assertEquals(x[8 * j] > 0.14, failed.containsKey(j), "point " + j);
        }
        assertTrue(failed.values().stream().allMatch(r -> r.startsWith("rw above the validated range: ")));
    }

    @Test
    void evaluate_classThrowsForSomePoints_onlyThosePointsFail() {
        Study s = study("com.example.Fragile", "  - {name: rw, dist: uniform, lower: 0.05, upper: 0.15}\n");
        int n = 64;
        double[] x = CommandModelTest.points(s, n);
        double[] y = new double[n];
        TreeMap<Integer, String> failed = CommandModelTest.evaluate(CommandModelTest.load(s), x, n, y);
        for (int j = 0; j < n; j++) {
            assertEquals(x[j] < 0.09, failed.containsKey(j), "point " + j);
            if (x[j] >= 0.09) {
                assertEquals(2 * x[j], y[j], 0.0);
            }
        }
        assertTrue(failed.values().stream().allMatch(r -> r.equals("threw IllegalStateException: rw too small")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "com.example.Missing | model.java.class: no class com.example.Missing in",
        "com.example.Plain | model.java.class: com.example.Plain does not implement org.snauq.simulator.Simulator",
        "com.example.Needy | model.java.class: com.example.Needy needs a public constructor without arguments"})
    void of_badClass_oneLineNamingTheKey(String className, String message) {
        String e = assertThrows(StudyException.class, () -> CommandModelTest.load(study(className,
                "  - {name: rw, dist: uniform, lower: 0.05, upper: 0.15}\n"))).getMessage();
        assertTrue(e.startsWith("k.yaml: " + message), e);
    }

    @Test
    void of_studyInputsDifferFromTheClass_oneLineNamingTheInput() {
        String e = assertThrows(StudyException.class, () -> CommandModelTest.load(study("com.example.Fragile",
                "  - {name: rv, dist: uniform, lower: 0.05, upper: 0.15}\n"))).getMessage();
        assertTrue(e.contains("inputs[0].name: the model (java com.example.Fragile) has no input 'rv'"), e);
    }

    @Test
    void of_missingJar_oneLine() {
        String e = assertThrows(StudyException.class, () -> CommandModelTest.load(CommandModelTest.study(
                "java: {class: com.example.Fragile, jar: " + dir.resolve("none.jar") + "}",
                "  - {name: rw, dist: uniform, lower: 0.05, upper: 0.15}\n"))).getMessage();
        assertEquals("k.yaml: model.java.jar: no such file " + dir.resolve("none.jar"), e);
    }
}
