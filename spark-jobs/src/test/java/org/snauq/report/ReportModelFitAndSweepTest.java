package org.snauq.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The model-fit convergence figure ({@code training-convergence}) and a sweep's design map ({@code design-map}):
 * present exactly when the manifest has a per-rank history or the run has a designs table, and every mark carries
 * the source number (manifest list entry or designs-table cell) exactly.
 */
class ReportModelFitAndSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode manifest(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void render_alsHistory_plotsTrainingAndValidationErrorPerRank() throws Exception {
        JsonNode m = manifest("""
                {"run_id": "a", "study": {"name": "s"}, "model": {"description": "SNA", "convergence": {
                 "measure": "relative RMSE", "rank": [1, 2, 3], "training": [0.3, 0.002, 0.0001],
                 "validation": [0.31, 0.0025, 0.00012], "sweeps": [7, 9, 4], "chosen": 2}}}""");
        String html = ReportPage.render(new RunData("f", m, Map.of()));
        assertTrue(html.contains("id=\"training-convergence\""));
        assertEquals(List.of("1.0=0.3", "2.0=0.002", "3.0=1.0E-4"), marks(html, "training per rank"));
        assertEquals(List.of("1.0=0.31", "2.0=0.0025", "3.0=1.2E-4"), marks(html, "validation per rank"));
        assertTrue(html.contains("id=\"training-convergence-table\""));
        assertTrue(html.contains("(log scale)"));
        assertTrue(html.contains("<line class=\"rule\"") && html.contains("data-value=\"2.0\"/>"),
                "the kept rank is marked");
        assertFalse(html.contains("<td>convergence</td>"), "the history is not repeated in the model facts");
    }

    @Test
    void render_noHistory_hasNoConvergenceFigure() throws Exception {
        JsonNode m = manifest("{\"run_id\": \"a\", \"model\": {\"description\": \"function ishigami\"}}");
        String html = ReportPage.render(new RunData("f", m, Map.of()));
        assertFalse(html.contains("training-convergence"));
        assertFalse(html.contains("design-map"));
    }

    @Test
    void render_twoInputSweep_coloursEveryDesignByItsWindowProbability() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] power = {150, 225, 300};
        double[] speed = {0.5, 1.2};
        long id = 0;
        for (double v : speed) {
            for (double pw : power) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("design", id);
                r.put("P", pw);
                r.put("v", v);
                r.put("depth_mean", pw / v);
                r.put("n", 100L);
                r.put("p_window", (id + 1) / 8.0);
                r.put("p_window_ci_low", id / 8.0);
                r.put("p_window_ci_high", (id + 2) / 8.0);
                r.put("rank", 6 - id);
                rows.add(r);
                id++;
            }
        }
        JsonNode m = manifest("""
                {"run_id": "s", "kind": "sweep", "designs": 6, "samples_per_design": 100,
                 "best_design": {"design": 5, "P": 300.0, "v": 1.2, "p_window": 0.75}}""");
        String html = ReportPage.render(new RunData("f", m, Map.of("designs", rows)));
        assertTrue(html.contains("id=\"design-map\""));
        Matcher d = Pattern.compile("<rect class=\"design\"[^>]*data-design=\"(\\d+)\" data-x=\"([^\"]*)\""
                + " data-y=\"([^\"]*)\" data-value=\"([^\"]*)\"").matcher(html);
        List<String> shown = new ArrayList<>();
        while (d.find()) {
            shown.add(d.group(1) + "|" + d.group(2) + "|" + d.group(3) + "|" + d.group(4));
        }
        List<String> expected = rows.stream().map(r -> r.get("design") + "|" + r.get("P") + "|" + r.get("v") + "|"
                + r.get("p_window")).toList();
        assertEquals(expected, shown);
        assertTrue(html.contains("<circle class=\"best\""), "best design marked");
        assertTrue(html.contains("data-design=\"5\"/>"), "the manifest's best design is the one marked");
        assertEquals(List.of("P", "v"), ReportPage.designInputs(rows.get(0)));
    }

    @Test
    void render_oneInputSweep_plotsWindowProbabilityAgainstTheInput() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] a = {-1.0, 0.0, 0.5};
        for (int i = 0; i < a.length; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("design", (long) i);
            r.put("a", a[i]);
            r.put("y_mean", a[i]);
            r.put("n", 10L);
            r.put("p_window", 0.1 * (i + 1));
            rows.add(r);
        }
        JsonNode m = manifest("{\"run_id\": \"s\", \"kind\": \"sweep\"}");
        String html = ReportPage.render(new RunData("f", m, Map.of("designs", rows)));
        assertTrue(html.contains("id=\"design-map\""));
        assertEquals(List.of("-1.0=0.1", "0.0=0.2", "0.5=0.30000000000000004"), marks(html, "design"));
    }

    /** data-x=data-value of the markers of one series. */
    private static List<String> marks(String html, String series) {
        int start = html.indexOf("<g class=\"markers\" data-series=\"" + series + "\">");
        assertTrue(start >= 0, () -> "series " + series);
        String g = html.substring(start, html.indexOf("</g>", start));
        Matcher c = Pattern.compile("data-x=\"([^\"]*)\" data-value=\"([^\"]*)\"").matcher(g);
        List<String> out = new ArrayList<>();
        while (c.find()) {
            out.add(c.group(1) + "=" + c.group(2));
        }
        return out;
    }
}
