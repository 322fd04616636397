package org.snauq.galerkin;

import java.util.List;
import java.util.Locale;

/**
 * What a VSNA solve did: one record per ALS sweep and one per rank of the greedy enrichment.
 *
 * <p>The indicator is the relative energy increment sqrt((E_{r-1} - E_r) / |E_r|) for a symmetric Galerkin solve,
 * the relative residual ||L u - f|| / ||f - L u_lift|| (L2 over the whole box) for least squares, and the relative
 * algebraic residual ||F - A v|| / ||F|| for a non-symmetric Galerkin solve.
 *
 * @param formulation "galerkin" or "least-squares"
 * @param indicatorName what the indicator measures
 * @param sweeps      every sweep in order
 * @param ranks       the state after each enrichment
 * @param stopReason  why enrichment stopped
 * @param seconds     wall time of the whole solve (assembly included when built by {@link Vsna})
 * @param outer       the linearisations of a nonlinear PDE in order (empty for a linear one); sweeps and ranks are
 *                    those of the last linear solve
 * @param outerStop   why the outer loop stopped (null for a linear PDE)
 */
public record SolveReport(String formulation, String indicatorName, List<Sweep> sweeps, List<Rank> ranks,
                          String stopReason, double seconds, List<Outer> outer, String outerStop) {

    public SolveReport {
        sweeps = List.copyOf(sweeps);
        ranks = List.copyOf(ranks);
        outer = List.copyOf(outer);
    }

    /** How {@link #outerStop()} begins when the outer loop diverged (its last iterate is then not a solution). */
    public static final String DIVERGED = "diverged";

    /** Whether the outer loop of a nonlinear solve diverged: the model is then not a solution of the PDE. */
    public boolean diverged() {
        return outerStop != null && outerStop.startsWith(DIVERGED);
    }

    /** The report of a linear solve. */
    public SolveReport(String formulation, String indicatorName, List<Sweep> sweeps, List<Rank> ranks,
                       String stopReason, double seconds) {
        this(formulation, indicatorName, sweeps, ranks, stopReason, seconds, List.of(), null);
    }

    /**
     * One linearisation of a nonlinear PDE and its linear solve.
     *
     * @param iteration  1, 2, ...
     * @param change     relative L2 change of the iterate, ||u_k - u_{k-1}|| / ||u_k|| over the box (exact,
     *                   separated)
     * @param rank       rank of the solved part of u_k
     * @param iterateRank rank of u_k after recompression, as the next linearisation's coefficient
     * @param indicator  the linear solve's last indicator
     * @param stopReason why its enrichment stopped
     * @param seconds    wall time of the linearisation and solve
     */
    public record Outer(int iteration, double change, int rank, int iterateRank, double indicator, String stopReason,
                        double seconds) {
    }

    /**
     * One ALS sweep over all coordinates.
     *
     * @param rank       the rank during the sweep
     * @param phase      "enrich" (new term only) or "resweep" (all terms)
     * @param functional J(v) = v^T A v - 2 F^T v (twice the energy, or the least-squares functional minus its constant)
     * @param indicator  see the record comment
     * @param seconds    wall time of the sweep
     */
    public record Sweep(int rank, String phase, double functional, double indicator, double seconds) {
    }

    /** The state after enrichment to {@code rank} and its re-sweeps. */
    public record Rank(int rank, double functional, double indicator, int sweeps, double seconds) {
    }

    /** The final rank of the solved part (the lifting adds its own terms to the model). */
    public int rank() {
        return ranks.isEmpty() ? 0 : ranks.get(ranks.size() - 1).rank();
    }

    /** The last indicator. */
    public double indicator() {
        return ranks.isEmpty() ? Double.NaN : ranks.get(ranks.size() - 1).indicator();
    }

    /** Mean wall time of a re-sweep of all terms (NaN if none). */
    public double meanResweepSeconds() {
        return sweeps.stream().filter(s -> s.phase().equals("resweep")).mapToDouble(Sweep::seconds).average()
                .orElse(Double.NaN);
    }

    /** Human-readable multi-line text for the command line. */
    public String format() {
        StringBuilder b = new StringBuilder();
        if (!outer.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%6s %12s %6s %8s %12s %10s%n", "outer", "change", "rank",
                    "iterate", "indicator", "seconds"));
            for (Outer o : outer) {
                b.append(String.format(Locale.ROOT, "%6d %12.4e %6d %8d %12.4e %10.3f%n", o.iteration(), o.change(),
                        o.rank(), o.iterateRank(), o.indicator(), o.seconds()));
            }
            b.append(String.format(Locale.ROOT, "outer loop: %s; the last linear solve:%n", outerStop));
        }
        b.append(String.format(Locale.ROOT, "formulation %s, indicator: %s%n", formulation, indicatorName));
        b.append(String.format(Locale.ROOT, "%6s %8s %14s %12s %10s%n", "rank", "sweeps", "functional", "indicator",
                "seconds"));
        for (Rank r : ranks) {
            b.append(String.format(Locale.ROOT, "%6d %8d %14.6e %12.4e %10.3f%n", r.rank(), r.sweeps(), r.functional(),
                    r.indicator(), r.seconds()));
        }
        b.append(String.format(Locale.ROOT, "%d sweeps, mean re-sweep %.4f s; stopped: %s; total %.3f s%n",
                sweeps.size(), meanResweepSeconds(), stopReason, seconds));
        return b.toString();
    }
}
