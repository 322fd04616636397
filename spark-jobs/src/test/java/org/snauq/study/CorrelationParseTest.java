package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code correlation} key and inputs built from data, as the parser reads and checks them. */
class CorrelationParseTest {

    static final String STUDY = """
            name: c
            model: {expression: "x1 + x2 + x3"}
            inputs:
              - {name: x1, dist: normal, mean: 0, sd: 1}
              - {name: x2, dist: normal, mean: 0, sd: 1}
              - {name: x3, dist: uniform, lower: 0, upper: 1}
            sampling: {design: mc, n: 100}
            """;

    static Study parse(String text) {
        return StudyParser.parse("s.yaml", text, Path.of("/base"), Path.of("s.yaml"));
    }

    static String error(String text) {
        return assertThrows(StudyException.class, () -> parse(text)).getMessage();
    }

    @Test
    void parse_matrixSpearmanAndPairs_normalSpaceMatrix() {
        double[][] m = parse(STUDY + "correlation: [[1, 0.8, 0], [0.8, 1, 0], [0, 0, 1]]").correlationMatrix();
        assertArrayEquals(new double[] {1, 0.8, 0}, m[0]);
        double[][] pairs = parse(STUDY + "correlation: {normal: [[x2, x1, 0.8]]}").correlationMatrix();
        assertArrayEquals(m[1], pairs[1]);
        double[][] s = parse(STUDY + "correlation: {spearman: [[x1, x3, 0.5]]}").correlationMatrix();
        assertEquals(2 * Math.sin(Math.PI * 0.5 / 6), s[0][2], 0.0, "rho = 2 sin(pi rho_S / 6), exactly");
        assertEquals(s[0][2], s[2][0], 0.0);
        assertNull(parse(STUDY + "correlation: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]").correlation(),
                "the identity: independent inputs");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]] | s.yaml: correlation must be positive definite:"
                + " correlation[2][0] (x3, x1) = 0.9, correlation[2][1] (x3, x2) = -0.9 contradict the rows above",
        "[[1, 0.5, 0], [0.4, 1, 0], [0, 0, 1]] | s.yaml: correlation[0][1] (x1, x2) and correlation[1][0] (x2, x1)"
                + " must be equal, got 0.5 and 0.4",
        "[[1, 0.5], [0.5, 1]] | s.yaml: correlation must have one row per input (3: x1, x2, x3), got 2",
        "[[1, 1.5, 0], [1.5, 1, 0], [0, 0, 1]] | s.yaml: correlation[0][1] (x1, x2) must be in [-1, 1], got 1.5",
        "{spearman: [[x1, x4, 0.5]]} | s.yaml: correlation.spearman[0]: 'x4' is not an input (x1, x2, x3)",
        "{spearman: [[x1, x1, 0.5]]} | s.yaml: correlation.spearman[0] pairs x1 with itself (the diagonal is 1)",
        "{kendall: [[x1, x2, 0.5]]} | s.yaml: correlation.kendall is not a known key (expected one of normal,"
                + " spearman)"})
    void parse_badCorrelation_oneLineNamingTheEntries(String value, String message) {
        String e = error(STUDY + "correlation: " + value);
        assertEquals(message, e.substring(0, Math.min(e.length(), message.length())), e);
    }

    @Test
    void parse_correlationWithSobolOrAnalytic_refused() {
        String corr = "correlation: {normal: [[x1, x2, 0.5]]}\n";
        assertEquals("s.yaml: statistics.sobol: Sobol' indices assume independent inputs and are not defined with a"
                + " correlation (remove one of them)", error(STUDY + corr + "statistics: {sobol: true}"));
        assertEquals("s.yaml: statistics.analytic: the closed-form rows assume independent inputs, and the study has"
                + " a correlation (remove one of them)", error(STUDY + corr + "statistics: {analytic: true}"));
    }

    @Test
    void parse_constantInputCorrelated_refused() {
        String e = error(STUDY.replace("{name: x3, dist: uniform, lower: 0, upper: 1}", "{name: x3, dist: constant,"
                + " value: 1}") + "correlation: {normal: [[x1, x3, 0.5]]}");
        assertEquals("s.yaml: correlation.normal[0][2] (x1, x3) correlates inputs[2], which is constant", e);
    }

    @Test
    void parse_inputsFromData_fileAndColumnResolved() {
        Study s = parse(STUDY.replace("{name: x3, dist: uniform, lower: 0, upper: 1}",
                "{name: x3, dist: kde, file: data/d.csv, column: temperature, bandwidth: 0.5}")
                .replace("{name: x2, dist: normal, mean: 0, sd: 1}", "{name: x2, dist: empirical, file: d.parquet}"));
        assertEquals(2, s.dataColumns().size());
        assertEquals(new DataColumn(1, Path.of("/base/d.parquet"), "x2"), s.dataColumns().get(0));
        assertEquals(new DataColumn(2, Path.of("/base/data/d.csv"), "temperature"), s.dataColumns().get(1));
        assertNull(s.inputs().get(2).data(), "values are read when the study is prepared, not parsed");
        assertEquals(0.5, s.inputs().get(2).parameter("bandwidth"));
        assertEquals("s.yaml: inputs[2].bandwidth must be > 0, got -1.0", error(STUDY.replace(
                "{name: x3, dist: uniform, lower: 0, upper: 1}", "{name: x3, dist: kde, file: d.csv, bandwidth: -1}")));
        assertEquals("s.yaml: inputs[2].file is missing", error(STUDY.replace(
                "{name: x3, dist: uniform, lower: 0, upper: 1}", "{name: x3, dist: empirical}")));
        assertEquals("s.yaml: inputs[2].file is not a known key (expected one of name, dist, unit, lower, upper)",
                error(STUDY.replace("{name: x3, dist: uniform, lower: 0, upper: 1}",
                        "{name: x3, dist: uniform, lower: 0, upper: 1, file: d.csv}")));
    }
}
