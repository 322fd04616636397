package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StudyParserTest {

    private static final Path BASE = Path.of("/base");

    static final String VALID = """
            name: ishigami-sobol
            model:
              function: ishigami
            inputs:
              - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
            sampling: {design: sobol, n: 1024, seed: 7}
            statistics:
              moments: true
              quantiles: [0.05, 0.5, 0.95]
              quantile-method: sketch
              exceedance: [10.0, 12.5]
              histogram: {bins: 32}
              sobol: {enabled: true, confidence: 0.9}
              analytic: false
              keep-samples: true
            output: results/x
            domain-policy: clamp
            spark: {partitions: 3}
            """;

    static Study parse(String text) {
        return StudyParser.parse("s.yaml", text, BASE, Path.of("s.yaml"));
    }

    static String error(String text) {
        return assertThrows(StudyException.class, () -> parse(text)).getMessage();
    }

    @Test
    void parse_fullStudy_everyKeyRead() {
        Study s = parse(VALID);
        assertEquals("ishigami-sobol", s.name());
        assertEquals(new ModelSource.Function("ishigami"), s.model());
        assertEquals(List.of("x1", "x2", "x3"), s.inputNames());
        assertEquals(-Math.PI, s.inputs().get(0).parameter("lower"));
        assertEquals(new Sampling("sobol", 1024, 7), s.sampling());
        StatisticsSpec st = s.statistics();
        assertEquals(List.of(0.05, 0.5, 0.95), st.quantiles());
        assertEquals(List.of(10.0, 12.5), st.exceedance());
        assertEquals(32, st.histogramBins());
        assertTrue(st.sobol());
        assertEquals(0.9, st.confidence());
        assertFalse(st.analytic());
        assertTrue(st.keepSamples());
        assertEquals(BASE.resolve("results/x").toString(), s.output());
        assertEquals(DomainPolicy.CLAMP, s.domainPolicy());
        assertEquals(3, s.spark().partitions());
    }

    @Test
    void parse_minimalStudy_defaultsFilledIn() {
        Study s = parse("""
                name: m
                model: {expression: "a + b"}
                inputs: [{name: a, dist: normal, mean: 0, sd: 1}, {name: b, dist: constant, value: 2}]
                sampling: {design: mc, n: 100}
                """);
        assertEquals(StatisticsSpec.defaults(), s.statistics());
        assertEquals(StudyParser.DEFAULT_SEED, s.sampling().seed());
        assertEquals(BASE.resolve("results/m").toString(), s.output());
        assertEquals(DomainPolicy.ERROR, s.domainPolicy());
        assertEquals(0, s.spark().partitions());
    }

    @Test
    void parse_trainSource_pathsResolvedAndAutoRank() {
        Study s = parse(VALID.replace("function: ishigami",
                "train: {data: conf/data/d.csv, response: y, rank: auto, knots: 12}"));
        // degree absent: auto (AlsConfig.AUTO), chosen by validation error
        assertEquals(new ModelSource.Train(BASE.resolve("conf/data/d.csv"), List.of("y"), new ModelSource.Fit(0,
                org.snauq.als.AlsConfig.AUTO, 12, ModelSource.Fit.VALIDATION, Double.POSITIVE_INFINITY, null)), s.model());
    }

    @Test
    void parse_trainInit_pathResolvedAgainstTheBase() {
        Study s = parse(VALID.replace("function: ishigami",
                "train: {data: d.csv, response: y, degree: 3, knots: 24, init: models/old.sna}"));
        assertEquals(BASE.resolve("models/old.sna"), ((ModelSource.Train) s.model()).fit().init());
        Study cold = parse(VALID.replace("function: ishigami", "train: {data: d.csv, response: y}"));
        assertEquals(null, ((ModelSource.Train) cold.model()).fit().init());
    }

    @Test
    void parse_snaSource_pathResolved() {
        ModelSource m = parse(VALID.replace("function: ishigami", "sna: models/m.sna")).model();
        assertInstanceOf(ModelSource.SnaFile.class, m);
        assertEquals(BASE.resolve("models/m.sna"), ((ModelSource.SnaFile) m).path());
    }

    /** Each bad study gives one line naming the file and the key path. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name: ishigami-sobol|name: Ishigami|s.yaml: name must match",
        "  function: ishigami|  function: ishigami\\n  expression: x1|s.yaml: model must have exactly one of",
        "  function: ishigami|  fnction: ishigami|s.yaml: model.fnction is not a known key",
        "dist: uniform, lower: -3.141592653589793|dist: uniform, lowr: -3.141592653589793|s.yaml: inputs[0].lowr is not a known key",
        "{name: x2, dist: uniform|{name: x2, dist: gaussian|s.yaml: inputs[1].dist must be one of",
        "{name: x2, dist: uniform|{name: x1, dist: uniform|s.yaml: inputs[1].name repeats an earlier input",
        "{name: x3,|{name: 3x,|s.yaml: inputs[2].name must match",
        "design: sobol, n: 1024|design: sobol, n: 1000|s.yaml: sampling.n must be a power of two",
        "design: sobol, n: 1024|design: sobol, n: 1|s.yaml: sampling.n must be >= 2, got 1",
        "design: sobol, n: 1024|design: sobol, n: many|s.yaml: sampling.n must be a number, got 'many'",
        "design: sobol, n: 1024|design: halton, n: 1024|s.yaml: sampling.design must be one of mc, lhs, sobol, got 'halton'",
        "design: sobol, n: 1024|design: sobol, n: 10.5|s.yaml: sampling.n must be a whole number",
        "quantiles: [0.05, 0.5, 0.95]|quantiles: [0.05, 1.5]|s.yaml: statistics.quantiles[1] must lie in (0, 1), got 1.5",
        "quantiles: [0.05, 0.5, 0.95]|quantiles: [0.5, 0.05, 0.5]|s.yaml: statistics.quantiles[2] repeats quantiles[0], got 0.5",
        "exceedance: [10.0, 12.5]|exceedance: [10.0, 10.0]|s.yaml: statistics.exceedance[1] repeats exceedance[0], got 10.0",
        "quantile-method: sketch|quantile-method: sorted|s.yaml: statistics.quantile-method must be one of two-pass, exact, sketch",
        "histogram: {bins: 32}|histogram: {bins: 0}|s.yaml: statistics.histogram.bins must lie in [1, 100000], got 0",
        "confidence: 0.9|confidence: 1.0|s.yaml: statistics.sobol.confidence must lie in (0, 1)",
        "moments: true|moments: 3|s.yaml: statistics.moments must be true or false, got 3",
        "domain-policy: clamp|domain-policy: wrap|s.yaml: domain-policy must be error or clamp",
        "spark: {partitions: 3}|spark: {partitions: -1}|s.yaml: spark.partitions must lie in [0, 65536]",
        "output: results/x|outputs: results/x|s.yaml: outputs is not a known key",
        "name: ishigami-sobol|title: x|s.yaml: title is not a known key",
        "sampling: {design: sobol, n: 1024, seed: 7}|sampling: {design: sobol, seed: 7}|s.yaml: sampling.n is missing",
        "exceedance: [10.0, 12.5]|exceedance: [10.0, .nan]|s.yaml: statistics.exceedance[1] must be a finite number",
        "  function: ishigami|  train: {data: d.csv, response: y, rank: 0}|s.yaml: model.train.rank must be auto or lie in [1, 1000]",
        "  function: ishigami|  train: {data: d.csv, response: y, degree: 3, knots: 3}|s.yaml: model.train.knots must be auto or lie in [degree + 1 = 4, 4096]",
        "  function: ishigami|  train: {data: d.csv}|s.yaml: model.train.response is missing",
    })
    void parse_badKey_oneLineNamingFileAndKey(String from, String to, String expected) {
        String text = VALID.replace(from, to.replace("\\n", "\n"));
        assertFalse(text.equals(VALID), "the test case must change the study: " + from);
        String msg = error(text);
        assertTrue(msg.startsWith(expected), () -> "expected '" + expected + "...', got: " + msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    void parse_malformedYaml_namesLine() {
        String msg = error("name: x\nmodel: {function: ishigami\ninputs: [\n");
        assertTrue(msg.startsWith("s.yaml: malformed YAML at line"), msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    void parse_duplicateKey_rejected() {
        assertTrue(error(VALID + "name: again\n").startsWith("s.yaml: malformed YAML"));
    }

    @Test
    void parse_emptyOrScalarFile_rejected() {
        assertEquals("s.yaml: the file is empty", error(""));
        assertTrue(error("just text").startsWith("s.yaml: the study must be a mapping of keys"));
    }

    @Test
    void parse_missingInputsList_rejected() {
        assertEquals("s.yaml: inputs must list at least one input", error(VALID.replaceAll("(?s)inputs:.*?sampling", "inputs: []\nsampling")));
    }

    @Test
    void parse_exactQuantilesOnHugeRun_rejected() {
        String msg = error(VALID.replace("n: 1024", "n: 1073741824").replace("quantile-method: sketch", "quantile-method: exact"));
        assertTrue(msg.startsWith("s.yaml: statistics.quantile-method exact keeps every sample"), msg);
    }
}
