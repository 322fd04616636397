package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rebinning a fine grid is exact: every count equals a direct count of the same values against the edges it
 * reports, the outer edges are the data's min and max, and the inner edges are within half a grid cell of equal
 * spacing; where exactness is out of reach it declines (null) rather than approximate.
 */
class GridRebinningTest {

    /** The grid of a run (OnePassHistogram.CELLS in spark-jobs). */
    private static final int CELLS = 1 << 16;
    private static final int BINS = 64;

    /** Counts of values in [edges[b], edges[b + 1]), the last bin closed: the definition, counted directly. */
    private static long[] directCounts(double[] values, double[] edges) {
        long[] c = new long[edges.length - 1];
        for (double v : values) {
            for (int b = 0; b < c.length; b++) {
                boolean last = b == c.length - 1;
                if (v >= edges[b] && (v < edges[b + 1] || last && v <= edges[b + 1])) {
                    c[b]++;
                    break;
                }
            }
        }
        return c;
    }

    private static void assertExactAndNearEqual(double[] values, HistogramAccumulator cells, GridRebinning bins) {
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        double[] e = bins.edges();
        assertEquals(min, e[0], 0.0);
        assertEquals(max, e[BINS], 0.0);
        assertArrayEquals(directCounts(values, e), bins.counts());
        assertEquals(values.length, Arrays.stream(bins.counts()).sum());
        double h = (cells.lower(CELLS) - cells.lower(0)) / CELLS;
        for (int b = 1; b < BINS; b++) {
            assertTrue(e[b] > e[b - 1]);
            // half a cell, plus rounding of the edge arithmetic
            assertEquals(min + b * (max - min) / BINS, e[b], 0.5 * h * (1 + 1e-9), "edge " + b);
        }
    }

    @Test
    void of_normalValues_countsEqualDirectCount() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] values = new double[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 3.0 + 2.0 * rng.nextGaussian();
        }
        HistogramAccumulator cells = new HistogramAccumulator(-20, 25, CELLS);
        cells.accept(values, 0, values.length);
        GridRebinning bins = GridRebinning.of(cells, values.length,
                Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow(), BINS);
        assertNotNull(bins);
        assertExactAndNearEqual(values, cells, bins);
    }

    @Test
    void of_valuesOnCellEdges_countedInTheUpperBin() {
        // values placed exactly on the grid's cell edges: the cell (and bin) is decided by the reported edges
        HistogramAccumulator cells = new HistogramAccumulator(0, 1, CELLS);
        double[] values = new double[CELLS + 1];
        for (int j = 0; j <= CELLS; j++) {
            values[j] = cells.lower(j);
        }
        cells.accept(values, 0, values.length);
        GridRebinning bins = GridRebinning.of(cells, values.length, 0.0, 1.0, BINS);
        assertNotNull(bins);
        assertExactAndNearEqual(values, cells, bins);
    }

    @Test
    void of_valueOutsideGrid_declines() {
        HistogramAccumulator cells = new HistogramAccumulator(0, 1, CELLS);
        double[] values = {0.1, 0.5, 0.9, 1.5};
        cells.accept(values, 0, values.length);
        assertNull(GridRebinning.of(cells, values.length, 0.1, 1.5, BINS));
    }

    @Test
    void of_nanOutput_declines() {
        HistogramAccumulator cells = new HistogramAccumulator(0, 1, CELLS);
        double[] values = {0.0, 1.0, Double.NaN};
        cells.accept(values, 0, values.length);
        assertNull(GridRebinning.of(cells, values.length, 0.0, 1.0, BINS));
    }

    @Test
    void of_dataSpanFewCells_declines() {
        HistogramAccumulator cells = new HistogramAccumulator(0, 1, CELLS);
        double[] values = {0.5, 0.5 + 10.0 / CELLS}; // 10 cells, far fewer than 64 per bin
        cells.accept(values, 0, values.length);
        assertNull(GridRebinning.of(cells, values.length, values[0], values[1], BINS));
    }

    @Test
    void gridRange_pilotRange_widenedByItsWidthEachSide() {
        assertArrayEquals(new double[] {-1.0, 5.0}, GridRebinning.gridRange(1.0, 3.0), 0.0);
    }

    @Test
    void gridRange_constantOrNanPilot_null() {
        assertNull(GridRebinning.gridRange(2.0, 2.0));
        assertNull(GridRebinning.gridRange(Double.NaN, Double.NaN));
    }
}
