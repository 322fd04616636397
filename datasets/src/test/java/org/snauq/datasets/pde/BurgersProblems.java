package org.snauq.datasets.pde;

import java.util.List;
import java.util.Set;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;
import org.snauq.galerkin.Field;
import org.snauq.galerkin.PdeProblem;
import org.snauq.galerkin.PdeProblem.Coordinate;
import org.snauq.galerkin.PdeProblem.Dirichlet;
import org.snauq.galerkin.PdeProblem.Role;

/** Burgers problems for VSNA on x in [-1, 1]: u_t + (u^2/2)_x = nu u_xx, u0 = c - sin(pi x), u = c at both ends. */
final class BurgersProblems {

    private BurgersProblems() {
    }

    /**
     * Breakpoints on [-1, 1] graded towards {@code centre}: on each side m spans, the i-th ending at distance
     * (i/m)^g of the side's length from the centre (g = 1 uniform; g > 1 finer at the centre).
     */
    static double[] graded(int m, double g, double centre) {
        double[] b = new double[2 * m + 1];
        for (int i = 0; i <= m; i++) {
            double s = Math.pow((double) i / m, g);
            b[m + i] = centre + (1 - centre) * s;
            b[m - i] = centre - (1 + centre) * s;
        }
        b[0] = -1;
        b[2 * m] = 1;
        return b;
    }

    static BSplineBasis x(int m, double g, double centre) {
        return new BSplineBasis(KnotVector.clamped(3, graded(m, g, centre)));
    }

    private static Field u0(double c) {
        return Field.of(Set.of("x"), z -> c - Math.sin(Math.PI * z[0]));
    }

    /** The flux u^2/2 of a problem with {@code dim} coordinates. */
    private static Field flux(int dim) {
        Field u = Field.solution("u", dim);
        return Field.product(List.of(Field.constant(0.5), u, u));
    }

    /** Viscous Burgers at nu = 0.01/pi or another nu, on [-1, 1] x [0, 1], exact by Cole-Hopf. */
    static PdeProblem viscous(BSplineBasis x, int tAtoms, double nu) {
        BurgersColeHopf exact = new BurgersColeHopf(nu);
        return burgers(x, tAtoms, 1, nu, 0, Field.of(Set.of("x", "t"), z -> exact.value(z[0], z[1])));
    }

    /** Burgers on (x, t) in [-1, 1] x [0, t1] with viscosity nu &gt;= 0 (0: inviscid), u0 = c - sin(pi x). */
    static PdeProblem burgers(BSplineBasis x, int tAtoms, double t1, double nu, double c, Field exact) {
        List<PdeProblem.Term> terms = nu > 0
                ? List.of(new PdeProblem.TimeDerivative("t"), new PdeProblem.FluxDerivative("x", flux(2)),
                        new PdeProblem.Diffusion("x", Field.constant(nu)))
                : List.of(new PdeProblem.TimeDerivative("t"), new PdeProblem.FluxDerivative("x", flux(2)));
        return new PdeProblem("burgers", List.of(new Coordinate("x", Role.SPACE, x),
                new Coordinate("t", Role.TIME, BSplineBasis.clampedUniform(3, tAtoms, 0, t1))), terms,
                List.of(new Dirichlet("x", Field.constant(c), Field.constant(c))), u0(c), exact, "u");
    }

    /** Viscous Burgers with nu in [nuLower, nuUpper] a coordinate: one model of (x, t, nu), c = 0. */
    static PdeProblem parametric(BSplineBasis x, int tAtoms, BSplineBasis nu) {
        return new PdeProblem("burgers-nu", List.of(new Coordinate("x", Role.SPACE, x),
                new Coordinate("t", Role.TIME, BSplineBasis.clampedUniform(3, tAtoms, 0, 1)),
                new Coordinate("nu", Role.PARAMETER, nu)),
                List.of(new PdeProblem.TimeDerivative("t"), new PdeProblem.FluxDerivative("x", flux(3)),
                        new PdeProblem.Diffusion("x", Field.of(Set.of("nu"), z -> z[2]))),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0))), u0(0), null, "u");
    }
}
