package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snauq.model.SnaModelFile;
import org.snauq.spark.IshigamiSna;
import org.snauq.study.SpecialFiles;

/**
 * Issue 18's and 19's bad inputs across run, generate, train, solve, inspect and query: every case exits 2 with one
 * stderr line "sna: ..." (no stack trace) and writes nothing. Cases are command lines over files made once below;
 * OUT stands for a fresh output path that must not exist afterwards.
 */
class BadInputCommandsTest {

    static final String STUDY = """
            name: bad
            model: {function: ishigami}
            inputs:
              - {name: x1, dist: uniform, lower: -3.0, upper: 3.0}
              - {name: x2, dist: uniform, lower: -3.0, upper: 3.0}
              - {name: x3, dist: uniform, lower: -3.0, upper: 3.0}
            sampling: {design: mc, n: 2048, seed: 1}
            """;

    static final String PROBLEM = """
            name: heat
            coordinates:
              - {name: x, interval: [0, 1], role: space, atoms: 8}
            terms:
              - {term: diffusion, coordinate: x}
              - {term: source, value: 1}
            boundary:
              x: {lower: 0, upper: 0}
            """;

    @TempDir
    static Path dir;
    static Path fifo;
    static Path model;
    static Path data;

    @BeforeAll
    static void files() throws Exception {
        fifo = SpecialFiles.fifo(dir, "pipe.yaml");
        model = dir.resolve("m.sna");
        SnaModelFile.write(IshigamiSna.model(8), model);
        data = dir.resolve("d.csv");
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i * 0.1).append(',').append(Math.sin(i)).append(',').append(i * 0.3 + Math.sin(i)).append('\n');
        }
        Files.writeString(data, csv);
        Files.writeString(dir.resolve("dx.csv"), csv.toString().replaceFirst("x2", "sample_index"));
        Files.writeString(dir.resolve("dc.csv"), csv.toString().replaceFirst("x2", "X1"));
        Files.writeString(dir.resolve("dr.csv"), csv.toString().replaceFirst(",y", ",output"));
        Files.writeString(dir.resolve("good.yaml"), STUDY);
        Files.write(dir.resolve("latin1.yaml"), STUDY.replace("name: bad", "name: caf\u00e9")
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("dup.yaml"), STUDY + "name: again\n");
        Files.writeString(dir.resolve("big.yaml"), STUDY + "#" + "x".repeat(1 << 20) + "\n");
        Files.writeString(dir.resolve("problem-dup.yaml"), PROBLEM + "name: again\n");
        Files.write(dir.resolve("problem-latin1.yaml"), (PROBLEM + "# \u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("problem.yaml"), PROBLEM);
        Files.createDirectories(dir.resolve("a-folder.sna"));
    }

    /** A study file with STUDY's text edited: {@code from} replaced by {@code to}. */
    static String study(String name, String from, String to) {
        Path p = dir.resolve(name + ".yaml");
        try {
            Files.writeString(p, STUDY.replace(from, to));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.toString();
    }

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    /** (case, expected start of the line after "sna: ", the command line). */
    static Stream<Arguments> cases() {
        String x = "{name: x1, dist: uniform, lower: -3.0, upper: 3.0}";
        return Stream.of(
                // run: resources and counts, checked before Spark
                run("n = 2^48 + 3 * 2^16", "n: 2048", "n: 281474976907264", "s1.yaml: sampling.n must be <= 4294967296"),
                run("n = 2^62", "n: 2048", "n: 4611686018427387904", "s2.yaml: sampling.n must be <= 4294967296"),
                run("n = 2^40 with lhs", "design: mc, n: 2048", "design: lhs, n: 1099511627776",
                        "s3.yaml: sampling.n must be <= 4294967296"),
                run("partitions huge", "seed: 1}", "seed: 1}\nspark: {partitions: 2000000000}",
                        "s4.yaml: spark.partitions must lie in [0, 65536]"),
                Arguments.of("study is a FIFO", "PIPE: not a regular file (a pipe, socket or device)",
                        new String[] {"run", "PIPE", "--output", "OUT"}),
                Arguments.of("study is /dev/zero", "/dev/zero: not a regular file",
                        new String[] {"run", "/dev/zero", "--output", "OUT"}),
                Arguments.of("study is a folder", "DIR: not a regular file (a folder)",
                        new String[] {"run", "DIR", "--output", "OUT"}),
                Arguments.of("study is not UTF-8", "latin1.yaml: not UTF-8 text: byte 0xE9",
                        new String[] {"run", f("latin1.yaml"), "--output", "OUT"}),
                Arguments.of("study repeats a key", "dup.yaml: malformed YAML at line 8",
                        new String[] {"run", f("dup.yaml"), "--output", "OUT"}),
                Arguments.of("study too large", "big.yaml: larger than 1048576 bytes",
                        new String[] {"run", f("big.yaml"), "--output", "OUT"}),
                // run: names
                run("input named like the output", "{name: x1,", "{name: y,",
                        "s5.yaml: inputs[0].name: the model (function ishigami) has no input 'y'"),
                run("input sample_index", "{name: x3,", "{name: sample_index,",
                        "s7.yaml: inputs[2].name is reserved for a column of the result tables"),
                run("names differing only in case", "{name: x2,", "{name: X1,",
                        "s8.yaml: inputs[1].name differs from the earlier input 'x1' only in case"),
                run("input e in an expression", "{function: ishigami}\n", "{expression: \"e * x1 + x2 + x3\"}\n",
                        "s9.yaml: input 'e' would hide the constant e", "{name: x1,", "{name: e,"),
                run("input pi in an expression", "{function: ishigami}\n", "{expression: \"pi + x1 + x2\"}\n",
                        "s10.yaml: input 'pi' would hide the constant pi", "{name: x3,", "{name: pi,"),
                run("training response is an input", "{function: ishigami}", "{train: {data: DATA, response: x2}}",
                        "s11.yaml: model.train.response 'x2' is also inputs[1]"),
                run("expression output y and input Y", "{function: ishigami}", "{expression: \"x1 + x2\"}",
                        "s12.yaml: inputs[2].name 'Y' is also the name of the model's output 'y'", "{name: x3,",
                        "{name: Y,"),
                run("statistics with a sweep", "seed: 1}", "seed: 1}\nstatistics: {moments: true}\nsweep: {designs:"
                        + " {a: [1.0]}, window: {y: {max: 1}}}", "s13.yaml: statistics does not apply to a sweep"),
                run("on-failure skip with sobol", "design: mc, n: 2048", "design: sobol, n: 1024",
                        "s14.yaml: on-failure skip cannot be used with statistics.sobol", "seed: 1}",
                        "seed: 1}\nstatistics: {sobol: true}\non-failure: skip"),
                // run: non-finite outputs under on-failure: error (the default), with and without a histogram
                run("x1 / (x1 - x1)", "{function: ishigami}", "{expression: \"x1 / (x1 - x1) + x2 + x3\"}",
                        "s15.yaml: sample 0 (x1 = "),
                run("sqrt over negative samples", "{function: ishigami}", "{expression: \"sqrt(x1) + x2 + x3\"}",
                        "s16.yaml: sample ", "seed: 1}", "seed: 1}\nstatistics: {histogram: false}"),
                run("lognormal with a huge sigma", x, "{name: x1, dist: lognormal, mu: 0.0, sigma: 1000.0}",
                        "s17.yaml: sample ", "{function: ishigami}", "{expression: \"x1 * x2 + x3\"}"),
                run("uniform over [-1e308, 1e308]", x, "{name: x1, dist: uniform, lower: -1.0e308, upper: 1.0e308}",
                        "s18.yaml: ", "{function: ishigami}", "{expression: \"x1 * 10 + x2 + x3\"}"),
                // generate
                Arguments.of("generate n = 2^48 + 3 * 2^16", "--n must be <= 4294967296 (2^32), got 281474976907264",
                        new String[] {"generate", "--function", "ishigami", "--inputs", f("good.yaml"), "--n",
                                "281474976907264", "--output", "OUT"}),
                Arguments.of("generate n = 2^62", "--n must be <= 4294967296",
                        new String[] {"generate", "--function", "ishigami", "--inputs", f("good.yaml"), "--n",
                                "4611686018427387904", "--output", "OUT"}),
                Arguments.of("generate inputs from a FIFO", "PIPE: not a regular file",
                        new String[] {"generate", "--function", "ishigami", "--inputs", "PIPE", "--n", "10",
                                "--output", "OUT"}),
                Arguments.of("generate NaN outputs", "generate: sample ",
                        new String[] {"generate", "--expr", "sqrt(x1) + x2 + x3", "--inputs", f("good.yaml"), "--n",
                                "100", "--output", "OUT"}),
                Arguments.of("generate input e in the expression", "good-e.yaml: input 'e' would hide the constant e",
                        new String[] {"generate", "--expr", "e + x2", "--inputs", study("good-e", "{name: x1,",
                                "{name: e,"), "--n", "100", "--output", "OUT"}),
                Arguments.of("generate input sample_index", "good-si.yaml: inputs[0].name is reserved",
                        new String[] {"generate", "--function", "ishigami", "--inputs", study("good-si", "{name: x1,",
                                "{name: sample_index,"), "--n", "100", "--output", "OUT"}),
                // train
                Arguments.of("train knots 2e9", "--knots must be auto or lie in [degree + 1 = 2, 4096], got 2000000000",
                        new String[] {"train", "--data", "DATA", "--response", "y", "--knots", "2000000000",
                                "--output", "OUT"}),
                Arguments.of("train degree 2^31 - 1", "--degree must be auto or lie in [1, 15], got 2147483647",
                        new String[] {"train", "--data", "DATA", "--response", "y", "--degree", "2147483647",
                                "--output", "OUT"}),
                Arguments.of("train knots beyond int", "--knots must be an integer or 'auto', got '99999999999'",
                        new String[] {"train", "--data", "DATA", "--response", "y", "--knots", "99999999999",
                                "--output", "OUT"}),
                Arguments.of("train rank 10^6", "--rank must be 'auto' or an integer in [1, 1000], got 1000000",
                        new String[] {"train", "--data", "DATA", "--response", "y", "--rank", "1000000",
                                "--output", "OUT"}),
                Arguments.of("train data from a FIFO", "PIPE: not a regular file or folder",
                        new String[] {"train", "--data", "PIPE", "--response", "y", "--output", "OUT"}),
                Arguments.of("train data /dev/zero", "/dev/zero: not a regular file or folder",
                        new String[] {"train", "--data", "/dev/zero", "--response", "y", "--output", "OUT"}),
                Arguments.of("train too few rows for fixed knots", "DATA: fewer training rows than unknowns",
                        new String[] {"train", "--data", "DATA", "--response", "y", "--knots", "60", "--degree", "3",
                                "--rank", "1", "--output", "OUT"}),
                Arguments.of("train a column named sample_index", "DATAX: column 'sample_index' cannot name a model"
                        + " coordinate: it is reserved", new String[] {"train", "--data", "DATAX", "--response", "y",
                                "--output", "OUT"}),
                Arguments.of("train columns differing only in case", "DATAC: columns 'x1' and 'X1' differ only in"
                        + " case", new String[] {"train", "--data", "DATAC", "--response", "y", "--output", "OUT"}),
                Arguments.of("train response named like a reserved column", "DATAR: column 'output' cannot name a"
                        + " model output", new String[] {"train", "--data", "DATAR", "--response", "output",
                                "--output", "OUT"}),
                // solve
                Arguments.of("solve a FIFO", "PIPE: not a regular file",
                        new String[] {"solve", "PIPE", "--output", "OUT"}),
                Arguments.of("solve a problem repeating a key", "problem-dup.yaml: malformed YAML at line 9",
                        new String[] {"solve", f("problem-dup.yaml"), "--output", "OUT"}),
                Arguments.of("solve a problem not in UTF-8", "problem-latin1.yaml: not UTF-8 text",
                        new String[] {"solve", f("problem-latin1.yaml"), "--output", "OUT"}),
                Arguments.of("solve into a folder", "--output DIR: is a folder",
                        new String[] {"solve", f("problem.yaml"), "--output", "DIR"}),
                // inspect and query
                Arguments.of("inspect a FIFO", "PIPE: not a regular file",
                        new String[] {"inspect", "PIPE"}),
                Arguments.of("inspect /dev/zero", "/dev/zero: not a regular file", new String[] {"inspect", "/dev/zero"}),
                Arguments.of("inspect a folder", "DIR/a-folder.sna: is a folder",
                        new String[] {"inspect", f("a-folder.sna")}),
                Arguments.of("query a FIFO", "PIPE: not a regular file",
                        new String[] {"query", "PIPE", "x1=0"}),
                Arguments.of("query an infinite value", "x1: '1e999' is not a finite number",
                        new String[] {"query", "MODEL", "x1=1e999", "x2=0", "x3=0"}),
                Arguments.of("query NaN", "x2: 'NaN' is not a finite number",
                        new String[] {"query", "MODEL", "x1=0", "x2=NaN", "x3=0"}));
    }

    /**
     * A run of STUDY with edits (pairs from, to) written to the file the expected message names ({@code s<N>.yaml}).
     */
    static Arguments run(String name, String from, String to, String expected, String... more) {
        String text = STUDY.replace(from, to);
        for (int i = 0; i < more.length; i += 2) {
            text = text.replace(more[i], more[i + 1]);
        }
        String file = expected.substring(0, expected.indexOf(".yaml") + ".yaml".length());
        return Arguments.of(name, expected, new String[] {"run", STUDY_TEXT + file + "\n" + text, "--output", "OUT"});
    }

    /** Marks an argument that is a study's text to write first: the marker, the file name, a line break, the text. */
    static final String STUDY_TEXT = "<study>";

    /** The argument with the placeholders replaced (a study text written to a file in {@code caseDir}). */
    static String resolve(String a, Path caseDir) throws IOException {
        if (a.startsWith(STUDY_TEXT)) {
            int nl = a.indexOf('\n');
            Path study = caseDir.resolve(a.substring(STUDY_TEXT.length(), nl));
            Files.writeString(study, a.substring(nl + 1).replace("DATA", data.toString()));
            return study.toString();
        }
        return a.equals("DIR") ? dir.toString() : a.replace("OUT", caseDir.resolve("out").toString())
                .replace("DATAX", f("dx.csv")).replace("DATAC", f("dc.csv")).replace("DATAR", f("dr.csv"))
                .replace("PIPE", fifo.toString()).replace("DATA", data.toString()).replace("MODEL", model.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void command_badInput_exit2OneLineNothingWritten(String name, String expected, String[] args) throws IOException {
        Path caseDir = Files.createTempDirectory(dir, "case");
        String[] line = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            line[i] = resolve(args[i], caseDir);
        }
        String exp = expected.replace("PIPE", fifo.toString()).replace("DATAX", f("dx.csv"))
                .replace("DATAC", f("dc.csv")).replace("DATAR", f("dr.csv")).replace("DATA", data.toString())
                .replace("DIR", dir.toString());
        SnaRun.Result r = SnaRun.sna(line);
        List<String> lines = r.errorLines(); // progress lines ("sna [ 0.52 s] ...") may precede the error
        assertEquals(2, r.exit(), () -> "exit code; stderr: " + r.err());
        assertEquals(1, lines.size(), () -> "one line, got: " + r.err());
        assertTrue(lines.get(0).startsWith("sna: " + exp), () -> "expected 'sna: " + exp + "...', got: " + lines.get(0));
        assertFalse(Files.exists(caseDir.resolve("out")), "nothing written");
        assertEquals("", r.out(), "nothing on stdout");
    }
}
