package org.snauq.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snauq.results.ResultTable;

/**
 * The report of an inversion run ({@code sna invert}): for the first observation set (the smallest
 * observation_id) its estimates, the trace of every chain and the pair plot of the posterior draws; for all sets
 * the MAP status counts, the spread of the MAP over the sets and the misfit of every observation at the MAP. Reads
 * the {@code estimates}, {@code fit} and {@code posterior} tables; appends nothing to a run without estimates.
 */
final class InversionSection implements ReportSection {

    /** Unknowns shown in the pair plot: its cells grow as the square. */
    static final int PAIR_UNKNOWNS = 4;

    @Override
    public Place place() {
        return Place.AFTER_RUN;
    }

    @Override
    public void append(StringBuilder h, RunData run) {
        List<Map<String, Object>> estimates = run.rows(ResultTable.ESTIMATES);
        if (estimates.isEmpty()) {
            return;
        }
        List<Long> ids = estimates.stream().map(r -> ((Number) r.get("observation_id")).longValue()).distinct()
                .sorted().toList();
        long first = ids.get(0);
        List<Map<String, Object>> shown = ofSet(estimates, first);
        List<String> unknowns = Rows.distinct(shown, "unknown");
        List<Map<String, Object>> fit = run.rows(ResultTable.FIT);
        List<String> observations = Rows.distinct(fit, "observation");
        Map<String, Long> status = new TreeMap<>();
        for (long id : ids) {
            status.merge(String.valueOf(ofSet(estimates, id).get(0).get("status")), 1L, Long::sum);
        }
        h.append("<h2 id=\"inversion\">Inversion</h2><p>").append(Format.integer(ids.size()))
                .append(ids.size() == 1 ? " observation set" : " observation sets").append("; MAP status: ")
                .append(Html.escape(status.toString().replaceAll("[{}]", "").replace("=", " "))).append("; posterior ")
                .append("mcmc".equals(shown.get(0).get("source")) ? "from MCMC draws (adaptive Metropolis)"
                        : "from the Laplace approximation (no draws: samples 0)")
                .append(". A MAP whose status is not <em>converged</em> is the best point seen, not a stationary"
                        + " point.</p>\n");
        h.append("<h3>Estimates").append(ids.size() == 1 ? "" : " of observation set " + first).append("</h3>")
                .append(Html.table("inversion-estimates", List.of("unknown", "status", "MAP", "Laplace sd",
                        "posterior mean", "posterior sd", "2.5 %", "50 %", "97.5 %", "R-hat", "ESS"), Rows.cells(shown,
                        "unknown", "status", "map", "laplace_sd", "mean", "sd", "q025", "q50", "q975", "rhat", "ess")));
        if (ids.size() > 1) {
            h.append("<h3>MAP over the observation sets</h3>").append(Html.table("inversion-spread",
                    List.of("unknown", "sets", "minimum", "median", "maximum", "median posterior sd"),
                    spread(estimates, unknowns)));
        }
        List<Map<String, Object>> draws = ofSet(run.rows(ResultTable.POSTERIOR), first);
        if (!draws.isEmpty()) {
            h.append("<h3>Posterior draws").append(ids.size() == 1 ? "" : " of observation set " + first)
                    .append("</h3><div class=\"grid\">");
            for (Map<String, Object> e : shown) {
                String u = String.valueOf(e.get("unknown"));
                ReportPage.figure(h, "inversion-trace-" + ReportPage.slug(u), InversionFigures.trace(draws, u,
                        Rows.num(e, "map")), "Every chain's kept draws of " + u + " (R-hat " + Format.number(Rows.num(
                        e, "rhat")) + ", ESS " + Format.number(Rows.num(e, "ess")) + "); dashed: the MAP.");
            }
            h.append("</div>");
            pairPlot(h, draws, unknowns.subList(0, Math.min(PAIR_UNKNOWNS, unknowns.size())));
        }
        if (!fit.isEmpty()) {
            h.append("<h3>Observed and predicted</h3><div class=\"grid\">");
            ReportPage.figure(h, "inversion-fit", InversionFigures.fit(fit, observations), ids.size() == 1
                    ? "Relative misfit of each observation at the MAP, with its +-2 noise sd band."
                    : "Relative misfit of each observation at the MAP, one point per observation set.");
            h.append("</div>").append(Html.table("inversion-fit-table", List.of("observation", "observed",
                    "noise sd", "predicted at the MAP", "(observed - predicted) / sd"), Rows.cells(ofSet(fit, first),
                    "observation", "observed", "sd", "predicted", "residual")));
        }
    }

    /** The lower triangle of the pair plot (histograms on the diagonal), one row of cells per unknown. */
    private static void pairPlot(StringBuilder h, List<Map<String, Object>> draws, List<String> unknowns) {
        h.append("<h3>Pair plot</h3><div style=\"display:grid;gap:6px;grid-template-columns:repeat(")
                .append(unknowns.size()).append(",auto);justify-content:start\">");
        for (int r = 0; r < unknowns.size(); r++) {
            for (int c = 0; c < unknowns.size(); c++) {
                if (c > r) {
                    h.append("<div></div>");
                    continue;
                }
                String id = "inversion-pair-" + ReportPage.slug(unknowns.get(r)) + "-" + ReportPage.slug(unknowns.get(c));
                ReportPage.figure(h, id, InversionFigures.pair(draws, unknowns.get(r), unknowns.get(c)), r == c
                        ? "Posterior of " + unknowns.get(r) : "Draws of " + unknowns.get(r) + " and " + unknowns.get(c));
            }
        }
        h.append("</div>");
    }

    /** Per unknown: sets with a MAP, its minimum, median and maximum, and the median posterior sd. */
    private static List<List<Object>> spread(List<Map<String, Object>> estimates, List<String> unknowns) {
        List<List<Object>> rows = new ArrayList<>();
        for (String u : unknowns) {
            double[] map = finite(estimates, u, "map");
            double[] sd = finite(estimates, u, "sd");
            boolean any = map.length > 0;
            rows.add(java.util.Arrays.asList(u, (long) map.length, any ? map[0] : null, any ? median(map) : null,
                    any ? map[map.length - 1] : null, sd.length > 0 ? median(sd) : null));
        }
        return rows;
    }

    /** The finite values of a column for one unknown, sorted. */
    private static double[] finite(List<Map<String, Object>> rows, String unknown, String column) {
        return rows.stream().filter(r -> unknown.equals(r.get("unknown"))).mapToDouble(r -> Rows.num(r, column))
                .filter(Double::isFinite).sorted().toArray();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /** The rows of one observation set, in table order. */
    private static List<Map<String, Object>> ofSet(List<Map<String, Object>> rows, long id) {
        return rows.stream().filter(r -> r.get("observation_id") instanceof Number n && n.longValue() == id).toList();
    }
}
