package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.models.TestSimulators;
import org.snauq.spark.SparkTests;

/**
 * Models with several outputs trained inside a study: one SNA per response column of a data file, and one per output
 * of a simulator, each with its own rows in the tables (the {@code output} column).
 */
class SeveralOutputsTrainTest {

    /**
     * Both responses are polynomials that a rank-2 quadratic SNA holds exactly; ALS on exact data stops when the
     * residual stalls, a few orders above round-off.
     */
    static final double EXACT_FIT = 1e-9;

    static final String INPUTS = "inputs:\n  - {name: x1, dist: uniform, lower: 0, upper: 1}\n"
            + "  - {name: x2, dist: uniform, lower: 0, upper: 1}\n";

    @TempDir
    static Path dir;

    @BeforeAll
    static void spark() {
        SparkTests.session();
    }

    static SnaRun.Result run(String study, String id) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, study);
        return SnaRun.sna("run", file.toString(), "--output", dir.resolve("out").toString(), "--run-id", id);
    }

    static List<Row> summary(String id, String method) {
        return SparkTests.session().read().parquet(Published.table(dir.resolve("out"), "summary", id).toString())
                .where("method = '" + method + "'").orderBy("output").collectAsList();
    }

    @Test
    void run_trainOnTwoResponseColumns_eachOutputIsItsPolynomial() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        Path csv = dir.resolve("two.csv");
        Files.writeString(csv, "x1,x2,y,z\n" + IntStream.range(0, 200).mapToObj(i -> {
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            return String.format(Locale.ROOT, "%.17g,%.17g,%.17g,%.17g", a, b, a + b, a * b);
        }).collect(Collectors.joining("\n")) + "\n");
        SnaRun.Result r = run("name: two\nmodel:\n  train: {data: " + csv + ", response: [y, z], rank: 2, degree: 2,"
                + " knots: 3}\n" + INPUTS + "sampling: {design: mc, n: 1024, seed: 1}\n"
                + "statistics: {keep-samples: true}\n", "two");
        assertEquals(0, r.exit(), r.err());
        assertPolynomials("two");
    }

    @Test
    void run_simulatorWithTwoOutputs_oneSnaPerOutputInTheTablesAndManifest() throws IOException {
        // answers z before y: the header names the order
        Path program = TestSimulators.write(dir, "two.sh", "#!/bin/sh\nexec awk -F, 'NR == 1 { print \"z,y\"; next }"
                + " { printf \"%.17g,%.17g\\n\", $1 * $2, $1 + $2 }'\n");
        SnaRun.Result r = run("name: sim2\nmodel:\n  train: {simulator: {command: {run: [" + program + "], outputs:"
                + " [y, z]}}, design: lhs, n: 100, seed: 2, rank: 2, degree: 2, knots: 3}\n" + INPUTS
                + "sampling: {design: mc, n: 1024, seed: 1}\nstatistics: {keep-samples: true}\n", "sim2");
        assertEquals(0, r.exit(), r.err());
        assertPolynomials("sim2");
        JsonNode model = new ObjectMapper().readTree(Published.runFolder(dir.resolve("out"), "sim2")
                .resolve("manifest.json").toFile()).get("model");
        assertEquals(100, model.get("simulator").get("runs").asInt());
        assertEquals(List.of("y", "z"), List.copyOf(iterable(model.get("fits").fieldNames())));
        for (String output : List.of("y", "z")) {
            assertEquals(2, model.get("fits").get(output).get("rank").asInt(), output);
        }
    }

    /** y and z of every kept sample of run {@code id} against the polynomials, and one summary row each. */
    static void assertPolynomials(String id) {
        assertEquals(List.of("y", "z"), summary(id, "sampling").stream().map(s -> s.<String>getAs("output"))
                .toList());
        List<Row> samples = SparkTests.session().read().parquet(Published.table(dir.resolve("out"), "samples", id)
                .toString()).collectAsList();
        assertEquals(1024, samples.size());
        for (Row s : samples) { // each output is its own SNA, evaluated at the sample's inputs
            double a = s.getAs("x1");
            double b = s.getAs("x2");
            assertEquals(a + b, s.<Double>getAs("y"), EXACT_FIT, "y = x1 + x2");
            assertEquals(a * b, s.<Double>getAs("z"), EXACT_FIT, "z = x1 x2");
        }
    }

    static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
