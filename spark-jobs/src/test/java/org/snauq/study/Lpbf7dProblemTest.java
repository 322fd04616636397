package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snauq.datasets.pde.LpbfCase;
import org.snauq.galerkin.PdeProblem;
import org.snauq.galerkin.SolveReport;
import org.snauq.galerkin.Vsna;
import org.snauq.qoi.MeltPool;
import org.snauq.qoi.MeltPoolQoi;
import org.snauq.qoi.SnaSlice;

/**
 * The shipped 7-D LPBF problem ({@code conf/problems/lpbf7d.yaml}, docs/cases/lpbf.md): its flux conditions parse,
 * and a coarse solve (rank 16 instead of 60) converges and already agrees with the full-grid reference of
 * {@link LpbfCase} at a nominal point. Flux-file validation messages.
 */
class Lpbf7dProblemTest {

    /** Rank 16 leaves an algebraic residual of about 10 % (rank history of the full solve in docs/cases/lpbf.md). */
    private static final double COARSE_RESIDUAL = 0.15;
    /** Coarse-rank peak error: the full rank-60 model is within 1.2 % on 50 points; rank 16 within a few per cent. */
    private static final double COARSE_PEAK_TOL = 0.05;

    @Test
    void read_lpbf7d_hasTopFluxAndInsulatedOutflow() throws Exception {
        PdeProblem p = ProblemFile.read(ProblemFileTest.PROBLEMS.resolve("lpbf7d.yaml")).problem();
        assertEquals(List.of("x", "y", "z", "P", "v", "rb", "beta"), p.names());
        assertEquals(2, p.fluxes().size());
        assertTrue(p.fluxAt("x", PdeProblem.End.LOWER).flux().isZero());
        assertEquals(Set4.of("x", "y", "P", "rb", "beta"), Set4.sorted(p.fluxAt("z", PdeProblem.End.LOWER).flux()
                .variables()));
    }

    @Test
    void solve_coarseLpbf7d_convergesAndMatchesReferencePeak() throws Exception {
        ProblemFile f = ProblemFile.read(ProblemFileTest.PROBLEMS.resolve("lpbf7d.yaml"));
        Vsna.Result r = Vsna.solve(f.problem(), f.solver().withMaxRank(16));
        List<SolveReport.Rank> ranks = r.report().ranks();
        assertEquals("galerkin-lu", r.report().formulation());
        assertTrue(ranks.get(ranks.size() - 1).indicator() < COARSE_RESIDUAL, "residual " + ranks);
        double[] point = {225, 0.85, 55, 0.5}; // P, v, rb, beta: centre of the box
        MeltPoolQoi ref = LpbfCase.qoi(LpbfCase.reference(point, 0));
        double[] z = {0, 0, 0, point[0], point[1], point[2], point[3]};
        MeltPoolQoi sna = MeltPool.extract(new SnaSlice(r.model(), new int[] {0, 1, 2}, z), LpbfCase.LIQUIDUS
                - LpbfCase.AMBIENT, 41, 0.0);
        double peak = sna.peak() + LpbfCase.AMBIENT;
        assertEquals(ref.peak(), peak, COARSE_PEAK_TOL * ref.peak(), "peak");
    }

    @Test
    void parse_fluxWithUnknownKey_rejected() {
        StudyException e = assertThrows(StudyException.class, () -> ProblemFile.parse("""
                name: f
                coordinates:
                  - {name: x, interval: [0, 1], role: space, atoms: 8}
                terms:
                  - {term: diffusion, coordinate: x}
                boundary:
                  x: {lower: {flux: 1, value: 2}, upper: 0}
                """, "f.yaml"));
        assertTrue(e.getMessage().startsWith("f.yaml: boundary.x.lower: unknown key 'value'"), e.getMessage());
    }

    @Test
    void parse_fluxWithoutDiffusion_rejected() {
        StudyException e = assertThrows(StudyException.class, () -> ProblemFile.parse("""
                name: f
                coordinates:
                  - {name: x, interval: [0, 1], role: space, atoms: 8}
                  - {name: t, interval: [0, 1], role: parameter, atoms: 4}
                terms:
                  - {term: diffusion, coordinate: x}
                boundary:
                  x: {lower: 0, upper: 0}
                  t: {lower: {flux: 1}}
                """, "f.yaml"));
        assertEquals("f.yaml: fluxes[0]: a flux condition on 't' needs a diffusion term along it", e.getMessage());
    }

    /** Sorted copies of variable sets, for order-free comparison. */
    private static final class Set4 {
        static List<String> of(String... s) {
            return java.util.Arrays.stream(s).sorted().toList();
        }

        static List<String> sorted(java.util.Set<String> s) {
            return s.stream().sorted().toList();
        }
    }
}
