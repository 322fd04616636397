package org.snauq.report;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of an inversion's report section ({@link InversionSection}): trace plots, the pair plot of the
 * posterior draws and observed against predicted. Every chart is a pure function of the rows it is given;
 * draws are thinned by a fixed stride (no randomness), so the page is the same on every render.
 */
final class InversionFigures {

    /**
     * Points per chain in a trace plot: enough to see mixing and drift; XChart writes each segment as its own SVG
     * line (~150 bytes), so 4 chains of 150 points are ~90 KB.
     */
    static final int TRACE_POINTS = 150;
    /** Points in a pair-plot scatter: enough to see the shape, few enough to keep the SVG small (~60 KB). */
    static final int PAIR_POINTS = 500;
    /** Bins of a pair plot's marginal histogram. */
    static final int BINS = 30;
    /** Size of a pair plot's cells. */
    static final int CELL = 240;
    private static final int POINT_SIZE = 3;

    private InversionFigures() {
    }

    /** The draws of one unknown per chain, in draw order (rows of one observation set, in table order). */
    static Map<Integer, double[]> chains(List<Map<String, Object>> posterior, String unknown) {
        Map<Integer, List<Double>> by = new LinkedHashMap<>();
        for (Map<String, Object> r : posterior) {
            by.computeIfAbsent(((Number) r.get("chain")).intValue(), k -> new ArrayList<>())
                    .add(Rows.num(r, unknown));
        }
        Map<Integer, double[]> out = new LinkedHashMap<>();
        by.forEach((c, v) -> out.put(c, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** Every chain's draws of {@code unknown} against the draw index, thinned to {@link #TRACE_POINTS}. */
    static XYChart trace(List<Map<String, Object>> posterior, String unknown, double map) {
        XYChart c = Charts.xy("Trace of " + unknown, "draw", unknown, Charts.WIDTH, Charts.HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.InsideNE);
        int k = 0;
        int draws = 0;
        for (Map.Entry<Integer, double[]> e : chains(posterior, unknown).entrySet()) {
            double[] v = e.getValue();
            draws = Math.max(draws, v.length);
            int stride = (int) nice(Math.max(1, v.length / (double) TRACE_POINTS));
            int n = (v.length + stride - 1) / stride;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (double) i * stride;
                y[i] = v[i * stride];
            }
            XYSeries s = c.addSeries("chain " + e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1f);
            s.setLineColor(Charts.PALETTE[k++ % Charts.PALETTE.length]);
        }
        if (Double.isFinite(map) && draws > 0) {
            // across every draw's cell [i - 1/2, i + 1/2]: also makes the x values uneven, so XChart places round
            // ticks instead of ticks at the (evenly spaced) draw indices
            XYSeries s = c.addSeries("MAP", new double[] {-0.5, draws - 0.5}, new double[] {map, map});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Charts.PALETTE[6]);
            s.setLineStyle(Charts.DASHED);
        }
        plainAxes(c);
        return c;
    }

    /** Cell (row, column) of the pair plot: the marginal histogram on the diagonal, a scatter below it. */
    static XYChart pair(List<Map<String, Object>> posterior, String rowUnknown, String columnUnknown) {
        double[] x = Rows.column(posterior, columnUnknown);
        if (rowUnknown.equals(columnUnknown)) {
            XYChart c = Charts.xy(columnUnknown, columnUnknown, "density", CELL, CELL);
            c.getStyler().setLegendVisible(false);
            c.getStyler().setYAxisMin(0.0);
            double[][] h = histogram(x);
            if (h != null) {
                XYSeries s = c.addSeries(columnUnknown, h[0], h[1]);
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
                s.setMarker(SeriesMarkers.NONE);
                s.setFillColor(Charts.PALETTE[5]);
                s.setLineColor(Charts.PALETTE[5]);
            }
            plainAxes(c);
            return c;
        }
        double[] y = Rows.column(posterior, rowUnknown);
        XYChart c = Charts.xy(rowUnknown + " against " + columnUnknown, columnUnknown, rowUnknown, CELL, CELL);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setMarkerSize(POINT_SIZE);
        int stride = Math.max(1, (x.length + PAIR_POINTS - 1) / PAIR_POINTS);
        int n = (x.length + stride - 1) / stride;
        if (n > 0) {
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = x[i * stride];
                ys[i] = y[i * stride];
            }
            XYSeries s = c.addSeries("draws", xs, ys);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Charts.PALETTE[0]);
        }
        plainAxes(c);
        return c;
    }

    /** The smallest of 1, 2, 5 times a power of ten that is &gt;= v &gt; 0. */
    static double nice(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /**
     * Decimal patterns fitted to the data's range instead of a labelling function. XChart 3.8 puts the ticks at some
     * of the x values when they are evenly spaced (draw indices, histogram edges), so a histogram's edges are kept
     * round (a bin width of 1, 2 or 5 times a power of ten).
     */
    static void plainAxes(XYChart c) {
        double[] x = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] y = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (XYSeries s : c.getSeriesMap().values()) {
            x[0] = Math.min(x[0], s.getXMin());
            x[1] = Math.max(x[1], s.getXMax());
            y[0] = Math.min(y[0], s.getYMin());
            y[1] = Math.max(y[1], s.getYMax());
        }
        c.getStyler().setxAxisTickLabelsFormattingFunction(null);
        c.getStyler().setyAxisTickLabelsFormattingFunction(null);
        c.getStyler().setXAxisDecimalPattern(pattern(x[0], x[1]));
        c.getStyler().setYAxisDecimalPattern(pattern(y[0], y[1]));
    }

    /**
     * A DecimalFormat pattern for ticks on [lo, hi]: scientific beyond 1e5 or below 1e-3, else as many decimals
     * as a fifth of the range needs plus one (XChart spaces ticks at about a fifth of a small chart).
     */
    static String pattern(double lo, double hi) {
        double big = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(hi >= lo) || !Double.isFinite(big)) {
            return "0.###";
        }
        if (big >= 1e5 || big < 1e-3 && big > 0) {
            return "0.###E0";
        }
        double step = hi > lo ? (hi - lo) / 5 : Math.max(big, 1) / 5;
        int decimals = (int) Math.max(0, Math.min(8, Math.ceil(-Math.log10(step)) + 1));
        return decimals == 0 ? "0" : "0." + "#".repeat(decimals);
    }

    /** {edges, density} of a step histogram over [min, max] of the finite values, or null when they are none. */
    static double[][] histogram(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (double a : v) {
            if (Double.isFinite(a)) {
                lo = Math.min(lo, a);
                hi = Math.max(hi, a);
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        if (!(hi > lo)) {
            double pad = Math.max(Math.abs(lo) * 1e-6, 1e-12);
            lo -= pad;
            hi += pad;
        }
        double width = nice((hi - lo) / BINS); // round edges: XChart puts the x ticks at some of them
        double start = Math.floor(lo / width) * width;
        int bins = Math.max(1, (int) Math.ceil((hi - start) / width));
        if (start + bins * width <= hi) {
            bins++; // hi on the last edge belongs to the last bin
        }
        double[] edges = new double[bins + 1];
        double[] density = new double[bins + 1]; // the last repeats the last bin's: a step series ends at its x
        for (int i = 0; i <= bins; i++) {
            edges[i] = start + width * i;
        }
        for (double a : v) {
            if (Double.isFinite(a)) {
                density[Math.min(bins - 1, (int) ((a - start) / width))] += 1.0 / (count * width);
            }
        }
        density[bins] = density[bins - 1];
        return new double[][] {edges, density};
    }

    /**
     * Observed against predicted at the MAP: per observation (x, by its index in {@code names}), the relative
     * misfit (predicted - observed) / |observed| in percent, one point per observation set, with the +-2 noise sd
     * band of each observation drawn as a vertical segment at its index when there is one set.
     */
    static XYChart fit(List<Map<String, Object>> fit, List<String> names) {
        XYChart c = Charts.xy("Predicted against observed", "observation", "(predicted - observed) / |observed|, %",
                Math.max(Charts.WIDTH, 60 * names.size() + 120), Charts.HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.InsideNE);
        Charts.wholeNumbersX(c, -0.5, names.size() - 0.5);
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> { // names are identifiers: never a number's label
            long i = Math.round(v);
            return Math.abs(v - i) < 1e-9 && i >= 0 && i < names.size() ? names.get((int) i) : Charts.tick(v);
        });
        c.getStyler().setXAxisMin(-0.5);
        c.getStyler().setXAxisMax(names.size() - 0.5);
        c.getStyler().setMarkerSize(5);
        List<double[]> points = new ArrayList<>();
        List<double[]> bands = new ArrayList<>();
        boolean single = fit.stream().map(r -> r.get("observation_id")).distinct().count() == 1;
        for (Map<String, Object> r : fit) {
            int i = names.indexOf(String.valueOf(r.get("observation")));
            double observed = Rows.num(r, "observed");
            double predicted = Rows.num(r, "predicted");
            double scale = Math.abs(observed);
            if (i < 0 || !(scale > 0) || !Double.isFinite(predicted)) {
                continue;
            }
            points.add(new double[] {i, 100 * (predicted - observed) / scale});
            if (single) {
                double band = 200 * Rows.num(r, "sd") / scale;
                bands.add(new double[] {i, -band, band});
            }
        }
        int stride = Math.max(1, (points.size() + 4 * PAIR_POINTS - 1) / (4 * PAIR_POINTS));
        double[] x = new double[(points.size() + stride - 1) / stride];
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = points.get(k * stride)[0];
            y[k] = points.get(k * stride)[1];
        }
        XYSeries zero = c.addSeries("perfect fit", new double[] {-0.5, names.size() - 0.5}, new double[] {0, 0});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(Charts.PALETTE[6]);
        zero.setLineStyle(new BasicStroke(1f));
        if (!bands.isEmpty()) {
            double[] bx = new double[3 * bands.size()];
            double[] by = new double[3 * bands.size()];
            for (int k = 0; k < bands.size(); k++) {
                bx[3 * k] = bands.get(k)[0];
                by[3 * k] = bands.get(k)[1];
                bx[3 * k + 1] = bands.get(k)[0];
                by[3 * k + 1] = bands.get(k)[2];
                bx[3 * k + 2] = bands.get(k)[0];
                by[3 * k + 2] = Double.NaN;
            }
            XYSeries b = c.addSeries("+-2 noise sd", bx, by);
            b.setMarker(SeriesMarkers.NONE);
            b.setLineColor(Charts.LIGHT[0]);
            b.setLineWidth(6f);
        }
        if (x.length > 0) {
            XYSeries s = c.addSeries(single ? "MAP prediction" : "MAP predictions (one per set)", x, y);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Charts.PALETTE[1]);
        }
        return c;
    }
}
