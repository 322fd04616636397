package org.snauq.report;

import static org.snauq.report.Rows.column;
import static org.snauq.report.Rows.distinct;
import static org.snauq.report.Rows.num;
import static org.snauq.report.Rows.sorted;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 * logarithmic axis, are left out (XChart breaks a line at NaN). Axis titles carry the run's units.
 */
final class Figures {

    /** Sobol' convergence: extra height for its legend under the plot. */
    static final int CONVERGENCE_LEGEND = 40;
    /** Extra height for a one-row legend under the plot. */
    private static final int LEGEND_ROW = 22;
    static final int WIDE_HEIGHT = 320;
    /**
     * Share of the y range above the data kept for the labels of vertical rules: with XChart's 4 % margin above
     * the range, room for {@link #LABEL_ROWS} rows, and small enough that a [0, 1] axis shows no tick above 1 (its
     * top, 1.149 + 4 %, stays below the next tick, 1.2). XChart's labelling function cannot blank a tick: it
     * labels a step or two beyond the range too and widens the step until all labels differ.
     */
    private static final double LABEL_ROOM = 0.13;
    /** More rules than this (a rank increase per sweep over 60 ranks) would hide the data: none are drawn. */
    static final int MAX_RULES = 15;
    /** Rows of rule labels in that room: a label that fits in none is left out (the tables have every value). */
    static final int LABEL_ROWS = 3;
    /** Least space between two labels in a row, in pixels. */
    private static final double LABEL_GAP = 4;
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    /** Points of the fitted normal density curve. */
    private static final int CURVE_POINTS = 200;
    /** Above this many points a line carries no markers (they would merge). */
    private static final int MAX_MARKED_POINTS = 40;
    /** Half the width of an interval's end caps, as a share of the axis' data range. */
    private static final double CAP = 0.012;
    /** The convergence band's fill: a light tint of the line's colour (opaque: the SVG export keeps it simple). */
    private static final Color BAND = Charts.rgb(0xCFE3F1);

    private Figures() {
    }

    /** Histogram as a density (count / (n * bin width)) with the normal density of the sample mean and sd. */
    static XYChart histogram(String output, List<Map<String, Object>> hist, Map<String, Object> summary, Units units) {
        XYChart c = Charts.xy("Histogram of " + output, units.label(output), Units.label("density",
                units.perUnit(output)), Charts.WIDTH, Charts.HEIGHT);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setLegendPosition(LegendPosition.InsideNE);
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

    /**
     * The empirical CDF, exact at the histogram's bin edges (the fraction of samples at or below each edge, from
     * the exact counts) and joined by straight lines, with the requested quantiles as markers, their confidence
     * intervals as horizontal bars, and the first method's quantiles ruled and labelled (labels never overlap; one
     * that finds no room is left out). Without a histogram the quantiles alone are joined.
     */
    static XYChart cdf(String output, List<Map<String, Object>> quantiles, List<Map<String, Object>> hist,
                       Units units) {
        Charts.Canvas c = Charts.xy("Empirical CDF of " + output, units.label(output), "P(" + output + " ≤ x)",
                Charts.WIDTH, Charts.HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.InsideSE);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        if (!hist.isEmpty()) {
            double[][] e = cumulative(hist);
            line(c, "CDF at the bin edges", e[0], e[1], Charts.PALETTE[0], false);
        }
        int colour = 1;
        double[] xr = hist.isEmpty() ? range(column(quantiles, "value"))
                : new double[] {num(hist.get(0), "lower"), num(hist.get(hist.size() - 1), "upper")};
        for (Map.Entry<String, List<Map<String, Object>>> g : Rows.byMethod(quantiles).entrySet()) {
            List<Map<String, Object>> rows = sorted(g.getValue(), "probability");
            double[] x = column(rows, "value");
            double[] p = column(rows, "probability");
            Color col = Charts.PALETTE[colour++ % Charts.PALETTE.length];
            XYSeries s = markers(c, "quantiles (" + g.getKey() + ")", x, p, col);
            if (hist.isEmpty()) {
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            }
            horizontalIntervals(c, "interval (" + g.getKey() + ")", p, column(rows, "ci_low"), column(rows,
                    "ci_high"), col);
            if (colour == 2) { // rules for the first method only: one set of labels stays readable
                String[] labels = new String[x.length];
                for (int i = 0; i < x.length; i++) {
                    labels[i] = "q" + Format.tick(p[i]);
                }
                rules(c, "quantile rules", x, labels, col, 0, 1);
            }
        }
        c.getStyler().setXAxisMin(xr[0]);
        c.getStyler().setXAxisMax(xr[1]);
        return c;
    }

    /**
     * P(Y > t) at each requested threshold with its confidence interval (end caps; log y), over the survival
     * function exact at the histogram's bin edges.
     */
    static XYChart exceedance(String output, List<Map<String, Object>> rows, List<Map<String, Object>> hist,
                              Units units) {
        XYChart c = Charts.xy("Exceedance probabilities of " + output, Units.label("threshold t", units.unit(output)),
                "P(" + output + " > t)", Charts.WIDTH, Charts.HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.InsideSW); // the survival function falls to the right
        double[] survival = new double[0];
        double[] t = column(rows, "threshold");
        double[] p = column(rows, "probability");
        double[] low = column(rows, "ci_low");
        double[] high = column(rows, "ci_high");
        double[] range = decades(p, low, high);
        if (!hist.isEmpty()) {
            double[][] e = cumulative(hist);
            survival = new double[e[1].length];
            for (int i = 0; i < survival.length; i++) {
                survival[i] = 1 - e[1][i];
            }
            range = decades(survival, p, low, high);
            line(c, "P(" + output + " > x) at the bin edges", e[0], positive(survival), Charts.PALETTE[5], false);
        }
        Charts.logY(c, range[0], range[1]);
        markers(c, "estimate", t, positive(p), Charts.PALETTE[1]);
        double[] tr = range(hist.isEmpty() ? t : concat(t, new double[] {num(hist.get(0), "lower"),
                num(hist.get(hist.size() - 1), "upper")}));
        verticalIntervals(c, "confidence interval", t, low, high, range[0], Charts.PALETTE[1], tr);
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
        CategoryChart c = Charts.category("Sobol' indices of " + output, "input", "index", Charts.WIDE_WIDTH,
                WIDE_HEIGHT);
        c.getStyler().setLegendPosition(LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(LegendLayout.Horizontal);
        c.getStyler().setErrorBarsColorSeriesColor(false);
        c.getStyler().setErrorBarsColor(Charts.rgb(0x222222));
        c.getStyler().setyAxisTickLabelsFormattingFunction(Charts::tick);
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

    /**
     * The running mean over the first n samples (log x) inside its confidence band (the table's
     * {@code mean_ci_low} to {@code mean_ci_high}, so a drift the band covers reads as chance, not bias), and the
     * closed-form mean as a dashed line when the run has one.
     *
     * @param exact the closed-form mean, or NaN
     */
    static XYChart convergenceMean(String output, List<Map<String, Object>> conv, double exact, Units units) {
        List<Map<String, Object>> rows = conv.stream().filter(r -> Double.isFinite(num(r, "mean"))).toList();
        double[] n = column(rows, "n");
        double[] mean = column(rows, "mean");
        double[] low = column(rows, "mean_ci_low");
        double[] high = column(rows, "mean_ci_high");
        XYChart c = Charts.xy("Mean of " + output + " against n", "n (samples)", Units.label("mean",
                units.unit(output)), Charts.WIDTH, Charts.HEIGHT + LEGEND_ROW);
        c.getStyler().setLegendPosition(LegendPosition.OutsideS); // the mean and its band may fill any corner
        c.getStyler().setLegendLayout(LegendLayout.Horizontal);
        double[] nr = decades(n);
        Charts.logX(c, nr[0], nr[1]);
        List<double[]> band = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            if (Double.isFinite(low[i]) && Double.isFinite(high[i])) {
                band.add(new double[] {n[i], low[i], high[i]});
            }
        }
        if (band.size() >= 2) { // a polygon: up the upper ends, back down the lower ones
            int b = band.size();
            double[] px = new double[2 * b];
            double[] py = new double[2 * b];
            for (int i = 0; i < b; i++) {
                px[i] = band.get(i)[0];
                py[i] = band.get(i)[2];
                px[2 * b - 1 - i] = band.get(i)[0];
                py[2 * b - 1 - i] = band.get(i)[1];
            }
            XYSeries s = c.addSeries("confidence band", px, py);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(BAND);
            s.setLineColor(BAND);
        }
        line(c, "running mean", n, mean, Charts.PALETTE[0], n.length <= MAX_MARKED_POINTS);
        if (Double.isFinite(exact) && n.length > 0) {
            line(c, "closed form", new double[] {nr[0], nr[1]}, new double[] {exact, exact}, Charts.PALETTE[1],
                    false).setLineStyle(Charts.DASHED);
        }
        return c;
    }

    /** Sobol' estimates on the first n rows per input, S solid and ST dashed in the input's colour; log x. */
    static XYChart convergenceSobol(List<Map<String, Object>> conv) {
        XYChart c = Charts.xy("Sobol' indices against n", "n (samples)", "index", Charts.WIDTH, Charts.HEIGHT
                + CONVERGENCE_LEGEND);
        c.getStyler().setLegendPosition(LegendPosition.OutsideS); // the estimates settle across the whole width
        c.getStyler().setLegendLayout(LegendLayout.Horizontal);
        double[] nr = decades(column(conv, "n"));
        Charts.logX(c, nr[0], nr[1]);
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
                rank, Set.of("rank", "sweeps"), rank.length <= MAX_MARKED_POINTS, "kept rank",
                chosen.isNumber() ? new double[] {chosen.asDouble()} : new double[0], new String[] {"kept"});
    }

    /**
     * The model fit per sweep (manifest {@code model.convergence.per_sweep}): {@code sweep} is the x axis (the
     * cumulative sweep index), {@code rank} the rank fitted at each sweep, every other list one series on a log
     * y axis; a rule labelled with the new rank marks each rank increase, halfway between the two sweeps (labels
     * that would overlap are left out).
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
        Charts.Canvas c = Charts.xy(title, xLabel, measure, Charts.WIDTH, Charts.HEIGHT);
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
        Charts.logY(c, range[0], range[1]);
        if (x.length > 1) {
            Charts.roundTicksX(c, x[0], range[1], x.length);
        }
        rules(c, rulesName, ruleAt, ruleLabels, Charts.PALETTE[6], range[0], range[1]);
        return c;
    }

    // ---- series helpers

    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color colour, boolean marked) {
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
     * Vertical intervals [low, high] at x with end caps, as one line series broken by NaN (its legend entry is a
     * line of the same width, so it shows); a low at or below {@code floor} (0 on a log axis) is drawn from the
     * floor without its lower cap. Intervals with a non-finite end are left out.
     *
     * @param xRange the x axis' data range, which sets the caps' width
     */
    static void verticalIntervals(XYChart c, String name, double[] x, double[] low, double[] high, double floor,
                                  Color colour, double[] xRange) {
        double cap = (xRange[1] - xRange[0]) * CAP;
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(low[i]) && Double.isFinite(high[i]) && high[i] > floor) {
                double lo = Math.max(low[i], floor);
                points.add(new double[] {x[i], lo});
                points.add(new double[] {x[i], high[i]});
                points.add(new double[] {x[i], Double.NaN});
                points.add(new double[] {x[i] - cap, high[i]});
                points.add(new double[] {x[i] + cap, high[i]});
                points.add(new double[] {x[i], Double.NaN});
                if (low[i] > floor) {
                    points.add(new double[] {x[i] - cap, lo});
                    points.add(new double[] {x[i] + cap, lo});
                    points.add(new double[] {x[i], Double.NaN});
                }
            }
        }
        segments(c, name, points, colour);
    }

    /** Horizontal intervals [low, high] at heights y (quantile intervals on a CDF), caps of a fixed share of 1. */
    private static void horizontalIntervals(XYChart c, String name, double[] y, double[] low, double[] high,
                                            Color colour) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && Double.isFinite(low[i]) && Double.isFinite(high[i]) && high[i] > low[i]) {
                points.add(new double[] {low[i], y[i]});
                points.add(new double[] {high[i], y[i]});
                points.add(new double[] {high[i], Double.NaN}); // a gap: XChart breaks a line at a NaN y only
            }
        }
        segments(c, name, points, colour);
    }

    private static void segments(XYChart c, String name, List<double[]> points, Color colour) {
        if (points.isEmpty()) {
            return;
        }
        XYSeries s = line(c, name, points.stream().mapToDouble(v -> v[0]).toArray(),
                points.stream().mapToDouble(v -> v[1]).toArray(), colour, false);
        s.setLineWidth(1.5f);
    }

    /**
     * Vertical dashed rules at {@code xs} from {@code lo} up to {@code dataTop} (one series, not in the legend),
     * each labelled in the room above the data: {@link #LABEL_ROWS} rows, each label in the first row where it
     * overlaps no other ({@link Charts#packLabels}), left out when none has room. The y range becomes
     * [lo, dataTop + room], measured in decades on a log axis ([lo, dataTop] without rules).
     */
    private static void rules(Charts.Canvas c, String name, double[] xs, String[] labels, Color colour, double lo,
                              double dataTop) {
        boolean log = c.getStyler().isYAxisLogarithmic();
        Function<Double, Double> in = v -> log ? Math.log10(v) : v;
        Function<Double, Double> out = v -> log ? Math.pow(10, v) : v;
        double a = in.apply(lo);
        double top = in.apply(dataTop);
        double b = top + (top - a) * LABEL_ROOM / (1 - LABEL_ROOM);
        boolean drawn = xs.length > 0 && xs.length <= MAX_RULES;
        c.getStyler().setYAxisMin(lo);
        c.getStyler().setYAxisMax(drawn ? out.apply(b) : dataTop);
        if (!drawn) {
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
        c.overlay((g, chart) -> {
            Rectangle2D plot = chart.plotBounds();
            double roomTop = plot.getY();
            double roomBottom = chart.getScreenYFromChart(dataTop);
            double rowHeight = (roomBottom - roomTop) / LABEL_ROWS;
            double[] px = new double[xs.length];
            double[] width = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                px[i] = chart.getScreenXFromChart(xs[i]);
                width[i] = Charts.textWidth(g, labels[i], LABEL_FONT);
            }
            int[] row = Charts.packLabels(px, width, LABEL_ROWS, LABEL_GAP);
            for (int i = 0; i < xs.length; i++) {
                if (row[i] >= 0 && px[i] >= plot.getX() && px[i] <= plot.getMaxX()) {
                    double baseline = roomBottom - rowHeight * row[i] - (rowHeight - LABEL_FONT.getSize()) / 2 - 1;
                    Charts.text(g, labels[i], LABEL_FONT, colour, px[i], baseline, Charts.Anchor.CENTRE);
                }
            }
        });
    }

    // ---- values

    /** {x, F(x)} at the histogram's edges: F = 0 at the first lower edge, cumulative fraction at each upper edge. */
    static double[][] cumulative(List<Map<String, Object>> hist) {
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
    static double[] positive(double[] v) {
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

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double min(double[] v) {
        return range(v)[0];
    }

    private static double max(double[] v) {
        return range(v)[1];
    }

    /** {min, max} of the finite values ({0, 1} when there are none). */
    static double[] range(double[] v) {
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

    private static String text(JsonNode n, String fallback) {
        return n == null || n.isMissingNode() || n.isNull() ? fallback : n.asText();
    }
}
