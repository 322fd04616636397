package org.snauq.datasets.pde;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.galerkin.Field;
import org.snauq.galerkin.PdeProblem;
import org.snauq.galerkin.PdeProblem.Coordinate;
import org.snauq.galerkin.PdeProblem.Dirichlet;
import org.snauq.galerkin.PdeProblem.Role;
import org.snauq.galerkin.Vsna;
import org.snauq.galerkin.VsnaConfig;
import org.snauq.model.SnaModel;

/**
 * VSNA against the full-grid reference on a problem without a closed form: -Laplace u = f on (0,1)^2, u = 0 on the
 * boundary, with the ring-shaped (non-separable) source f = exp(-((r - 0.25) / 0.08)^2), r = |z - (0.5, 0.5)|.
 * The reference's own error at spacing h is estimated by Richardson, |u_h - u_2h| / 3 (second order); VSNA must
 * agree with u_h within twice that, and the agreement must improve like h^2 as the reference is refined.
 */
class VsnaAgreementTest {

    /** Safety factor on the Richardson estimate of the reference error. */
    private static final double SAFETY = 2.0;
    /** h^2 convergence of the reference towards VSNA: ratio 1/4 when VSNA's own error is negligible. */
    private static final double MAX_RATIO = 0.35;

    private static double ring(double x, double y) {
        double r = Math.hypot(x - 0.5, y - 0.5);
        double s = (r - 0.25) / 0.08;
        return Math.exp(-s * s);
    }

    private static GridSolution reference(int n) {
        return new EllipticGridSolver(new double[] {0, 0}, new double[] {1, 1}, new int[] {n, n}, z -> 1.0,
                z -> 0.0, z -> ring(z[0], z[1]), z -> 0.0).solve(1e-11, 20_000);
    }

    /** Discrete L2 norm over the nodes of {@code coarse} of (a - b), with a and b read at those nodes. */
    private static double diff(SnaModel model, GridSolution fine, GridSolution coarse) {
        int step = (fine.nodes()[0] - 1) / (coarse.nodes()[0] - 1);
        int nf = fine.nodes()[1];
        int nc = coarse.nodes()[1];
        double s = 0;
        for (int i = 0; i < coarse.nodes()[0]; i++) {
            for (int j = 0; j < nc; j++) {
                double a = model != null ? model.value(coarse.point(i * nc + j)) : fine.values()[i * step * nf + j * step];
                double e = a - coarse.values()[i * nc + j];
                s += e * e;
            }
        }
        return Math.sqrt(s / (coarse.nodes()[0] * nc));
    }

    @Test
    void solve_ringSource_agreesWithGridReferenceWithinItsError() {
        BSplineBasis b = BSplineBasis.clampedUniform(3, 48, 0, 1);
        PdeProblem problem = new PdeProblem("ring", List.of(new Coordinate("x", Role.SPACE, b),
                new Coordinate("y", Role.SPACE, b)),
                List.of(new PdeProblem.Diffusion("x", Field.constant(1)), new PdeProblem.Diffusion("y", Field.constant(1)),
                        new PdeProblem.Source(Field.of(Set.of("x", "y"), z -> ring(z[0], z[1])))),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0)),
                        new Dirichlet("y", Field.constant(0), Field.constant(0))), null, null, "u");
        Vsna.Result r = Vsna.solve(problem, VsnaConfig.defaults().withTolerance(1e-7).withMaxRank(30));
        SnaModel u = r.model();
        GridSolution coarse = reference(64);
        GridSolution fine = reference(128);
        double refError = diff(null, fine, coarse) / 3; // Richardson estimate of |u_fine - u|
        double agreeFine = diff(u, fine, fine);
        double agreeCoarse = diff(u, coarse, coarse);
        System.out.printf("ring: rank %d, source rank %s, |vsna - fd128| %.3e, fd128 error ~ %.3e, |vsna - fd64| %.3e,"
                + " fd128 %.2f s, vsna %.2f s%n", u.rank(), u.provenance().get("source-rank"), agreeFine, refError,
                agreeCoarse, fine.seconds(), r.report().seconds());
        assertTrue(agreeFine <= SAFETY * refError, "VSNA differs from the h = 1/128 reference by " + agreeFine
                + ", its own error is about " + refError);
        assertTrue(agreeFine / agreeCoarse < MAX_RATIO, "agreement must improve like h^2: " + agreeFine / agreeCoarse);
    }
}
