package org.snauq.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snauq.study.StudyException;

/** The driver's check of a UM-Bridge model, against {@link FakeUmBridgeServer}: each mismatch one line. */
class UmBridgeProbeTest {

    private static final String WHERE = "s.yaml: model.umbridge";
    private static final List<String> INPUTS = List.of("x1", "x2", "x3");

    private static UmBridgeTarget check(List<String> urls, String name, List<String> inputs, List<String> outputs) {
        return UmBridgeProbe.check(WHERE, urls, name, "{\"a\":[1,2]}", inputs, outputs, 4, 2);
    }

    private static String fails(List<String> urls, String name, List<String> inputs, List<String> outputs) {
        return assertThrows(StudyException.class, () -> check(urls, name, inputs, outputs)).getMessage();
    }

    @Test
    void check_matchingModel_targetWithSizesAndDefaultOutputNames() throws IOException {
        try (FakeUmBridgeServer server = FakeUmBridgeServer.answering()) {
            UmBridgeTarget t = check(List.of(server.url()), "sim", INPUTS, List.of());
            assertArrayEquals(new int[] {2, 1}, t.inputSizes());
            assertArrayEquals(new int[] {1, 1}, t.outputSizes());
            assertEquals(List.of("y1", "y2"), t.outputs(), "y1 .. yK when outputs are not named");
            assertEquals("{\"a\":[1,2]}", t.config());
            assertEquals(List.of(server.url()), t.urls());
            assertEquals(List.of("d", "w"), check(List.of(server.url()), "sim", INPUTS, List.of("d", "w")).outputs());
        }
    }

    @Test
    void check_nameOmitted_theServersOnlyModelOrAnError() throws IOException {
        try (FakeUmBridgeServer server = FakeUmBridgeServer.answering()) {
            assertEquals(WHERE + ".url: " + server.url() + ": the server serves models sim, other; name the one to"
                    + " use (name: ...)", fails(List.of(server.url()), null, INPUTS, List.of()));
        }
    }

    @Test
    void check_unreachableUrl_oneLineNamingItAtOnce() throws IOException {
        String url = FakeUmBridgeServer.nobodyListening();
        long t0 = System.nanoTime();
        String m = fails(List.of(url), "sim", INPUTS, List.of());
        assertTrue(System.nanoTime() - t0 < UmBridgeClient.CONNECT_TIMEOUT.toNanos(), "within the connect timeout");
        assertTrue(m.startsWith(WHERE + ".url: " + url + ": cannot reach the server: cannot connect ("), m);
    }

    @Test
    void check_eachMismatch_namesItAndTheUrl() throws IOException {
        try (FakeUmBridgeServer server = FakeUmBridgeServer.answering()) {
            List<String> url = List.of(server.url());
            String at = WHERE + ".url: " + server.url() + ": ";
            assertEquals(at + "the server does not serve a model named 'forward'; it serves sim, other",
                    fails(url, "forward", INPUTS, List.of()));
            assertEquals(WHERE + ": model sim at " + server.url() + " takes 3 inputs (InputSizes [2, 1]), the study"
                    + " has 2 (x1, x2); list one input per coordinate, in the model's order",
                    fails(url, "sim", List.of("x1", "x2"), List.of()));
            assertEquals(WHERE + ".outputs names 1 outputs (y), but model sim at " + server.url() + " has 2"
                    + " (OutputSizes [1, 1])", fails(url, "sim", INPUTS, List.of("y")));
            server.supportsEvaluate = false;
            assertEquals(at + "model sim does not support Evaluate (ModelInfo: {\"Evaluate\":false,"
                    + "\"Gradient\":false})", fails(url, "sim", INPUTS, List.of()));
            server.supportsEvaluate = true;
            server.inputSizes = "[2, -1]";
            assertEquals(at + "model sim answered InputSizes with inputSizes[1] = -1; a size is an integer in"
                    + " [0, 1024]", fails(url, "sim", INPUTS, List.of()));
            server.inputSizes = "[2, 1]";
            server.protocolVersion = 0.9;
            assertEquals(at + "the server speaks UM-Bridge protocol 0.9; sna speaks 1.0",
                    fails(url, "sim", INPUTS, List.of()));
        }
    }

    @Test
    void check_serversDisagree_namesBoth() throws IOException {
        try (FakeUmBridgeServer a = FakeUmBridgeServer.answering(); FakeUmBridgeServer b = FakeUmBridgeServer.answering()) {
            b.inputSizes = "[3]";
            assertEquals(WHERE + ".url[1]: " + b.url() + ": model sim has InputSizes [3] and OutputSizes [1, 1], but"
                    + " [2, 1] and [1, 1] at " + a.url() + "; every server must serve the same model",
                    fails(List.of(a.url(), b.url()), "sim", INPUTS, List.of()));
        }
    }
}
