package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limits the code can honour (n, inputs, partitions, list lengths, fit sizes), name clashes, the sweep as part
 * of the study, and {@code on-failure}: each bad study one {@link StudyException} naming the file and the key.
 */
class StudyParserLimitsTest {

    static final String GOOD = """
            name: lim
            model: {function: ishigami}
            inputs:
              - {name: x1, dist: uniform, lower: -3.0, upper: 3.0}
              - {name: x2, dist: uniform, lower: -3.0, upper: 3.0}
              - {name: x3, dist: uniform, lower: -3.0, upper: 3.0}
            sampling: {design: mc, n: 1000, seed: 1}
            """;

    static final String SWEEP = """
            name: sw
            model: {expression: "a + u"}
            inputs:
              - {name: u, dist: normal, mean: 0.0, sd: 1.0}
            sampling: {design: mc, n: 64}
            sweep:
              designs: {a: [0.0, 1.0]}
              window: {y: {max: 1.0}}
            """;

    static Study parse(String text) {
        return StudyParser.parse("s.yaml", text, Path.of("/base"), Path.of("s.yaml"));
    }

    static String error(String text) {
        return assertThrows(StudyException.class, () -> parse(text)).getMessage();
    }

    static String inputs(int count) {
        return IntStream.range(0, count).mapToObj(i -> "  - {name: v" + i + ", dist: uniform, lower: 0, upper: 1}")
                .collect(Collectors.joining("\n", "inputs:\n", "\n"));
    }

    /** (case, study, the message's start). */
    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("n = 2^48 + 3 * 2^16 (counted 3 blocks once)", GOOD.replace("n: 1000", "n: 281474976907264"),
                        "s.yaml: sampling.n must be <= 4294967296 (2^32), got 281474976907264"),
                Arguments.of("n = 2^62", GOOD.replace("n: 1000", "n: 4611686018427387904"),
                        "s.yaml: sampling.n must be <= 4294967296 (2^32), got 4611686018427387904"),
                Arguments.of("n = 2^64", GOOD.replace("n: 1000", "n: 18446744073709551616"),
                        "s.yaml: sampling.n is too large"),
                Arguments.of("n = 1e20 as a float", GOOD.replace("n: 1000", "n: 1.0e+20"),
                        "s.yaml: sampling.n is too large (write it as an integer"),
                Arguments.of("n = 2^40 lhs", GOOD.replace("design: mc, n: 1000", "design: lhs, n: 1099511627776"),
                        "s.yaml: sampling.n must be <= 4294967296"),
                Arguments.of("partitions huge", GOOD + "spark: {partitions: 1000000000}\n",
                        "s.yaml: spark.partitions must lie in [0, 65536] (0 = automatic), got 1000000000"),
                Arguments.of("too many inputs", GOOD.replaceAll("inputs:\n(  - .*\n)+", inputs(Limits.MAX_INPUTS + 1)),
                        "s.yaml: inputs must list at most 1024 inputs, got 1025"),
                Arguments.of("too many quantiles", GOOD + "statistics: {quantiles: ["
                        + "0.5, ".repeat(Limits.MAX_LIST) + "0.5]}\n",
                        "s.yaml: statistics.quantiles must list at most 10000 values"),
                Arguments.of("input sample_index", GOOD.replace("{name: x1,", "{name: sample_index,"),
                        "s.yaml: inputs[0].name is reserved for a column of the result tables"),
                Arguments.of("input RUN_ID in another case", GOOD.replace("{name: x1,", "{name: RUN_ID,"),
                        "s.yaml: inputs[0].name is reserved"),
                Arguments.of("names differing only in case", GOOD.replace("{name: x2,", "{name: X1,"),
                        "s.yaml: inputs[1].name differs from the earlier input 'x1' only in case, got 'X1'"),
                Arguments.of("a repeated name", GOOD.replace("{name: x2,", "{name: x1,"),
                        "s.yaml: inputs[1].name repeats an earlier input, got 'x1'"),
                Arguments.of("a name with a line break", GOOD.replace("{name: x1,", "{name: \"x\\ny\","),
                        "s.yaml: inputs[0].name must match [A-Za-z_][A-Za-z0-9_]*, got 'x\\ny'"),
                Arguments.of("a name of 65 characters", GOOD.replace("{name: x1,", "{name: " + "x".repeat(65) + ","),
                        "s.yaml: inputs[0].name must have at most 64 characters"),
                Arguments.of("training response is an input", GOOD.replace("{function: ishigami}",
                        "{train: {data: d.csv, response: x2}}"),
                        "s.yaml: model.train.response 'x2' is also inputs[1] ('x2'); the response cannot be an input"),
                Arguments.of("training response is an input in another case", GOOD.replace("{function: ishigami}",
                        "{train: {data: d.csv, response: X3}}"), "s.yaml: model.train.response 'X3' is also inputs[2]"),
                Arguments.of("degree 2^31 - 1 (once degree + 1 overflowed)", GOOD.replace("{function: ishigami}",
                        "{train: {data: d.csv, response: y, degree: 2147483647}}"),
                        "s.yaml: model.train.degree must be auto or lie in [1, 15], got 2147483647"),
                Arguments.of("knots 2e9", GOOD.replace("{function: ishigami}",
                        "{train: {data: d.csv, response: y, knots: 2000000000}}"),
                        "s.yaml: model.train.knots must be auto or lie in [degree + 1 = 2, 4096], got 2000000000"),
                Arguments.of("rank above the limit", GOOD.replace("{function: ishigami}",
                        "{train: {data: d.csv, response: y, rank: 100000}}"),
                        "s.yaml: model.train.rank must be auto or lie in [1, 1000]"),
                Arguments.of("expression outputs in different case", GOOD.replace("{function: ishigami}",
                        "{expression: {y: x1, Y: x2}}"),
                        "s.yaml: model.expression.Y differs from the earlier output 'y' only in case"),
                Arguments.of("expression output named output", GOOD.replace("{function: ishigami}",
                        "{expression: {output: x1}}"), "s.yaml: model.expression.output is reserved"),
                Arguments.of("expression map empty", GOOD.replace("{function: ishigami}", "{expression: {}}"),
                        "s.yaml: model.expression must name at least one output"),
                Arguments.of("expression formula empty", GOOD.replace("{function: ishigami}",
                        "{expression: {y: \" \"}}"), "s.yaml: model.expression.y is empty"),
                Arguments.of("expression is a number", GOOD.replace("{function: ishigami}", "{expression: 3}"),
                        "s.yaml: model.expression must be a formula or a mapping of output names to formulas, got 3"),
                Arguments.of("on-failure unknown", GOOD + "on-failure: ignore\n",
                        "s.yaml: on-failure must be error or skip, got 'ignore'"),
                Arguments.of("on-failure skip with Sobol'", GOOD.replace("mc, n: 1000", "sobol, n: 1024")
                        + "statistics: {sobol: true}\non-failure: skip\n",
                        "s.yaml: on-failure skip cannot be used with statistics.sobol"),
                Arguments.of("statistics with a sweep", SWEEP + "statistics: {quantiles: [0.5]}\n",
                        "s.yaml: statistics does not apply to a sweep"),
                Arguments.of("sweep design input in another case", SWEEP.replace("designs: {a:", "designs: {U:"),
                        "s.yaml: sweep.designs.U differs from the earlier input 'u' only in case"),
                Arguments.of("sweep design input reserved", SWEEP.replace("designs: {a:", "designs: {study:"),
                        "s.yaml: sweep.designs.study is reserved"),
                Arguments.of("sweep error reported by the one parse", SWEEP.replace("window: {y: {max: 1.0}}",
                        "window: {}"), "s.yaml: sweep.window must bound at least one QoI"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void parse_badStudy_oneLineNamingKey(String name, String text, String start) {
        String m = error(text);
        assertTrue(m.startsWith(start), () -> "expected '" + start + "...', got: " + m);
        assertEquals(1, m.lines().count(), m);
    }

    @Test
    void parse_sweep_partOfTheStudy() {
        Study s = parse(SWEEP);
        assertEquals(List.of("a"), s.sweep().designInputs());
        assertEquals(2, s.sweep().designs().length);
        assertNull(parse(GOOD).sweep());
        assertNull(s.sweep().loadingStudy(s).sweep(), "the loading study is a plain one");
    }

    @Test
    void parse_expressionMap_outputsInOrder() {
        Study s = parse(GOOD.replace("{function: ishigami}", "{expression: {b: \"x1 + x2\", a: \"x3\"}}"));
        assertEquals(Map.of("b", "x1 + x2", "a", "x3"), ((ModelSource.Expression) s.model()).formulas());
        assertEquals(List.of("b", "a"), List.copyOf(((ModelSource.Expression) s.model()).formulas().keySet()));
    }

    @Test
    void parse_onFailure_defaultErrorAndSkip() {
        assertEquals(FailurePolicy.ERROR, parse(GOOD).onFailure());
        assertEquals(FailurePolicy.SKIP, parse(GOOD + "on-failure: skip\n").onFailure());
    }

    @Test
    void parse_largestAllowedN_accepted() {
        assertEquals(Limits.MAX_SAMPLES, parse(GOOD.replace("n: 1000", "n: 4294967296")).sampling().n());
    }
}
