package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;

class QueryCommandTest {

    @TempDir
    Path dir;

    Path file;
    SnaModel model;

    /** A rank-2 model on [0, 1] x [-2, 3] with factors that make every coordinate matter. */
    static SnaModel model() {
        BSplineBasis a = BSplineBasis.clampedUniform(3, 6, 0, 1);
        BSplineBasis b = BSplineBasis.clampedUniform(2, 5, -2, 3);
        double[][] w = new double[2][];
        w[0] = new double[6 * 2];
        w[1] = new double[5 * 2];
        for (int i = 0; i < w[0].length; i++) {
            w[0][i] = Math.sin(i + 1.0);
        }
        for (int i = 0; i < w[1].length; i++) {
            w[1][i] = Math.cos(0.7 * i);
        }
        return SnaModel.of(List.of("x1", "x2"), List.of(a, b), new double[] {1.5, -0.5}, w, "y",
                Map.of("method", "test"), List.of());
    }

    @BeforeEach
    void writeModel() throws IOException {
        model = model();
        file = dir.resolve("m.sna");
        SnaModelFile.write(model, file);
    }

    @Test
    void query_insidePoint_printsExactModelValue() {
        Cli.Result r = Cli.run("query", file.toString(), "x2=1.25", "x1=0.3").assertOk();
        assertEquals(model.value(new double[] {0.3, 1.25}), Double.parseDouble(r.out().strip()), 0.0);
    }

    @Test
    void query_outsideWithClamp_printsBoundaryValue() {
        Cli.Result r = Cli.run("query", file.toString(), "x1=1.5", "x2=-7", "--clamp").assertOk();
        assertEquals(model.value(new double[] {1.0, -2.0}), Double.parseDouble(r.out().strip()), 0.0);
    }

    @Test
    void query_outsideWithoutClamp_exit2NamesCoordinateAndDomain() {
        Cli.run("query", file.toString(), "x1=1.5", "x2=0")
                .assertBadInput("x1 = 1.5 is outside the domain [0.0, 1.0]", "--clamp");
    }

    @Test
    void query_missingCoordinate_exit2() {
        Cli.run("query", file.toString(), "x1=0.5").assertBadInput("missing value for x2");
        Cli.run("query", file.toString()).assertBadInput("missing values for x1, x2");
    }

    @Test
    void query_unknownName_exit2ListsCoordinates() {
        Cli.run("query", file.toString(), "x1=0.5", "x2=0", "x3=1")
                .assertBadInput("'x3' is not a coordinate of " + file + "; coordinates: x1, x2");
    }

    @Test
    void query_notANumber_exit2() {
        Cli.run("query", file.toString(), "x1=abc", "x2=0").assertBadInput("x1: 'abc' is not a number");
        Cli.run("query", file.toString(), "x1=NaN", "x2=0").assertBadInput("x1: 'NaN' is not a finite number");
    }

    @Test
    void query_malformedOrRepeated_exit2() {
        Cli.run("query", file.toString(), "x1", "x2=0").assertBadInput("expected NAME=VALUE, got 'x1'");
        Cli.run("query", file.toString(), "x1=0", "x1=0.5").assertBadInput("x1 is given twice");
    }

    @Test
    void query_missingModel_exit2() {
        Cli.run("query", dir.resolve("none.sna").toString(), "x1=0").assertBadInput("none.sna: no such file");
    }

    @Test
    void query_corruptModel_exit2FromFormatCheck() throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x10;
        Path bad = Files.write(dir.resolve("bad.sna"), b);
        Cli.run("query", bad.toString(), "x1=0", "x2=0").assertBadInput(bad + ": corrupted: the CRC-32C");
    }
}
