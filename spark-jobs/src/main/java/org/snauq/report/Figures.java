package org.snauq.report;

import static org.snauq.report.Rows.column;
import static org.snauq.report.Rows.distinct;
import static org.snauq.report.Rows.num;
import static org.snauq.report.Rows.sorted;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures as XChart charts, one factory per figure, from a run's rows or its manifest: the data
 * of every series is the stored number (densities and cumulative fractions are computed from the histogram's
 * counts), so tests can check a chart against the tables. Non-finite values, and non-positive ones on a
 * logarithmic axis, are left out (XChart breaks a line at NaN).
 */
final class Figures {

    /** The Sobol' chart spans a row: a group of bars per input. */
    static final int WIDE_WIDTH = 720;
    static final int WIDE_HEIGHT = 300;
    /** Sobol' convergence: room for a legend beside the plot (one row holds two convergence charts). */
    static final int CONVERGENCE_WIDTH = 440;
    static final int MAP_WIDTH = 540;
    static final int MAP_HEIGHT = 340;
    /** Margin around the outermost designs, as a share of each axis' range, so their markers stay whole. */
    private static final double MAP_MARGIN = 0.08;
    /** Pixels the design map's data span inside its plot, roughly (the legend takes the right). */
    private static final double MAP_PLOT_WIDTH = 280;
    private static final double MAP_PLOT_HEIGHT = 210;
    /** Design markers: visible at 4 px; above 14 px a coarse grid looks like blocks. */
    private static final int MIN_MARKER = 4;
    private static final int MAX_MARKER = 14;
    /** Colour classes of a design map: few enough to tell apart at a glance. */
    static final int MAP_BINS = 5;
    /** Viridis at 0, 1/4, 1/2, 3/4, 1: colour-blind safe and monotone in lightness. */
    private static final int[][] RAMP = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    /** Share of the y range above the data kept for the labels of vertical rules (two staggered rows). */
    private static final double LABEL_ROOM = 0.12;
    /** Points of the fitted normal density curve. */
    private static final int CURVE_POINTS = 200;
    /** Above this many points a line carries no markers (they would merge). */
    private static final int MAX_MARKED_POINTS = 40;

    private Figures() {
    }

    /** Histogram as a density (count / (n * bin width)) with the normal density of the sample mean and sd. */
    static XYChart histogram(String output, List<Map<String, Object>> hist, Map<String, Object> summary) {
        XYChart c = Charts.xy("Histogram of " + output, output, "density", Charts.WIDTH, Charts.HEIGHT);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setLegendPosition(LegendPosition.InsideNE);
        if (hist.isEmpty()) {
            return c;
        }
        int k = hist.size();
        double total = hist.stream().mapToDouble(r -> num(r, "count")).sum();
        double[] edges = new double[k + 1];
        double[] density = new double[k + 1]; // the last repeats the last bin's: a step series ends at its x
        edges[0] = num(hist.get(0), "lower");
        for (int i = 0; i < k; i++) {
            Map<String, Object> r = hist.get(i);
            edges[i + 1] = num(r, "upper");
            density[i] = total > 0 ? num(r, "count") / (total * (num(r, "upper") - num(r, "lower"))) : 0;
        }
        density[k] = density[k - 1];
        XYSeries bars = c.addSeries("samples", edges, density);
        bars.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setFillColor(Charts.PALETTE[5]);
        bars.setLineColor(Charts.PALETTE[5]);
        double mean = summary == null ? Double.NaN : num(summary, "mean");
        double sd = summary == null ? Double.NaN : num(summary, "std");
        if (sd > 0) {
            double a = Math.max(Math.min(edges[0], mean - 4 * sd), edges[0] - (edges[k] - edges[0]) * 0.1);
            double b = Math.min(Math.max(edges[k], mean + 4 * sd), edges[k] + (edges[k] - edges[0]) * 0.1);
            double[] x = new double[CURVE_POINTS];
            double[] y = new double[CURVE_POINTS];
            for (int i = 0; i < CURVE_POINTS; i++) {
                x[i] = a + (b - a) * i / (CURVE_POINTS - 1);
                double z = (x[i] - mean) / sd;
                y[i] = Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
            }
            line(c, "normal fit", x, y, Charts.PALETTE[1], false);
        }
        return c;
    }

    /** Cumulative histogram (step) with the requested quantiles; the first method's are ruled and labelled. */
    static XYChart cdf(String output, List<Map<String, Object>> quantiles, List<Map<String, Object>> hist) {
        XYChart c = Charts.xy("Empirical CDF of " + output, output, "P(" + output + " <= x)", Charts.WIDTH,
                Charts.HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.InsideSE);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        if (!hist.isEmpty()) {
            double[][] e = cumulative(hist);
            line(c, "histogram", e[0], e[1], Charts.PALETTE[0], false).setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
        }
        int colour = 1;
        for (Map.Entry<String, List<Map<String, Object>>> g : Rows.byMethod(quantiles).entrySet()) {
            List<Map<String, Object>> rows = sorted(g.getValue(), "probability");
            double[] x = column(rows, "value");
            double[] p = column(rows, "probability");
            Color col = Charts.PALETTE[colour++ % Charts.PALETTE.length];
            XYSeries s = markers(c, "quantiles (" + g.getKey() + ")", x, p, col);
            if (hist.isEmpty()) {
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            }
            if (colour == 2) { // rules for the first method only: one set of labels stays readable
                String[] labels = new String[x.length];
                for (int i = 0; i < x.length; i++) {
                    labels[i] = "q" + Format.tick(p[i]);
                }
                rules(c, "quantile rules", x, labels, col, 0, 1);
            }
        }
        return c;
    }

    /** P(Y > t) with its interval at each threshold, over the survival function of the histogram; log y. */
    static XYChart exceedance(String output, List<Map<String, Object>> rows, List<Map<String, Object>> hist) {
        XYChart c = Charts.xy("Exceedance probabilities of " + output, "threshold t", "P(" + output + " > t)",
                Charts.WIDTH, Charts.HEIGHT);
        Charts.logY(c);
        c.getStyler().setLegendPosition(LegendPosition.InsideSW); // the survival function falls to the right
        double[] survival = new double[0];
        if (!hist.isEmpty()) {
            double[][] e = cumulative(hist);
            survival = new double[e[1].length];
            for (int i = 0; i < survival.length; i++) {
                survival[i] = 1 - e[1][i];
            }
            line(c, "histogram", e[0], positive(survival), Charts.PALETTE[5], false)
                    .setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
        }
        double[] t = column(rows, "threshold");
        double[] p = column(rows, "probability");
        double[] low = column(rows, "ci_low");
        double[] high = column(rows, "ci_high");
        double[] range = decades(survival, p, low, high);
        c.getStyler().setYAxisMin(range[0]);
        c.getStyler().setYAxisMax(range[1]);
        if (t.length > 0) { // XChart refuses an empty series
            markers(c, "estimate", t, positive(p), Charts.PALETTE[1]);
        }
        intervals(c, "interval", t, low, high, range[0], Charts.PALETTE[1]);
        return c;
    }

    /**
     * First-order (S, dark) and total (ST, light) indices per input, every method side by side, with the
     * confidence interval as an error bar. XChart's error bars are symmetric: the half-width drawn is the larger
     * side of the interval, which is the interval itself for the symmetric ones the run writes.
     */
    static CategoryChart sobol(String output, List<Map<String, Object>> sobol) {
        List<String> inputs = distinct(sobol, "input");
        List<String> methods = distinct(sobol, "method");
        CategoryChart c = Charts.category("Sobol' indices of " + output, "input", "index", WIDE_WIDTH, WIDE_HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(LegendLayout.Horizontal);
        c.getStyler().setErrorBarsColorSeriesColor(false);
        c.getStyler().setErrorBarsColor(Charts.rgb(0x222222));
        double lo = 0;
        double hi = 1; // indices are fractions of variance; estimates may stray outside [0, 1]
        for (int m = 0; m < methods.size(); m++) {
            for (String index : new String[] {"S", "ST"}) {
                String value = index.equals("S") ? "s1" : "st";
                List<Double> y = new ArrayList<>();
                List<Double> half = new ArrayList<>();
                boolean intervals = false;
                boolean complete = true;
                for (String input : inputs) {
                    Map<String, Object> r = row(sobol, input, methods.get(m));
                    double v = r == null ? Double.NaN : num(r, value);
                    double h = r == null ? Double.NaN
                            : Math.max(num(r, value + "_ci_high") - v, v - num(r, value + "_ci_low"));
                    complete &= Double.isFinite(v);
                    intervals |= Double.isFinite(h);
                    y.add(Double.isFinite(v) ? v : null);
                    half.add(Double.isFinite(h) ? h : 0.0);
                    for (double b : new double[] {v, v - h, v + h}) {
                        if (Double.isFinite(b)) {
                            lo = Math.min(lo, b);
                            hi = Math.max(hi, b);
                        }
                    }
                }
                String name = index + " " + methods.get(m);
                // XChart pairs error bars with the non-null values only, so a gap in a series drops its bars
                CategorySeries s = intervals && complete ? c.addSeries(name, inputs, y, half)
                        : c.addSeries(name, inputs, y);
                s.setFillColor(index.equals("S") ? Charts.PALETTE[m % Charts.PALETTE.length]
                        : Charts.LIGHT[m % Charts.LIGHT.length]);
            }
        }
        double pad = 0.03 * (hi - lo); // room for the error bars' caps
        c.getStyler().setYAxisMin(lo < 0 ? lo - pad : 0);
        c.getStyler().setYAxisMax(hi + pad);
        return c;
    }

    /** Running mean over the first n samples; log x. */
    static XYChart convergenceMean(String output, List<Map<String, Object>> conv) {
        TreeMap<Double, Double> mean = new TreeMap<>();
        for (Map<String, Object> r : conv) {
            if (r.get("mean") != null) {
                mean.put(num(r, "n"), num(r, "mean"));
            }
        }
        XYChart c = Charts.xy("Mean of " + output + " against n", "n", "mean", Charts.WIDTH, Charts.HEIGHT);
        c.getStyler().setLegendVisible(false);
        if (!mean.isEmpty()) {
            Charts.logX(c);
            double[] n = mean.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] v = mean.values().stream().mapToDouble(Double::doubleValue).toArray();
            line(c, "mean", n, v, Charts.PALETTE[0], true);
        }
        return c;
    }

    /** Sobol' estimates on the first n rows per input, S solid and ST dashed in the input's colour; log x. */
    static XYChart convergenceSobol(List<Map<String, Object>> conv) {
        XYChart c = Charts.xy("Sobol' indices against n", "n", "index", CONVERGENCE_WIDTH, Charts.HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.OutsideE); // the estimates settle across the whole width
        Charts.logX(c);
        int colour = 0;
        for (String input : distinct(conv, "input")) {
            List<Map<String, Object>> rows = conv.stream().filter(r -> input.equals(r.get("input"))).toList();
            Color col = Charts.PALETTE[colour++ % Charts.PALETTE.length];
            line(c, "S " + input, column(rows, "n"), column(rows, "s1"), col, false);
            line(c, "ST " + input, column(rows, "n"), column(rows, "st"), col, false).setLineStyle(Charts.DASHED);
        }
        return c;
    }

    /**
     * The model fit per rank (manifest {@code model.convergence}): every list other than {@code rank} and
     * {@code sweeps} is one series on a log y axis; a rule marks the rank kept ({@code chosen}).
     */
    static XYChart modelFit(JsonNode convergence) {
        double[] rank = Rows.numbers(convergence.get("rank"));
        JsonNode chosen = convergence.path("chosen");
        return history("Model fit against rank", "rank", text(convergence.get("measure"), "error"), convergence,
                rank, Set.of("rank", "sweeps"), true, "kept rank",
                chosen.isNumber() ? new double[] {chosen.asDouble()} : new double[0], new String[] {"kept"});
    }

    /**
     * The model fit per sweep (manifest {@code model.convergence.per_sweep}): {@code sweep} is the x axis (the
     * cumulative sweep index), {@code rank} the rank fitted at each sweep, every other list one series on a log
     * y axis; a rule labelled with the new rank marks each rank increase, halfway between the two sweeps.
     */
    static XYChart modelFitSweeps(JsonNode perSweep, String measure) {
        double[] sweep = Rows.numbers(perSweep.get("sweep"));
        double[] rank = perSweep.path("rank").isArray() ? Rows.numbers(perSweep.get("rank")) : new double[0];
        List<Double> at = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i < Math.min(rank.length, sweep.length); i++) {
            if (rank[i] > rank[i - 1]) {
                at.add((sweep[i - 1] + sweep[i]) / 2);
                labels.add("r" + Format.integer(Math.round(rank[i])));
            }
        }
        return history("Model fit against sweep", "sweep", measure, perSweep, sweep, Set.of("sweep", "rank"),
                sweep.length <= MAX_MARKED_POINTS, "rank increases", at.stream().mapToDouble(Double::doubleValue)
                        .toArray(), labels.toArray(String[]::new));
    }

    /**
     * A fit history on a log y axis: every list in {@code lists} but those named in {@code notSeries} is a
     * series against {@code x}, with labelled rules at {@code ruleAt} (none when empty).
     */
    private static XYChart history(String title, String xLabel, String measure, JsonNode lists, double[] x,
                                   Set<String> notSeries, boolean marked, String rulesName, double[] ruleAt,
                                   String[] ruleLabels) {
        XYChart c = Charts.xy(title, xLabel, measure, Charts.WIDTH, Charts.HEIGHT);
        Charts.logY(c);
        c.getStyler().setLegendPosition(LegendPosition.InsideSW); // errors fall to the right; labels on top
        Charts.wholeNumbersX(c, min(x), max(x));
        List<double[]> all = new ArrayList<>();
        int colour = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = lists.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray() && !notSeries.contains(e.getKey()) && x.length > 0) {
                double[] y = positive(Arrays.copyOf(Rows.numbers(e.getValue()), x.length)); // a short list: gaps
                all.add(y);
                line(c, e.getKey(), x, y, Charts.PALETTE[colour++ % Charts.PALETTE.length], marked);
            }
        }
        double[] range = decades(all.toArray(double[][]::new));
        rules(c, rulesName, ruleAt, ruleLabels, Charts.PALETTE[6], range[0], range[1]);
        return c;
    }

    /**
     * A sweep's design map from its designs table. With two or more design inputs: every design at its first
     * two inputs, coloured by P(window) in {@link #MAP_BINS} equal-width classes from the lowest to the highest
     * (one legend entry each), the best design ringed. With one: P(window) and its interval against the input,
     * the best design ruled.
     *
     * @param best the best design's number, or -1
     */
    static XYChart designMap(List<Map<String, Object>> designs, List<String> inputs, long best) {
        double[] p = column(designs, "p_window");
        double[] x = column(designs, inputs.get(0));
        if (inputs.size() == 1) {
            XYChart c = Charts.xy("P(window) against " + inputs.get(0), inputs.get(0), "P(window)",
                    Charts.WIDTH, Charts.HEIGHT);
            c.getStyler().setLegendVisible(false); // the y axis names the line, the caption the intervals
            line(c, "P(window)", x, p, Charts.PALETTE[0], true);
            intervals(c, "interval", x, column(designs, "p_window_ci_low"), column(designs, "p_window_ci_high"), 0,
                    Charts.PALETTE[0]);
            double[] at = designs.stream().filter(r -> num(r, "design") == best)
                    .mapToDouble(r -> num(r, inputs.get(0))).toArray();
            rules(c, "best design", at, at.length == 0 ? new String[0] : new String[] {"best"}, Charts.PALETTE[1],
                    0, 1);
            return c;
        }
        double[] y = column(designs, inputs.get(1));
        XYChart c = Charts.xy("Design map: P(window) over " + inputs.get(0) + " x " + inputs.get(1), inputs.get(0),
                inputs.get(1), MAP_WIDTH, MAP_HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(markerSize(x, y));
        padAxes(c, range(x), range(y));
        double[] pr = range(p);
        List<List<Integer>> bins = new ArrayList<>();
        for (int b = 0; b < MAP_BINS; b++) {
            bins.add(new ArrayList<>());
        }
        for (int i = 0; i < p.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && Double.isFinite(p[i])) {
                bins.get(bin(p[i], pr)).add(i);
            }
        }
        for (int b = 0; b < MAP_BINS; b++) {
            List<Integer> in = bins.get(b);
            if (in.isEmpty()) {
                continue;
            }
            double from = pr[0] + (pr[1] - pr[0]) * b / MAP_BINS;
            double to = pr[0] + (pr[1] - pr[0]) * (b + 1) / MAP_BINS;
            String name = pr[1] > pr[0] ? "P " + Format.tick(from) + " to " + Format.tick(to)
                    : "P " + Format.tick(from);
            if (c.getSeriesMap().containsKey(name)) { // classes narrower than four digits show
                name += " (class " + (b + 1) + ")";
            }
            XYSeries s = c.addSeries(name, in.stream().mapToDouble(i -> x[i]).toArray(),
                    in.stream().mapToDouble(i -> y[i]).toArray());
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.SQUARE);
            s.setMarkerColor(viridis((b + 0.5) / MAP_BINS));
        }
        for (int i = 0; i < p.length; i++) {
            if (num(designs.get(i), "design") == best) {
                XYSeries s = c.addSeries("best design", new double[] {x[i]}, new double[] {y[i]});
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                s.setMarker(new Charts.Ring());
                s.setMarkerColor(Charts.PALETTE[1]);
            }
        }
        return c;
    }

    // ---- series helpers

    private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color colour, boolean marked) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setLineColor(colour);
        s.setLineWidth(2f);
        s.setMarker(marked ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setMarkerColor(colour);
        return s;
    }

    private static XYSeries markers(XYChart c, String name, double[] x, double[] y, Color colour) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        s.setLineColor(colour);
        return s;
    }

    /**
     * Vertical intervals [low, high] at x as one line series broken by NaN; a low at or below {@code floor}
     * (0 on a log axis) is drawn from the floor. Intervals with a non-finite end are left out.
     */
    private static void intervals(XYChart c, String name, double[] x, double[] low, double[] high, double floor,
                                  Color colour) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(low[i]) && Double.isFinite(high[i]) && high[i] > floor) {
                points.add(new double[] {x[i], Math.max(low[i], floor)});
                points.add(new double[] {x[i], high[i]});
                points.add(new double[] {x[i], Double.NaN});
            }
        }
        if (points.isEmpty()) {
            return;
        }
        XYSeries s = line(c, name, points.stream().mapToDouble(v -> v[0]).toArray(),
                points.stream().mapToDouble(v -> v[1]).toArray(), colour, false);
        s.setLineWidth(1.5f);
    }

    /**
     * Vertical dashed rules at {@code xs} from {@code lo} up to {@code dataTop} (one series, not in the legend),
     * each labelled above its end in two staggered rows; the y range becomes [lo, dataTop + room for the
     * labels], measured in decades on a log axis ([lo, dataTop] without rules).
     */
    private static void rules(XYChart c, String name, double[] xs, String[] labels, Color colour, double lo,
                              double dataTop) {
        boolean log = c.getStyler().isYAxisLogarithmic();
        Function<Double, Double> in = v -> log ? Math.log10(v) : v;
        Function<Double, Double> out = v -> log ? Math.pow(10, v) : v;
        double a = in.apply(lo);
        double top = in.apply(dataTop);
        double b = top + (top - a) * LABEL_ROOM / (1 - LABEL_ROOM);
        c.getStyler().setYAxisMin(lo);
        c.getStyler().setYAxisMax(xs.length == 0 ? dataTop : out.apply(b));
        if (xs.length == 0) {
            return;
        }
        double[] rx = new double[3 * xs.length];
        double[] ry = new double[3 * xs.length];
        for (int i = 0; i < xs.length; i++) {
            rx[3 * i] = xs[i];
            rx[3 * i + 1] = xs[i];
            rx[3 * i + 2] = xs[i];
            ry[3 * i] = lo;
            ry[3 * i + 1] = dataTop;
            ry[3 * i + 2] = Double.NaN;
        }
        XYSeries s = line(c, name, rx, ry, colour, false);
        s.setLineStyle(Charts.RULE);
        s.setLineWidth(1f);
        s.setShowInLegend(false);
        c.getStyler().setAnnotationTextFontColor(colour);
        for (int i = 0; i < xs.length; i++) {
            double row = i % 2 == 0 ? 0.35 : 0.75; // of the label room, from its top
            c.addAnnotation(new AnnotationText(labels[i], xs[i], out.apply(b - (b - top) * row), false));
        }
    }

    // ---- values

    /** {x, F(x)} at the histogram's edges: F = 0 at the first lower edge, cumulative fraction at each upper edge. */
    private static double[][] cumulative(List<Map<String, Object>> hist) {
        int k = hist.size();
        double total = hist.stream().mapToDouble(r -> num(r, "count")).sum();
        double[] x = new double[k + 1];
        double[] f = new double[k + 1];
        x[0] = num(hist.get(0), "lower");
        double acc = 0;
        for (int i = 0; i < k; i++) {
            acc += num(hist.get(i), "count");
            x[i + 1] = num(hist.get(i), "upper");
            f[i + 1] = total > 0 ? acc / total : 0;
        }
        return new double[][] {x, f};
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String input, String method) {
        return rows.stream().filter(r -> input.equals(String.valueOf(r.get("input")))
                && method.equals(String.valueOf(r.get("method")))).findFirst().orElse(null);
    }

    /** A copy with every value that is not > 0 (NaN included) replaced by NaN, for a log axis. */
    private static double[] positive(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 0)) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /** {10^floor(log10 min), 10^ceil(log10 max)} over the positive finite values; {0.1, 1} when there are none. */
    static double[] decades(double[]... values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[] vs : values) {
            for (double v : vs) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > 0)) {
            return new double[] {0.1, 1};
        }
        double a = Math.floor(Math.log10(lo));
        double b = Math.ceil(Math.log10(hi));
        return new double[] {Math.pow(10, a), Math.pow(10, b > a ? b : a + 1)};
    }

    /**
     * Marker size in pixels for designs on a grid: about a cell (the plot's span over the distinct values per
     * axis), from {@link #MIN_MARKER} to {@link #MAX_MARKER}.
     */
    private static int markerSize(double[] x, double[] y) {
        long nx = Math.max(1, Arrays.stream(x).filter(Double::isFinite).distinct().count());
        long ny = Math.max(1, Arrays.stream(y).filter(Double::isFinite).distinct().count());
        double cell = Math.min(MAP_PLOT_WIDTH / nx, MAP_PLOT_HEIGHT / ny);
        return (int) Math.max(MIN_MARKER, Math.min(MAX_MARKER, Math.floor(cell)));
    }

    /** Axis ranges a margin wider than the data's, for markers at the edges. */
    private static void padAxes(XYChart c, double[] xr, double[] yr) {
        double px = xr[1] > xr[0] ? (xr[1] - xr[0]) * MAP_MARGIN : Math.max(Math.abs(xr[0]) * 0.1, 0.5);
        double py = yr[1] > yr[0] ? (yr[1] - yr[0]) * MAP_MARGIN : Math.max(Math.abs(yr[0]) * 0.1, 0.5);
        c.getStyler().setXAxisMin(xr[0] - px);
        c.getStyler().setXAxisMax(xr[1] + px);
        c.getStyler().setYAxisMin(yr[0] - py);
        c.getStyler().setYAxisMax(yr[1] + py);
    }

    private static double min(double[] v) {
        return range(v)[0];
    }

    private static double max(double[] v) {
        return range(v)[1];
    }

    /** {min, max} of the finite values ({0, 1} when there are none). */
    private static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            if (Double.isFinite(a)) {
                lo = Math.min(lo, a);
                hi = Math.max(hi, a);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    /** The colour class of p within [lo, hi]: equal widths, the top class closed. */
    static int bin(double p, double[] range) {
        if (!(range[1] > range[0])) {
            return MAP_BINS / 2;
        }
        int b = (int) Math.floor((p - range[0]) / (range[1] - range[0]) * MAP_BINS);
        return Math.max(0, Math.min(MAP_BINS - 1, b));
    }

    /** The viridis colour at t in [0, 1], interpolated linearly between {@link #RAMP}'s stops. */
    private static Color viridis(double t) {
        double s = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int k = Math.min((int) s, RAMP.length - 2);
        double f = s - k;
        int[] c = new int[3];
        for (int j = 0; j < 3; j++) {
            c[j] = (int) Math.round(RAMP[k][j] + f * (RAMP[k + 1][j] - RAMP[k][j]));
        }
        return new Color(c[0], c[1], c[2]);
    }

    private static String text(JsonNode n, String fallback) {
        return n == null || n.isMissingNode() || n.isNull() ? fallback : n.asText();
    }
}
