package org.snauq.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's XChart charts: one look for all of them (white plot, light solid grid, Okabe-Ito colours,
 * plain tick labels) and their export as inline SVG through XChart's VectorGraphics2D
 * encoder.
 *
 * <p>XChart draws text as glyph outlines, so the SVG carries the chart's title as {@code <title>} and
 * {@code aria-label}, and its legend's series names as {@code <desc>}. The export keeps the SVG small and valid
 * inline in HTML: no XML prolog or doctype, two decimals in coordinates (a hundredth of a pixel), and ids made
 * unique per chart and the same on every render (VectorGraphics2D numbers its clip paths by hash code).
 *
 * <p>Charts need no display: {@code java.awt.headless} is set to true before the first chart unless the JVM was
 * started with a value.
 */
final class Charts {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // `sna run` and tests run without a display
        }
    }

    /** Colour-blind safe palette (Okabe and Ito). */
    static final Color[] PALETTE = {rgb(0x0072B2), rgb(0xD55E00), rgb(0x009E73), rgb(0xCC79A7), rgb(0xE69F00),
        rgb(0x56B4E9), rgb(0x000000), rgb(0xF0E442)};
    /** Lighter partners of {@link #PALETTE} (for total indices beside first-order ones). */
    static final Color[] LIGHT = {rgb(0x8CC4EA), rgb(0xF2AE84), rgb(0x7FD6BD), rgb(0xE5B9D6), rgb(0xF5CF7F),
        rgb(0xAEDAF5), rgb(0x888888), rgb(0xF7F0A0)};

    /**
     * Size the small charts are drawn at: three to a row of a 1,280 px page at about their own size; the page
     * scales them to its columns (SVG), so wider pages show them larger, never smaller than 360 px.
     */
    static final int WIDTH = 420;
    static final int HEIGHT = 310;
    /** Charts spanning two columns (Sobol' indices, the design map). */
    static final int WIDE_WIDTH = 860;

    static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);
    static final BasicStroke RULE = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {3f, 3f}, 0f);

    private static final String FONT = Font.SANS_SERIF;
    /** Enough digits that two ticks never share a label, few enough to hide binary noise (0.30000000000000004). */
    private static final MathContext TICK_DIGITS = new MathContext(12);
    /** XChart's default distance between x ticks, in pixels. */
    private static final int DEFAULT_TICK_SPACING = 74;
    /** Up to this many equally spaced x values, a tick at each (or every k-th) value reads well. */
    static final int FEW_WHOLE_NUMBERS = 12;
    private static final Pattern DECIMALS = Pattern.compile("-?\\d+\\.\\d{3,}");
    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");

    private Charts() {
    }

    static Color rgb(int rgb) {
        return new Color(rgb);
    }

    static Canvas xy(String title, String xLabel, String yLabel, int width, int height) {
        Canvas c = new Canvas(new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel));
        style(c.getStyler());
        c.getStyler().setxAxisTickLabelsFormattingFunction(Charts::tick);
        c.getStyler().setyAxisTickLabelsFormattingFunction(Charts::tick);
        return c;
    }

    static CategoryChart category(String title, String xLabel, String yLabel, int width, int height) {
        CategoryChart c = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(c.getStyler());
        return c;
    }

    /**
     * Tick label of a linear axis: the value to 12 significant digits, plain (XChart's own patterns drop the
     * leading zero, ".5"). It must tell every two ticks apart: XChart widens the tick spacing until the labels
     * differ, and a labelling function that repeats one makes it search forever.
     */
    static String tick(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        String s = new BigDecimal(v).round(TICK_DIGITS).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /**
     * Logarithmic y axis over [lo, hi] (decades) with XChart's own ticks (a labelling function would get linear
     * ones) in one notation for every label: plain decimals when all of them fit
     * ({@link #PLAIN_LOW} to {@link #PLAIN_HIGH}), else scientific for all ("1E-6"), never a mix.
     */
    static void logY(XYChart c, double lo, double hi) {
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmicDecadeOnly(true);
        c.getStyler().setyAxisTickLabelsFormattingFunction(null);
        c.getStyler().setYAxisMin(lo);
        c.getStyler().setYAxisMax(hi);
        c.getStyler().setYAxisDecimalPattern(logPattern(lo, hi));
    }

    /** Logarithmic x axis over [lo, hi] with labels in one notation (see {@link #logY}). */
    static void logX(XYChart c, double lo, double hi) {
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setXAxisLogarithmicDecadeOnly(true);
        c.getStyler().setxAxisTickLabelsFormattingFunction(null);
        c.getStyler().setXAxisMin(lo);
        c.getStyler().setXAxisMax(hi);
        c.getStyler().setXAxisDecimalPattern(logPattern(lo, hi));
    }

    /** Smallest and largest decade labelled in plain decimals ("0.0001", "100,000" would be too long). */
    static final double PLAIN_LOW = 1e-4;
    static final double PLAIN_HIGH = 1e5;

    /** Largest decade of an axis of counts labelled in full, with thousands separators ("1,000,000"). */
    static final double COUNTS_HIGH = 1e9;

    /**
     * The DecimalFormat pattern labelling every decade of [lo, hi] in one notation: whole numbers with
     * separators for axes of counts (lo >= 1), plain decimals between {@link #PLAIN_LOW} and
     * {@link #PLAIN_HIGH}, else scientific.
     */
    static String logPattern(double lo, double hi) {
        if (lo >= 1 && hi <= COUNTS_HIGH) {
            return "#,##0";
        }
        if (lo >= PLAIN_LOW && hi <= PLAIN_HIGH) {
            int decimals = (int) Math.max(0, Math.round(-Math.log10(lo)));
            return decimals == 0 ? "0" : "0." + "#".repeat(decimals);
        }
        return "0E0";
    }

    /**
     * An x axis of whole numbers from {@code lo} to {@code hi} (ranks, sweeps): ticks at least a unit apart and
     * whole numbers with thousands separators.
     */
    static void wholeNumbersX(XYChart c, double lo, double hi) {
        double plot = c.getWidth() * 0.75; // the plot's share of the chart, roughly
        if (hi > lo) {
            c.getStyler().setXAxisTickMarkSpacingHint((int) Math.max(DEFAULT_TICK_SPACING, plot / (hi - lo) + 1));
        }
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9
                ? Format.integer(Math.round(v)) : tick(v));
    }

    /**
     * Round x ticks (1, 2 or 5 times a power of ten apart) for a series at many equally spaced x values (sweeps,
     * ranks): XChart ticks such an axis at its data values, every k-th one packed edge to edge ("121151181..."
     * for 478 sweeps); one hidden point at {@code (x + 0.5, y)}, between two of them, turns that off. Nothing to
     * do for up to {@link #FEW_WHOLE_NUMBERS} values.
     *
     * @param x     a data value of the axis, with {@code x + 0.5} inside its range
     * @param y     a value inside the chart's y range (drawn nowhere)
     * @param count how many equally spaced x values the chart has
     */
    static void roundTicksX(XYChart c, double x, double y, int count) {
        if (count <= FEW_WHOLE_NUMBERS || !Double.isFinite(y)) {
            return;
        }
        XYSeries s = c.addSeries(" round ticks", new double[] {x + 0.5}, new double[] {y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    private static void style(AxesChartStyler s) {
        s.setLocale(Locale.ROOT);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(rgb(0x888888));
        s.setPlotGridLinesColor(rgb(0xE6E6E6));
        s.setPlotGridLinesStroke(new BasicStroke(1f)); // solid: a dashed stroke is exported as its outline
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 13));
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(4);
        s.setChartPadding(6);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 11));
        s.setAxisTickLabelsColor(rgb(0x444444));
        s.setAxisTickMarksColor(rgb(0x888888));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 11));
        s.setLegendBorderColor(rgb(0xCCCCCC));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 217));
        s.setLegendPadding(4);
        s.setLegendSeriesLineLength(18);
        s.setAnnotationTextFont(new Font(FONT, Font.PLAIN, 10));
        s.setAnnotationLineStroke(RULE);
        s.setSeriesColors(PALETTE);
        s.setMarkerSize(7);
        s.setToolTipsEnabled(false);
    }

    /**
     * An XY chart that draws overlays after XChart has drawn it, when screen positions of data values are known
     * ({@link #getScreenXFromChart}): labels placed so they never overlap, a colour bar in a strip kept free on
     * the right. The exported SVG has the whole width.
     */
    static final class Canvas extends XYChart {

        /** Drawing on top of the finished chart. */
        interface Overlay {
            void paint(Graphics2D g, Canvas chart);
        }

        private final List<Overlay> overlays = new ArrayList<>();
        private int rightStrip;

        Canvas(XYChartBuilder builder) {
            super(builder);
        }

        void overlay(Overlay o) {
            overlays.add(o);
        }

        /** Keeps {@code pixels} on the right free of XChart's drawing, for an overlay. */
        void reserveRight(int pixels) {
            rightStrip = pixels;
        }

        int rightStrip() {
            return rightStrip;
        }

        /** The x axis's tick labels, once painted (tests check that they do not crowd). */
        List<String> xTickLabels() {
            return axisPair.getXAxis().getAxisTickCalculator().getTickLabels();
        }

        /** The plot area in screen coordinates, once painted. */
        Rectangle2D plotBounds() {
            return plot.getBounds();
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            super.paint(g, width - rightStrip, height);
            setWidth(width);
            if (rightStrip > 0) {
                g.setColor(Color.WHITE);
                g.fill(new Rectangle2D.Double(width - rightStrip, 0, rightStrip, height));
            }
            for (Overlay o : overlays) {
                o.paint(g, this);
            }
        }
    }

    /** How text is anchored at its point. */
    enum Anchor {
        LEFT, CENTRE, RIGHT
    }

    /**
     * Text drawn as glyph outlines (as XChart draws its own, so the SVG looks the same everywhere), with its
     * baseline at y.
     */
    static void text(Graphics2D g, String s, Font font, Color colour, double x, double y, Anchor anchor) {
        TextLayout layout = new TextLayout(s, font, g.getFontRenderContext());
        double w = layout.getBounds().getWidth();
        double left = switch (anchor) {
            case LEFT -> x;
            case CENTRE -> x - w / 2;
            case RIGHT -> x - w;
        };
        g.setColor(colour);
        g.fill(layout.getOutline(AffineTransform.getTranslateInstance(left, y)));
    }

    /** Width of {@code s} in pixels when drawn by {@link #text}. */
    static double textWidth(Graphics2D g, String s, Font font) {
        return new TextLayout(s, font, g.getFontRenderContext()).getBounds().getWidth();
    }

    /**
     * Rows for labels centred at {@code centres} with the given widths so that no two in a row come closer than
     * {@code gap}: each label, from left to right, takes the first row where it fits; -1 when none of the
     * {@code rows} has room (the label is left out; the page's table has every value).
     */
    static int[] packLabels(double[] centres, double[] widths, int rows, double gap) {
        Integer[] order = new Integer[centres.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(centres[a], centres[b]));
        double[] rightEnd = new double[rows];
        Arrays.fill(rightEnd, Double.NEGATIVE_INFINITY);
        int[] row = new int[centres.length];
        for (int i : order) {
            row[i] = -1;
            double left = centres[i] - widths[i] / 2;
            for (int r = 0; r < rows; r++) {
                if (left >= rightEnd[r] + gap) {
                    row[i] = r;
                    rightEnd[r] = centres[i] + widths[i] / 2;
                    break;
                }
            }
        }
        return row;
    }

    /** A hollow circle, to ring a point without hiding its colour. */
    static final class Ring extends Marker {
        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.setStroke(new BasicStroke(2.5f));
            double r = markerSize * 0.8;
            g.draw(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
    }

    /**
     * The chart as an {@code <svg>} element for an HTML page.
     *
     * @param chart the chart; one without series gets a "no data" note
     * @param name  unique on the page: prefixes the SVG's internal ids
     * @param label what the chart shows, for {@code <title>} and {@code aria-label}
     */
    static String svg(Chart<?, ?> chart, String name, String label) {
        if (chart.getSeriesMap().isEmpty()) {
            chart.addAnnotation(new AnnotationText("no data", chart.getWidth() / 2.0 - 24, chart.getHeight() / 2.0,
                    true));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export chart " + name + " as SVG", e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        int root = svg.indexOf("<svg");
        int body = svg.indexOf('>', root) + 1;
        int end = svg.lastIndexOf("</svg>");
        if (root < 0 || body <= root || end < body) {
            throw new IllegalStateException("chart " + name + ": VectorGraphics2D wrote no <svg> element");
        }
        String content = uniqueIds(roundDecimals(svg.substring(body, end).trim()), name);
        List<String> series = new ArrayList<>();
        for (Object s : chart.getSeriesMap().values()) {
            if (((Series) s).isShowInLegend()) {
                series.add(((Series) s).getName());
            }
        }
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""
                + " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\"><title>%s</title>",
                chart.getWidth(), chart.getHeight(), chart.getWidth(), chart.getHeight(), Html.escape(label),
                Html.escape(label))
                + (series.isEmpty() ? "" : "<desc>" + Html.escape("Series: " + String.join(", ", series)) + "</desc>")
                + content + "</svg>";
    }

    /** Numbers with three or more decimals rounded to two. */
    private static String roundDecimals(String svg) {
        Matcher m = DECIMALS.matcher(svg);
        StringBuilder b = new StringBuilder(svg.length());
        while (m.find()) {
            String r = String.format(Locale.ROOT, "%.2f", Double.parseDouble(m.group()));
            r = r.replaceAll("\\.?0+$", "");
            m.appendReplacement(b, r.equals("-0") ? "0" : r);
        }
        return m.appendTail(b).toString();
    }

    /** Every {@code id} renamed to {@code <name>-<k>} in order of appearance, and its references with it. */
    private static String uniqueIds(String svg, String name) {
        Map<String, String> ids = new LinkedHashMap<>();
        Matcher m = ID.matcher(svg);
        while (m.find()) {
            ids.putIfAbsent(m.group(1), name + "-" + ids.size());
        }
        String out = svg;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            out = out.replace("id=\"" + e.getKey() + "\"", "id=\"" + e.getValue() + "\"")
                    .replace("url(#" + e.getKey() + ")", "url(#" + e.getValue() + ")");
        }
        return out;
    }
}
