package org.snauq.report;

import static org.snauq.report.Rows.cells;
import static org.snauq.report.Rows.num;
import static org.snauq.report.Rows.of;
import static org.snauq.report.Rows.sorted;
import static org.snauq.report.Rows.sortedBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders a run as one self-contained HTML page: run facts from the manifest, then per output the moments
 * table, histogram with the fitted normal density, empirical CDF with the requested quantiles, exceedance
 * probabilities, Sobol' indices (every method side by side) and convergence with the sample size; the study
 * and the manifest at the end. No scripts, no external resources: inline CSS and SVG only (charts drawn by
 * {@link Figures} with XChart, exported by {@link Charts}).
 *
 * <p>Element ids are stable ({@code summary-<output>}, {@code histogram-<output>}, ...; a chart's id is on its
 * {@code <figure>}) so tests and links can find each part. Pure function of {@link RunData}.
 */
final class ReportPage {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Sampling rows, as the run job names them. */
    static final String SAMPLING = "sampling";

    private static final String CSS = """
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0 auto;max-width:1160px;padding:12px 16px;
            color:#222;font-size:14px}
            h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;border-bottom:2px solid #0072B2;padding-bottom:3px;
            margin-top:26px}h3{font-size:15px;margin:14px 0 6px}
            .sub{color:#555;margin:0 0 10px}
            .grid{display:flex;flex-wrap:wrap;gap:14px}
            figure{margin:0;border:1px solid #ddd;border-radius:4px;padding:6px;background:#fff}
            figcaption{font-size:12px;color:#555;width:0;min-width:100%}
            table{border-collapse:collapse;margin:6px 0;font-size:13px}
            th,td{border-bottom:1px solid #e3e3e3;padding:3px 9px;text-align:left}
            th{background:#f3f6f9}td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.na{color:#999;text-align:center}
            .facts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
            pre{background:#f6f8fa;padding:8px;font-size:12px;overflow:auto;max-height:420px}
            svg.chart{display:block}
            """;

    private ReportPage() {
    }

    static String render(RunData run) {
        JsonNode m = run.manifest();
        String title = text(m.at("/study/name"), "run");
        String runId = text(m.get("run_id"), "");
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape("SNA-UQ report: " + title + " " + runId)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        h.append("<h1>").append(Html.escape(title)).append("</h1><p class=\"sub\">run ").append(Html.escape(runId))
                .append(m.has("created") ? ", written " + Html.escape(m.get("created").asText()) : "")
                .append(m.has("model") ? " &middot; model: " + Html.escape(text(m.at("/model/description"), "")) : "")
                .append("</p>\n");
        runFacts(h, m);
        trainingConvergence(h, m.path("model").path("convergence"));
        bestDesign(h, m);
        designMap(h, run, m);
        for (String output : outputs(run)) {
            outputSection(h, run, output);
        }
        h.append("<h2 id=\"study\">Study</h2><pre>").append(Html.escape(pretty(m.get("study")))).append("</pre>\n");
        h.append("<details><summary>manifest.json</summary><pre id=\"manifest\">").append(Html.escape(pretty(m)))
                .append("</pre></details>\n");
        h.append("<p class=\"sub\">Rendered by ").append(Html.escape(text(m.at("/versions/sna_uq"), "sna-uq")))
                .append(" from the tables in ").append(Html.escape(run.folder())).append(".</p>");
        return h.append("</body></html>\n").toString();
    }

    /** Run, model, timings and versions tables side by side. */
    private static void runFacts(StringBuilder h, JsonNode m) {
        h.append("<h2 id=\"run\">Run</h2><div class=\"facts\">");
        List<List<Object>> run = new ArrayList<>();
        for (String key : List.of("run_id", "study_file", "design", "seed", "sample_count", "evaluations",
                "replicates", "block_size", "blocks", "partitions", "domain_policy", "spark_master", "created")) {
            if (m.has(key)) {
                run.add(List.of(key.replace('_', ' '), value(m.get(key))));
            }
        }
        h.append("<div><h3>Sampling</h3>").append(Html.table("run-facts", List.of("field", "value"), run))
                .append("</div>");
        keyValueTable(h, "Model provenance", "model-facts", m.get("model"));
        keyValueTable(h, "Timings (ms)", "timings", m.get("timings_ms"));
        keyValueTable(h, "Versions", "versions", m.get("versions"));
        keyValueTable(h, "Rows written", "row-counts", m.get("row_counts"));
        h.append("</div>\n");
    }

    /** A design sweep's best design (from the manifest; every design is in the run's designs table). */
    private static void bestDesign(StringBuilder h, JsonNode m) {
        JsonNode best = m.get("best_design");
        if (best == null || !best.isObject()) {
            return;
        }
        StringBuilder name = new StringBuilder("#" + best.path("design").asText());
        String sep = " (";
        for (Iterator<Map.Entry<String, JsonNode>> it = best.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("design") && !e.getKey().equals("p_window")) {
                name.append(sep).append(e.getKey()).append(" = ").append(value(e.getValue()));
                sep = ", ";
            }
        }
        name.append(sep.equals(", ") ? ")" : "");
        h.append("<h2 id=\"sweep\">Design sweep</h2><p id=\"best-design\">Best design: ")
                .append(Html.escape(name.toString())).append(", probability of meeting the process window ")
                .append(Html.escape(String.valueOf(value(best.path("p_window"))))).append(" (")
                .append(Html.escape(text(m.get("designs"), "?"))).append(" designs x ")
                .append(Html.escape(text(m.get("samples_per_design"), "?")))
                .append(" samples; all designs ranked in the <code>designs</code> table).</p>\n");
    }

    /**
     * The model fit's history per rank (manifest {@code model.convergence}: {@code measure} names the y axis,
     * {@code rank} the x axis, {@code sweeps} the sweeps spent, {@code chosen} the rank kept, every other list
     * is one series), log scale, with its table; and, when the manifest has it, the history per sweep
     * ({@code per_sweep}, see {@link Figures#modelFitSweeps}).
     */
    private static void trainingConvergence(StringBuilder h, JsonNode c) {
        JsonNode chosenRank = c.path("chosen");
        JsonNode ranks = c.path("rank");
        if (!ranks.isArray() || ranks.isEmpty()) {
            return;
        }
        String measure = text(c.get("measure"), "error");
        double[] x = Rows.numbers(ranks);
        List<String> header = new ArrayList<>(List.of("rank"));
        List<double[]> columns = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray() && !e.getKey().equals("rank") && !e.getKey().equals("sweeps")) {
                header.add(e.getKey());
                columns.add(Rows.numbers(e.getValue()));
            }
        }
        if (c.path("sweeps").isArray()) {
            header.add("sweeps");
            columns.add(Rows.numbers(c.get("sweeps")));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            List<Object> row = new ArrayList<>();
            row.add((long) x[i]);
            for (int k = 0; k < columns.size(); k++) {
                double v = i < columns.get(k).length ? columns.get(k)[i] : Double.NaN;
                row.add(header.get(k + 1).equals("sweeps") ? (Object) (long) v : (Object) v);
            }
            rows.add(row);
        }
        h.append("<h2 id=\"model-fit\">Model fit</h2><div class=\"grid\">");
        figure(h, "training-convergence", Figures.modelFit(c), measure
                + " after each rank of the greedy enrichment (log scale)"
                + (chosenRank.isNumber() ? "; the rule marks the rank kept." : "."));
        JsonNode perSweep = c.path("per_sweep");
        if (perSweep.path("sweep").isArray() && !perSweep.path("sweep").isEmpty()) {
            figure(h, "training-convergence-sweeps", Figures.modelFitSweeps(perSweep, measure), measure
                    + " after each sweep, counted over all ranks (log scale; a fit from data counts the sweeps of"
                    + " all terms together, not those fitting a new term alone); the rules mark where the rank"
                    + " increases, labelled with the new rank.");
        }
        h.append("<div>").append(Html.table("training-convergence-table", header, rows)).append("</div></div>\n");
    }

    /**
     * A sweep's design map from its {@code designs} table: the first two design inputs (the columns between
     * {@code design} and the QoI statistics) coloured by {@code p_window}, best design ringed; with one design
     * input, p_window against it.
     */
    private static void designMap(StringBuilder h, RunData run, JsonNode m) {
        List<Map<String, Object>> designs = sorted(run.rows("designs"), "design");
        if (designs.isEmpty() || !designs.get(0).containsKey("p_window")) {
            return;
        }
        List<String> inputs = designInputs(designs.get(0));
        if (inputs.isEmpty()) {
            return;
        }
        long best = m.path("best_design").path("design").asLong(-1);
        if (!m.has("best_design")) {
            h.append("<h2 id=\"sweep\">Design sweep</h2>");
        }
        h.append("<div class=\"grid\">");
        figure(h, "design-map", Figures.designMap(designs, inputs, best), "Probability of meeting the process"
                + " window per design"
                + (inputs.size() > 2 ? " over the first two of the " + inputs.size() + " design inputs ("
                + String.join(", ", inputs) + ")" : "")
                + (inputs.size() == 1 ? " with its interval" : ", in " + Figures.MAP_BINS + " equal classes from the"
                + " lowest to the highest")
                + "; the best design is marked.");
        h.append("</div>\n");
    }

    /** The designs table's design inputs: its columns after {@code design} up to the first statistic. */
    static List<String> designInputs(Map<String, Object> row) {
        List<String> inputs = new ArrayList<>();
        boolean after = false;
        for (String column : row.keySet()) {
            if (column.equals("design")) {
                after = true;
            } else if (after) {
                if (column.equals("n") || column.startsWith("p_window") || column.endsWith("_mean")) {
                    break;
                }
                inputs.add(column);
            }
        }
        return inputs;
    }

    private static void keyValueTable(StringBuilder h, String title, String id, JsonNode node) {
        if (node == null || !node.isObject()) {
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode() && e.getKey().equals("convergence")) {
                continue; // the model fit's history has its own figure and table
            }
            rows.add(List.of(e.getKey().replace('_', ' '), value(e.getValue())));
        }
        h.append("<div><h3>").append(Html.escape(title)).append("</h3>")
                .append(Html.table(id, List.of("field", "value"), rows)).append("</div>");
    }

    private static Object value(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        return v.toString();
    }

    /** Outputs in first-seen order over the summary, then the other tables. */
    static List<String> outputs(RunData run) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : RunData.TABLES) {
            for (Map<String, Object> r : run.rows(t)) {
                if (r.get("output") != null) {
                    out.add((String) r.get("output"));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static void outputSection(StringBuilder h, RunData run, String output) {
        String key = slug(output);
        h.append("<h2 id=\"output-").append(key).append("\">Output ").append(Html.escape(output)).append("</h2>\n");
        List<Map<String, Object>> summary = of(run.rows("summary"), output);
        h.append("<h3>Moments</h3>").append(Html.table("summary-" + key, List.of("method", "n", "mean", "variance",
                "std", "skewness", "excess kurtosis", "min", "max", "mean CI low", "mean CI high"), cells(summary,
                "method", "n", "mean", "variance", "std", "skewness", "excess_kurtosis", "min", "max", "mean_ci_low",
                "mean_ci_high")));
        h.append("<div class=\"grid\">");
        List<Map<String, Object>> hist = sorted(of(run.rows("histogram"), output), "bin");
        Map<String, Object> sampling = summary.stream().filter(r -> SAMPLING.equals(r.get("method"))).findFirst()
                .orElse(summary.isEmpty() ? null : summary.get(0));
        figure(h, "histogram-" + key, Figures.histogram(output, hist, sampling), "Histogram of the samples as a"
                + " density (count / (n * bin width)) and the normal density with the sample mean and standard"
                + " deviation.");
        List<Map<String, Object>> quantiles = of(run.rows("quantiles"), output);
        figure(h, "cdf-" + key, Figures.cdf(output, quantiles, hist), "Empirical CDF: cumulative histogram (step)"
                + " and the requested quantiles (markers and dashed rules).");
        List<Map<String, Object>> exceedance = sorted(of(run.rows("exceedance"), output), "threshold");
        figure(h, "exceedance-chart-" + key, Figures.exceedance(output, exceedance, hist), "P(" + output + " > t) at each"
                + " requested threshold with its confidence interval (log scale); the line is the survival function"
                + " of the histogram.");
        h.append("</div>");
        h.append("<div class=\"facts\"><div><h3>Quantiles</h3>").append(Html.table("quantiles-" + key, List.of(
                "method", "probability", "value", "rank error"), cells(sortedBy(quantiles, "method", "probability"),
                "method", "probability", "value", "rank_error"))).append("</div>");
        h.append("<div><h3>Exceedance</h3>").append(Html.table("exceedance-" + key, List.of("threshold",
                "probability", "CI low", "CI high"), cells(exceedance, "threshold", "probability", "ci_low",
                "ci_high")))
                .append("</div></div>\n");

        List<Map<String, Object>> sobol = of(run.rows("sobol"), output);
        if (!sobol.isEmpty()) {
            h.append("<h3>Sobol' indices</h3><div class=\"grid\">");
            figure(h, "sobol-chart-" + key, Figures.sobol(output, sobol), "First-order (S, dark) and total (ST, light)"
                    + " indices per input; error bars are confidence intervals. Methods side by side.");
            h.append("</div>").append(Html.table("sobol-" + key, List.of("input", "method", "S", "S CI low",
                    "S CI high", "ST", "ST CI low", "ST CI high"), cells(sobol, "input", "method", "s1", "s1_ci_low",
                    "s1_ci_high", "st", "st_ci_low", "st_ci_high")));
        }
        List<Map<String, Object>> conv = sorted(of(run.rows("convergence_moments"), output), "n");
        List<Map<String, Object>> convSobol = sorted(of(run.rows("convergence_sobol"), output), "n");
        if (!conv.isEmpty() || !convSobol.isEmpty()) {
            h.append("<h3>Convergence</h3><div class=\"grid\">");
            figure(h, "convergence-mean-" + key, Figures.convergenceMean(output, conv), "Running mean over the first"
                    + " n samples (n = 2^k).");
            if (!convSobol.isEmpty()) {
                figure(h, "convergence-sobol-" + key, Figures.convergenceSobol(convSobol), "Sobol' estimates on the"
                        + " first n rows (S solid, ST dashed).");
            }
            h.append("</div><details><summary>convergence tables</summary>").append(Html.table("convergence-" + key,
                    List.of("n", "mean", "mean CI low", "mean CI high"), cells(conv, "n", "mean", "mean_ci_low",
                            "mean_ci_high")))
                    .append(convSobol.isEmpty() ? "" : Html.table("convergence-sobol-table-" + key, List.of("n",
                            "input", "S", "ST"), cells(convSobol, "n", "input", "s1", "st")))
                    .append("</details>");
        }
    }

    /** A chart in a {@code <figure>} with the given id and a caption. */
    private static void figure(StringBuilder h, String id, Chart<?, ?> chart, String caption) {
        h.append("<figure id=\"").append(Html.escape(id)).append("\">")
                .append(Charts.svg(chart, id, chart.getTitle())).append("<figcaption>").append(Html.escape(caption))
                .append("</figcaption></figure>");
    }

    /** An output name usable in an element id. */
    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String text(JsonNode n, String fallback) {
        return n == null || n.isMissingNode() || n.isNull() ? fallback : n.asText();
    }

    private static String pretty(JsonNode n) {
        if (n == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            return n.toString();
        }
    }
}
