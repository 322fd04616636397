package org.snauq.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The model-fit convergence figures ({@code training-convergence}, and {@code training-convergence-sweeps} when
 * the manifest has a per-sweep history) and a sweep's design map ({@code design-map}): present exactly when the
 * manifest has the history or the run has a designs table, and every series holds the source numbers (manifest
 * list entries or designs-table cells) exactly.
 */
class ReportModelFitAndSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALS = """
            {"run_id": "a", "study": {"name": "s"}, "model": {"description": "SNA", "convergence": {
             "measure": "relative RMSE", "rank": [1, 2, 3], "training": [0.3, 0.002, 0.0001],
             "validation": [0.31, 0.0025, 0.00012], "sweeps": [7, 9, 4], "chosen": 2%s}}}""";
    /** Two sweeps at rank 1, three at rank 2, two at rank 3 (cumulative sweep index). */
    private static final String PER_SWEEP = """
            , "per_sweep": {"sweep": [1, 2, 3, 4, 5, 6, 7], "rank": [1, 1, 2, 2, 2, 3, 3],
             "training": [0.5, 0.3, 0.01, 0.003, 0.002, 0.0002, 0.0001],
             "validation": [0.52, 0.31, 0.012, 0.0031, 0.0025, 0.00013, 0.00012]}""";

    private static JsonNode manifest(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void render_alsHistory_plotsTrainingAndValidationErrorPerRank() throws Exception {
        JsonNode m = manifest(ALS.formatted(""));
        String html = ReportPage.render(new RunData("f", m, Map.of()));
        assertTrue(html.contains("id=\"training-convergence\""));
        assertTrue(html.contains("id=\"training-convergence-table\""));
        assertTrue(html.contains("(log scale)"));
        assertFalse(html.contains("<td>convergence</td>"), "the history is not repeated in the model facts");
        assertFalse(html.contains("training-convergence-sweeps"), "no per-sweep history, no per-sweep figure");

        XYChart chart = Figures.modelFit(m.at("/model/convergence"));
        assertArrayEquals(new double[] {1, 2, 3}, chart.getSeriesMap().get("training").getXData());
        assertArrayEquals(new double[] {0.3, 0.002, 0.0001}, chart.getSeriesMap().get("training").getYData());
        assertArrayEquals(new double[] {0.31, 0.0025, 0.00012}, chart.getSeriesMap().get("validation").getYData());
        assertEquals(List.of("training", "validation"), legend(chart), "one legend entry per series");
        assertEquals(2.0, chart.getSeriesMap().get("kept rank").getXData()[0], "the kept rank is marked");
        assertTrue(chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void render_perSweepHistory_plotsEverySweepAndMarksRankIncreases() throws Exception {
        JsonNode m = manifest(ALS.formatted(PER_SWEEP));
        String html = ReportPage.render(new RunData("f", m, Map.of()));
        assertTrue(html.contains("id=\"training-convergence\""));
        assertTrue(html.contains("id=\"training-convergence-sweeps\""));
        assertTrue(html.contains("Model fit against sweep"));

        JsonNode perSweep = m.at("/model/convergence/per_sweep");
        XYChart chart = Figures.modelFitSweeps(perSweep, "relative RMSE");
        for (String series : List.of("training", "validation")) {
            assertArrayEquals(Rows.numbers(perSweep.get("sweep")), chart.getSeriesMap().get(series).getXData());
            assertArrayEquals(Rows.numbers(perSweep.get(series)), chart.getSeriesMap().get(series).getYData());
        }
        assertEquals(List.of("training", "validation"), legend(chart));
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        // rank 1 -> 2 between sweeps 2 and 3, 2 -> 3 between sweeps 5 and 6; each rule is a segment and a NaN
        double[] rules = chart.getSeriesMap().get("rank increases").getXData();
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 5.5, 5.5, 5.5}, rules);
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
        assertEquals(List.of("P", "v"), ReportPage.designInputs(rows.get(0)));

        // one cell per design, showing its own P(window); cells tile the plot, edges halfway between values
        List<DesignMap.Cell> cells = DesignMap.cells(rows, "P", "v");
        assertEquals(rows.size(), cells.size());
        for (DesignMap.Cell c : cells) {
            Map<String, Object> r = design(rows, c.x(), c.y());
            assertEquals((double) r.get("p_window"), c.p());
            // grid steps 75 (P) and 0.7 (v): half a step on either side, the outer cells too
            assertEquals(c.x() - 37.5, c.x0(), 1e-12);
            assertEquals(c.x() + 37.5, c.x1(), 1e-12);
            assertEquals(c.y() - 0.35, c.y0(), 1e-12);
            assertEquals(c.y() + 0.35, c.y1(), 1e-12);
        }
        // a continuous scale: the colour's lightness rises with P(window), every design its own shade
        double[] range = {1 / 8.0, 6 / 8.0};
        double lastLuma = -1;
        for (long k = 1; k <= 6; k++) {
            double luma = luma(DesignMap.colour(k / 8.0, range));
            assertTrue(luma > lastLuma, "lighter for a higher P(window): " + k);
            lastLuma = luma;
        }
        XYChart chart = DesignMap.chart(rows, List.of("P", "v"), 5, Units.none());
        XYSeries best = chart.getSeriesMap().get("best design");
        assertArrayEquals(new double[] {300.0}, best.getXData(), "the best-ranked design is the one marked");
        assertArrayEquals(new double[] {1.2}, best.getYData());
        assertFalse(chart.getStyler().isLegendVisible(), "a colour bar, not a legend of classes");
    }

    @Test
    void ticks_anyRange_roundValuesInside() {
        assertArrayEquals(new double[] {0.2, 0.4, 0.6}, DesignMap.ticks(0.125, 0.75, 5), 1e-15);
        assertArrayEquals(new double[] {0, 0.05, 0.1}, DesignMap.ticks(0, 0.1082, 5), 1e-15);
        assertArrayEquals(new double[] {0.5}, DesignMap.ticks(0.5, 0.5, 5));
    }

    /** Relative luminance (Rec. 709 weights) of a colour. */
    private static double luma(java.awt.Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
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
        assertTrue(html.contains("Best design #2 (a = 0.5)"), "without ranks, the highest P(window) is the best");
        XYChart chart = DesignMap.chart(rows, List.of("a"), -1, Units.none());
        assertArrayEquals(a, chart.getSeriesMap().get("P(window)").getXData());
        assertArrayEquals(new double[] {0.1, 0.2, 0.30000000000000004},
                chart.getSeriesMap().get("P(window)").getYData());
        assertFalse(chart.getSeriesMap().containsKey("best design"), "no best design given, none marked");
    }

    /** Names of the series the legend lists, in order. */
    private static List<String> legend(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName)
                .toList();
    }

    private static Map<String, Object> design(List<Map<String, Object>> rows, double p, double v) {
        return rows.stream().filter(r -> (double) r.get("P") == p && (double) r.get("v") == v).findFirst()
                .orElseThrow(() -> new AssertionError("no design at P = " + p + ", v = " + v));
    }
}
