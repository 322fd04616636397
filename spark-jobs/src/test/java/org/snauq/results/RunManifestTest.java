package org.snauq.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest written and read through one type: round trip, the catalogue row, and damaged files refused. */
class RunManifestTest {

    static RunManifest sample(String runId, long failed) {
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("name", "ishigami-sobol");
        study.put("sampling", Map.of("design", "sobol", "n", 4096, "seed", 42));
        return RunManifest.builder("ishigami-sobol", runId, RunManifest.Kind.SAMPLING,
                        Instant.parse("2026-01-02T03:04:05.678Z"))
                .study("conf/studies/ishigami-sobol.yaml", study)
                .model("function ishigami", List.of("y"), "ab".repeat(32), Map.of("trained", false))
                .sampling("sobol", 42, 4096, 4096L * 5)
                .blocks(16, 256, 16, 4)
                .domain("error", Map.of("x1", 0L))
                .failures("skip", failed)
                .rowCounts(Map.of("summary", 1L))
                .environment("0.1.0", "4.0.1", "17.0.9", "local[2]")
                .timings(Map.of("sampling", 120L, "total", 2345L), Map.of("total", 4000L))
                .build();
    }

    @Test
    void parse_written_equalsAndReadsEveryKey() {
        RunManifest m = sample("r1", 0);
        RunManifest back = RunManifest.parse(m.toJson().getBytes(StandardCharsets.UTF_8), "manifest.json");
        assertEquals(m, back);
        assertEquals("r1", back.runId());
        assertEquals("ishigami-sobol", back.study());
        assertEquals(RunManifest.Kind.SAMPLING, back.kind());
        assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), back.created());
        assertEquals(List.of("y"), back.outputs());
        assertEquals(42L, back.seed());
        assertEquals(4096L, back.sampleCount());
        assertEquals(2345L, back.wallMs());
        assertEquals("4.0.1", back.version("spark"));
        assertEquals(Map.of("summary", 1L), back.rowCounts());
        assertEquals(64, back.studyHash().length());
        assertEquals("ishigami-sobol", back.json().at("/study/name").asText(), "the study as parsed, for the report");
    }

    @Test
    void catalogueRow_fitsTheRunsColumns_statusFromFailures() {
        Object[] row = sample("r1", 0).catalogueRow();
        new TableRows(ResultTable.RUNS, ResultTable.RUNS.columns()).add(row); // count and types checked
        TableSchema runs = ResultTable.RUNS.columns();
        assertEquals(RunManifest.COMPLETE, row[runs.indexOf("status")]);
        assertEquals(4096L, row[runs.indexOf("n")]);
        assertEquals(RunManifest.COMPLETE_WITH_FAILURES, sample("r1", 3).catalogueRow()[runs.indexOf("status")]);
    }

    @Test
    void studyHash_keyOrderDoesNotMatter_valuesDo() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "s");
        a.put("n", 1);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("n", 1);
        b.put("name", "s");
        Instant t = Instant.EPOCH;
        RunManifest ma = RunManifest.builder("s", "a", RunManifest.Kind.SAMPLING, t).study("f", a).build();
        RunManifest mb = RunManifest.builder("s", "a", RunManifest.Kind.SAMPLING, t).study("f", b).build();
        assertEquals(ma.studyHash(), mb.studyHash());
        b.put("n", 2);
        assertNotEquals(ma.studyHash(), RunManifest.builder("s", "a", RunManifest.Kind.SAMPLING, t).study("f", b)
                .build().studyHash());
    }

    @Test
    void parse_damaged_oneLineNamingTheFile() {
        String good = sample("r1", 0).toJson();
        Map<String, String> cases = Map.of(
                "{\"run_id\": ", "m.json: not valid JSON",
                "[1, 2]", "m.json: a manifest is a JSON object, got array",
                good.replace("\"format_version\" : 1", "\"format_version\" : 99"), "m.json: format_version must be 1..1",
                good.replace("\"run_id\" : \"r1\"", "\"run_id\" : 7"), "m.json: run_id is missing or not text",
                good.replace("\"kind\" : \"sampling\"", "\"kind\" : \"other\""), "m.json: kind must be sampling, sweep or data",
                good.replace("2026-01-02T03:04:05.678Z", "yesterday"), "m.json: created must be an ISO-8601 instant");
        cases.forEach((text, message) -> {
            OutputException e = assertThrows(OutputException.class,
                    () -> RunManifest.parse(text.getBytes(StandardCharsets.UTF_8), "m.json"));
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        });
    }
}
