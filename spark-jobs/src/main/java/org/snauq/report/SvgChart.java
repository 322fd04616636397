package org.snauq.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small x-y chart drawn as inline SVG: lines, step curves, histogram bars, markers with error bars and
 * labelled vertical rules, on linear or base-2 logarithmic x axes with "nice" ticks (1, 2, 5 times a power of
 * ten). Hand-written because XChart 4 needs the optional VectorGraphics2D library for SVG, and the report must
 * stay free of AWT fonts and extra dependencies; every mark carries its data value in a {@code data-*}
 * attribute so tests can check the picture against the tables.
 *
 * <p>Non-finite points are skipped. Not thread-safe; build, render once.
 */
final class SvgChart {

    static final int WIDTH = 352;
    static final int HEIGHT = 270;
    private static final int LEFT = 58;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;
    /** Target number of ticks per axis. */
    private static final int TICKS = 6;

    /** Colour-blind safe palette (Okabe and Ito). */
    static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
        "#F0E442"};

    private final String id;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private boolean logX;
    private boolean logY;
    private boolean legendBottom;
    private final List<Series> series = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<double[]> bars = new ArrayList<>(); // {lower, upper, height}
    private String barColor = PALETTE[5];
    private String barName;
    private double yFloor = Double.NaN;

    private enum Kind { LINE, STEP, MARKERS }

    private record Series(String name, Kind kind, double[] x, double[] y, double[] low, double[] high,
                          String color, boolean dashed) {
    }

    private record Rule(double x, String label, String color) {
    }

    SvgChart(String id, String title, String xLabel, String yLabel) {
        this.id = id;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Base-2 logarithmic x axis (sample sizes). */
    SvgChart logX() {
        this.logX = true;
        return this;
    }

    /** Base-10 logarithmic y axis (small probabilities); non-positive values are not drawn. */
    SvgChart logY() {
        this.logY = true;
        return this;
    }

    /** Legend in the lower right corner instead of the upper right (for rising curves). */
    SvgChart legendBottom() {
        this.legendBottom = true;
        return this;
    }

    /** Include y = value in the y range (0 for densities and probabilities). */
    SvgChart yFloor(double value) {
        this.yFloor = value;
        return this;
    }

    SvgChart line(String name, double[] x, double[] y, String color, boolean dashed) {
        series.add(new Series(name, Kind.LINE, x, y, null, null, color, dashed));
        return this;
    }

    SvgChart step(String name, double[] x, double[] y, String color) {
        series.add(new Series(name, Kind.STEP, x, y, null, null, color, false));
        return this;
    }

    /** Markers, with vertical error bars when {@code low} and {@code high} are given (NaN entries: none). */
    SvgChart markers(String name, double[] x, double[] y, double[] low, double[] high, String color) {
        series.add(new Series(name, Kind.MARKERS, x, y, low, high, color, false));
        return this;
    }

    /** Histogram bars over [lower[i], upper[i]] with the given heights. */
    SvgChart bars(String name, double[] lower, double[] upper, double[] height) {
        this.barName = name;
        for (int i = 0; i < lower.length; i++) {
            bars.add(new double[] {lower[i], upper[i], height[i]});
        }
        return this;
    }

    SvgChart rule(double x, String label, String color) {
        rules.add(new Rule(x, label, color));
        return this;
    }

    String toSvg() {
        Range xr = new Range();
        Range yr = new Range();
        for (double[] b : bars) {
            xr.add(tx(b[0]));
            xr.add(tx(b[1]));
            yr.add(ty(b[2]));
        }
        if (!bars.isEmpty()) {
            yr.add(ty(0));
        }
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (finite(s.x[i]) && finite(s.y[i])) {
                    xr.add(tx(s.x[i]));
                    yr.add(ty(s.y[i]));
                    if (s.low != null && finite(s.low[i]) && finite(s.high[i])) {
                        yr.add(ty(s.low[i]));
                        yr.add(ty(s.high[i]));
                    }
                }
            }
        }
        for (Rule r : rules) {
            xr.add(tx(r.x));
        }
        if (finite(yFloor)) {
            yr.add(ty(yFloor));
        }
        StringBuilder svg = new StringBuilder(8192);
        open(svg, id, title, WIDTH, HEIGHT, LEFT);
        if (xr.empty() || yr.empty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"empty\">no data</text></svg>",
                    WIDTH / 2 - 30, HEIGHT / 2));
            return svg.toString();
        }
        // x spans the data (ticks inside it); y is widened to whole ticks, which reads better for levels
        double x0 = xr.lo;
        double x1 = xr.hi;
        if (!(x1 > x0)) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        double[] xt = logX ? logTicks(x0, x1) : within(niceTicks(x0, x1), x0, x1);
        double[] yt = logY ? logTicks(yr.lo, yr.hi) : niceTicks(yr.lo, yr.hi);
        double y0 = logY ? Math.floor(yr.lo) : Math.min(yr.lo, yt[0]);
        double y1 = logY ? Math.ceil(yr.hi) : Math.max(yr.hi, yt[yt.length - 1]);
        if (!(y1 > y0)) {
            y0 -= 0.5;
            y1 += 0.5;
        }
        Frame f = new Frame(x0, x1, y0, y1);
        axes(svg, f, xt, yt);
        String clip = id + "-clip";
        svg.append(String.format(Locale.ROOT, "<clipPath id=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\""
                + " height=\"%d\"/></clipPath><g clip-path=\"url(#%s)\">", Html.escape(clip), LEFT, TOP - 4,
                WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM + 8, Html.escape(clip)));
        for (double[] b : bars) {
            double left = f.px(tx(b[0]));
            double right = f.px(tx(b[1]));
            double top = f.py(ty(b[2]));
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\""
                    + " height=\"%.2f\" fill=\"%s\" data-lower=\"%s\" data-upper=\"%s\" data-value=\"%s\"/>",
                    left, top, Math.max(0.5, right - left - 0.6), Math.max(0, f.py(logY ? y0 : Math.max(0, y0)) - top),
                    barColor,
                    b[0], b[1], b[2]));
        }
        for (Series s : series) {
            drawSeries(svg, f, s);
        }
        for (Rule r : rules) {
            double x = f.px(tx(r.x));
            svg.append(String.format(Locale.ROOT, "<line class=\"rule\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\""
                    + " stroke=\"%s\" stroke-dasharray=\"3,3\" data-value=\"%s\"/>", x, TOP, x, HEIGHT - BOTTOM,
                    r.color, r.x));
        }
        svg.append("</g>");
        int k = 0;
        for (Rule r : rules) {
            double x = f.px(tx(r.x));
            // stagger labels over two rows so neighbouring rules stay readable
            svg.append(String.format(Locale.ROOT, "<text class=\"rule-label\" x=\"%.2f\" y=\"%d\" fill=\"%s\">%s"
                    + "</text>", x + 2, TOP + 10 + 11 * (k++ % 2), r.color, Html.escape(r.label)));
        }
        legend(svg);
        svg.append("</svg>");
        return svg.toString();
    }

    private void drawSeries(StringBuilder svg, Frame f, Series s) {
        String name = Html.escape(s.name);
        if (s.kind == Kind.MARKERS) {
            svg.append("<g class=\"markers\" data-series=\"").append(name).append("\">");
            for (int i = 0; i < s.x.length; i++) {
                if (!finite(tx(s.x[i])) || !finite(ty(s.y[i]))) { // includes y <= 0 on a log axis
                    continue;
                }
                double px = f.px(tx(s.x[i]));
                if (s.low != null && finite(s.low[i]) && finite(s.high[i])) {
                    double lo = f.py(finite(ty(s.low[i])) ? ty(s.low[i]) : f.y0()); // 0 on a log axis: the bottom
                    double hi = f.py(ty(s.high[i]));
                    svg.append(String.format(Locale.ROOT, "<path class=\"whisker\" d=\"M%.2f %.2fV%.2fM%.2f %.2fH%.2f"
                            + "M%.2f %.2fH%.2f\" stroke=\"%s\"/>", px, lo, hi, px - 4, lo, px + 4, px - 4, hi, px + 4,
                            s.color));
                }
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\" fill=\"%s\""
                        + " data-x=\"%s\" data-value=\"%s\"/>", px, f.py(ty(s.y[i])), s.color, s.x[i], s.y[i]));
            }
            svg.append("</g>");
            return;
        }
        StringBuilder d = new StringBuilder();
        double lastY = Double.NaN;
        for (int i = 0; i < s.x.length; i++) {
            if (!finite(tx(s.x[i])) || !finite(ty(s.y[i]))) {
                continue;
            }
            double px = f.px(tx(s.x[i]));
            double py = f.py(ty(s.y[i]));
            if (d.length() == 0) {
                d.append(String.format(Locale.ROOT, "M%.2f %.2f", px, py));
            } else if (s.kind == Kind.STEP) {
                d.append(String.format(Locale.ROOT, "H%.2fV%.2f", px, py));
            } else {
                d.append(String.format(Locale.ROOT, "L%.2f %.2f", px, py));
            }
            lastY = py;
        }
        assert d.length() == 0 || finite(lastY);
        svg.append(String.format(Locale.ROOT, "<path class=\"series\" data-series=\"%s\" d=\"%s\" fill=\"none\""
                + " stroke=\"%s\" stroke-width=\"2\"%s/>", name, d, s.color,
                s.dashed ? " stroke-dasharray=\"6,4\"" : ""));
    }

    private void axes(StringBuilder svg, Frame f, double[] xt, double[] yt) {
        int bottom = HEIGHT - BOTTOM;
        int right = WIDTH - RIGHT;
        for (double y : yt) {
            double py = f.py(y);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"/>"
                    + "<text class=\"tick\" x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>", LEFT, py, right, py,
                    LEFT - 5, py + 4, Html.escape(Format.tick(logY ? Math.pow(10, y) : y))));
        }
        for (double x : xt) {
            double px = f.px(x);
            String label = Format.tick(logX ? Math.pow(2, x) : x);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\"/>"
                    + "<text class=\"tick\" x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>", px, TOP, px, bottom,
                    px, bottom + 15, Html.escape(label)));
        }
        svg.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                LEFT, TOP, right - LEFT, bottom - TOP));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
                + "</text>", (LEFT + right) / 2, HEIGHT - 8, Html.escape(xLabel + (logX ? " (log scale)" : ""))));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis\" transform=\"translate(14 %d) rotate(-90)\""
                + " text-anchor=\"middle\">%s</text>", (TOP + bottom) / 2,
                Html.escape(yLabel + (logY ? " (log scale)" : ""))));
    }

    private void legend(StringBuilder svg) {
        List<String[]> entries = new ArrayList<>(); // name, colour, dashed
        if (barName != null) {
            entries.add(new String[] {barName, barColor, "bar"});
        }
        for (Series s : series) {
            entries.add(new String[] {s.name, s.color, s.kind == Kind.MARKERS ? "dot" : s.dashed ? "dash" : "line"});
        }
        if (entries.size() < 2) {
            return;
        }
        int x = WIDTH - RIGHT - 6;
        int y = legendBottom ? HEIGHT - BOTTOM - entries.size() * 14 : TOP + 12;
        int width = 4 + entries.stream().mapToInt(e -> e[0].length()).max().orElse(4) * 6 + 26;
        svg.append(String.format(Locale.ROOT, "<rect class=\"legend\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                x - width, y - 10, width, entries.size() * 14 + 4));
        for (String[] e : entries) {
            int sx = x - width + 6;
            String mark = switch (e[2]) {
                case "bar" -> String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"8\""
                        + " fill=\"%s\"/>", sx, y - 6, e[1]);
                case "dot" -> String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"%s\"/>",
                        sx + 7, y - 2, e[1]);
                default -> String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                        + " stroke-width=\"2\"%s/>", sx, y - 2, sx + 14, y - 2, e[1],
                        e[2].equals("dash") ? " stroke-dasharray=\"4,2\"" : "");
            };
            svg.append(mark).append(String.format(Locale.ROOT, "<text class=\"legend-text\" x=\"%d\" y=\"%d\">%s"
                    + "</text>", sx + 20, y + 2, Html.escape(e[0])));
            y += 14;
        }
    }

    private double tx(double x) {
        return logX ? (x > 0 ? Math.log(x) / Math.log(2) : Double.NaN) : x;
    }

    private double ty(double y) {
        return logY ? (y > 0 ? Math.log10(y) : Double.NaN) : y;
    }

    /** Appends the opening {@code <svg>} tag of a chart and its title at x = {@code left}; the caller closes it. */
    static void open(StringBuilder svg, String id, String title, int width, int height, int left) {
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" class=\"chart\""
                + " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                Html.escape(id), width, height, width, height, Html.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"title\">%s</text>", left,
                Html.escape(title)));
    }

    private static double[] within(double[] ticks, double lo, double hi) {
        double eps = (hi - lo) * 1e-9;
        return java.util.Arrays.stream(ticks).filter(t -> t >= lo - eps && t <= hi + eps).toArray();
    }

    private static boolean finite(double v) {
        return Double.isFinite(v);
    }

    /** Ticks at 1, 2 or 5 times a power of ten covering [lo, hi]. */
    static double[] niceTicks(double lo, double hi) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / (TICKS - 1);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        double step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step) * step;
        int count = (int) Math.round((last - first) / step) + 1;
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            double v = first + i * step;
            t[i] = Math.abs(v) < step * 1e-9 ? 0 : v; // no "-0" or 1e-17 labels
        }
        return t;
    }

    /** Integer ticks (whole powers of the base) on a log axis, at most {@code TICKS + 2} of them. */
    private static double[] logTicks(double rlo, double rhi) {
        int lo = (int) Math.ceil(rlo - 1e-9);
        int hi = (int) Math.floor(rhi + 1e-9);
        if (hi < lo) {
            return new double[] {Math.floor(rlo)};
        }
        int stride = Math.max(1, (hi - lo + TICKS + 1) / (TICKS + 2));
        List<Double> t = new ArrayList<>();
        for (int k = lo; k <= hi; k += stride) {
            t.add((double) k);
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static final class Range {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;

        void add(double v) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }

        boolean empty() {
            return lo > hi;
        }
    }

    /** Data to pixel coordinates. */
    private record Frame(double x0, double x1, double y0, double y1) {
        double px(double x) {
            return LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
        }

        double py(double y) {
            return HEIGHT - BOTTOM - (y - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
        }
    }
}
