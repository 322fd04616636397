package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.objecthunter.exp4j.ExpressionBuilder;
import org.junit.jupiter.api.Test;
import org.snauq.galerkin.Field;
import org.snauq.galerkin.PdeProblem;
import org.snauq.galerkin.VsnaConfig;

class ProblemFileTest {

    static final Path PROBLEMS = Path.of("..", "conf", "problems");

    private static final String GOOD = """
            name: heat
            coordinates:
              - {name: x, interval: [0, 1], role: space, atoms: 10, degree: 3}
              - {name: y, interval: [0, 1], role: space, atoms: 10}
            terms:
              - {term: diffusion, coordinates: [x, y], coefficient: 1}
              - {term: source, value: "2*pi^2*sin(pi*x)*sin(pi*y)"}
            boundary:
              x: {lower: 0, upper: 0}
              y: {lower: 0, upper: 0}
            solver: {max-rank: 3, formulation: galerkin}
            exact: "sin(pi*x)*sin(pi*y)"
            """;

    private static StudyException bad(String yaml) {
        return assertThrows(StudyException.class, () -> ProblemFile.parse(yaml, "heat.yaml"));
    }

    @Test
    void read_shippedProblems_allValid() throws IOException {
        try (Stream<Path> files = Files.list(PROBLEMS)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertFalse(list.isEmpty());
            for (Path p : list) {
                ProblemFile f = ProblemFile.read(p);
                assertEquals(p.getFileName().toString(), f.problem().name() + ".yaml");
            }
        }
    }

    @Test
    void parse_goodFile_buildsProblem() {
        ProblemFile f = ProblemFile.parse(GOOD, "heat.yaml");
        PdeProblem p = f.problem();
        assertEquals(List.of("x", "y"), p.names());
        assertEquals(3, p.terms().size(), "diffusion over [x, y] gives one term per coordinate");
        assertEquals(3, f.solver().maxRank());
        assertEquals(VsnaConfig.Formulation.GALERKIN, f.solver().formulation());
        assertNotNull(p.exact());
        assertEquals(Math.sin(Math.PI * 0.3) * Math.sin(Math.PI * 0.6), p.exact().value(new double[] {0.3, 0.6}),
                1e-15);
    }

    @Test
    void parse_productSource_splitIntoOneCoordinateFactors() {
        PdeProblem.Source s = (PdeProblem.Source) ProblemFile.parse(GOOD, "heat.yaml").problem().terms().get(2);
        Field.Product product = assertInstanceOf(Field.Product.class, s.value());
        for (Field f : product.factors()) {
            assertTrue(f.variables().size() <= 1, "factor " + f.variables());
        }
        assertEquals(2 * Math.PI * Math.PI * Math.sin(0.3 * Math.PI) * Math.sin(0.6 * Math.PI),
                s.value().value(new double[] {0.3, 0.6}), 1e-13);
    }

    @Test
    void parse_sumWithExponentAndUnaryMinus_keepsValue() {
        String expr = "-x^2*y + 1.5e-1*cos(y) - 2*x/(1+y) + x*y";
        PdeProblem.Source s = (PdeProblem.Source) ProblemFile.parse(GOOD.replace("2*pi^2*sin(pi*x)*sin(pi*y)", expr),
                "heat.yaml").problem().terms().get(2);
        assertInstanceOf(Field.Sum.class, s.value());
        double x = 0.3;
        double y = 0.7;
        // reference: exp4j on the whole text (whatever its precedence of unary minus, the split must agree)
        double whole = new ExpressionBuilder(expr).variables("x", "y").build().setVariable("x", x).setVariable("y", y)
                .evaluate();
        assertEquals(whole, s.value().value(new double[] {x, y}), 1e-14);
    }

    private static final String BURGERS = """
            name: burgers
            coordinates:
              - {name: x, interval: [-1, 1], role: space, atoms: 13, grading: {power: 2, toward: 0}}
              - {name: t, interval: [0, 1], role: time, atoms: 6}
            terms:
              - {term: time-derivative, coordinate: t}
              - {term: flux-derivative, coordinate: x, flux: "u^2/2"}
              - {term: diffusion, coordinate: x, coefficient: "0.1*(1 + u^2)"}
            boundary:
              x: {lower: 0, upper: 0}
            initial: "-sin(pi*x)"
            solver: {linearisation: picard, outer-iterations: 7, outer-tolerance: 1.0e-4, recompression-tolerance: 0}
            """;

    @Test
    void parse_nonlinearTerms_solutionIsAVariableAfterTheCoordinates() {
        ProblemFile f = ProblemFile.parse(BURGERS, "b.yaml");
        PdeProblem p = f.problem();
        assertTrue(p.isNonlinear());
        PdeProblem.FluxDerivative flux = assertInstanceOf(PdeProblem.FluxDerivative.class, p.terms().get(1));
        assertEquals(java.util.Set.of("u"), flux.flux().variables());
        assertEquals(0.5 * 9, flux.flux().value(new double[] {0.2, 0.5, 3.0}), 1e-15); // u read at index D = 2
        PdeProblem.Diffusion k = (PdeProblem.Diffusion) p.terms().get(2);
        assertEquals(0.1 * (1 + 4), k.coefficient().value(new double[] {0.2, 0.5, 2.0}), 1e-15);
        assertEquals(VsnaConfig.Linearisation.PICARD, f.solver().linearisation());
        assertEquals(7, f.solver().maxOuterIterations());
        assertEquals(1e-4, f.solver().outerTolerance());
        assertEquals(0.0, f.solver().recompressionTolerance());
    }

    @Test
    void parse_gradingTowardAPoint_symmetricBreakpointsFinerThere() {
        double[] b = ProblemFile.parse(BURGERS, "b.yaml").problem().coordinates().get(0).basis().knots().breakpoints();
        assertEquals(11, b.length); // 13 cubic atoms: 10 spans, 5 each side of 0
        for (int i = 0; i < b.length; i++) {
            assertEquals(-b[b.length - 1 - i], b[i], 1e-15);
        }
        assertEquals(0.0, b[5], 0.0);
        assertEquals(0.04, b[6], 1e-15); // (1/5)^2
    }

    @Test
    void parse_badNonlinearKeys_oneLineEach() {
        assertEquals("b.yaml: solver.linearisation: unknown linearisation 'secant'; known: newton, picard",
                assertThrows(StudyException.class, () -> ProblemFile.parse(BURGERS.replace("picard", "secant"),
                        "b.yaml")).getMessage());
        assertEquals("b.yaml: constants.u: 'u' is also the solution's name (output)",
                assertThrows(StudyException.class, () -> ProblemFile.parse(BURGERS.replace("coordinates:",
                        "constants: {u: 1}\ncoordinates:"), "b.yaml")).getMessage());
        assertTrue(assertThrows(StudyException.class, () -> ProblemFile.parse(BURGERS.replace("toward: 0",
                "toward: 3"), "b.yaml")).getMessage().startsWith("b.yaml: coordinates[0].grading.toward: must lie in"));
        // a fuzz finding: a steep power makes breakpoints equal after rounding (was an internal error)
        // (1 + 9 (i/24)^260 rounds to 1 for the first breakpoints)
        assertTrue(bad(GOOD.replace("interval: [0, 1], role: space, atoms: 10, degree: 3}",
                "interval: [1, 10], role: space, atoms: 27, degree: 3, grading: 260}")).getMessage()
                .startsWith("heat.yaml: coordinates[0].grading: gives breakpoints that are not distinct numbers"));
        assertTrue(assertThrows(StudyException.class, () -> ProblemFile.parse(BURGERS.replace("initial: \"-sin(pi*x)\"",
                "initial: \"u\""), "b.yaml")).getMessage().startsWith("b.yaml: initial: unsupported nonlinear term"));
    }

    @Test
    void parse_unknownTerm_namesTermAndVocabulary() {
        StudyException e = bad(GOOD.replace("term: diffusion", "term: difusion"));
        assertEquals("heat.yaml: terms[0]: unknown term 'difusion'; known: diffusion, advection, flux-derivative,"
                + " reaction, time-derivative, source", e.getMessage());
    }

    @Test
    void parse_undeclaredCoordinateInTerm_namesIt() {
        StudyException e = bad(GOOD.replace("coordinates: [x, y]", "coordinates: [x, z]"));
        assertEquals("heat.yaml: terms[0].coordinates: coordinate 'z' is not declared; declared: x, y", e.getMessage());
    }

    @Test
    void parse_undeclaredVariableInExpression_namesIt() {
        StudyException e = bad(GOOD.replace("sin(pi*y)\"", "sin(pi*z)\""));
        assertTrue(e.getMessage().startsWith("heat.yaml: terms[1].value: unknown variable or function 'z'"),
                e.getMessage());
    }

    @Test
    void parse_emptyInterval_rejected() {
        StudyException e = bad(GOOD.replace("interval: [0, 1], role: space, atoms: 10, degree",
                "interval: [1, 1], role: space, atoms: 10, degree"));
        assertEquals("heat.yaml: coordinates[0].interval: lower must be < upper, got [1.0, 1.0]", e.getMessage());
    }

    @Test
    void parse_degreeZero_rejected() {
        StudyException e = bad(GOOD.replace("degree: 3", "degree: 0"));
        assertEquals("heat.yaml: coordinates[0].degree: must lie in [1, 15], got 0", e.getMessage());
    }

    @Test
    void parse_missingBoundaryForDiffusionCoordinate_rejected() {
        StudyException e = bad(GOOD.replace("  y: {lower: 0, upper: 0}\n", ""));
        assertEquals("heat.yaml: boundary: missing boundary condition for diffusion coordinate 'y' (both ends need a"
                + " value or a flux)", e.getMessage());
    }

    @Test
    void parse_unknownKeyAndBadTypes_rejected() {
        assertEquals("heat.yaml: coordinates[1]: unknown key 'atom'; known: name, interval, role, atoms, degree,"
                + " grading, breakpoints, unit", bad(GOOD.replace("atoms: 10}", "atom: 10}")).getMessage());
        assertEquals("heat.yaml: coordinates[1].atoms: must be an integer, got 'ten'",
                bad(GOOD.replace("atoms: 10}", "atoms: ten}")).getMessage());
        assertEquals("heat.yaml: solver: maxRank must be >= 1, got 0",
                bad(GOOD.replace("max-rank: 3", "max-rank: 0")).getMessage());
        assertTrue(bad("name: [").getMessage().startsWith("heat.yaml: malformed YAML"));
        assertEquals("heat.yaml: missing key 'coordinates'", bad("name: x\nterms: []").getMessage());
    }

    /** The shared YAML loader: a problem file, like a study, may not repeat a key (the second would win silently). */
    @Test
    void parse_duplicateKey_rejectedWithLine() {
        String message = bad(GOOD.replaceFirst("name: ", "name: twice\nname: ")).getMessage();
        assertTrue(message.startsWith("heat.yaml: malformed YAML at line 2"), message);
        assertTrue(message.contains("duplicate key name"), message);
    }
}
