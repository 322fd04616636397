package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Inconel 718 acceptance case of issue 13 ({@link InvertAcceptance}) at a reduced count: {@value #SETS} sets
 * inverted through {@code sna invert --observations} from the k(T) reference's observations with 1 % noise, the
 * likelihood with the model error measured on {@value #SETS} other sets. The targets at 200 sets are a MAP
 * within 2 % (median) and 5 % (worst) and 95 % intervals covering the truth in 93-97 % of the sets; here fewer sets
 * and 4,000 draws each (10,000 in the full run), so wider bands. About 10 s of inversions on two threads: the
 * reason for the test's length.
 */
class InvertAcceptanceTest {

    static final int SETS = 40;
    /** Median MAP error: the 200-set target 2 % plus 1 % for a median of 40 (its sd there is ~0.2 %). */
    static final double MEDIAN_TOL = 0.03;
    /** Worst MAP error: 5 % at 200 sets; the worst of 40 is about the 97.5th percentile there, below it. */
    static final double WORST_TOL = 0.05;
    /**
     * Lowest coverage of the 95 % intervals: a count of 40 at 95 % has sd 3.4 %, so 85 % is 2.9 sd below; 100 % is
     * possible (38 of 40 are expected).
     */
    static final double COVERAGE_LOW = 0.85;
    /** Split R-hat of the shortened chains (1,000 draws each): Gelman and Rubin's classic 1.1. */
    static final double RHAT_TOL = 1.1;

    @TempDir
    Path dir;

    @Test
    void invert_inconel718FromTheReference_mapErrorsAndCoverageWithinTheBands() throws Exception {
        List<double[]> reference = InvertAcceptance.reference();
        double[] modelError = InvertAcceptance.modelError(reference, IntStream.range(SETS, 2 * SETS).toArray());
        InvertAcceptance.Summary s = InvertAcceptance.run(dir, reference, IntStream.range(0, SETS).toArray(),
                modelError, 4_000, 1_000);
        System.out.println("InvertAcceptanceTest: " + s);
        assertEquals(Map.of("converged", (long) SETS), s.status(), s::toString);
        assertTrue(s.maxRhat() < RHAT_TOL, s::toString);
        for (int j = 0; j < 2; j++) {
            assertTrue(s.median()[j] <= MEDIAN_TOL, s::toString);
            assertTrue(s.worst()[j] <= WORST_TOL, s::toString);
            assertTrue(s.coverage()[j] >= COVERAGE_LOW, s::toString);
        }
    }
}
