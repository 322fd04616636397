package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snauq.model.SnaModel;

/**
 * VSNA: builds an SNA directly from a {@link PdeProblem} (METHOD.md section 3).
 *
 * <ol>
 * <li>Checks that the problem is well posed where that can be known before solving ({@link ProblemChecks}:
 * coefficients bounded away from 0 with one sign, a coercive Galerkin operator).</li>
 * <li>Discretises it ({@link Discretisation}: fields in separated form on each coordinate's Gauss points, 1-D
 * matrices, lifting of the boundary and initial data) and solves by ALS with greedy enrichment
 * ({@link VsnaSolver}).</li>
 * <li>A nonlinear PDE (a coefficient, velocity or flux that depends on u) is solved by an outer loop of
 * linearisations around the previous iterate u_{k-1}, itself recompressed to low rank so that the linearised
 * operator stays separated with few terms: Picard (coefficients frozen at u_{k-1}) or Newton (plus the Jacobian's
 * terms), from u_0 = 0, until the relative L2 change ||u_k - u_{k-1}|| / ||u_k|| is below the outer tolerance.</li>
 * <li>The model u_L + v is recompressed when the lifting added terms ({@link Recompression}), normalised (unit L2
 * columns, scale in lambda) and carries its provenance.</li>
 * </ol>
 */
public final class Vsna {

    /** A relative change of the iterate this large after the first two linearisations means divergence: the
     *  iterate has left the solution's neighbourhood (a converging loop has changes well below 1 by then). */
    private static final double DIVERGED = 10.0;
    /** Outer iterations without a new smallest change before the loop stops as stalled. */
    private static final int OUTER_PATIENCE = 3;

    private Vsna() {
    }

    /** The model and the report of a solve. */
    public record Result(SnaModel model, SolveReport report, SolutionError.Estimate error) {
    }

    /** Solves the problem; errors against {@code problem.exact()} when it is given. */
    public static Result solve(PdeProblem problem, VsnaConfig config) {
        return solve(problem, config, null);
    }

    /**
     * Solves a nonlinear problem from a first iterate (for a linear one {@code start} is ignored): the solution of a
     * neighbouring problem with the same coordinates, atoms and conditions, e.g. at a larger viscosity in a
     * continuation towards a small one. Null starts from u = 0.
     *
     * @throws IllegalArgumentException if {@code start}'s coordinates or atoms differ from the problem's
     */
    public static Result solve(PdeProblem problem, VsnaConfig config, SnaModel start) {
        long started = System.nanoTime();
        Discretisation disc = new Discretisation(problem, config);
        ProblemChecks.check(problem, disc.quads(), disc.formulation().equals("galerkin"));
        AtomQuadrature[] quads = disc.quads();
        Discretisation.Solved last;
        List<SolveReport.Outer> outer = new ArrayList<>();
        String outerStop = null;
        if (!problem.isNonlinear()) {
            last = disc.solve(disc.terms(null, false), disc.lifting());
        } else {
            OuterLoop loop = outerLoop(disc, config, start == null ? null : startIterate(problem, disc, start));
            last = loop.last();
            outer = loop.iterations();
            outerStop = loop.stop();
        }
        SeparatedSum solved = last.u();
        int rank = solved.rank();
        // the solved terms of a linear PDE are each a greedy step the tolerance asked for; the lifting's terms, and
        // an iterate plus its correction, are not
        boolean redundant = disc.liftingRank() > 0 || problem.isNonlinear();
        SeparatedSum saved = !redundant || config.recompressionTolerance() == 0 ? solved
                : Recompression.compress(solved, quads, config.recompressionTolerance(), rank);
        SnaModel model = saved.normalised(quads).toModel(problem.names(), disc.bases(), problem.output());
        SolveReport inner = last.solution().report();
        SolveReport report = new SolveReport(inner.formulation(), inner.indicatorName(), inner.sweeps(),
                inner.ranks(), inner.stopReason(), (System.nanoTime() - started) * 1e-9, outer, outerStop);
        SolutionError.Estimate error = problem.exact() == null ? null
                : SolutionError.relativeL2(model, problem.exact(), config.seed());
        return new Result(model.withProvenance(provenance(problem, config, report, model, rank, last, disc, error)),
                report, error);
    }

    /** The outer loop's result: the solve kept, every iteration, why it stopped. */
    private record OuterLoop(Discretisation.Solved last, List<SolveReport.Outer> iterations, String stop) {
    }

    /**
     * Linearisations of a nonlinear PDE: u_1 from the linearisation at 0 (or at {@code start}) with the data's
     * lifting; then corrections u_k = u_{k-1} + v_k, the recompressed u_{k-1} both the coefficient and the lifting
     * (it carries the conditions), so each solve reduces the residual of the current iterate. Stops on the change,
     * on divergence, or when the change has not improved on its best in {@link #OUTER_PATIENCE} iterations (the
     * corrections then sit at what the separated residual resolves), keeping the iterate of the smallest change.
     */
    private static OuterLoop outerLoop(Discretisation disc, VsnaConfig config, SeparatedSum start) {
        boolean newton = config.linearisation() == VsnaConfig.Linearisation.NEWTON;
        AtomQuadrature[] quads = disc.quads();
        BandedMatrix[] mass = new BandedMatrix[quads.length];
        for (int d = 0; d < quads.length; d++) {
            mass[d] = quads[d].mass();
        }
        SeparatedSum iterate = start == null ? SeparatedSum.zero(disc.sizes()) : start;
        SeparatedSum base = start == null ? disc.lifting() : start;
        List<SolveReport.Outer> outer = new ArrayList<>();
        Discretisation.Solved best = null;
        double bestChange = Double.POSITIVE_INFINITY;
        int bestK = 0;
        String name = newton ? "Newton" : "Picard";
        for (int k = 1; k <= config.maxOuterIterations(); k++) {
            long t0 = System.nanoTime();
            Discretisation.Solved last = disc.solve(disc.terms(iterate, newton), base);
            SeparatedSum u = last.u();
            double change = k == 1 && start == null ? 1.0
                    : Math.sqrt(last.v().inner(last.v(), mass) / Math.max(u.inner(u, mass), Double.MIN_NORMAL));
            iterate = config.recompressionTolerance() == 0 ? u.normalised(quads)
                    : Recompression.compress(u, quads, config.recompressionTolerance(), u.rank());
            base = iterate;
            SolveReport r = last.solution().report();
            outer.add(new SolveReport.Outer(k, change, r.rank(), iterate.rank(), r.indicator(), r.stopReason(),
                    (System.nanoTime() - t0) * 1e-9));
            if (change < config.outerTolerance()) {
                return new OuterLoop(last, outer, "change " + String.format(Locale.ROOT, "%.3e", change)
                        + " < outer tolerance " + config.outerTolerance() + " after " + k + " " + name + " iterations");
            }
            if (!(change < DIVERGED) && k > 2) {
                return new OuterLoop(last, outer, SolveReport.DIVERGED + ": the change grew to "
                        + String.format(Locale.ROOT, "%.3e", change) + " at iteration " + k + "; the linearised problems"
                        + " need more rank (max-rank) or atoms, or a start closer to the solution (a continuation"
                        + " from a larger viscosity)");
            }
            if (change < bestChange) {
                best = last;
                bestChange = change;
                bestK = k;
            } else if (k - bestK >= OUTER_PATIENCE) {
                return new OuterLoop(best, outer, "stalled: the change has stayed above its best, "
                        + String.format(Locale.ROOT, "%.3e", bestChange) + " at iteration " + bestK + ", for "
                        + OUTER_PATIENCE + " " + name + " iterations (the corrections are at what the separated"
                        + " residual resolves); kept iteration " + bestK);
            }
        }
        return new OuterLoop(best, outer, "maximum outer iterations " + config.maxOuterIterations()
                + "; kept iteration " + bestK + ", of the smallest change");
    }

    private static SeparatedSum startIterate(PdeProblem problem, Discretisation disc, SnaModel start) {
        boolean same = start.names().equals(problem.names());
        for (int d = 0; same && d < start.dimension(); d++) {
            same = start.basis(d).equals(disc.bases().get(d));
        }
        if (!same) {
            throw new IllegalArgumentException("start: the first iterate must have the problem's coordinates "
                    + problem.names() + " and atoms, got " + start.names());
        }
        return SeparatedSum.of(start).normalised(disc.quads());
    }

    private static Map<String, Object> provenance(PdeProblem problem, VsnaConfig config, SolveReport report,
                                                  SnaModel model, int rank, Discretisation.Solved last,
                                                  Discretisation disc, SolutionError.Estimate error) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("method", "vsna");
        provenance.put("problem", problem.name());
        provenance.put("formulation", report.formulation());
        provenance.put("rank", model.rank());
        provenance.put("rank-before-recompression", rank);
        provenance.put("recompression-tolerance", config.recompressionTolerance());
        provenance.put("solved-rank", last.solution().rank());
        provenance.put("lifting-rank", disc.liftingRank());
        provenance.put("source-rank", last.sourceRank());
        List<Integer> ranks = new ArrayList<>();
        List<Double> indicators = new ArrayList<>();
        for (SolveReport.Rank r : report.ranks()) {
            ranks.add(r.rank());
            indicators.add(r.indicator());
        }
        provenance.put("ranks", ranks);
        provenance.put("indicator", report.indicatorName());
        provenance.put("indicators", indicators);
        provenance.put("stop", report.stopReason());
        if (!report.outer().isEmpty()) {
            provenance.put("linearisation", config.linearisation().name().toLowerCase(Locale.ROOT));
            provenance.put("outer-iterations", report.outer().size());
            List<Double> changes = new ArrayList<>();
            report.outer().forEach(o -> changes.add(o.change()));
            provenance.put("outer-changes", changes);
            provenance.put("outer-stop", report.outerStop());
        }
        provenance.put("seconds", report.seconds());
        if (error != null) {
            provenance.put("relative-l2-error", error.value());
            provenance.put("error-method", error.method());
        }
        return provenance;
    }
}
