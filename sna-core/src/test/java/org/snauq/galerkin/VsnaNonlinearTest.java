package org.snauq.galerkin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snauq.galerkin.VsnaConfig.Linearisation;

/** Nonlinear PDEs by Picard and Newton outer loops around the linear ALS, against manufactured solutions. */
class VsnaNonlinearTest {

    /** Issue 12: the manufactured conduction solution to 1e-5 (cubic atoms, h = 1/21: C h^4 ~ 1e-6). */
    private static final double CONDUCTION_TOL = 1e-5;
    /** Burgers with 16 x 10 cubic atoms: the space-time Galerkin discretisation error of e^-t sin(pi x), 1e-5 order. */
    private static final double BURGERS_TOL = 1e-4;
    /** The conservative and non-conservative forms of u u_x solve one Galerkin problem: they agree to the outer
     *  loop's tolerance (the flux's velocity u is a difference quotient, exact for u^2/2 up to rounding). */
    private static final double FORMS_AGREE = 1e-6;

    private static final VsnaConfig CONFIG = VsnaConfig.defaults().withTolerance(1e-9).withMaxRank(8)
            .withOuterTolerance(1e-7);

    @Test
    void solve_conductionPicardAndNewton_bothMeetToleranceNewtonInFewerIterations() {
        PdeProblem problem = Problems.conduction(24, 1.0, 0.5);
        Vsna.Result picard = Vsna.solve(problem, CONFIG.withLinearisation(Linearisation.PICARD));
        Vsna.Result newton = Vsna.solve(problem, CONFIG.withLinearisation(Linearisation.NEWTON));
        assertTrue(picard.error().value() <= CONDUCTION_TOL, "Picard error " + picard.error());
        assertTrue(newton.error().value() <= CONDUCTION_TOL, "Newton error " + newton.error());
        int p = picard.report().outer().size();
        int n = newton.report().outer().size();
        assertTrue(n < p, "Newton " + n + " outer iterations, Picard " + p);
        assertTrue(newton.report().outerStop().startsWith("change"), newton.report().outerStop());
        Map<String, Object> prov = newton.model().provenance();
        assertEquals("newton", prov.get("linearisation"));
        assertEquals(n, prov.get("outer-iterations"));
        assertEquals(n, ((List<?>) prov.get("outer-changes")).size());
    }

    /** The transient form on (x, t), a space-time Galerkin solve (measured 4.6e-7; Newton 5 iterations, Picard 8). */
    @Test
    void solve_transientConductionPicardAndNewton_bothMeetToleranceNewtonInFewerIterations() {
        PdeProblem problem = Problems.transientConduction(24, 16, 1.0, 0.5);
        Vsna.Result picard = Vsna.solve(problem, CONFIG.withLinearisation(Linearisation.PICARD));
        Vsna.Result newton = Vsna.solve(problem, CONFIG.withLinearisation(Linearisation.NEWTON));
        assertTrue(picard.error().value() <= CONDUCTION_TOL, "Picard error " + picard.error());
        assertTrue(newton.error().value() <= CONDUCTION_TOL, "Newton error " + newton.error());
        assertTrue(newton.report().outer().size() < picard.report().outer().size(), "Newton "
                + newton.report().outer().size() + " outer iterations, Picard " + picard.report().outer().size());
    }

    @Test
    void solve_fromItsOwnSolution_convergesAtOnce() {
        PdeProblem problem = Problems.conduction(16, 1.0, 0.5);
        Vsna.Result first = Vsna.solve(problem, CONFIG);
        Vsna.Result again = Vsna.solve(problem, CONFIG, first.model());
        // the first correction is of the size of the saved model's recompression (1e-6), the next one below it
        assertTrue(again.report().outer().size() <= 2, again.report().format());
        assertTrue(again.report().outer().get(0).change() < 1e-5, again.report().format());
        assertEquals(first.error().value(), again.error().value(), 1e-6);
    }

    @Test
    void solve_burgersFluxOrAdvectionForm_sameAccurateSolution() {
        Vsna.Result flux = Vsna.solve(Problems.burgersManufactured(16, 10, 0.1, true), CONFIG);
        Vsna.Result advection = Vsna.solve(Problems.burgersManufactured(16, 10, 0.1, false), CONFIG);
        assertTrue(flux.error().value() <= BURGERS_TOL, "error " + flux.error());
        assertEquals(advection.error().value(), flux.error().value(), FORMS_AGREE);
        assertEquals("galerkin-lu", flux.report().formulation());
    }

    @Test
    void polynomial_functionsOfU_recognisedExactlyOrRefused() {
        double[] half = SolutionDependence.polynomial(Field.of(Set.of("u"), z -> z[1] * z[1] / 2), 1);
        assertArrayEquals(new double[] {0, 0, 0.5}, half, 1e-14);
        double[] k = SolutionDependence.polynomial(Field.of(Set.of("u"), z -> 3 * (1 + 0.25 * z[1])), 1);
        assertArrayEquals(new double[] {3, 0.75}, k, 1e-14);
        assertNull(SolutionDependence.polynomial(Field.of(Set.of("u"), z -> Math.exp(z[1])), 1));
        assertNull(SolutionDependence.polynomial(Field.of(Set.of("u"), z -> 1 / (1 + z[1] * z[1])), 1));
    }

    @Test
    void solve_fluxAsOneFunctionOfU_sameAsStructured() {
        // "u^2/2" as one opaque function: recognised as a polynomial, so its velocity and Jacobian stay exact
        PdeProblem structured = Problems.burgersManufactured(16, 10, 0.1, true);
        List<PdeProblem.Term> terms = new ArrayList<>(structured.terms());
        terms.set(1, new PdeProblem.FluxDerivative("x", Field.of(Set.of("u"), z -> z[2] * z[2] / 2)));
        PdeProblem opaque = new PdeProblem("opaque", structured.coordinates(), terms, structured.boundary(),
                structured.initial(), structured.exact(), "u");
        assertEquals(Vsna.solve(structured, CONFIG).error().value(), Vsna.solve(opaque, CONFIG).error().value(),
                FORMS_AGREE);
    }

    @Test
    void solve_nonlinearWithLeastSquares_rejectedNamingTheTerm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vsna.solve(
                Problems.burgersManufactured(8, 6, 0.1, false),
                CONFIG.withFormulation(VsnaConfig.Formulation.LEAST_SQUARES)));
        assertEquals("solver.formulation: unsupported nonlinear term: terms[1] (advection) depends on the solution"
                + " 'u', which needs formulation galerkin (or auto), got least-squares", e.getMessage());
    }

    @Test
    void problem_sourceOrBoundaryDependingOnSolution_rejectedAsUnsupported() {
        PdeProblem ok = Problems.conduction(8, 1, 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PdeProblem("bad",
                ok.coordinates(), List.of(ok.terms().get(0), ok.terms().get(1),
                new PdeProblem.Source(Problems.solution(2))), ok.boundary(), null, null, "u"));
        assertEquals("terms[2].value: unsupported nonlinear term: a source cannot depend on the solution 'u' (only"
                + " diffusion coefficients, advection velocities, fluxes and reaction coefficients may)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PdeProblem("bad", ok.coordinates(), ok.terms(),
                List.of(new PdeProblem.Dirichlet("x", Problems.solution(2), Field.constant(0)),
                        ok.boundary().get(1)), null, null, "u"));
        assertTrue(e.getMessage().startsWith("boundary[0]: unsupported nonlinear term: a boundary value cannot depend"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PdeProblem("bad", ok.coordinates(),
                List.of(new PdeProblem.FluxDerivative("x", Problems.of1("x", 0, x -> x)), ok.terms().get(2)),
                ok.boundary(), null, null, "u"));
        assertTrue(e.getMessage().startsWith("terms[0].flux: unsupported nonlinear term: a flux along 'x' that also"
                + " depends on 'x'"), e.getMessage());
    }
}
