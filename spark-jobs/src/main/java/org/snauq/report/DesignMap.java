package org.snauq.report;

import static org.snauq.report.Rows.column;
import static org.snauq.report.Rows.num;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A sweep's design map from its designs table. With two or more design inputs: a heat map over the first two,
 * each design a cell of the grid (cell edges halfway between neighbouring values) filled on a continuous viridis
 * scale from the lowest to the highest P(window), with a colour bar titled "P(window)"; with more inputs a cell
 * shows the highest P(window) over the others. The best design is ringed. With one input: P(window) and its
 * interval against the input, the best design ruled.
 */
final class DesignMap {

    static final int HEIGHT = 400;
    /** The strip kept right of the plot for the colour bar, its title and tick labels. */
    private static final int BAR_STRIP = 96;
    private static final int BAR_WIDTH = 14;
    /** Colour bar ticks: about this many, at round values. */
    private static final int BAR_TICKS = 5;
    /** Steps of the colour bar: enough that no step shows. */
    private static final int BAR_STEPS = 128;
    /** Overlap of neighbouring cells and colour-bar steps, in pixels (see the cells' drawing). */
    private static final double SEAM = 1.0;
    private static final Font BAR_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font BAR_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Viridis at 0, 1/8, ..., 1 (matplotlib's table): colour-blind safe and monotone in lightness. */
    private static final int[] VIRIDIS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962,
        0xADDC30, 0xFDE725};

    /** A cell of the map: its centre, its edges and the P(window) it shows. */
    record Cell(double x, double y, double x0, double x1, double y0, double y1, double p) {
    }

    private DesignMap() {
    }

    /**
     * The map of {@code designs} (rows of the designs table) over {@code inputs}.
     *
     * @param best the best design's number, or -1
     */
    static XYChart chart(List<Map<String, Object>> designs, List<String> inputs, long best, Units units) {
        return inputs.size() == 1 ? line(designs, inputs.get(0), best, units) : heatMap(designs, inputs, best, units);
    }

    private static XYChart line(List<Map<String, Object>> designs, String input, long best, Units units) {
        List<Map<String, Object>> rows = Rows.sorted(designs, input);
        double[] x = column(rows, input);
        Charts.Canvas c = Charts.xy("P(window) against " + input, units.label(input), "P(window)",
                Charts.WIDE_WIDTH, HEIGHT);
        c.getStyler().setLegendVisible(false); // the y axis names the line, the caption the intervals
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        Figures.line(c, "P(window)", x, column(rows, "p_window"), Charts.PALETTE[0], x.length <= 60);
        Figures.verticalIntervals(c, "confidence interval", x, column(rows, "p_window_ci_low"),
                column(rows, "p_window_ci_high"), 0, Charts.PALETTE[0], Figures.range(x));
        double[] at = rows.stream().filter(r -> num(r, "design") == best).mapToDouble(r -> num(r, input)).toArray();
        if (at.length > 0) {
            XYSeries s = Figures.line(c, "best design", new double[] {at[0], at[0]}, new double[] {0, 1},
                    Charts.PALETTE[1], false);
            s.setLineStyle(Charts.RULE);
        }
        return c;
    }

    private static XYChart heatMap(List<Map<String, Object>> designs, List<String> inputs, long best, Units units) {
        String xName = inputs.get(0);
        String yName = inputs.get(1);
        List<Cell> cells = cells(designs, xName, yName);
        Charts.Canvas c = Charts.xy("Design map: P(window) over " + xName + " and " + yName, units.label(xName),
                units.label(yName), Charts.WIDE_WIDTH, HEIGHT);
        c.getStyler().setLegendVisible(false); // the colour bar explains the colours, the caption the ring
        c.reserveRight(BAR_STRIP);
        c.getStyler().setPlotGridLinesVisible(false); // the cells tile the plot
        c.getStyler().setPlotContentSize(1.0); // edge to edge: the axes' ends are the outer cells' edges
        double[] xr = {cells.stream().mapToDouble(Cell::x0).min().orElse(0), cells.stream().mapToDouble(Cell::x1)
                .max().orElse(1)};
        double[] yr = {cells.stream().mapToDouble(Cell::y0).min().orElse(0), cells.stream().mapToDouble(Cell::y1)
                .max().orElse(1)};
        c.getStyler().setXAxisMin(xr[0]);
        c.getStyler().setXAxisMax(xr[1]);
        c.getStyler().setYAxisMin(yr[0]);
        c.getStyler().setYAxisMax(yr[1]);
        // the designs as an invisible series: XChart lays the axes out from series; the cells are drawn over it
        XYSeries centres = c.addSeries("designs", cells.stream().mapToDouble(Cell::x).toArray(),
                cells.stream().mapToDouble(Cell::y).toArray());
        centres.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        centres.setMarker(SeriesMarkers.NONE);
        centres.setShowInLegend(false);
        double[] pr = Figures.range(cells.stream().mapToDouble(Cell::p).toArray());
        c.overlay((g, chart) -> {
            for (Cell cell : cells) {
                double left = chart.getScreenXFromChart(cell.x0());
                double right = chart.getScreenXFromChart(cell.x1());
                double top = chart.getScreenYFromChart(cell.y1());
                double bottom = chart.getScreenYFromChart(cell.y0());
                g.setColor(colour(cell.p(), pr));
                // a pixel wider and taller than the cell, under its right and top neighbours: a browser
                // antialiases each edge, so cells that only meet show light seams between them
                g.fill(new Rectangle2D.Double(left, top - SEAM, right - left + SEAM, bottom - top + SEAM));
            }
        });
        for (Map<String, Object> r : designs) {
            if (num(r, "design") == best) {
                XYSeries s = c.addSeries("best design", new double[] {num(r, xName)}, new double[] {num(r, yName)});
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.NONE); // the ring is drawn over the cells, below
                double bx = num(r, xName);
                double by = num(r, yName);
                c.overlay((g, chart) -> { // drawn again over the cells, with a white halo to stand out on any colour
                    double px = chart.getScreenXFromChart(bx);
                    double py = chart.getScreenYFromChart(by);
                    double radius = 8;
                    g.setStroke(new BasicStroke(4.5f));
                    g.setColor(Color.WHITE);
                    g.draw(new java.awt.geom.Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius));
                    g.setStroke(new BasicStroke(2.5f));
                    g.setColor(Charts.PALETTE[1]);
                    g.draw(new java.awt.geom.Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius));
                });
            }
        }
        c.overlay((g, chart) -> colourBar(g, chart, pr));
        return c;
    }

    /** The colour bar in the strip right of the plot: title, gradient, border, ticks with their values. */
    private static void colourBar(java.awt.Graphics2D g, Charts.Canvas chart, double[] pr) {
        Rectangle2D plot = chart.plotBounds();
        double left = chart.getWidth() - chart.rightStrip() + 16;
        double top = plot.getY() + 22;
        double bottom = plot.getMaxY();
        Charts.text(g, "P(window)", BAR_TITLE_FONT, Charts.rgb(0x222222), left - 4, plot.getY() + 10,
                Charts.Anchor.LEFT);
        double step = (bottom - top) / BAR_STEPS;
        for (int i = 0; i < BAR_STEPS; i++) {
            double t = (i + 0.5) / BAR_STEPS; // from the bottom
            g.setColor(viridis(t));
            g.fill(new Rectangle2D.Double(left, bottom - (i + 1) * step - SEAM, BAR_WIDTH, step + SEAM));
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(Charts.rgb(0x888888));
        g.draw(new Rectangle2D.Double(left, top, BAR_WIDTH, bottom - top));
        for (double v : ticks(pr[0], pr[1], BAR_TICKS)) {
            double y = pr[1] > pr[0] ? bottom - (v - pr[0]) / (pr[1] - pr[0]) * (bottom - top) : (top + bottom) / 2;
            g.setColor(Charts.rgb(0x888888));
            g.draw(new java.awt.geom.Line2D.Double(left + BAR_WIDTH, y, left + BAR_WIDTH + 4, y));
            Charts.text(g, Format.tick(v), BAR_FONT, Charts.rgb(0x444444), left + BAR_WIDTH + 7, y + 4,
                    Charts.Anchor.LEFT);
        }
    }

    /**
     * The cells of the map over inputs {@code x} and {@code y}: one per distinct (x, y), showing the highest
     * P(window) of the designs there; edges halfway between neighbouring values, the outer ones as far out as
     * the inner half-steps (a single value gets a cell of width 1).
     */
    static List<Cell> cells(List<Map<String, Object>> designs, String x, String y) {
        double[] xs = distinctSorted(column(designs, x));
        double[] ys = distinctSorted(column(designs, y));
        double[] xe = edges(xs);
        double[] ye = edges(ys);
        Map<String, Cell> byPoint = new LinkedHashMap<>();
        for (Map<String, Object> r : designs) {
            double px = num(r, x);
            double py = num(r, y);
            double p = num(r, "p_window");
            if (!Double.isFinite(px) || !Double.isFinite(py) || !Double.isFinite(p)) {
                continue;
            }
            int i = Arrays.binarySearch(xs, px);
            int j = Arrays.binarySearch(ys, py);
            String key = i + "," + j;
            Cell old = byPoint.get(key);
            if (old == null || p > old.p()) {
                byPoint.put(key, new Cell(px, py, xe[i], xe[i + 1], ye[j], ye[j + 1], p));
            }
        }
        return new ArrayList<>(byPoint.values());
    }

    private static double[] distinctSorted(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).distinct().sorted().toArray();
    }

    /** Cell edges around sorted distinct values. */
    static double[] edges(double[] v) {
        int n = v.length;
        double[] e = new double[n + 1];
        if (n == 0) {
            return new double[] {0, 1};
        }
        if (n == 1) {
            e[0] = v[0] - 0.5;
            e[1] = v[0] + 0.5;
            return e;
        }
        for (int i = 1; i < n; i++) {
            e[i] = (v[i - 1] + v[i]) / 2;
        }
        e[0] = v[0] - (e[1] - v[0]);
        e[n] = v[n - 1] + (v[n - 1] - e[n - 1]);
        return e;
    }

    /** The colour of p on the scale from range[0] (darkest) to range[1] (lightest); the middle when they agree. */
    static Color colour(double p, double[] range) {
        return viridis(range[1] > range[0] ? (p - range[0]) / (range[1] - range[0]) : 0.5);
    }

    /** The viridis colour at t in [0, 1], interpolated linearly between {@link #VIRIDIS}' stops. */
    static Color viridis(double t) {
        double s = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int k = Math.min((int) s, VIRIDIS.length - 2);
        double f = s - k;
        int[] c = new int[3];
        for (int j = 0; j < 3; j++) {
            int a = VIRIDIS[k] >> (16 - 8 * j) & 0xFF;
            int b = VIRIDIS[k + 1] >> (16 - 8 * j) & 0xFF;
            c[j] = (int) Math.round(a + f * (b - a));
        }
        return new Color(c[0], c[1], c[2]);
    }

    /** About {@code count} round values (1, 2 or 5 times a power of ten apart) within [lo, hi]; {lo} when equal. */
    static double[] ticks(double lo, double hi, int count) {
        if (!(hi > lo)) {
            return new double[] {lo};
        }
        double raw = (hi - lo) / Math.max(1, count - 1);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power * (raw / power <= 1 ? 1 : raw / power <= 2 ? 2 : raw / power <= 5 ? 5 : 10);
        List<Double> out = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
            out.add(k * step); // from the integer k, so no error accumulates
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
