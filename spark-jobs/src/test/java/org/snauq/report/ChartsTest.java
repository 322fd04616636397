package org.snauq.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Axis labels and label placement of the report's charts (issue 17 point 3: no overlapping labels, one format). */
class ChartsTest {

    /**
     * Least horizontal room a whole-number tick label needs on a small chart: "1,451" in the 11 px tick font is
     * about 28 px wide, plus a gap. More labels than the plot's width allows at this pitch must overlap.
     */
    private static final double LABEL_PITCH_PX = 32;

    /** Paints {@code c} as the page's SVG export would, so XChart computes its ticks. */
    private static List<String> paintedXLabels(Charts.Canvas c) {
        BufferedImage image = new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            c.paint(g, c.getWidth(), c.getHeight());
        } finally {
            g.dispose();
        }
        return c.xTickLabels();
    }

    private static Charts.Canvas sweeps(int count) {
        Charts.Canvas c = Charts.xy("fit", "sweep", "error", Charts.WIDTH, Charts.HEIGHT);
        double[] x = IntStream.rangeClosed(1, count).asDoubleStream().toArray();
        c.addSeries("indicator", x, x);
        Charts.wholeNumbersX(c, 1, count);
        return c;
    }

    @Test
    void modelFitSweeps_478Sweeps_labelsFitTheAxis() {
        // the LPBF model's fit history: 478 sweeps, the rank rising every 8; the axis read "121151181211..." (a
        // label every 30 sweeps, 17 px apart)
        com.fasterxml.jackson.databind.node.ObjectNode perSweep = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        com.fasterxml.jackson.databind.node.ArrayNode sweep = perSweep.putArray("sweep");
        com.fasterxml.jackson.databind.node.ArrayNode rank = perSweep.putArray("rank");
        com.fasterxml.jackson.databind.node.ArrayNode indicator = perSweep.putArray("indicator");
        for (int i = 1; i <= 478; i++) {
            sweep.add(i);
            rank.add(1 + i / 8);
            indicator.add(Math.pow(10, -2.0 * i / 478));
        }
        // XChart lists a tick beyond each end of the axis as well; it draws only those on the axis
        List<String> labels = paintedXLabels((Charts.Canvas) Figures.modelFitSweeps(perSweep, "error")).stream()
                .filter(l -> {
                    double v = Double.parseDouble(l.replace(",", ""));
                    return v >= 1 && v <= 478;
                }).toList();
        assertTrue(labels.size() >= 2, () -> "some labels: " + labels);
        assertTrue(labels.size() <= Charts.WIDTH / LABEL_PITCH_PX, () -> "labels crowd the axis: " + labels);
        for (String label : labels) {
            assertTrue(label.matches("\\d{1,3}(,\\d{3})*"), () -> "a whole number: " + label + " in " + labels);
        }
    }

    @Test
    void wholeNumbersX_fewRanks_distinctWholeNumbers() {
        List<String> labels = paintedXLabels(sweeps(5));
        assertTrue(labels.size() >= 2, () -> "some labels: " + labels);
        assertEquals(labels.size(), new HashSet<>(labels).size(), () -> "no repeated label: " + labels);
        for (String label : labels) {
            assertTrue(label.matches("\\d+"), () -> "a whole number: " + label + " in " + labels);
        }
    }

    @Test
    void packLabels_neighboursTooClose_nextRowOrLeftOut() {
        double[] centres = {10, 15, 100, 12};
        double[] widths = {20, 20, 20, 20};
        // 10 takes row 0; 12 and 15 overlap it: 12 gets row 1, 15 fits nowhere; 100 is clear of everything
        assertArrayEquals(new int[] {0, -1, 0, 1}, Charts.packLabels(centres, widths, 2, 2));
        assertArrayEquals(new int[] {0, -1, 0, -1}, Charts.packLabels(centres, widths, 1, 2));
    }

    @Test
    void logPattern_anyRange_oneNotationForEveryDecade() {
        assertEquals("#,##0", Charts.logPattern(1, 1e6), "counts: whole numbers with separators");
        assertEquals("0.####", Charts.logPattern(1e-4, 1), "plain decimals down to 0.0001");
        assertEquals("0E0", Charts.logPattern(1e-6, 1), "below: scientific for every label, never a mix");
        assertEquals("0E0", Charts.logPattern(0.01, 1e7), "above 10^5 too");
    }
}
