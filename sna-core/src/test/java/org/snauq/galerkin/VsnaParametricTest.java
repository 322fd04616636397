package org.snauq.galerkin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;
import org.snauq.galerkin.PdeProblem.Coordinate;
import org.snauq.galerkin.PdeProblem.Dirichlet;
import org.snauq.galerkin.PdeProblem.Role;

/** Parametric diffusion -(k u')' = 1 on (0,1), u(0) = u(1) = 0, k in [1, 10] a coordinate: u = x(1-x)/(2k). */
class VsnaParametricTest {

    /** Issue 5 floor over the whole (x, k) box. */
    private static final double TOL = 1e-5;

    /** Breakpoints on [a, b] graded as a + (b - a) (i / m)^g: finer near a, where 1/k bends most. */
    static double[] graded(double a, double b, int spans, double g) {
        double[] x = new double[spans + 1];
        for (int i = 0; i <= spans; i++) {
            x[i] = a + (b - a) * Math.pow((double) i / spans, g);
        }
        return x;
    }

    static PdeProblem problem(BSplineBasis kAtoms) {
        return new PdeProblem("parametric-diffusion",
                List.of(new Coordinate("x", Role.SPACE, BSplineBasis.clampedUniform(3, 8, 0, 1)),
                        new Coordinate("k", Role.PARAMETER, kAtoms)),
                List.of(new PdeProblem.Diffusion("x", Field.of(Set.of("k"), z -> z[1])),
                        new PdeProblem.Source(Field.constant(1))),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0))), null,
                Field.of(Set.of("x", "k"), z -> z[0] * (1 - z[0]) / (2 * z[1])), "u");
    }

    @Test
    void solve_gradedKnotsInK_relativeL2Below1e5() {
        BSplineBasis k = new BSplineBasis(KnotVector.clamped(3, graded(1, 10, 24, 2.0)));
        Vsna.Result r = Vsna.solve(problem(k), VsnaConfig.defaults().withTolerance(1e-8).withMaxRank(4));
        assertTrue(r.error().value() < TOL, "error " + r.error());
    }
}
