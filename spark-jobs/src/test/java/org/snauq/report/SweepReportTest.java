package org.snauq.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.snauq.results.ResultTable;

/**
 * The report of a design sweep (issue 17 point 2): a power x speed grid like the LPBF sweep's (P from 150 to 300 W
 * in 20 steps, v from 0.5 to 1.2 m/s in 20), with a window probability that peaks at the grid's lowest speed, so
 * the best design sits on the edge, and a runner-up whose interval overlaps the best's. The page has no empty
 * chart and no per-output sample sections, names the edge and the tie, ranks the top designs with their
 * intervals and rounds grid values to their step.
 */
class SweepReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COUNT = 20;
    private static final long N = 2500;

    /** The designs table: P(window) falls off away from P = 173.68 W at v = 0.5 m/s; Wald-width intervals. */
    private static List<Map<String, Object>> designs(double peakSpeed) {
        List<Map<String, Object>> rows = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < COUNT; i++) {
            for (int j = 0; j < COUNT; j++) {
                double power = 150 + 150.0 * i / (COUNT - 1);
                double speed = 0.5 + 0.7 * j / (COUNT - 1);
                double p = 0.54 * Math.exp(-Math.pow((power - 173.68) / 40, 2) - Math.pow((speed - peakSpeed) / 0.3,
                        2));
                double half = 1.96 * Math.sqrt(p * (1 - p) / N);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("design", id++);
                r.put("P", power);
                r.put("v", speed);
                r.put("depth_mean", power / speed / 300);
                r.put("depth_std", 0.05);
                r.put("peak_mean", 30 * power / speed);
                r.put("peak_std", 500.0);
                r.put("n", N);
                r.put("p_window", p);
                r.put("p_window_ci_low", p - half);
                r.put("p_window_ci_high", p + half);
                rows.add(r);
            }
        }
        List<Map<String, Object>> byP = new ArrayList<>(rows);
        byP.sort((a, b) -> Double.compare((double) b.get("p_window"), (double) a.get("p_window")));
        for (int k = 0; k < byP.size(); k++) {
            byP.get(k).put("rank", (long) k + 1);
        }
        return rows;
    }

    private static RunData run(double peakSpeed) throws Exception {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        tables.put("designs", designs(peakSpeed));
        List<Map<String, Object>> summary = new ArrayList<>();
        for (String qoi : List.of("depth", "peak")) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("output", qoi);
            r.put("method", "best-design");
            r.put("n", N);
            r.put("mean", qoi.equals("depth") ? 0.95 : 9000.0);
            r.put("std", qoi.equals("depth") ? 0.05 : 500.0);
            summary.add(r);
        }
        tables.put("summary", summary);
        String manifest = """
                {"run_id": "s", "kind": "sweep", "designs": 400, "samples_per_design": 2500,
                 "study": {"name": "lpbf7d-sweep", "sweep": {"window": {"depth": {"min": 0.8, "max": 1.1},
                  "peak": {"max": 12000}}}},
                 "units": {"P": "W", "v": "m/s", "depth": "rb", "peak": "K"}}""";
        return new RunData("f", JSON.readTree(manifest), tables);
    }

    @Test
    void render_sweep_noEmptyChartAndNoPerOutputSections() throws Exception {
        String html = ReportPage.render(run(0.5));
        List<String> figures = new ArrayList<>();
        Matcher f = Pattern.compile("<figure id=\"([^\"]+)\"").matcher(html);
        while (f.find()) {
            figures.add(f.group(1));
        }
        assertEquals(List.of("design-map"), figures, "the sweep's one chart");
        assertFalse(html.contains("no data"), "no empty chart");
        assertFalse(html.contains("id=\"output-"), "no per-output sample sections: a sweep has no samples table");
        assertFalse(html.contains("<tbody></tbody>"), "no empty table");
    }

    @Test
    void render_bestOnTheGridEdge_warnsAndNamesTheEdge() throws Exception {
        String html = ReportPage.render(run(0.5));
        assertTrue(html.contains("Best design #60 (P = 173.7 W, v = 0.5 m/s)"), "rounded to the grid, with units");
        String edge = element(html, "sweep-edge");
        assertTrue(edge.contains("v = 0.5 m/s is the lowest value swept"), edge);
        assertTrue(edge.contains("extend the sweep below"), edge);
        assertFalse(edge.contains("P ="), "P = 173.7 is inside its range");
    }

    @Test
    void render_runnerUpInsideTheInterval_warnsOfATie() throws Exception {
        String html = ReportPage.render(run(0.5));
        String tie = element(html, "sweep-tie");
        // the runner-up is the next speed up, v = 0.537: P(window) a whisker lower, intervals of +-0.02 overlap
        assertTrue(tie.contains("statistically tied with the next: #61 (P = 173.7 W, v = 0.537 m/s)"), tie);
        assertTrue(tie.contains("0.532 (95 % interval 0.512 to 0.551), which overlaps the best"), tie);
        assertTrue(tie.contains("0.520 to 0.560"), "probabilities to three decimals: " + tie);
    }

    @Test
    void render_clearInteriorBest_noWarning() throws Exception {
        // peak at v = 0.8684 (a grid value): the best is inside the grid; intervals of designs one step away still
        // overlap, so make the peak sharp enough that they do not
        RunData run = run(0.5 + 0.7 * 10 / (COUNT - 1));
        run.rows(ResultTable.DESIGNS).forEach(r -> {
            double p = (double) r.get("p_window");
            double sharp = Math.pow(p / 0.54, 40) * 0.54;
            r.put("p_window", sharp);
            r.put("p_window_ci_low", sharp - 0.01);
            r.put("p_window_ci_high", sharp + 0.01);
        });
        String html = ReportPage.render(run);
        assertFalse(html.contains("class=\"warning\""), "no edge, no tie");
    }

    @Test
    void render_sweep_ranksTheTopDesignsWithIntervalsAndUnits() throws Exception {
        String html = ReportPage.render(run(0.5));
        String table = element(html, "top-designs");
        assertTrue(table.contains("<th>P [W]</th><th>v [m/s]</th><th>P(window)</th><th>95 % low</th>"
                + "<th>95 % high</th><th>depth mean [rb]</th><th>peak mean [K]</th>"), table);
        assertEquals(SweepSection.TOP, table.split("<tr>").length - 2, "ten ranked rows under the header");
        assertTrue(table.contains(">173.7</td>") && !table.contains(">173.68421"), "grid values rounded");
        assertTrue(table.contains("data-value=\"173.68421052631578\""), "the exact value kept");
        XYChart map = DesignMap.chart(Rows.sorted(run(0.5).rows(ResultTable.DESIGNS), "design"), List.of("P", "v"), 60,
                Units.of(run(0.5).manifest()));
        assertEquals("P [W]", map.getXAxisTitle());
        assertEquals("v [m/s]", map.getYAxisTitle());
    }

    /** The text of the element with id {@code id} up to its closing tag. */
    private static String element(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, () -> "no element " + id);
        int tagStart = html.lastIndexOf('<', start);
        String tag = html.substring(tagStart + 1, html.indexOf(' ', tagStart));
        return html.substring(start, html.indexOf("</" + tag + ">", start));
    }
}
