package org.snauq.report;

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
import org.snauq.results.ResultTable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a run as one self-contained HTML page: run facts from the manifest, the model fit, then either a
 * sweep's section ({@link SweepSection}: best design, warnings, design map, ranked designs) or, for a sampling
 * run, one section per output ({@link OutputSection}); the feature sections ({@link ReportSections}); the study
 * as the user wrote it and the manifest at the end. No scripts, no external resources: inline CSS and SVG only
 * (charts drawn by {@link Figures} with XChart, exported by {@link Charts}). A figure or table is shown only when
 * the run has data for it. The layout uses the page's full width (charts in as many columns as fit) and has a
 * print stylesheet.
 *
 * <p>Element ids are stable ({@code summary-<output>}, {@code histogram-<output>}, ...; a chart's id is on its
 * {@code <figure>}) so tests and links can find each part. Pure function of {@link RunData}.
 */
final class ReportPage {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Sampling rows, as the run job names them. */
    static final String SAMPLING = "sampling";
    /** A history longer than this many ranks has its table folded away. */
    private static final int OPEN_TABLE_ROWS = 12;

    private static final String CSS = """
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0 auto;max-width:2400px;
            padding:12px 24px;color:#222;font-size:14px}
            h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;border-bottom:2px solid #0072B2;padding-bottom:3px;
            margin-top:26px}h3{font-size:15px;margin:14px 0 6px}
            .sub{color:#555;margin:0 0 10px}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:14px;align-items:start}
            figure{margin:0;border:1px solid #ddd;border-radius:4px;padding:6px;background:#fff;min-width:0}
            figure.wide{grid-column:span 2}
            figcaption{font-size:12px;color:#555}
            table{border-collapse:collapse;margin:6px 0;font-size:13px}
            th,td{border-bottom:1px solid #e3e3e3;padding:3px 9px;text-align:left}
            th{background:#f3f6f9}td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.na{color:#999;text-align:center}
            .facts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}.facts td{max-width:56em;overflow-wrap:anywhere}
            .warning{border-left:4px solid #D55E00;background:#fdf1e9;padding:6px 10px;margin:8px 0;max-width:70em}
            pre{background:#f6f8fa;padding:8px;font-size:12px;overflow:auto;max-height:520px}
            svg.chart{display:block;width:100%;height:auto}
            @media (max-width:820px){figure.wide{grid-column:auto}}
            @media print{@page{margin:14mm}body{max-width:none;padding:0;font-size:10pt}
            .grid{grid-template-columns:repeat(2,1fr)}figure,table,.warning{break-inside:avoid}
            h2,h3{break-after:avoid}figure.wide{grid-column:span 2}
            pre{max-height:none;overflow:visible;white-space:pre-wrap}details>summary{display:none}}
            """;

    private ReportPage() {
    }

    static String render(RunData run) {
        return render(run, ReportSections.all());
    }

    /** The page with the given feature sections (tests pass their own). */
    static String render(RunData run, List<ReportSection> sections) {
        JsonNode m = run.manifest();
        Units units = Units.of(m);
        String title = text(m.at("/study/name"), text(m.get("study_name"), "run"));
        String runId = text(m.get("run_id"), "");
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(Html.escape("SNA-UQ report: " + title + " " + runId)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        h.append("<h1>").append(Html.escape(title)).append("</h1><p class=\"sub\">run ").append(Html.escape(runId))
                .append(m.has("created") ? ", written " + Html.escape(m.get("created").asText()) : "")
                .append(m.has("model") ? " &middot; model: " + Html.escape(text(m.at("/model/description"), "")) : "")
                .append("</p>\n");
        runFacts(h, m);
        sections(h, run, sections, ReportSection.Place.AFTER_RUN);
        trainingConvergence(h, m.path("model").path("convergence"));
        if (SweepSection.isSweep(run)) {
            SweepSection.append(h, run, units);
        } else {
            for (String output : outputs(run)) {
                OutputSection.append(h, run, output, units);
            }
        }
        sections(h, run, sections, ReportSection.Place.AFTER_OUTPUTS);
        study(h, m);
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
                "replicates", "block_size", "blocks", "partitions", "domain_policy", "on_failure", "failed_samples",
                "spark_master", "created")) {
            if (m.has(key)) {
                // a seed is a label, not a quantity: no thousands separators
                run.add(List.of(key.replace('_', ' '), key.equals("seed") ? m.get(key).asText() : value(m.get(key))));
            }
        }
        h.append("<div><h3>Sampling</h3>").append(Html.table("run-facts", List.of("field", "value"), run))
                .append("</div>");
        keyValueTable(h, "Model provenance", "model-facts", m.get("model"));
        keyValueTable(h, "Model calls", "model-calls", m.get("model_calls"));
        keyValueTable(h, "Units", "units", m.get("units"));
        keyValueTable(h, "Timings (ms)", "timings", m.get("timings_ms"));
        keyValueTable(h, "Versions", "versions", m.get("versions"));
        keyValueTable(h, "Rows written", "row-counts", m.get("row_counts"));
        h.append("</div>\n");
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
                    + " all terms together, not those fitting a new term alone)" + (ranks.size() - 1 <= Figures.MAX_RULES
                    ? "; the rules mark where the rank increases, labelled with the new rank where there is room."
                    : "; the rank rises " + (ranks.size() - 1) + " times (the table has the sweeps per rank)."));
        }
        String table = Html.table("training-convergence-table", header, rows);
        h.append("<div>").append(rows.size() > OPEN_TABLE_ROWS ? "<details><summary>history per rank ("
                + rows.size() + " ranks)</summary>" + table + "</details>" : table).append("</div></div>\n");
    }

    /** The study as the user wrote it (manifest {@code study_text}), else as parsed, in YAML. */
    private static void study(StringBuilder h, JsonNode m) {
        String text = text(m.get("study_text"), null);
        if (text == null && m.get("study") != null) {
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            o.setWidth(110);
            text = "# as parsed (the manifest has no copy of the file)\n"
                    + new Yaml(o).dump(JSON.convertValue(m.get("study"), Object.class));
        }
        if (text != null) {
            h.append("<h2 id=\"study\">Study</h2><pre id=\"study-text\">").append(Html.escape(text))
                    .append("</pre>\n");
        }
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
        if (node == null || !node.isObject() || node.isEmpty()) {
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode() && (e.getKey().equals("convergence") || e.getKey().equals("units")
                    || e.getKey().equals("validation"))) {
                continue; // the model fit's history and validation rows have their own section, the units their table
            }
            rows.add(List.of(id.equals("units") ? e.getKey() : e.getKey().replace('_', ' '), value(e.getValue())));
        }
        h.append("<div><h3>").append(Html.escape(title)).append("</h3>")
                .append(Html.table(id, List.of(id.equals("units") ? "name" : "field", id.equals("units") ? "unit"
                        : "value"), rows)).append("</div>");
    }

    static Object value(JsonNode v) {
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
        for (ResultTable t : ResultTable.values()) {
            for (Map<String, Object> r : run.rows(t)) {
                if (r.get("output") != null) {
                    out.add((String) r.get("output"));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The feature sections for {@code place}, in their order. */
    private static void sections(StringBuilder h, RunData run, List<ReportSection> sections,
                                 ReportSection.Place place) {
        for (ReportSection s : sections) {
            if (s.place() == place) {
                s.append(h, run);
            }
        }
    }

    /** A chart in a {@code <figure>} with the given id and a caption. */
    static void figure(StringBuilder h, String id, Chart<?, ?> chart, String caption) {
        figure(h, id, chart, caption, false);
    }

    /** A chart in a {@code <figure>}, spanning two columns of the grid when {@code wide}. */
    static void figure(StringBuilder h, String id, Chart<?, ?> chart, String caption, boolean wide) {
        h.append("<figure id=\"").append(Html.escape(id)).append(wide ? "\" class=\"wide\">" : "\">")
                .append(Charts.svg(chart, id, chart.getTitle())).append("<figcaption>").append(Html.escape(caption))
                .append("</figcaption></figure>");
    }

    /** An output name usable in an element id. */
    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    static String text(JsonNode n, String fallback) {
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
