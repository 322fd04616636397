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
import org.snauq.galerkin.PdeProblem.Role;

/** Ill-posed problems are rejected before solving, with one line naming the term and the reason (issue 12). */
class ProblemChecksTest {

    /** Least squares on 29 cubic spans for one wavelength of cos(sqrt(40) x): C h^(p-1) in the residual norm,
     *  measured 5e-6 at the midpoint. */
    private static final double HELMHOLTZ_TOL = 1e-4;

    /** -(k u')' = 1 on (0, 1), u = 0 at both ends, k a coordinate on [kLower, kUpper]. */
    private static PdeProblem parametricDiffusion(double kLower, double kUpper) {
        return new PdeProblem("k-range", List.of(
                new Coordinate("x", Role.SPACE, BSplineBasis.clampedUniform(3, 8, 0, 1)),
                new Coordinate("k", Role.PARAMETER, BSplineBasis.clampedUniform(3, 6, kLower, kUpper))),
                List.of(new PdeProblem.Diffusion("x", Field.of(Set.of("k"), z -> z[1])),
                        new PdeProblem.Source(Field.constant(1))),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0))), null, null, "u");
    }

    /** -u'' + c u = 1 on (0, 1), u = 0 at both ends. */
    private static PdeProblem helmholtz(double c, int atoms) {
        return new PdeProblem("helmholtz", List.of(
                new Coordinate("x", Role.SPACE, BSplineBasis.clampedUniform(3, atoms, 0, 1))),
                List.of(new PdeProblem.Diffusion("x", Field.constant(1)),
                        new PdeProblem.Reaction(Field.constant(c)), new PdeProblem.Source(Field.constant(1))),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0))), null, null, "u");
    }

    private static String rejection(PdeProblem p, VsnaConfig c) {
        return assertThrows(IllegalArgumentException.class, () -> Vsna.solve(p, c)).getMessage();
    }

    @Test
    void solve_diffusionCoefficientReachingZero_rejected() {
        assertEquals("terms[0] (diffusion): the coefficient along 'x' is not bounded away from 0 over the box (min 0"
                + " at k = 0, max 2); the solution blows up where it vanishes: shrink the interval of the coordinate it"
                + " depends on", rejection(parametricDiffusion(0, 2), VsnaConfig.defaults()));
    }

    @Test
    void solve_diffusionCoefficientChangingSign_rejected() {
        String m = rejection(parametricDiffusion(-1, 2), VsnaConfig.defaults());
        assertTrue(m.startsWith("terms[0] (diffusion): the coefficient along 'x' changes sign over the box (min -1"),
                m);
    }

    @Test
    void solve_negativeDiffusion_rejected() {
        String m = rejection(parametricDiffusion(-2, -1), VsnaConfig.defaults());
        assertTrue(m.startsWith("terms[0] (diffusion): the coefficient along 'x' is not positive over the box"), m);
    }

    @Test
    void solve_indefiniteHelmholtz_rejectedBeforeSolving() {
        // -u'' - 40 u: the smallest eigenvalue of -u'' is pi^2 = 9.87 < 40
        String m = rejection(helmholtz(-40, 12), VsnaConfig.defaults());
        assertTrue(m.startsWith("terms[1] (reaction): the operator is not coercive: the reaction coefficient (max -40)"
                + " lies below minus the diffusion's smallest eigenvalue (9.87"), m);
    }

    @Test
    void solve_helmholtzAboveFirstEigenvalue_solvesAndLeastSquaresTakesIndefinite() {
        // -u'' - 5 u is still coercive (5 < pi^2); -u'' - 40 u is indefinite but not singular: least squares solves it
        assertTrue(Vsna.solve(helmholtz(-5, 12), VsnaConfig.defaults()).report().rank() >= 1);
        Vsna.Result ls = Vsna.solve(helmholtz(-40, 32), VsnaConfig.defaults()
                .withFormulation(VsnaConfig.Formulation.LEAST_SQUARES));
        // exact: u = (1 - cos(w x) - (1 - cos w) sin(w x) / sin w) / w^2 at x = 0.5, w = sqrt(40)
        double w = Math.sqrt(40);
        double exact = (1 - Math.cos(w * 0.5) - (1 - Math.cos(w)) * Math.sin(w * 0.5) / Math.sin(w)) / (-w * w);
        assertEquals(exact, ls.model().value(new double[] {0.5}), HELMHOLTZ_TOL * Math.abs(exact));
    }
}
