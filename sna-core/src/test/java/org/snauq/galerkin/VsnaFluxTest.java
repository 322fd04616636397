package org.snauq.galerkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.galerkin.PdeProblem.Coordinate;
import org.snauq.galerkin.PdeProblem.Dirichlet;
import org.snauq.galerkin.PdeProblem.End;
import org.snauq.galerkin.PdeProblem.Neumann;
import org.snauq.galerkin.PdeProblem.Role;

/**
 * Flux (Neumann) conditions against a closed form: u = exp(x) sin(pi y) on (0,1)^2 solves
 * -Laplace u - c u_x = f with f = (pi^2 - 1 - c) exp(x) sin(pi y), flux into the box at x = 0
 * g = -u_x(0, y) = -sin(pi y), u = e sin(pi y) at x = 1, u = 0 at y = 0 and 1. With c = 0 the problem is symmetric
 * (Galerkin, Cholesky); with c = 2 it is the non-symmetric advection-diffusion of the LPBF case (Galerkin, band LU).
 * A wrong flux term (sign, missing, or on the wrong atom) leaves an O(1) error; a right one converges as h^(p+1).
 */
class VsnaFluxTest {

    /** A fitted log-log L2 slope must be within this of p + 1 = 4 (cubic atoms). */
    private static final double SLOPE_TOL = 0.3;
    /** Cubic atoms, 20 per coordinate (h = 1/17): C h^4 with C ~ |u''''| / 384 * pi^4 ~ 0.7 gives 8e-6. */
    private static final double ERROR_TOL = 1e-5;
    private static final VsnaConfig TIGHT = VsnaConfig.defaults().withTolerance(1e-9).withMaxRank(8);

    static PdeProblem problem(int atoms, double c) {
        BSplineBasis b = BSplineBasis.clampedUniform(3, atoms, 0, 1);
        Field sinY = Field.of(Set.of("y"), z -> Math.sin(Math.PI * z[1]));
        Field expX = Field.of(Set.of("x"), z -> Math.exp(z[0]));
        Field source = Field.product(List.of(Field.constant(Math.PI * Math.PI - 1 - c), expX, sinY));
        List<PdeProblem.Term> terms = new java.util.ArrayList<>(List.of(
                new PdeProblem.Diffusion("x", Field.constant(1)), new PdeProblem.Diffusion("y", Field.constant(1)),
                new PdeProblem.Source(source)));
        if (c != 0) {
            terms.add(new PdeProblem.Advection("x", Field.constant(-c)));
        }
        return new PdeProblem("flux", List.of(new Coordinate("x", Role.SPACE, b), new Coordinate("y", Role.SPACE, b)),
                terms,
                List.of(new Dirichlet("x", null, Field.product(List.of(Field.constant(Math.E), sinY))),
                        new Dirichlet("y", Field.constant(0), Field.constant(0))),
                null, Field.product(List.of(expX, sinY)), "u",
                List.of(new Neumann("x", End.LOWER, Field.product(List.of(Field.constant(-1), sinY)))));
    }

    @Test
    void solve_symmetricFluxFace_convergesAtDegreePlusOne() {
        assertConverges(0.0);
    }

    @Test
    void solve_advectionWithFluxFace_convergesAtDegreePlusOne() {
        assertConverges(2.0);
    }

    private static void assertConverges(double c) {
        int[] spans = {4, 8, 16, 32};
        double[] logH = new double[spans.length];
        double[] logE = new double[spans.length];
        for (int i = 0; i < spans.length; i++) {
            Vsna.Result r = Vsna.solve(problem(spans[i] + 3, c), TIGHT);
            logH[i] = Math.log(1.0 / spans[i]);
            logE[i] = Math.log(r.error().value());
        }
        double slope = VsnaPoissonTest.slope(logH, logE);
        assertEquals(4, slope, SLOPE_TOL, "c = " + c + ": fitted L2 slope " + slope);
        Vsna.Result r = Vsna.solve(problem(20, c), TIGHT);
        assertTrue(r.error().value() < ERROR_TOL, "c = " + c + ": error " + r.error());
        assertEquals(c == 0 ? "galerkin" : "galerkin-lu", r.report().formulation());
    }

    @Test
    void problem_fluxAndValueOnOneEnd_rejected() {
        PdeProblem ok = problem(8, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PdeProblem("bad",
                ok.coordinates(), ok.terms(), List.of(new Dirichlet("x", Field.constant(0), Field.constant(0)),
                new Dirichlet("y", Field.constant(0), Field.constant(0))), null, null, "u", ok.fluxes()));
        assertEquals("fluxes[0]: the lower end of 'x' has both a value and a flux; give one", e.getMessage());
    }

    @Test
    void problem_fluxOnOwnCoordinate_rejected() {
        PdeProblem ok = problem(8, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PdeProblem("bad",
                ok.coordinates(), ok.terms(), ok.boundary(), null, null, "u",
                List.of(new Neumann("x", End.LOWER, Field.of(Set.of("x"), z -> z[0])))));
        assertEquals("fluxes[0]: the flux on a boundary of 'x' cannot depend on 'x'", e.getMessage());
    }

    @Test
    void solve_fluxWithLeastSquares_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vsna.solve(problem(8, 2),
                TIGHT.withFormulation(VsnaConfig.Formulation.LEAST_SQUARES)));
        assertTrue(e.getMessage().startsWith("solver.formulation: flux conditions need formulation galerkin"),
                e.getMessage());
    }
}
