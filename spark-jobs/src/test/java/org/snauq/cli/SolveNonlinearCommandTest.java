package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * {@code sna solve} on nonlinear problem files (issue 12), and every ill-posed or unsupported problem of issue 12,
 * point 6, rejected with exit code 2, one line naming the file, the term and the reason, and no model written.
 */
class SolveNonlinearCommandTest {

    /** Issue 12: the manufactured conduction solution to 1e-5. */
    private static final double CONDUCTION_TOL = 1e-5;

    @TempDir
    Path dir;

    @Test
    void solve_nonlinearConduction_reportsOuterIterationsAndMeetsTolerance() throws Exception {
        Path model = dir.resolve("c.sna");
        Cli.Result r = Cli.run("solve", "../conf/problems/conduction-nonlinear.yaml", "--output", model.toString())
                .assertOk();
        assertTrue(r.out().contains("Newton iterations"), r.out());
        Matcher m = Pattern.compile("relative L2 error vs exact: (\\S+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) <= CONDUCTION_TOL, r.out());
        SnaModel u = SnaModelFile.read(model);
        assertEquals("newton", u.provenance().get("linearisation"));
        assertTrue(((Number) u.provenance().get("outer-iterations")).intValue() >= 2, u.provenance().toString());
    }

    /** -(k u')' + c u = f on (0, 1) with u = 0 at both ends; k a coordinate on [kLower, kUpper]. */
    private static String diffusion(double kLower, double kUpper, String reaction, String source) {
        return "name: bad\n"
                + "coordinates:\n"
                + "  - {name: x, interval: [0, 1], role: space, atoms: 10}\n"
                + "  - {name: k, interval: [" + kLower + ", " + kUpper + "], role: parameter, atoms: 5}\n"
                + "terms:\n"
                + "  - {term: diffusion, coordinate: x, coefficient: \"k\"}\n"
                + "  - {term: reaction, coefficient: \"" + reaction + "\"}\n"
                + "  - {term: source, value: \"" + source + "\"}\n"
                + "boundary:\n"
                + "  x: {lower: 0, upper: 0}\n";
    }

    private Cli.Result runBad(String yaml, String... fragments) throws IOException {
        Path p = dir.resolve("bad.yaml");
        Files.writeString(p, yaml);
        Path out = dir.resolve("x.sna");
        String[] all = new String[fragments.length + 1];
        all[0] = "bad.yaml: ";
        System.arraycopy(fragments, 0, all, 1, fragments.length);
        Cli.Result r = Cli.run("solve", p.toString(), "--output", out.toString()).assertBadInput(all);
        assertFalse(Files.exists(out), "no model written for a bad problem");
        assertEquals("", r.out(), "nothing printed for a bad problem");
        return r;
    }

    /**
     * Picard on Burgers past the shock time of a large initial wave, under-resolved: the change grows at once. The
     * last iterate is no solution, so it is an error (exit 2, one line), never a model.
     */
    @Test
    void solve_divergingOuterLoop_exit2NoModel() throws IOException {
        runBad("name: d\n"
                + "constants: {nu: 1.0e-4}\n"
                + "coordinates:\n"
                + "  - {name: x, interval: [-1, 1], role: space, atoms: 16}\n"
                + "  - {name: t, interval: [0, 3], role: time, atoms: 8}\n"
                + "terms:\n"
                + "  - {term: time-derivative, coordinate: t}\n"
                + "  - {term: advection, coordinate: x, velocity: \"u\"}\n"
                + "  - {term: diffusion, coordinate: x, coefficient: \"nu\"}\n"
                + "boundary:\n"
                + "  x: {lower: 0, upper: 0}\n"
                + "initial: \"-20*sin(pi*x)\"\n"
                + "solver: {max-rank: 8, linearisation: picard, outer-tolerance: 1.0e-12, outer-iterations: 40}\n",
                "solver: the nonlinear solve diverged", "no model written");
    }

    @Test
    void solve_coefficientReachingZero_exit2() throws IOException {
        runBad(diffusion(0, 2, "0", "1"), "terms[0] (diffusion): the coefficient along 'x' is not bounded away from 0");
    }

    @Test
    void solve_coefficientChangingSign_exit2() throws IOException {
        runBad(diffusion(-1, 2, "0", "1"), "terms[0] (diffusion): the coefficient along 'x' changes sign");
    }

    @Test
    void solve_indefiniteOperator_exit2() throws IOException {
        runBad(diffusion(1, 1.5, "-40", "1"), "terms[1] (reaction): the operator is not coercive");
    }

    @Test
    void solve_unsupportedNonlinearTerms_exit2() throws IOException {
        runBad(diffusion(1, 2, "0", "u^2"), "terms[2].value: unsupported nonlinear term: a source cannot depend on"
                + " the solution 'u'");
        String burgers = "name: bad\n"
                + "coordinates:\n"
                + "  - {name: x, interval: [-1, 1], role: space, atoms: 10}\n"
                + "  - {name: t, interval: [0, 1], role: time, atoms: 6}\n"
                + "terms:\n"
                + "  - {term: time-derivative, coordinate: t}\n"
                + "  - {term: advection, coordinate: x, velocity: \"u\"}\n"
                + "  - {term: diffusion, coordinate: x, coefficient: 0.1}\n"
                + "boundary:\n"
                + "  x: {lower: 0, upper: 0}\n"
                + "initial: \"-sin(pi*x)\"\n";
        runBad(burgers + "solver: {formulation: least-squares}\n", "solver.formulation: unsupported nonlinear term:"
                + " terms[1] (advection) depends on the solution 'u'");
        runBad(burgers.replace("initial: \"-sin(pi*x)\"", "initial: \"-sin(pi*x)*u\""),
                "initial: unsupported nonlinear term: an initial condition cannot depend on the solution 'u'");
        runBad(burgers.replace("{term: advection, coordinate: x, velocity: \"u\"}",
                "{term: flux-derivative, coordinate: x, flux: \"x*u^2\"}"),
                "terms[1].flux: unsupported nonlinear term: a flux along 'x' that also depends on 'x'");
        runBad(burgers + "solver: {linearisation: secant}\n", "solver.linearisation: unknown linearisation 'secant'");
    }
}
