package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import picocli.CommandLine;

/**
 * {@code sna solve} through its own command object. Bad input must give exit 2 and one line on stderr; until the
 * shared {@code SnaCli} error mapping is on this branch, {@link #run} applies the same rule (IllegalArgumentException
 * and parameter errors -> 2, one line "sna: message").
 */
class SolveCommandTest {

    /** Issue 5 floor for the 2-D Poisson problem with cubic atoms. */
    private static final double POISSON_TOL = 1e-6;
    /** Issue 5 floor for the parametric diffusion family. */
    private static final double PARAMETRIC_TOL = 1e-5;

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new SolveCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        cmd.setExecutionExceptionHandler((ex, c, parse) -> {
            c.getErr().println("sna: " + ex.getMessage());
            c.getErr().flush();
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static double reportedError(String out) {
        Matcher m = Pattern.compile("relative L2 error vs exact: (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void solve_poisson2d_writesModelAndReportsError() throws Exception {
        Path model = dir.resolve("p.sna");
        Result r = run("../conf/problems/poisson-2d.yaml", "--output", model.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("formulation galerkin"), r.out());
        assertTrue(reportedError(r.out()) < POISSON_TOL, r.out());
        SnaModel m = SnaModelFile.read(model);
        assertEquals("vsna", m.provenance().get("method"));
        assertEquals("poisson-2d", m.provenance().get("problem"));
        assertEquals(Math.sin(Math.PI * 0.3) * Math.sin(Math.PI * 0.8), m.value(new double[] {0.3, 0.8}), 1e-5);
    }

    @Test
    void solve_parametricDiffusion_belowIssueFloor() {
        Result r = run("../conf/problems/parametric-diffusion.yaml", "--output", dir.resolve("k.sna").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(reportedError(r.out()) < PARAMETRIC_TOL, r.out());
    }

    private Result runBad(String yaml) throws IOException {
        Path p = dir.resolve("heat.yaml");
        Files.writeString(p, yaml);
        Result r = run(p.toString(), "--output", dir.resolve("x.sna").toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().startsWith("sna: heat.yaml: "), r.err());
        assertTrue(!Files.exists(dir.resolve("x.sna")), "no model written for a bad file");
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
                .contains("degree: must be >= 1, got 0"));
        assertTrue(runBad(good.replace("  y: {lower: 0, upper: 0}\n", "")).err()
                .contains("missing boundary condition for diffusion coordinate 'y'"));
    }

    @Test
    void solve_missingFile_exit2() {
        Result r = run(dir.resolve("nope.yaml").toString(), "--output", dir.resolve("x.sna").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
