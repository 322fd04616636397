package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link ValidationSplit}: a pure function of (seed, row index), whatever else the rows are split into. */
class ValidationSplitTest {

    /** Binomial counts: within 5 standard deviations, sqrt(N f (1 - f)) (a 6e-7 two-sided chance to fail). */
    private static final double SIGMAS = 5.0;

    @Test
    void split_anySeed_partitionsRowsAsAPureFunctionOfSeedAndIndex() {
        ValidationSplit s = new ValidationSplit(0.2, 7);
        int[][] a = s.split(1000);
        int[][] b = new ValidationSplit(0.2, 7).split(1000);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        assertFalse(Arrays.equals(a[1], new ValidationSplit(0.2, 8).split(1000)[1]));
        boolean[] seen = new boolean[1000];
        for (int side = 0; side < 2; side++) {
            for (int j : a[side]) {
                assertFalse(seen[j], "row " + j + " on both sides");
                seen[j] = true;
                assertEquals(side == 1, s.isValidation(j), "row " + j + " decided alone");
            }
        }
        for (boolean v : seen) {
            assertTrue(v);
        }
        assertTrue(Math.abs(a[1].length - 200) <= SIGMAS * Math.sqrt(1000 * 0.2 * 0.8), "held out " + a[1].length);
    }

    @Test
    void split_fewerRows_sameDecisionForEveryRowItHas() {
        ValidationSplit s = new ValidationSplit(0.3, 11);
        int[][] all = s.split(5000);
        int[][] head = s.split(1234);
        assertArrayEquals(Arrays.stream(all[1]).filter(j -> j < 1234).toArray(), head[1]);
    }

    @Test
    void split_twoRows_bothSidesNonEmpty() {
        for (long seed = 0; seed < 50; seed++) {
            for (double fraction : new double[] {0.01, 0.5, 0.99}) {
                int[][] parts = new ValidationSplit(fraction, seed).split(2);
                assertEquals(1, parts[0].length, "seed " + seed + ", fraction " + fraction);
                assertEquals(1, parts[1].length, "seed " + seed + ", fraction " + fraction);
            }
        }
    }

    @Test
    void foldSplit_kFolds_partitionTheRowsWithBinomialSizes() {
        ValidationSplit s = new ValidationSplit(0.2, 3);
        int rows = 2000;
        int k = 5;
        int[] owner = new int[rows];
        Arrays.fill(owner, -1);
        for (int f = 0; f < k; f++) {
            int[][] parts = s.foldSplit(rows, k, f);
            assertEquals(rows, parts[0].length + parts[1].length);
            assertTrue(Math.abs(parts[1].length - rows / k) <= SIGMAS * Math.sqrt(rows * 0.2 * 0.8),
                    "fold " + f + " holds " + parts[1].length);
            for (int j : parts[1]) {
                assertEquals(-1, owner[j], "row " + j + " in two folds");
                owner[j] = f;
                assertEquals(f, s.fold(j, k));
            }
        }
        assertTrue(Arrays.stream(owner).allMatch(f -> f >= 0));
    }

    @Test
    void new_badFraction_namesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ValidationSplit(1.0, 1));
        assertEquals("validation fraction must be in (0, 1), got 1.0", e.getMessage());
    }
}
