package org.snauq.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The time left in progress lines: elapsed x blocks left / blocks done, rounded for reading. */
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
    void duration_anyLength_roundedForReading() {
        assertEquals("12 s", BlockProgress.duration(12.4));
        assertEquals("3 min 05 s", BlockProgress.duration(185));
        assertEquals("2 h 07 min", BlockProgress.duration(2 * 3600 + 7 * 60 + 20));
    }
}
