package org.snauq.report;

import java.util.Locale;

/**
 * The design map of a sweep as inline SVG: one square per design at its two swept inputs (x, y), filled by its
 * probability of meeting the process window on a sequential colour ramp (viridis stops, linear in p from the
 * smallest to the largest p of the sweep), a colour bar as legend, and the best design ringed. Every square
 * carries {@code data-design}, {@code data-x}, {@code data-y} and {@code data-value} (p) so tests can check the
 * picture against the {@code designs} table. Squares are sized for a grid (range / (distinct values - 1)), so a
 * full factorial sweep reads as a heat map and a scattered one as coloured dots.
 */
final class DesignMap {

    private static final int WIDTH = 430;
    private static final int HEIGHT = 330;
    private static final int LEFT = 62;
    private static final int RIGHT = 92;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;
    /** Viridis at 0, 1/4, 1/2, 3/4, 1: colour-blind safe and monotone in lightness. */
    private static final int[][] RAMP = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};

    private DesignMap() {
    }

    /**
     * @param id     element id
     * @param xName  first swept input
     * @param yName  second swept input
     * @param design design numbers
     * @param x      first input per design
     * @param y      second input per design
     * @param p      window probability per design
     * @param best   the best design's number (ringed), or -1
     */
    static String render(String id, String xName, String yName, long[] design, double[] x, double[] y, double[] p,
                         long best) {
        StringBuilder svg = new StringBuilder(256 + 200 * x.length);
        SvgChart.open(svg, id, "Design map: P(window) over " + xName + " x " + yName, WIDTH, HEIGHT, LEFT);
        double[] xr = range(x);
        double[] yr = range(y);
        double[] pr = range(p);
        double[] xt = SvgChart.niceTicks(xr[0], xr[1]);
        double[] yt = SvgChart.niceTicks(yr[0], yr[1]);
        int right = WIDTH - RIGHT;
        int bottom = HEIGHT - BOTTOM;
        // half a cell of margin around the extreme designs so their squares stay inside the frame
        double cellX = cell(x, xr);
        double cellY = cell(y, yr);
        double x0 = xr[0] - cellX / 2;
        double x1 = xr[1] + cellX / 2;
        double y0 = yr[0] - cellY / 2;
        double y1 = yr[1] + cellY / 2;
        double sx = (right - LEFT) / (x1 - x0);
        double sy = (bottom - TOP) / (y1 - y0);
        for (double t : xt) {
            if (t >= x0 && t <= x1) {
                double px = LEFT + (t - x0) * sx;
                svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.2f\" y=\"%d\""
                        + " text-anchor=\"middle\">%s</text>", px, bottom + 15, Html.escape(Format.tick(t))));
            }
        }
        for (double t : yt) {
            if (t >= y0 && t <= y1) {
                double py = bottom - (t - y0) * sy;
                svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.2f\""
                        + " text-anchor=\"end\">%s</text>", LEFT - 5, py + 4, Html.escape(Format.tick(t))));
            }
        }
        double w = Math.max(3, cellX * sx);
        double h = Math.max(3, cellY * sy);
        svg.append("<g class=\"designs\">");
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                continue;
            }
            double px = LEFT + (x[i] - x0) * sx;
            double py = bottom - (y[i] - y0) * sy;
            svg.append(String.format(Locale.ROOT, "<rect class=\"design\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\""
                    + " height=\"%.2f\" fill=\"%s\" data-design=\"%d\" data-x=\"%s\" data-y=\"%s\" data-value=\"%s\">"
                    + "<title>design %d: %s = %s, %s = %s, P(window) = %s</title></rect>", px - w / 2, py - h / 2, w, h,
                    colour(p[i], pr), design[i], x[i], y[i], p[i], design[i], Html.escape(xName),
                    Format.number(x[i]), Html.escape(yName), Format.number(y[i]), Format.number(p[i])));
        }
        svg.append("</g>");
        for (int i = 0; i < x.length; i++) {
            if (design[i] == best) {
                double px = LEFT + (x[i] - x0) * sx;
                double py = bottom - (y[i] - y0) * sy;
                svg.append(String.format(Locale.ROOT, "<circle class=\"best\" cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\""
                        + " fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2.5\" data-design=\"%d\"/>"
                        + "<text class=\"rule-label\" x=\"%.2f\" y=\"%.2f\" fill=\"#D55E00\">best</text>", px, py,
                        Math.max(6, Math.min(w, h) * 0.75), best, px + 8, py - 8));
            }
        }
        svg.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                LEFT, TOP, right - LEFT, bottom - TOP));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
                + "</text>", (LEFT + right) / 2, HEIGHT - 8, Html.escape(xName)));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis\" transform=\"translate(14 %d) rotate(-90)\""
                + " text-anchor=\"middle\">%s</text>", (TOP + bottom) / 2, Html.escape(yName)));
        colourBar(svg, pr, right + 22, bottom);
        return svg.append("</svg>").toString();
    }

    /** Vertical colour bar from the smallest p (bottom) to the largest (top), labelled at both ends and midway. */
    private static void colourBar(StringBuilder svg, double[] pr, int x, int bottom) {
        int steps = 40;
        double height = (bottom - TOP) / (double) steps;
        svg.append("<g class=\"colour-bar\">");
        for (int k = 0; k < steps; k++) {
            double v = pr[0] + (pr[1] - pr[0]) * (k + 0.5) / steps;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.2f\" width=\"14\" height=\"%.2f\""
                    + " fill=\"%s\"/>", x, bottom - (k + 1) * height, height + 0.5, colour(v, pr)));
        }
        for (double f : new double[] {0, 0.5, 1}) {
            double v = pr[0] + (pr[1] - pr[0]) * f;
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.2f\" data-value=\"%s\">%s"
                    + "</text>", x + 18, bottom - f * (bottom - TOP) + 4, v, Html.escape(Format.tick(v))));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"legend-text\" x=\"%d\" y=\"%d\">P(window)</text>",
                x - 8, TOP - 6));
        svg.append("</g>");
    }

    /** The ramp colour of v within [lo, hi] (the middle colour when the range is a single value). */
    static String colour(double v, double[] range) {
        double t = range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0.5;
        t = Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
        double s = t * (RAMP.length - 1);
        int k = Math.min((int) s, RAMP.length - 2);
        double f = s - k;
        int[] c = new int[3];
        for (int j = 0; j < 3; j++) {
            c[j] = (int) Math.round(RAMP[k][j] + f * (RAMP[k + 1][j] - RAMP[k][j]));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]);
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

    /** Grid spacing: range / (distinct values - 1); a tenth of the value (or 1) when all values are equal. */
    private static double cell(double[] v, double[] range) {
        long distinct = java.util.Arrays.stream(v).filter(Double::isFinite).distinct().count();
        if (distinct > 1) {
            return (range[1] - range[0]) / (distinct - 1);
        }
        return range[0] == 0 ? 1 : Math.abs(range[0]) * 0.1;
    }
}
