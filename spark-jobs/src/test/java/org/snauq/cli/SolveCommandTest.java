package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;

/** {@code sna solve} through the {@code sna} command line (exit codes and one-line errors from {@code CliErrors}). */
class SolveCommandTest {

    /** Issue 5 floor for the 2-D Poisson problem with cubic atoms. */
    private static final double POISSON_TOL = 1e-6;
    /** Issue 5 floor for the parametric diffusion family. */
    private static final double PARAMETRIC_TOL = 1e-5;

    @TempDir
    Path dir;

    private static double reportedError(String out) {
        Matcher m = Pattern.compile("relative L2 error vs exact: (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void solve_poisson2d_writesModelAndReportsError() throws Exception {
        Path model = dir.resolve("p.sna");
        Cli.Result r = Cli.run("solve", "../conf/problems/poisson-2d.yaml", "--output", model.toString()).assertOk();
        assertTrue(r.out().contains("formulation galerkin"), r.out());
        assertTrue(reportedError(r.out()) < POISSON_TOL, r.out());
        SnaModel m = SnaModelFile.read(model);
        assertEquals("vsna", m.provenance().get("method"));
        assertEquals("poisson-2d", m.provenance().get("problem"));
        assertEquals(Math.sin(Math.PI * 0.3) * Math.sin(Math.PI * 0.8), m.value(new double[] {0.3, 0.8}), 1e-5);
    }

    @Test
    void solve_parametricDiffusion_belowIssueFloor() {
        Cli.Result r = Cli.run("solve", "../conf/problems/parametric-diffusion.yaml", "--output",
                dir.resolve("k.sna").toString()).assertOk();
        assertTrue(reportedError(r.out()) < PARAMETRIC_TOL, r.out());
    }

    private Cli.Result runBad(String yaml) throws IOException {
        Path p = dir.resolve("heat.yaml");
        Files.writeString(p, yaml);
        Cli.Result r = Cli.run("solve", p.toString(), "--output", dir.resolve("x.sna").toString())
                .assertBadInput("heat.yaml: ");
        assertTrue(!Files.exists(dir.resolve("x.sna")), "no model written for a bad file");
        assertEquals("", r.out(), "nothing printed for a bad file");
        return r;
    }

    @Test
    void solve_badProblemFiles_exit2WithOneLine() throws IOException {
        String good = Files.readString(Path.of("../conf/problems/poisson-2d.yaml"));
        assertTrue(runBad(good.replace("term: diffusion", "term: difusion")).err().contains("unknown term 'difusion'"));
        assertTrue(runBad(good.replace("coordinates: [x, y]", "coordinates: [x, z]")).err()
                .contains("coordinate 'z' is not declared"));
        assertTrue(runBad(good.replace("interval: [0, 1], role: space, atoms: 40, degree: 3}\n  - {name: y",
                "interval: [1, 0], role: space, atoms: 40, degree: 3}\n  - {name: y")).err()
                .contains("lower must be < upper"));
        assertTrue(runBad(good.replace("degree: 3}\n  - {name: y", "degree: 0}\n  - {name: y")).err()
                .contains("degree: must lie in [1, 15], got 0"));
        // a division by zero in a field (exp4j throws where IEEE would give an infinity): a value that is not
        // finite, named by the problem checks, never an internal error (a fuzz finding)
        assertTrue(runBad(good.replace("2*pi^2*sin(pi*x)*sin(pi*y)", "1/(x-x)")).err()
                .contains("terms[2].value is not finite (NaN) at"));
        // issue 19: sizes beyond what the solver can allocate are refused up front, not an OutOfMemoryError
        assertTrue(runBad(good.replace("degree: 3}\n  - {name: y", "degree: 2147483647}\n  - {name: y")).err()
                .contains("degree: must lie in [1, 15], got 2147483647"));
        assertTrue(runBad(good.replace("atoms: 40, degree: 3}\n  - {name: y", "atoms: 2000000000, degree: 3}\n"
                + "  - {name: y")).err().contains("atoms: must lie in [degree + 1 = 4, 4096], got 2000000000"));
        assertTrue(runBad(good.replace("  y: {lower: 0, upper: 0}\n", "")).err()
                .contains("missing boundary condition for diffusion coordinate 'y'"));
    }

    @Test
    void solve_missingFile_exit2() {
        Cli.run("solve", dir.resolve("nope.yaml").toString(), "--output", dir.resolve("x.sna").toString())
                .assertBadInput("nope.yaml: no such file");
    }

    @Test
    void solve_missingOutputOption_usageError() {
        Cli.run("solve", "../conf/problems/poisson-2d.yaml").assertBadInput("--output");
    }
}
