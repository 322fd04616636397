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

/** Properties of the ALS solver, both formulations, and problem validation. */
class VsnaSolverTest {

    /** Steady advection-diffusion: discretisation error of 16 x 8 cubic atoms on the eps = 0.2 layer exp((x-1)/eps)
     *  (the Galerkin solution is reached exactly, algebraic residual 0 at rank 7, with error 2.8e-4). */
    private static final double ADVECTION_TOL = 1e-3;
    /** Heat equation through least squares, 16 x 12 x 8 cubic atoms. */
    private static final double HEAT_TOL = 1e-4;

    @Test
    void galerkin_poisson_energyNeverIncreasesOverSweeps() {
        Vsna.Result r = Vsna.solve(VsnaBenchmark.poisson(4), VsnaConfig.defaults().withMaxRank(5)
                .withTolerance(1e-12));
        List<SolveReport.Sweep> sweeps = r.report().sweeps();
        for (int i = 1; i < sweeps.size(); i++) {
            double prev = sweeps.get(i - 1).functional();
            assertTrue(sweeps.get(i).functional() <= prev + 1e-12 * Math.abs(prev), "sweep " + i);
        }
        assertEquals("galerkin", r.report().formulation());
    }

    @Test
    void solve_sameSeed_bitIdentical() {
        VsnaConfig c = VsnaConfig.defaults().withMaxRank(3);
        // provenance holds wall times; the numbers must agree bit for bit
        assertEquals(Vsna.solve(VsnaBenchmark.poisson(3), c).model().withProvenance(java.util.Map.of()),
                Vsna.solve(VsnaBenchmark.poisson(3), c).model().withProvenance(java.util.Map.of()));
    }

    /** -eps u'' + u' = 1, u(0) = u(1) = 0, eps in [0.2, 1] a coordinate. */
    static PdeProblem advectionDiffusion() {
        Field exact = Field.of(Set.of("x", "eps"), z -> {
            double e = z[1];
            return z[0] - (Math.exp((z[0] - 1) / e) - Math.exp(-1 / e)) / (1 - Math.exp(-1 / e));
        });
        return new PdeProblem("steady-advection", List.of(
                new Coordinate("x", Role.SPACE, BSplineBasis.clampedUniform(3, 16, 0, 1)),
                new Coordinate("eps", Role.PARAMETER, BSplineBasis.clampedUniform(3, 8, 0.2, 1))),
                List.of(new PdeProblem.Diffusion("x", Field.of(Set.of("eps"), z -> z[1])),
                        new PdeProblem.Advection("x", Field.constant(1)), new PdeProblem.Source(Field.constant(1))),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0))), null, exact, "u");
    }

    @Test
    void solve_nonSymmetric_galerkinLuAndLeastSquaresBothAccurate() {
        VsnaConfig c = VsnaConfig.defaults().withMaxRank(8).withTolerance(1e-9);
        Vsna.Result galerkin = Vsna.solve(advectionDiffusion(), c.withFormulation(VsnaConfig.Formulation.GALERKIN));
        Vsna.Result ls = Vsna.solve(advectionDiffusion(), c);
        assertEquals("galerkin-lu", galerkin.report().formulation());
        assertEquals("least-squares", ls.report().formulation());
        assertTrue(galerkin.error().value() < ADVECTION_TOL, "galerkin " + galerkin.error() + galerkin.report().format());
        assertTrue(ls.error().value() < ADVECTION_TOL, "least squares " + ls.error());
    }

    @Test
    void solve_heatWithParameter_leastSquaresInitialCondition() {
        Field nu = Field.of(Set.of("nu"), z -> z[2]);
        PdeProblem heat = new PdeProblem("heat", List.of(
                new Coordinate("x", Role.SPACE, BSplineBasis.clampedUniform(3, 16, 0, 1)),
                new Coordinate("t", Role.TIME, BSplineBasis.clampedUniform(3, 12, 0, 0.5)),
                new Coordinate("nu", Role.PARAMETER, BSplineBasis.clampedUniform(3, 8, 0.05, 0.2))),
                List.of(new PdeProblem.TimeDerivative("t"), new PdeProblem.Diffusion("x", nu)),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0))),
                Field.of(Set.of("x"), z -> Math.sin(Math.PI * z[0])),
                Field.of(Set.of("x", "t", "nu"),
                        z -> Math.exp(-z[2] * Math.PI * Math.PI * z[1]) * Math.sin(Math.PI * z[0])), "u");
        // without recompression, which would hold the data only to its tolerance
        Vsna.Result r = Vsna.solve(heat, VsnaConfig.defaults().withMaxRank(12).withTolerance(1e-5)
                .withRecompressionTolerance(0));
        assertTrue(r.error().value() < HEAT_TOL, "error " + r.error() + "\n" + r.report().format());
        // the initial condition is imposed exactly: u(x, 0, nu) is the projection of sin(pi x) for every nu
        double u0 = r.model().value(new double[] {0.5, 0, 0.07});
        double u1 = r.model().value(new double[] {0.5, 0, 0.19});
        assertEquals(u0, u1, 1e-12);
    }

    @Test
    void problem_invalid_rejectedWithOneLineMessages() {
        BSplineBasis b = BSplineBasis.clampedUniform(3, 8, 0, 1);
        List<Coordinate> xy = List.of(new Coordinate("x", Role.SPACE, b), new Coordinate("t", Role.SPACE, b));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PdeProblem("p", xy,
                List.of(new PdeProblem.Diffusion("x", Field.constant(1))), List.of(), null, null, "u"));
        assertEquals("boundary: missing boundary condition for diffusion coordinate 'x' (both ends need a value or a flux)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PdeProblem("p", xy,
                List.of(new PdeProblem.TimeDerivative("t")), List.of(), Field.constant(0), null, "u"));
        assertEquals("terms[0]: time derivative along 't' needs role time, got space", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PdeProblem("p", xy,
                List.of(new PdeProblem.Reaction(Field.of(Set.of("q"), z -> 1))), List.of(), null, null, "u"));
        assertEquals("terms[0].coefficient: coordinate 'q' is not declared; declared: x, t (and the solution 'u')",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VsnaConfig.defaults().withTolerance(0));
    }

    @Test
    void compression_nonSeparableGaussianPair_meetsTolerance() {
        BSplineBasis b = BSplineBasis.clampedUniform(3, 10, 0, 1);
        AtomQuadrature[] q = {new AtomQuadrature(b), new AtomQuadrature(b), new AtomQuadrature(b)};
        Field f = Field.of(Set.of("x", "y", "z"), z -> Math.exp(-((z[0] - z[1]) * (z[0] - z[1]) + z[2] * z[0]) / 0.3));
        double tol = 1e-5;
        SeparatedValues s = new FieldCompression(List.of("x", "y", "z"), q, 40, tol).compress(f, "f");
        // weighted L2 error on the grid, recomputed independently from the terms
        double[] x = q[0].points();
        double[] w = q[0].weights();
        double err = 0;
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                for (int k = 0; k < x.length; k++) {
                    double v = f.value(new double[] {x[i], x[j], x[k]});
                    double a = 0;
                    for (SeparatedValues.Term t : s.terms()) {
                        a += t.scale() * t.values()[0][i] * t.values()[1][j] * t.values()[2][k];
                    }
                    double ww = w[i] * w[j] * w[k];
                    err += ww * (a - v) * (a - v);
                    norm += ww * v * v;
                }
            }
        }
        assertTrue(Math.sqrt(err / norm) <= tol, "relative error " + Math.sqrt(err / norm) + " at rank " + s.rank());
        assertTrue(s.rank() < 40, "rank " + s.rank());
    }

    @Test
    void compression_manyCoordinatesJointly_fallsBackToAlsRegression() {
        BSplineBasis b = BSplineBasis.clampedUniform(3, 12, 0, 1);
        AtomQuadrature q = new AtomQuadrature(b);
        AtomQuadrature[] quads = {q, q, q, q};
        assertTrue(Math.pow(q.size(), 4) > FieldCompression.MAX_GRID, "the grid must be too large for the test");
        // sin(x + y + z + w) has separation rank 8 (angle-sum formulas)
        Field f = Field.of(Set.of("x", "y", "z", "w"), z -> Math.sin(z[0] + z[1] + z[2] + z[3]));
        SeparatedValues s = new FieldCompression(List.of("x", "y", "z", "w"), quads, 9, 1e-6).compress(f, "f");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        double[] x = q.points();
        double err = 0;
        double norm = 0;
        for (int j = 0; j < 2000; j++) {
            int[] i = {rng.nextInt(x.length), rng.nextInt(x.length), rng.nextInt(x.length), rng.nextInt(x.length)};
            double v = f.value(new double[] {x[i[0]], x[i[1]], x[i[2]], x[i[3]]});
            double a = 0;
            for (SeparatedValues.Term t : s.terms()) {
                a += t.scale() * t.values()[0][i[0]] * t.values()[1][i[1]] * t.values()[2][i[2]] * t.values()[3][i[3]];
            }
            err += (a - v) * (a - v);
            norm += v * v;
        }
        // cubic atoms on 9 spans fit sin to ~1e-5; ALS regression reaches that by rank 8-9
        assertTrue(Math.sqrt(err / norm) < 1e-4, "relative error " + Math.sqrt(err / norm) + " at rank " + s.rank());
    }
}
