package org.snauq.report;

import static org.snauq.report.Rows.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snauq.results.ResultTable;

/**
 * A design sweep's section: the best design in a sentence with rounded numbers and units, warnings when it lies
 * on the edge of the grid or when the next designs' P(window) intervals overlap its own (statistically tied),
 * the design map ({@link DesignMap}), the {@value #TOP} best designs ranked with their intervals, and the QoIs'
 * moments at the best design. A sweep has no per-output sample charts: its tables hold per-design statistics.
 */
final class SweepSection {

    /** Designs in the ranked table: enough to see the ridge of good designs, few enough to read. */
    static final int TOP = 10;
    /** QoI values in tables. */
    private static final int QOI_DIGITS = 4;
    /** The confidence of P(window)'s interval when the study does not say (SweepSpec's default). */
    private static final double DEFAULT_CONFIDENCE = 0.95;

    private SweepSection() {
    }

    /** Whether the run is a design sweep (it has a designs table with window probabilities). */
    static boolean isSweep(RunData run) {
        List<Map<String, Object>> designs = run.rows(ResultTable.DESIGNS);
        return !designs.isEmpty() && designs.get(0).containsKey("p_window")
                || "sweep".equals(run.manifest().path("kind").asText());
    }

    static void append(StringBuilder h, RunData run, Units units) {
        JsonNode m = run.manifest();
        List<Map<String, Object>> designs = ranked(run.rows(ResultTable.DESIGNS));
        h.append("<h2 id=\"sweep\">Design sweep</h2>\n");
        if (designs.isEmpty() || !designs.get(0).containsKey("p_window")) {
            h.append("<p>The run has no designs table.</p>\n");
            return;
        }
        List<String> inputs = ReportPage.designInputs(designs.get(0));
        Map<String, double[]> axes = new LinkedHashMap<>();
        for (String input : inputs) {
            axes.put(input, Arrays.stream(Rows.column(designs, input)).filter(Double::isFinite).distinct().sorted()
                    .toArray());
        }
        double confidence = m.at("/study/sweep/confidence").isNumber() ? m.at("/study/sweep/confidence").asDouble()
                : DEFAULT_CONFIDENCE;
        String level = Format.significant(100 * confidence, 3) + " %";
        Map<String, Object> best = designs.get(0);
        h.append("<p id=\"best-design\">Best design ").append(Html.escape(describe(best, inputs, axes, units)))
                .append(": P(window) = ").append(p(best, "p_window")).append(" (").append(level).append(" interval ")
                .append(p(best, "p_window_ci_low")).append(" to ").append(p(best, "p_window_ci_high"))
                .append("), from ").append(Format.integer(designs.size())).append(" designs &times; ")
                .append(m.path("samples_per_design").canConvertToLong() ? Format.integer(m.get("samples_per_design")
                        .asLong()) : "?")
                .append(" samples each (the same samples for every design).</p>\n");
        for (String warning : edgeWarnings(best, inputs, axes, units)) {
            h.append("<p class=\"warning\" id=\"sweep-edge\">").append(Html.escape(warning)).append("</p>\n");
        }
        String tie = tieWarning(designs, inputs, axes, units, level);
        if (tie != null) {
            h.append("<p class=\"warning\" id=\"sweep-tie\">").append(Html.escape(tie)).append("</p>\n");
        }
        if (!inputs.isEmpty()) {
            h.append("<div class=\"grid\">");
            ReportPage.figure(h, "design-map", DesignMap.chart(designs, inputs, (long) num(best, "design"), units),
                    inputs.size() == 1 ? "P(window) against " + inputs.get(0) + " with its " + level + " interval"
                            + " per design; the dashed rule marks the best design."
                            : "The probability of meeting the process window per design, on a continuous colour"
                            + " scale from the lowest to the highest value (colour bar)" + (inputs.size() > 2
                            ? "; each cell shows the best design over " + String.join(", ", inputs.subList(2,
                            inputs.size())) : "") + "; the ring marks the best design.", true);
            h.append("</div>\n");
        }
        topDesigns(h, designs, inputs, axes, units, windowQois(m, designs.get(0)), level);
        List<Map<String, Object>> summary = run.rows(ResultTable.SUMMARY);
        if (!summary.isEmpty()) {
            List<List<Object>> rows = new ArrayList<>();
            for (Map<String, Object> r : summary) {
                String qoi = String.valueOf(r.get("output"));
                rows.add(List.of(units.label(qoi), r.get("n"), shown(r, "mean", QOI_DIGITS), shown(r, "std",
                        QOI_DIGITS), shown(r, "min", QOI_DIGITS), shown(r, "max", QOI_DIGITS), shown(r,
                        "mean_ci_low", QOI_DIGITS), shown(r, "mean_ci_high", QOI_DIGITS)));
            }
            h.append("<h3>QoIs at the best design</h3>").append(Html.table("best-design-qois", List.of("QoI", "n",
                    "mean", "std", "min", "max", "mean CI low", "mean CI high"), rows));
        }
        h.append("<p class=\"sub\">Every design, with the QoIs' means, standard deviations and 5/50/95 %"
                + " quantiles, is in the run's <code>designs</code> table.</p>\n");
    }

    /**
     * One warning per design input whose best value is the lowest or highest of three or more swept: the optimum
     * may lie beyond the grid.
     */
    static List<String> edgeWarnings(Map<String, Object> best, List<String> inputs, Map<String, double[]> axes,
                                     Units units) {
        List<String> out = new ArrayList<>();
        for (String input : inputs) {
            double[] values = axes.get(input);
            double v = num(best, input);
            if (values.length < 3 || !(v == values[0] || v == values[values.length - 1])) {
                continue;
            }
            boolean low = v == values[0];
            out.add("The best design lies on the edge of the grid: " + input + " = " + value(input, v, axes, units)
                    + " is the " + (low ? "lowest" : "highest") + " value swept, so the best " + input + " may lie "
                    + (low ? "below" : "above") + " it; extend the sweep " + (low ? "below" : "above") + " "
                    + value(input, v, axes, units) + " to find out.");
        }
        return out;
    }

    /**
     * The warning when the runner-up's interval overlaps the best's (the two are not told apart by the samples),
     * with the number of designs whose interval does; null when the best stands apart.
     */
    static String tieWarning(List<Map<String, Object>> ranked, List<String> inputs, Map<String, double[]> axes,
                             Units units, String level) {
        if (ranked.size() < 2) {
            return null;
        }
        Map<String, Object> best = ranked.get(0);
        Map<String, Object> next = ranked.get(1);
        double bestLow = num(best, "p_window_ci_low");
        if (!(num(next, "p_window_ci_high") >= bestLow)) {
            return null;
        }
        long tied = ranked.stream().skip(1).filter(r -> num(r, "p_window_ci_high") >= bestLow).count();
        return String.format(Locale.ROOT, "The best design is statistically tied with the next: %s has P(window)"
                + " = %s (%s interval %s to %s), which overlaps the best's %s to %s. %s the best design's"
                + " interval; more samples per design would tell them apart.", describe(next, inputs, axes, units),
                p(next, "p_window"), level, p(next, "p_window_ci_low"), p(next, "p_window_ci_high"),
                p(best, "p_window_ci_low"), p(best, "p_window_ci_high"), tied == 1 ? "Its interval is the only one"
                        + " that reaches" : Format.integer(tied) + " designs have intervals that reach");
    }

    /** The ranked table of the best {@value #TOP} designs: inputs on their grid, P(window), interval, QoI means. */
    private static void topDesigns(StringBuilder h, List<Map<String, Object>> ranked, List<String> inputs,
                                   Map<String, double[]> axes, Units units, List<String> qois, String level) {
        List<String> header = new ArrayList<>(List.of("rank", "design"));
        inputs.forEach(i -> header.add(units.label(i)));
        header.addAll(List.of("P(window)", level + " low", level + " high"));
        qois.forEach(q -> header.add(Units.label(q + " mean", units.unit(q))));
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : ranked.subList(0, Math.min(TOP, ranked.size()))) {
            List<Object> row = new ArrayList<>();
            row.add(r.get("rank"));
            row.add(r.get("design"));
            for (String input : inputs) {
                double v = num(r, input);
                row.add(new Html.Shown(v, Format.onGrid(v, step(axes.get(input)))));
            }
            row.add(probability(r, "p_window"));
            row.add(probability(r, "p_window_ci_low"));
            row.add(probability(r, "p_window_ci_high"));
            qois.forEach(q -> row.add(shown(r, q + "_mean", QOI_DIGITS)));
            rows.add(row);
        }
        h.append("<h3>Top ").append(Math.min(TOP, ranked.size())).append(" designs</h3>")
                .append(Html.table("top-designs", header, rows));
    }

    /** Designs best first: by the table's rank, else (an older table) by P(window), highest first. */
    static List<Map<String, Object>> ranked(List<Map<String, Object>> designs) {
        boolean hasRank = !designs.isEmpty() && designs.get(0).get("rank") != null;
        return designs.stream().sorted(hasRank ? java.util.Comparator.comparingDouble(r -> num(r, "rank"))
                : java.util.Comparator.comparingDouble(r -> -num(r, "p_window"))).toList();
    }

    /** The QoIs of the designs table, those the window bounds first. */
    private static List<String> windowQois(JsonNode m, Map<String, Object> row) {
        List<String> all = new ArrayList<>();
        for (String column : row.keySet()) {
            if (column.endsWith("_mean")) {
                all.add(column.substring(0, column.length() - "_mean".length()));
            }
        }
        List<String> window = new ArrayList<>();
        m.at("/study/sweep/window").fieldNames().forEachRemaining(q -> {
            if (all.contains(q)) {
                window.add(q);
            }
        });
        return window.isEmpty() ? all : window;
    }

    /** "#60 (P = 173.7 W, v = 0.5 m/s)". */
    static String describe(Map<String, Object> design, List<String> inputs, Map<String, double[]> axes,
                           Units units) {
        StringBuilder b = new StringBuilder("#").append((long) num(design, "design"));
        String sep = " (";
        for (String input : inputs) {
            b.append(sep).append(input).append(" = ").append(value(input, num(design, input), axes, units));
            sep = ", ";
        }
        return b.append(inputs.isEmpty() ? "" : ")").toString();
    }

    /** A design input's value rounded to its grid, with its unit. */
    private static String value(String input, double v, Map<String, double[]> axes, Units units) {
        String unit = units.unit(input);
        return Format.onGrid(v, step(axes.get(input))) + (unit == null ? "" : " " + unit);
    }

    /** The smallest distance between neighbouring values of a sorted axis (NaN for fewer than two). */
    static double step(double[] sorted) {
        double step = Double.NaN;
        for (int i = 1; i < sorted.length; i++) {
            double d = sorted[i] - sorted[i - 1];
            step = Double.isNaN(step) ? d : Math.min(step, d);
        }
        return step;
    }

    private static String p(Map<String, Object> r, String column) {
        return Format.probability(num(r, column));
    }

    private static Html.Shown probability(Map<String, Object> r, String column) {
        double v = num(r, column);
        return new Html.Shown(v, Format.probability(v));
    }

    private static Html.Shown shown(Map<String, Object> r, String column, int digits) {
        double v = num(r, column);
        return new Html.Shown(v, Format.column(v, digits));
    }
}
