package org.snauq.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Progress lines: the samples (or blocks) of each task's slice, and the time left (elapsed x work left / work done,
 * rounded for reading).
 */
class BlockProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void timeLeft_aQuarterDoneIn20s_about60sLeft() {
        assertEquals("about 1 min 00 s", BlockProgress.timeLeft(20 * SECOND, 4, 16));
    }

    @Test
    void timeLeft_nearlyDone_underASecond() {
        assertEquals("under a second", BlockProgress.timeLeft(10 * SECOND, 999, 1000));
    }

    @Test
    void perSlice_1200RowsInBlocksOf256OnTwoSlices_rowsOfEachSliceSumToN() {
        // blocks 0, 1 | 2, 3, 4 (p B / S); the last block holds 1200 - 4 x 256 = 176 rows
        long[] rows = BlockProgress.perSlice(5, 2, b -> Math.min(256, 1200 - 256 * b));
        assertArrayEquals(new long[] {512, 256 + 256 + 176}, rows);
    }

    @Test
    void perSlice_blocks_theSliceSizesOfParallelize() {
        assertArrayEquals(new long[] {2, 2, 3}, BlockProgress.perSlice(7, 3, b -> 1));
    }

    @Test
    void duration_anyLength_roundedForReading() {
        assertEquals("12 s", BlockProgress.duration(12.4));
        assertEquals("3 min 05 s", BlockProgress.duration(185));
        assertEquals("2 h 07 min", BlockProgress.duration(2 * 3600 + 7 * 60 + 20));
    }
}
