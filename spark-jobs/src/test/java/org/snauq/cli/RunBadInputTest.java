package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snauq.model.SnaModelFile;
import org.snauq.spark.IshigamiSna;

/**
 * Bad input to {@code sna run}: each case is exit 2, exactly one line on stderr that names the file (or option)
 * and the key, and no output folder.
 */
class RunBadInputTest {

    static final String GOOD = """
            name: bad
            model: {function: ishigami}
            inputs:
              - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
              - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
            sampling: {design: sobol, n: 1024, seed: 1}
            statistics: {sobol: true}
            """;

    @TempDir
    static Path dir;
    static Path model;
    static Path corrupt;
    static Path aFile;

    @BeforeAll
    static void files() throws IOException {
        model = dir.resolve("ishigami.sna");
        SnaModelFile.write(IshigamiSna.model(12), model);
        corrupt = dir.resolve("corrupt.sna");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x5a; // one flipped byte: the checksum must catch it
        Files.write(corrupt, bytes);
        aFile = dir.resolve("a-file");
        Files.writeString(aFile, "not a folder");
    }

    /** (case, study text, expected start of the message after "sna: "). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("malformed YAML", "name: bad\nmodel: {function: ishigami\ninputs: [\n",
                        "s.yaml: malformed YAML at line"),
                Arguments.of("unknown distribution", GOOD.replace("{name: x2, dist: uniform", "{name: x2, dist: cauchy"),
                        "s.yaml: inputs[1].dist must be one of"),
                Arguments.of("sd <= 0", GOOD.replace("{name: x2, dist: uniform, lower: -3.141592653589793, upper: "
                        + "3.141592653589793}", "{name: x2, dist: normal, mean: 0, sd: -0.5}"), "s.yaml: inputs[1]"),
                Arguments.of("lower >= upper", GOOD.replace("lower: -3.141592653589793, upper: 3.141592653589793}\n"
                        + "  - {name: x2", "lower: 2.0, upper: 1.0}\n  - {name: x2"), "s.yaml: inputs[0]"),
                Arguments.of("missing parameter", GOOD.replace("{name: x3, dist: uniform, lower: -3.141592653589793, ",
                        "{name: x3, dist: uniform, "), "s.yaml: inputs[2].lower is missing"),
                Arguments.of("model lacks an input", GOOD.replace("  - {name: x3,", "  - {name: x4,"),
                        "s.yaml: inputs[2].name: the model (function ishigami) has no input 'x4'"),
                Arguments.of("study lacks a model input", GOOD.replaceAll("  - \\{name: x3.*\n", ""),
                        "s.yaml: inputs: the model (function ishigami) also needs x3"),
                Arguments.of("expression does not parse", GOOD.replace("{function: ishigami}", "{expression: \"x1 + * x2\"}"),
                        "s.yaml: model.expression:"),
                Arguments.of("expression unknown variable", GOOD.replace("{function: ishigami}",
                        "{expression: \"x1 + x9\"}"), "s.yaml: model.expression:"),
                Arguments.of("unknown function", GOOD.replace("function: ishigami", "function: rosenbrock"),
                        "s.yaml: model.function: unknown function 'rosenbrock'"),
                Arguments.of("missing .sna file", GOOD.replace("function: ishigami", "sna: /no/such/model.sna"),
                        "s.yaml: model.sna: no such file"),
                Arguments.of("corrupt .sna file", GOOD.replace("function: ishigami", "sna: CORRUPT"),
                        "s.yaml: model.sna:"),
                Arguments.of("n too small", GOOD.replace("n: 1024", "n: 1"), "s.yaml: sampling.n must be >= 2, got 1"),
                Arguments.of("sobol n not a power of two", GOOD.replace("n: 1024", "n: 1000"),
                        "s.yaml: sampling.n must be a power of two"),
                Arguments.of("unknown design", GOOD.replace("design: sobol", "design: halton"),
                        "s.yaml: sampling.design must be one of mc, lhs, sobol"),
                Arguments.of("unknown key", GOOD + "seed: 3\n", "s.yaml: seed is not a known key"),
                Arguments.of("missing key", GOOD.replace("sampling: {design: sobol, n: 1024, seed: 1}",
                        "sampling: {design: sobol, seed: 1}"), "s.yaml: sampling.n is missing"),
                Arguments.of("wrong type", GOOD.replace("n: 1024", "n: [1024]"), "s.yaml: sampling.n must be a number"),
                Arguments.of("probability outside (0,1)", GOOD.replace("{sobol: true}", "{quantiles: [0.5, 1.2]}"),
                        "s.yaml: statistics.quantiles[1] must lie in (0, 1)"),
                Arguments.of("bad study name", GOOD.replace("name: bad", "name: Bad Study"), "s.yaml: name must match"),
                Arguments.of("two model sources", GOOD.replace("{function: ishigami}",
                        "{function: ishigami, expression: x1}"), "s.yaml: model must have exactly one of"),
                Arguments.of("training data missing", GOOD.replace("{function: ishigami}",
                        "{train: {data: /no/such.csv, response: y}}"), "s.yaml: model.train:"),
                // the init file is read before the data (missing here) and before Spark starts
                Arguments.of("train init file missing", GOOD.replace("{function: ishigami}",
                        "{train: {data: /no/such.csv, response: y, init: /no/such.sna}}"),
                        "s.yaml: model.train.init: no such file /no/such.sna"),
                Arguments.of("train init file corrupt", GOOD.replace("{function: ishigami}",
                        "{train: {data: /no/such.csv, response: y, init: CORRUPT}}"), "s.yaml: model.train.init: "),
                Arguments.of("simulate-train init file missing", GOOD.replace("{function: ishigami}",
                        "{train: {simulator: {command: [/bin/true]}, n: 10, init: /no/such.sna}}"),
                        "s.yaml: model.train.init: no such file /no/such.sna"),
                Arguments.of("train init without the response", GOOD.replace("{function: ishigami}",
                        "{train: {data: /no/such.csv, response: z, init: MODEL}}"), "s.yaml: model.train.init: "),
                Arguments.of("problem file missing", GOOD.replace("{function: ishigami}", "{solve: /no/such/p.yaml}"),
                        "s.yaml: model.solve: /no/such/p.yaml: no such file"),
                Arguments.of("input outside the SNA's domain", GOOD.replace("function: ishigami", "sna: MODEL")
                        .replace("lower: -3.141592653589793, upper: 3.141592653589793}\n  - {name: x2",
                                "lower: -4.0, upper: 3.0}\n  - {name: x2"),
                        "s.yaml: inputs[0] (x1, uniform): support [-4.0, 3.0] reaches"),
                Arguments.of("unbounded input leaves the SNA's domain", GOOD.replace("function: ishigami", "sna: MODEL")
                        .replace("{name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}",
                                "{name: x2, dist: normal, mean: 0, sd: 2}"),
                        "s.yaml: inputs[1] (x2, normal): about"),
                Arguments.of("empty file", "", "s.yaml: the file is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void run_badStudy_exit2OneLineNoOutput(String name, String text, String expected) throws IOException {
        Path sub = Files.createTempDirectory(dir, "case");
        Path study = sub.resolve("s.yaml");
        Files.writeString(study, text.replace("CORRUPT", corrupt.toString()).replace("MODEL", model.toString()));
        Path output = sub.resolve("out");
        assertBadInput(expected, output, "run", study.toString(), "--output", output.toString());
    }

    @Test
    void run_trainInitWithOtherInputs_exit2NamesBothInputLists() throws IOException {
        Path study = Files.createTempDirectory(dir, "init").resolve("s.yaml");
        Files.writeString(study, GOOD.replace("{function: ishigami}", "{train: {data: /no/such.csv, response: y,"
                + " init: " + model + "}}").replace("  - {name: x3,", "  - {name: x4,"));
        Path output = study.resolveSibling("out");
        assertBadInput("s.yaml: model.train.init: " + model + ": the model's inputs [x1, x2, x3] must be the study's"
                + " inputs [x1, x2, x4], in that order", output, "run", study.toString(), "--output", output.toString());
    }

    @Test
    void run_trainInitWithoutTheResponse_exit2NamesItsOutputs() throws IOException {
        Path study = Files.createTempDirectory(dir, "init").resolve("s.yaml");
        Files.writeString(study, GOOD.replace("{function: ishigami}", "{train: {data: /no/such.csv, response: z,"
                + " init: " + model + "}}"));
        Path output = study.resolveSibling("out");
        assertBadInput("s.yaml: model.train.init: " + model + " has no output 'z' to start z from; its outputs are y",
                output, "run", study.toString(), "--output", output.toString());
    }

    static void assertBadInput(String expected, Path output, String... args) {
        SnaRun.Result r = SnaRun.sna(args);
        assertEquals(2, r.exit(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), () -> "one line, got: " + r.err());
        assertTrue(lines.get(0).startsWith("sna: " + expected), () -> "expected 'sna: " + expected + "', got: "
                + lines.get(0));
        assertFalse(Files.exists(output), "no output folder");
    }

    @Test
    void run_outputIsAFile_exit2() throws IOException {
        Path study = dir.resolve("s.yaml");
        Files.writeString(study, GOOD);
        assertBadInput("--output " + aFile + ": " + aFile + " is a file", aFile.resolve("sub"), "run",
                study.toString(), "--output", aFile.toString());
        assertTrue(Files.isRegularFile(aFile), "the file is left alone");
    }

    @Test
    void run_missingStudyFile_exit2() {
        assertBadInput(dir.resolve("none.yaml") + ": no such file", dir.resolve("results"), "run",
                dir.resolve("none.yaml").toString(), "--output", dir.resolve("results").toString());
    }

    @Test
    void run_badRunId_exit2() throws IOException {
        Path study = dir.resolve("s2.yaml");
        Files.writeString(study, GOOD);
        assertBadInput("--run-id must match", dir.resolve("out2"), "run", study.toString(), "--run-id", "../x",
                "--output", dir.resolve("out2").toString());
    }

    @Test
    void generate_badInputs_exit2() throws IOException {
        Path study = dir.resolve("s3.yaml");
        Files.writeString(study, GOOD);
        Path out = dir.resolve("gen.parquet");
        assertBadInput("--n must be >= 2", out, "generate", "--function", "ishigami", "--inputs", study.toString(),
                "--n", "1", "--output", out.toString());
        assertBadInput("--design must be one of", out, "generate", "--function", "ishigami", "--inputs",
                study.toString(), "--n", "10", "--design", "grid", "--output", out.toString());
        assertBadInput("s3.yaml: model.expression:", out, "generate", "--expr", "x1 +", "--inputs", study.toString(),
                "--n", "10", "--output", out.toString());
    }
}
