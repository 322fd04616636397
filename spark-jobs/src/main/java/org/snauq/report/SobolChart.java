package org.snauq.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Grouped bar chart of Sobol' indices as inline SVG: one group per input, in each group a first-order (S) and a
 * total (ST) bar per method (sampling estimate, closed form, ...) side by side, with the confidence interval as a
 * whisker where the table has one. The y axis spans [min(0, lowest), max(1, highest)] since indices are
 * fractions of variance but sampling estimates can stray outside [0, 1].
 */
final class SobolChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 56;

    /** One bar: its group (input), the index it shows and its interval (NaN when none). */
    record Bar(String input, String method, String index, double value, double low, double high) {
    }

    private final String id;
    private final String title;
    private final List<String> inputs;
    private final List<String> methods;
    private final List<Bar> bars = new ArrayList<>();

    SobolChart(String id, String title, List<String> inputs, List<String> methods) {
        this.id = id;
        this.title = title;
        this.inputs = List.copyOf(inputs);
        this.methods = List.copyOf(methods);
    }

    SobolChart add(Bar bar) {
        bars.add(bar);
        return this;
    }

    String toSvg() {
        double lo = 0;
        double hi = 1;
        for (Bar b : bars) {
            for (double v : new double[] {b.value, b.low, b.high}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double pad = 0.03 * (hi - lo); // room for the whiskers' caps
        double y0 = lo < 0 ? lo - pad : 0;
        double y1 = hi + pad;
        double[] ticks = java.util.Arrays.stream(SvgChart.niceTicks(lo, hi)).filter(t -> t >= y0 && t <= y1)
                .toArray();
        int bottom = HEIGHT - BOTTOM;
        int right = WIDTH - RIGHT;
        StringBuilder svg = new StringBuilder(8192);
        SvgChart.open(svg, id, title, WIDTH, HEIGHT, LEFT);
        for (double t : ticks) {
            double py = py(t, y0, y1);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"/>"
                    + "<text class=\"tick\" x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>", LEFT, py, right, py,
                    LEFT - 5, py + 4, Format.tick(t)));
        }
        svg.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                LEFT, TOP, right - LEFT, bottom - TOP));
        double group = (double) (right - LEFT) / Math.max(1, inputs.size());
        int perGroup = 2 * Math.max(1, methods.size());
        double barWidth = Math.min(28, group * 0.8 / perGroup);
        double zero = py(0, y0, y1);
        for (int g = 0; g < inputs.size(); g++) {
            String input = inputs.get(g);
            double start = LEFT + g * group + (group - perGroup * barWidth) / 2;
            for (Bar b : bars) {
                if (!b.input.equals(input)) {
                    continue;
                }
                int slot = 2 * methods.indexOf(b.method) + (b.index.equals("ST") ? 1 : 0);
                if (slot < 0 || !Double.isFinite(b.value)) {
                    continue;
                }
                double x = start + slot * barWidth;
                double top = py(Math.max(0, b.value), y0, y1);
                double base = py(Math.min(0, b.value), y0, y1);
                svg.append(String.format(Locale.ROOT, "<rect class=\"sobol-bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\""
                        + " height=\"%.2f\" fill=\"%s\" data-input=\"%s\" data-method=\"%s\" data-index=\"%s\""
                        + " data-value=\"%s\"><title>%s %s (%s) = %s</title></rect>", x, top, barWidth - 1,
                        Math.max(0.5, base - top), colour(b.method, b.index), Html.escape(input),
                        Html.escape(b.method), b.index, b.value, b.index, Html.escape(input), Html.escape(b.method),
                        Format.number(b.value)));
                if (Double.isFinite(b.low) && Double.isFinite(b.high)) {
                    double cx = x + (barWidth - 1) / 2;
                    double l = py(b.low, y0, y1);
                    double h = py(b.high, y0, y1);
                    svg.append(String.format(Locale.ROOT, "<path class=\"whisker\" d=\"M%.2f %.2fV%.2fM%.2f %.2fH%.2f"
                            + "M%.2f %.2fH%.2f\" stroke=\"#222\" data-low=\"%s\" data-high=\"%s\"/>", cx, l, h,
                            cx - 3, l, cx + 3, cx - 3, h, cx + 3, b.low, b.high));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s"
                    + "</text>", LEFT + (g + 0.5) * group, bottom + 15, Html.escape(input)));
        }
        svg.append(String.format(Locale.ROOT, "<line class=\"zero\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"/>",
                LEFT, zero, right, zero));
        int lx = LEFT;
        for (String m : methods) {
            for (String index : new String[] {"S", "ST"}) {
                String label = index + " " + m;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>"
                        + "<text class=\"legend-text\" x=\"%d\" y=\"%d\">%s</text>", lx, HEIGHT - 18,
                        colour(m, index), lx + 16, HEIGHT - 9, Html.escape(label)));
                lx += 30 + 7 * label.length();
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private String colour(String method, String index) {
        int m = Math.max(0, methods.indexOf(method));
        return index.equals("ST") ? LIGHT[m % LIGHT.length] : SvgChart.PALETTE[m % SvgChart.PALETTE.length];
    }

    /** Lighter partners of {@link SvgChart#PALETTE}, for total indices. */
    private static final String[] LIGHT = {"#8CC4EA", "#F2AE84", "#7FD6BD", "#E5B9D6", "#F5CF7F", "#AEDAF5",
        "#888888", "#F7F0A0"};

    private static double py(double y, double y0, double y1) {
        return HEIGHT - BOTTOM - (y - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
    }
}
