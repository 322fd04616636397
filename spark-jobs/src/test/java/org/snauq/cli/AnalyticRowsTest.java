package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.datasets.BenchmarkFunction;
import org.snauq.datasets.Ishigami;
import org.snauq.datasets.SobolG;
import org.snauq.spark.SparkTests;

/**
 * The {@code analytic} rows of built-in functions (their exact moments and Sobol' indices, under their standard
 * inputs), and the one-line error when a study asks for them ({@code analytic: true}) and the model has none.
 */
class AnalyticRowsTest {

    static final String PI = "3.141592653589793";
    static final String ISHIGAMI = """
            name: ish
            model: {function: ishigami}
            inputs:
              - {name: x3, dist: uniform, lower: -PI, upper: PI}
              - {name: x1, dist: uniform, lower: -PI, upper: PI}
              - {name: x2, dist: uniform, lower: -PI, upper: PI}
            sampling: {design: sobol, n: 1024}
            statistics: {sobol: true, histogram: false, ANALYTIC}
            """.replace("PI", PI);

    @TempDir
    static Path dir;

    static SnaRun.Result run(String name, String study) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, study);
        return SnaRun.sna("run", file.toString(), "--output", dir.resolve(name).toString(), "--run-id", "r1");
    }

    static List<Row> rows(String name, String table) {
        return SparkTests.session().read().parquet(Published.table(dir.resolve(name), table, "r1").toString())
                .where("method = 'analytic'").collectAsList();
    }

    @Test
    void run_ishigamiUnderStandardInputs_exactRowsInStudyOrder() throws IOException {
        SnaRun.Result r = run("ishigami", ISHIGAMI.replace("ANALYTIC", "analytic: true"));
        assertEquals(0, r.exit(), r.err());
        BenchmarkFunction f = Ishigami.standard();
        Row summary = rows("ishigami", "summary").get(0);
        assertEquals(f.mean().getAsDouble(), summary.<Double>getAs("mean"), 0.0); // exact: the datasets formulas
        assertEquals(f.variance().getAsDouble(), summary.<Double>getAs("variance"), 0.0);
        assertTrue(summary.isNullAt(summary.fieldIndex("n")) && summary.isNullAt(summary.fieldIndex("mean_ci_low")),
                "a closed form has no sample size and no interval");
        List<Row> sobol = rows("ishigami", "sobol");
        assertEquals(3, sobol.size());
        for (Row s : sobol) {
            int d = f.inputNames().indexOf(s.<String>getAs("input"));
            assertEquals(f.firstOrder()[d], s.<Double>getAs("s1"), 0.0, s.<String>getAs("input"));
            assertEquals(f.total()[d], s.<Double>getAs("st"), 0.0, s.<String>getAs("input"));
        }
    }

    @Test
    void run_sobolGKeyAbsent_exactRows() throws IOException {
        BenchmarkFunction g = SobolG.standard();
        StringBuilder inputs = new StringBuilder();
        for (String name : g.inputNames()) {
            inputs.append("  - {name: ").append(name).append(", dist: uniform, lower: 0.0, upper: 1.0}\n");
        }
        SnaRun.Result r = run("g", "name: g\nmodel: {function: sobol-g}\ninputs:\n" + inputs
                + "sampling: {design: mc, n: 1000}\nstatistics: {histogram: false}\n");
        assertEquals(0, r.exit(), r.err());
        assertEquals(g.variance().getAsDouble(), rows("g", "summary").get(0).<Double>getAs("variance"), 0.0);
    }

    @Test
    void run_analyticTrueWithoutClosedForm_oneLineExit2() throws IOException {
        String expression = """
                name: ex
                model: {expression: "a * b"}
                inputs: [{name: a, dist: normal, mean: 0.0, sd: 1.0}, {name: b, dist: uniform, lower: 0.0, upper: 1.0}]
                sampling: {design: mc, n: 100}
                statistics: {analytic: true}
                """;
        assertOneLine(run("ex", expression), "ex.yaml: statistics.analytic is true but expression");
        String shifted = ISHIGAMI.replace("ANALYTIC", "analytic: true")
                .replace("{name: x3, dist: uniform, lower: -" + PI + ", upper: " + PI + "}",
                        "{name: x3, dist: uniform, lower: -1.0, upper: 1.0}");
        assertOneLine(run("shifted", shifted), "shifted.yaml: statistics.analytic is true but the closed form of"
                + " function ishigami holds under its standard inputs");
    }

    @Test
    void run_keyAbsentWithoutClosedForm_noAnalyticRows() throws IOException {
        String study = ISHIGAMI.replace(", ANALYTIC", "").replace("lower: -" + PI + ", upper: " + PI + "}",
                "lower: -3.0, upper: 3.0}");
        SnaRun.Result r = run("absent", study);
        assertEquals(0, r.exit(), r.err());
        assertTrue(rows("absent", "summary").isEmpty(), "no closed form, not asked for: no analytic row");
    }

    private static void assertOneLine(SnaRun.Result r, String start) {
        assertEquals(2, r.exit(), r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("sna: " + start), lines.get(0));
        assertFalse(r.err().contains("spark ready"), "known before Spark starts: " + r.err());
    }
}
