package org.snauq.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The failure isolation of {@link ExternalEvaluator} against links that break the way programs do: a point fails
 * exactly when it fails alone, whatever call it came in, with a bounded number of extra calls.
 */
class ExternalEvaluatorTest {

    /** y = 3 x + 1 for a point x; "bad" points (x in a set) break any call that contains them. */
    static final class FakeLink implements ExternalLink {
        final boolean streaming;
        final java.util.Set<Integer> bad;
        int calls;
        int resets;
        int transientLeft;

        /**
         * @param streaming answers point by point until the first bad one (a line-by-line program); else answers
         *                  nothing when the call holds a bad point (a program that answers in bulk)
         */
        FakeLink(boolean streaming, java.util.Set<Integer> bad) {
            this.streaming = streaming;
            this.bad = bad;
        }

        @Override
        public Reply call(double[] points, int from, int count, double[] out, UqModel.Failures failures, long t) {
            calls++;
            if (transientLeft > 0) {
                transientLeft--;
                return Reply.broken(0, "transient");
            }
            int firstBad = -1;
            for (int j = 0; j < count; j++) {
                if (bad.contains((int) points[from + j])) {
                    firstBad = j;
                    break;
                }
            }
            int answered = firstBad < 0 ? count : streaming ? firstBad : 0;
            for (int j = 0; j < answered; j++) {
                out[from + j] = 3 * points[from + j] + 1;
            }
            return answered == count ? Reply.complete(count) : Reply.broken(answered, "exit code 3");
        }

        @Override
        public void reset() {
            resets++;
        }

        @Override
        public void close() {
        }
    }

    /** Outputs and failures of one evaluation of points 0..n-1 cut into calls of {@code call} points. */
    private static TreeMap<Integer, String> evaluate(FakeLink link, int n, int call, double[] out, int retries) {
        double[] points = new double[n];
        for (int j = 0; j < n; j++) {
            points[j] = j;
        }
        TreeMap<Integer, String> failed = new TreeMap<>();
        ExternalEvaluator e = new ExternalEvaluator(link, 0, retries);
        for (int from = 0; from < n; from += call) {
            int count = Math.min(call, n - from);
            double[] part = Arrays.copyOfRange(points, from, from + count);
            double[] partOut = new double[count];
            int base = from;
            e.evaluate(part, count, partOut, (j, reason) -> failed.put(base + j, reason));
            System.arraycopy(partOut, 0, out, from, count);
        }
        return failed;
    }

    @ParameterizedTest(name = "streaming: {0}")
    @ValueSource(booleans = {true, false})
    void evaluate_randomBadPointsAnyCallSize_failsExactlyTheBadOnes(boolean streaming) {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            int n = 1 + rnd.nextInt(300);
            java.util.Set<Integer> bad = new java.util.TreeSet<>();
            int f = rnd.nextInt(6);
            for (int i = 0; i < f; i++) {
                bad.add(rnd.nextInt(n));
            }
            double[] whole = new double[n];
            double[] cut = new double[n];
            TreeMap<Integer, String> a = evaluate(new FakeLink(streaming, bad), n, n, whole, 0);
            TreeMap<Integer, String> b = evaluate(new FakeLink(streaming, bad), n, 1 + rnd.nextInt(n), cut, 0);
            assertEquals(bad, a.keySet(), "round " + round);
            assertEquals(a, b, "the same failures whatever the calls");
            for (int j = 0; j < n; j++) {
                if (!bad.contains(j)) {
                    assertEquals(3.0 * j + 1, whole[j], 0.0);
                    assertEquals(3.0 * j + 1, cut[j], 0.0);
                }
            }
            a.values().forEach(r -> assertEquals("exit code 3", r));
        }
    }

    @Test
    void evaluate_streamingProgram_oneExtraCallPerFailedPoint() {
        FakeLink link = new FakeLink(true, java.util.Set.of(10, 500, 900));
        evaluate(link, 1000, 1000, new double[1000], 0);
        // 1 call + per failed point: the point alone, then the rest in one call
        assertEquals(1 + 3 * 2, link.calls);
    }

    @Test
    void evaluate_bulkProgram_logarithmicCallsPerFailedPoint() {
        FakeLink link = new FakeLink(false, java.util.Set.of(700));
        evaluate(link, 1024, 1024, new double[1024], 0);
        // each level of the bisection costs a suspect alone and two halves: well below 3 log2(1024) calls
        assertTrue(link.calls <= 3 * 10 + 1, "calls: " + link.calls);
    }

    @Test
    void evaluate_transientBreak_retriedAndAnswered() {
        FakeLink link = new FakeLink(true, java.util.Set.of());
        link.transientLeft = 2; // the call, then the point alone once
        double[] out = new double[1];
        TreeMap<Integer, String> failed = evaluate(link, 1, 1, out, 2);
        assertEquals(java.util.Map.of(), failed);
        assertArrayEquals(new double[] {1.0}, out);
        assertEquals(3, link.calls);
        assertEquals(2, link.resets, "a link is reset after each broken call");
    }

    @Test
    void evaluate_pointBreaksEveryAttempt_failedWithAttemptCount() {
        FakeLink link = new FakeLink(true, java.util.Set.of(0));
        TreeMap<Integer, String> failed = evaluate(link, 1, 1, new double[1], 2);
        assertEquals("exit code 3 (3 attempts)", failed.get(0));
        assertEquals(3, link.calls, "1 + retries calls of a point alone");
    }
}
