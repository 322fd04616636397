package org.snauq.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.snauq.study.StudyException;

/**
 * {@link UmBridgeLink} against {@link FakeUmBridgeServer}s: answers placed by sample whatever the order they arrive
 * in, the number in flight or the servers; transient failures retried, then reported per sample; protocol errors
 * stop the run at once.
 */
class UmBridgeLinkTest {

    private static final List<String> INPUTS = List.of("x1", "x2", "x3");
    private static final int D = 3;
    private static final int K = 2;
    /** A request timeout short enough for tests of servers that never answer. */
    private static final long SHORT_TIMEOUT = TimeUnit.MILLISECONDS.toNanos(300);

    private static UmBridgeTarget target(List<String> urls, int parallel, int retries) {
        return new UmBridgeTarget("s.yaml: model.umbridge", urls, FakeUmBridgeServer.MODEL, "{\"level\":2}",
                new int[] {2, 1}, new int[] {1, 1}, List.of("y1", "y2"), INPUTS, parallel, retries);
    }

    private static double[] points(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = new double[n * D];
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextDouble(-3, 3);
        }
        return p;
    }

    /** The outputs the fake model gives, computed here. */
    private static double[] expected(double[] points, int n) {
        double[] y = new double[n * K];
        for (int j = 0; j < n; j++) {
            double x1 = points[j * D];
            double x2 = points[j * D + 1];
            double x3 = points[j * D + 2];
            y[j * K] = FakeUmBridgeServer.y1(x1, x2, x3);
            y[j * K + 1] = FakeUmBridgeServer.y2(x1, x2, x3);
        }
        return y;
    }

    /** Failures reported by a call, as "index: reason". */
    private static final class Recorded implements UqModel.Failures {
        final List<String> lines = new ArrayList<>();

        @Override
        public void fail(int j, String reason) {
            lines.add(j + ": " + reason);
        }
    }

    private static double[] evaluate(UmBridgeTarget t, double[] points, int from, int count, Recorded failures,
                                     long timeout) {
        double[] out = new double[(from + count) * K];
        try (UmBridgeLink link = new UmBridgeLink(t)) {
            link.call(points, from, count, out, failures, timeout);
        }
        return out;
    }

    @Test
    void evaluate_answersOutOfOrder_placedBySampleForAnyParallel() throws Exception {
        int n = 120;
        double[] points = points(n, 1);
        try (FakeUmBridgeServer server = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.ANSWER, 0, 5)) {
            Recorded none = new Recorded();
            double[] one = evaluate(target(List.of(server.url()), 1, 0), points, 0, n, none, 0);
            double[] eight = evaluate(target(List.of(server.url()), 8, 0), points, 0, n, none, 0);
            assertArrayEquals(expected(points, n), one, 0.0, "parallel 1: bit for bit the model's values");
            assertArrayEquals(one, eight, 0.0, "parallel 8: the same bits");
            assertEquals(List.of(), none.lines);
            assertEquals(2 * n, server.evaluateCalls.get(), "one request per sample");
            server.configs.forEach(c -> assertEquals("{\"level\":2}", c.toString(), "config passed through"));
        }
    }

    @Test
    void evaluate_partOfTheBuffer_onlyThosePointsWritten() throws Exception {
        double[] points = points(10, 2);
        try (FakeUmBridgeServer server = FakeUmBridgeServer.answering()) {
            double[] out = evaluate(target(List.of(server.url()), 4, 0), points, 3, 5, new Recorded(), 0);
            double[] all = expected(points, 10);
            for (int i = 0; i < out.length; i++) {
                assertEquals(i >= 3 * K && i < 8 * K ? all[i] : 0.0, out[i], 0.0, "out[" + i + "]");
            }
        }
    }

    @Test
    void evaluate_flakyServer_retriedToTheSameBits() throws Exception {
        int n = 100;
        double[] points = points(n, 3);
        try (FakeUmBridgeServer flaky = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.FLAKY, 7, 2)) {
            Recorded failures = new Recorded();
            double[] out = new double[n * K];
            try (UmBridgeLink link = new UmBridgeLink(target(List.of(flaky.url()), 8, 5))) {
                link.call(points, 0, n, out, failures, 0);
                assertEquals(List.of(), failures.lines, "every 7th call fails: never six in a row for one sample");
                assertArrayEquals(expected(points, n), out, 0.0);
                assertEquals(flaky.evaluateCalls.get(), link.requests(), "requests counted");
                assertEquals(flaky.evaluateCalls.get() / 7, link.retries(), "one retry per failed call");
                assertEquals(n, link.answered());
            }
        }
    }

    @Test
    void evaluate_twoServers_requestsSpreadAndSameBits() throws Exception {
        int n = 60;
        double[] points = points(n, 4);
        try (FakeUmBridgeServer a = FakeUmBridgeServer.answering(); FakeUmBridgeServer b = FakeUmBridgeServer.answering()) {
            double[] out = evaluate(target(List.of(a.url(), b.url()), 4, 0), points, 0, n, new Recorded(), 0);
            assertArrayEquals(expected(points, n), out, 0.0);
            assertEquals(n / 2, a.evaluateCalls.get(), "requests alternate between the servers");
            assertEquals(n / 2, b.evaluateCalls.get());
        }
    }

    @Test
    void evaluate_serverNeverAnswers_samplesFailAfterRetries() throws Exception {
        double[] points = points(3, 5);
        try (FakeUmBridgeServer silent = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.NEVER, 0, 0)) {
            Recorded failures = new Recorded();
            evaluate(target(List.of(silent.url()), 8, 1), points, 0, 3, failures, SHORT_TIMEOUT);
            assertEquals(3, failures.lines.size(), failures.lines.toString());
            for (int j = 0; j < 3; j++) {
                assertEquals(j + ": no answer within 0.3 s from " + silent.url() + " (2 attempts)",
                        failures.lines.get(j));
            }
            assertEquals(6, silent.evaluateCalls.get(), "1 + retries requests per sample");
        }
    }

    @Test
    void evaluate_serverClosesConnections_samplesFailWithTheReason() throws Exception {
        double[] points = points(2, 6);
        try (FakeUmBridgeServer closing = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.CLOSE, 0, 0)) {
            Recorded failures = new Recorded();
            evaluate(target(List.of(closing.url()), 2, 2), points, 0, 2, failures, 0);
            assertEquals(2, failures.lines.size(), failures.lines.toString());
            for (String line : failures.lines) {
                assertTrue(line.contains(": connection lost (") && line.endsWith(" from " + closing.url()
                        + " (3 attempts)"), line);
            }
        }
    }

    @Test
    void evaluate_invalidOutputWith500_stopsAtOnceNamingModelInputsAndMessage() throws Exception {
        double[] points = {0.5, -1.0, 2.0, 1, 1, 1};
        try (FakeUmBridgeServer invalid = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.INVALID_OUTPUT, 0, 0)) {
            StudyException e = assertThrows(StudyException.class, () -> evaluate(
                    target(List.of(invalid.url()), 1, 3), points, 0, 1, new Recorded(), 0));
            assertEquals("s.yaml: model.umbridge: sim at " + invalid.url() + " answered InvalidOutput for x1 = 0.5,"
                    + " x2 = -1.0, x3 = 2.0: Output vector 0 has invalid length! Model declared 1 but returned 2.",
                    e.getMessage());
            assertEquals(1, invalid.evaluateCalls.get(), "a protocol error is not retried");
        }
    }

    @Test
    void evaluate_outputOfTheWrongShape_stopsNamingTheProblem() throws Exception {
        try (FakeUmBridgeServer wrong = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.WRONG_SHAPE, 0, 0)) {
            StudyException e = assertThrows(StudyException.class, () -> evaluate(
                    target(List.of(wrong.url()), 2, 3), points(4, 7), 0, 4, new Recorded(), 0));
            assertTrue(e.getMessage().startsWith("s.yaml: model.umbridge: sim at " + wrong.url() + " broke the"
                    + " UM-Bridge protocol answering x1 = "), e.getMessage());
            assertTrue(e.getMessage().endsWith(": output must be a list of 2 vectors (OutputSizes [1, 1]), got"
                    + " [[" + e.getMessage().split("\\[\\[")[1]), e.getMessage());
        }
    }

    @Test
    void evaluate_answerNotJson_sampleFailsWithoutRetry() throws Exception {
        try (FakeUmBridgeServer nan = new FakeUmBridgeServer(FakeUmBridgeServer.Mode.NOT_JSON, 0, 0)) {
            Recorded failures = new Recorded();
            evaluate(target(List.of(nan.url()), 1, 3), points(1, 8), 0, 1, failures, 0);
            assertEquals(1, failures.lines.size());
            assertTrue(failures.lines.get(0).startsWith("0: the answer is not JSON ("), failures.lines.get(0));
            assertEquals(1, nan.evaluateCalls.get(), "not retried");
        }
    }
}
