package org.snauq.report;

import static org.snauq.report.Rows.cells;
import static org.snauq.report.Rows.num;
import static org.snauq.report.Rows.of;
import static org.snauq.report.Rows.sorted;
import static org.snauq.report.Rows.sortedBy;

import java.util.List;
import java.util.Map;
import org.snauq.results.ResultTable;

/**
 * One output's section of a sampling run's page: the moments table, then the histogram, the CDF and (when
 * thresholds were asked) the exceedance chart, the quantile and exceedance tables, Sobol' indices and the
 * convergence with the sample size. A figure or table appears only when the run has rows for it; numbers carry
 * the output's unit in the column headers and axis titles.
 */
final class OutputSection {

    private OutputSection() {
    }

    static void append(StringBuilder h, RunData run, String output, Units units) {
        String key = ReportPage.slug(output);
        String unit = units.unit(output);
        h.append("<h2 id=\"output-").append(key).append("\">Output ").append(Html.escape(units.label(output)))
                .append("</h2>\n");
        List<Map<String, Object>> summary = of(run.rows(ResultTable.SUMMARY), output);
        if (!summary.isEmpty()) {
            h.append("<h3>Moments</h3>").append(Html.table("summary-" + key, List.of("method", "n",
                    Units.label("mean", unit), Units.label("variance", squared(unit)), Units.label("std", unit),
                    "skewness", "excess kurtosis", Units.label("min", unit), Units.label("max", unit),
                    Units.label("mean CI low", unit), Units.label("mean CI high", unit)), cells(summary, "method", "n",
                    "mean", "variance", "std", "skewness", "excess_kurtosis", "min", "max", "mean_ci_low",
                    "mean_ci_high")));
        }
        List<Map<String, Object>> hist = sorted(of(run.rows(ResultTable.HISTOGRAM), output), "bin");
        List<Map<String, Object>> quantiles = of(run.rows(ResultTable.QUANTILES), output);
        List<Map<String, Object>> exceedance = sorted(of(run.rows(ResultTable.EXCEEDANCE), output), "threshold");
        if (!hist.isEmpty() || !quantiles.isEmpty() || !exceedance.isEmpty()) {
            h.append("<div class=\"grid\">");
            if (!hist.isEmpty()) {
                Map<String, Object> sampling = summary.stream().filter(r -> ReportPage.SAMPLING.equals(
                        r.get("method"))).findFirst().orElse(summary.isEmpty() ? null : summary.get(0));
                ReportPage.figure(h, "histogram-" + key, Figures.histogram(output, hist, sampling, units),
                        "Histogram of the samples as a density (count / (n * bin width)) and the normal density"
                                + " with the sample mean and standard deviation.");
            }
            if (!hist.isEmpty() || !quantiles.isEmpty()) {
                ReportPage.figure(h, "cdf-" + key, Figures.cdf(output, quantiles, hist, units), (hist.isEmpty()
                        ? "The requested quantiles, joined." : "Empirical CDF, exact at the " + (hist.size() + 1)
                        + " bin edges of the histogram (the fraction of samples at or below each) and straight"
                        + " between them.") + (quantiles.isEmpty() ? "" : " Markers: the requested quantiles,"
                        + " with their confidence intervals as horizontal bars; dashed rules label them where"
                        + " there is room (the table lists all)."));
            }
            if (!exceedance.isEmpty()) {
                ReportPage.figure(h, "exceedance-chart-" + key, Figures.exceedance(output, exceedance, hist,
                        units), "P(" + output + " > t) at each requested threshold t with its confidence interval"
                        + " (log scale)" + (hist.isEmpty() ? "." : "; the line is the fraction of samples above"
                        + " each bin edge."));
            }
            h.append("</div>");
        }
        if (!quantiles.isEmpty() || !exceedance.isEmpty()) {
            h.append("<div class=\"facts\">");
            if (!quantiles.isEmpty()) {
                // a sketch gives no intervals (its rank error bounds it instead): no columns of dashes then
                boolean intervals = quantiles.stream().anyMatch(r -> r.get("ci_low") != null);
                List<String> header = intervals ? List.of("method", "probability", Units.label("value", unit),
                        Units.label("CI low", unit), Units.label("CI high", unit), "rank error")
                        : List.of("method", "probability", Units.label("value", unit), "rank error");
                String[] columns = intervals ? new String[] {"method", "probability", "value", "ci_low", "ci_high",
                    "rank_error"} : new String[] {"method", "probability", "value", "rank_error"};
                h.append("<div><h3>Quantiles</h3>").append(Html.table("quantiles-" + key, header,
                        cells(sortedBy(quantiles, "method", "probability"), columns))).append("</div>");
            }
            if (!exceedance.isEmpty()) {
                h.append("<div><h3>Exceedance</h3>").append(Html.table("exceedance-" + key, List.of(
                        Units.label("threshold", unit), "probability", "CI low", "CI high"), cells(exceedance,
                        "threshold", "probability", "ci_low", "ci_high"))).append("</div>");
            }
            h.append("</div>\n");
        }
        sobol(h, run, output, key);
        convergence(h, run, output, key, summary, units);
    }

    private static void sobol(StringBuilder h, RunData run, String output, String key) {
        List<Map<String, Object>> sobol = of(run.rows(ResultTable.SOBOL), output);
        if (sobol.isEmpty()) {
            return;
        }
        h.append("<h3>Sobol' indices</h3><div class=\"grid\">");
        ReportPage.figure(h, "sobol-chart-" + key, Figures.sobol(output, sobol), "First-order (S, dark) and total"
                + " (ST, light) indices per input; error bars are confidence intervals. Methods side by side.", true);
        h.append("</div>").append(Html.table("sobol-" + key, List.of("input", "method", "S", "S CI low", "S CI high",
                "ST", "ST CI low", "ST CI high"), cells(sobol, "input", "method", "s1", "s1_ci_low", "s1_ci_high",
                "st", "st_ci_low", "st_ci_high")));
    }

    private static void convergence(StringBuilder h, RunData run, String output, String key,
                                    List<Map<String, Object>> summary, Units units) {
        List<Map<String, Object>> conv = sorted(of(run.rows(ResultTable.CONVERGENCE_MOMENTS), output), "n");
        List<Map<String, Object>> convSobol = sorted(of(run.rows(ResultTable.CONVERGENCE_SOBOL), output), "n");
        boolean means = conv.stream().anyMatch(r -> Double.isFinite(num(r, "mean")));
        if (!means && convSobol.isEmpty()) {
            return;
        }
        double exact = summary.stream().filter(r -> "analytic".equals(r.get("method"))).mapToDouble(r -> num(r,
                "mean")).findFirst().orElse(Double.NaN);
        h.append("<h3>Convergence</h3><div class=\"grid\">");
        if (means) {
            ReportPage.figure(h, "convergence-mean-" + key, Figures.convergenceMean(output, conv, exact, units),
                    "Mean over the first n samples (n = 2^k) inside its confidence band: a drift that stays in the"
                            + " band is chance, not bias" + (Double.isFinite(exact) ? "; dashed: the closed-form"
                            + " mean." : "."));
        }
        if (!convSobol.isEmpty()) {
            ReportPage.figure(h, "convergence-sobol-" + key, Figures.convergenceSobol(convSobol), "Sobol'"
                    + " estimates on the first n rows (S solid, ST dashed).");
        }
        String unit = units.unit(output);
        h.append("</div><details><summary>convergence tables</summary>")
                .append(means ? Html.table("convergence-" + key, List.of("n", Units.label("mean", unit),
                        Units.label("mean CI low", unit), Units.label("mean CI high", unit)), cells(conv, "n",
                        "mean", "mean_ci_low", "mean_ci_high")) : "")
                .append(convSobol.isEmpty() ? "" : Html.table("convergence-sobol-table-" + key, List.of("n",
                        "input", "S", "ST"), cells(convSobol, "n", "input", "s1", "st")))
                .append("</details>");
    }

    /** The unit of a variance: the unit squared, or null. */
    static String squared(String unit) {
        if (unit == null) {
            return null;
        }
        return (unit.matches("[^ /*^()·]+") ? unit : "(" + unit + ")") + "²";
    }
}
