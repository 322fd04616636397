package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code umbridge} key of a study's model (and of a training simulator): defaults, and each bad value. */
class UmBridgeSpecTest {

    private static final String STUDY = """
            name: served
            model:
              umbridge: SPEC
            inputs:
              - {name: x1, dist: uniform, lower: 0.0, upper: 1.0}
              - {name: x2, dist: uniform, lower: 0.0, upper: 1.0}
            sampling: {design: mc, n: 100, seed: 1}
            """;

    private static Study parse(String spec) {
        return StudyParser.parse("s.yaml", STUDY.replace("SPEC", spec), Path.of("/"), Path.of("s.yaml"));
    }

    private static UmBridgeSpec spec(String spec) {
        return ((ModelSource.UmBridge) parse(spec).model()).spec();
    }

    private static String error(String spec) {
        return assertThrows(StudyException.class, () -> parse(spec)).getMessage();
    }

    @Test
    void parse_urlOnly_defaults() {
        UmBridgeSpec s = spec("{url: \"http://host:4242/\"}");
        assertEquals(List.of("http://host:4242"), s.urls(), "the trailing / dropped");
        assertNull(s.name(), "the server's only model");
        assertEquals("{}", s.config());
        assertEquals(UmBridgeSpec.DEFAULT_PARALLEL, s.parallel());
        assertEquals(List.of(), s.outputs(), "y1 .. yK from the server");
        assertEquals(0.0, s.timeout(), "no limit");
        assertEquals(UmBridgeSpec.DEFAULT_RETRIES, s.retries());
        assertEquals(0, s.block(), "automatic");
    }

    @Test
    void parse_everyKey_read() {
        UmBridgeSpec s = spec("{url: [\"http://a:4242\", \"https://lb.example.org/models\"], name: forward, config:"
                + " {fidelity: 2, mesh: {h: 0.01, name: fine}, tags: [a, 1, true, null]}, parallel: 16, outputs: [d, w],"
                + " timeout: 60, retries: 0, block: 128}");
        assertEquals(List.of("http://a:4242", "https://lb.example.org/models"), s.urls());
        assertEquals("forward", s.name());
        assertEquals("{\"fidelity\":2,\"mesh\":{\"h\":0.01,\"name\":\"fine\"},\"tags\":[\"a\",1,true,null]}",
                s.config());
        assertEquals(16, s.parallel());
        assertEquals(List.of("d", "w"), s.outputs());
        assertEquals(60.0, s.timeout());
        assertEquals(0, s.retries());
        assertEquals(128, s.block());
        assertEquals(new ExternalSpec(List.of("d", "w"), 60.0, 0, 128), s.external(s.outputs()));
    }

    @Test
    void parse_asTrainingSimulator_read() {
        String trained = STUDY.replace("umbridge: SPEC", "train: {simulator: {umbridge: {url: \"http://a:1\", name: m}},"
                + " n: 50, response: y1}");
        ModelSource.Simulate sim = (ModelSource.Simulate) StudyParser.parse("s.yaml", trained, Path.of("/"),
                Path.of("s.yaml")).model();
        assertEquals("m", ((ModelSource.UmBridge) sim.simulator()).spec().name());
    }

    @Test
    void parse_badValues_oneLineNamingTheKey() {
        assertEquals("s.yaml: model.umbridge.url is missing", error("{name: m}"));
        assertEquals("s.yaml: model.umbridge.url must be an http:// or https:// URL with a host, such as"
                + " http://host:4242, got 'ftp://h:1'", error("{url: \"ftp://h:1\"}"));
        assertEquals("s.yaml: model.umbridge.url[1] must be an http:// or https:// URL with a host, such as"
                + " http://host:4242, got 'localhost:4242'", error("{url: [\"http://a:1\", \"localhost:4242\"]}"));
        assertEquals("s.yaml: model.umbridge.url must not have a query or fragment (the protocol's paths, /Evaluate"
                + " and others, are appended), got 'http://h:1/?a=b'", error("{url: \"http://h:1/?a=b\"}"));
        assertEquals("s.yaml: model.umbridge.url must name at least one server", error("{url: []}"));
        assertEquals("s.yaml: model.umbridge.url must be a URL such as http://host:4242, got 4242",
                error("{url: 4242}"));
        assertEquals("s.yaml: model.umbridge.parallel must lie in [1, 256] requests in flight per task, got 0",
                error("{url: \"http://h:1\", parallel: 0}"));
        assertEquals("s.yaml: model.umbridge.retries must lie in [0, 10], got 11",
                error("{url: \"http://h:1\", retries: 11}"));
        assertEquals("s.yaml: model.umbridge.timeout must be a number of seconds in (0, 604800], got 0",
                error("{url: \"http://h:1\", timeout: 0}"));
        assertEquals("s.yaml: model.umbridge.name must be the model's name on the server (1 to 256 characters),"
                + " got ' '", error("{url: \"http://h:1\", name: \" \"}"));
        assertEquals("s.yaml: model.umbridge.config must be a mapping (sent to the model as a JSON object), got"
                + " a list", error("{url: \"http://h:1\", config: [1]}"));
        assertEquals("s.yaml: model.umbridge.config.when must be text, a number, true, false, null, a list or a"
                + " mapping (as in JSON), got a date (quote it to send it as text)",
                error("{url: \"http://h:1\", config: {when: 2024-01-02}}"));
        assertEquals("s.yaml: model.umbridge.config.x[1] must be a finite number (JSON has no NaN or infinity), got"
                + " NaN", error("{url: \"http://h:1\", config: {x: [1, .nan]}}"));
        assertEquals("s.yaml: model.umbridge.outputs[1] repeats an earlier output, got 'a'",
                error("{url: \"http://h:1\", outputs: [a, a]}"));
        assertTrue(error("{url: \"http://h:1\", port: 1}").startsWith("s.yaml: model.umbridge.port is not a known"
                + " key (expected one of url, name, config, parallel, outputs, timeout, retries, block)"));
    }
}
