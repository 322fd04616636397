package org.snauq.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's section for a run that trained its model ({@code model: {train: ...}}, issue 16): per response, Q2
 * on the rows held out of the fit, a parity plot (predicted against observed, with the line y = x) and a histogram
 * of the residuals. From the manifest's {@code model.validation} (written by {@code models.StudyModels}: per
 * response {@code rows}, {@code q2}, {@code rmse}, and {@code predicted} / {@code observed} of at most a few
 * thousand of the held-out rows); nothing when the model was not trained. Element ids start with
 * {@code validation}.
 */
final class ValidationSection implements ReportSection {

    /** Below this 1 - Q2, Q2 to four digits reads 1: the caption shows 1 - (1 - Q2) instead. */
    private static final double NEAR_ONE = 1e-3;
    /** Marker diameter in pixels: thousands of points stay apart. */
    private static final int POINT_SIZE = 3;

    /** Before the statistics: how far the trained surrogate can be trusted is what a reader needs first. */
    @Override
    public Place place() {
        return Place.AFTER_RUN;
    }

    @Override
    public void append(StringBuilder page, RunData run) {
        JsonNode all = run.manifest().path("model").path("validation");
        if (!all.isObject() || all.isEmpty()) {
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        StringBuilder figures = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String output = e.getKey();
            JsonNode v = e.getValue();
            double[] predicted = Rows.numbers(v.get("predicted"));
            double[] observed = Rows.numbers(v.get("observed"));
            long held = v.path("rows").asLong();
            double q2 = v.path("q2").asDouble(Double.NaN);
            double unexplained = v.path("one_minus_q2").asDouble(1 - q2);
            rows.add(List.of(output, held, q2, unexplained, v.path("rmse").asDouble(Double.NaN),
                    (long) predicted.length));
            if (predicted.length == 0 || predicted.length != observed.length) {
                continue;
            }
            String key = ReportPage.slug(output);
            String of = predicted.length < held ? predicted.length + " of the " + held + " validation rows (evenly"
                    + " spaced over them)" : "the " + held + " validation rows";
            figures.append("<div class=\"grid\">");
            ReportPage.figure(figures, "validation-parity-" + key, parity(output, predicted, observed),
                    "Predicted against observed " + output + " on " + of + "; on the line y = x the model is exact."
                            + " Q2 = " + q2Text(q2, unexplained) + ".");
            ReportPage.figure(figures, "validation-residuals-" + key, residuals(output, predicted, observed),
                    "Residuals (observed - predicted) of " + output + " on " + of + ".");
            figures.append("</div>\n");
        }
        page.append("<h2 id=\"validation\">Surrogate validation</h2><p class=\"sub\">The trained model on the rows"
                + " held out of its fit (<code>validation</code> share of the rows): Q2 = 1 - MSE / Var(y) over"
                + " those rows, 1 for an exact model, 0 for one no better than their mean.</p>\n")
                .append(Html.table("validation-q2", List.of("output", "validation rows", "Q2", "1 - Q2", "RMSE",
                        "points drawn"), rows))
                .append(figures);
    }

    /** Q2 to four digits, as 1 - (1 - Q2) when it would round to 1. */
    static String q2Text(double q2, double unexplained) {
        return unexplained > 0 && unexplained < NEAR_ONE ? "1 - " + Format.significant(unexplained, 2)
                : Format.significant(q2, 4);
    }

    /** Predicted against observed, with the line y = x across the range of both. */
    static XYChart parity(String output, double[] predicted, double[] observed) {
        XYChart c = Charts.xy("Parity plot of " + output, "observed " + output, "predicted " + output,
                Charts.WIDTH, Charts.HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.InsideNW);
        c.getStyler().setMarkerSize(POINT_SIZE);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < predicted.length; i++) {
            lo = Math.min(lo, Math.min(predicted[i], observed[i]));
            hi = Math.max(hi, Math.max(predicted[i], observed[i]));
        }
        // the line first: the points are drawn over it, so a near-exact model's points stay visible
        XYSeries line = c.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Charts.PALETTE[1]);
        line.setLineStyle(Charts.DASHED);
        XYSeries points = c.addSeries("validation rows", observed, predicted);
        points.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(Charts.PALETTE[0]);
        return c;
    }

    /** Histogram (density) of observed - predicted, on round bin edges. */
    static XYChart residuals(String output, double[] predicted, double[] observed) {
        XYChart c = Charts.xy("Residuals of " + output, "observed - predicted", "density", Charts.WIDTH,
                Charts.HEIGHT);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setYAxisMin(0.0);
        double[] e = new double[predicted.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = observed[i] - predicted[i];
        }
        double[][] h = InversionFigures.histogram(e);
        if (h != null) {
            XYSeries s = c.addSeries("residuals", h[0], h[1]);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(Charts.PALETTE[5]);
            s.setLineColor(Charts.PALETTE[5]);
        }
        InversionFigures.plainAxes(c); // evenly spaced edges: round patterns, not XChart's ticks at the edges
        return c;
    }
}
