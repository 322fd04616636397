package org.snauq.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Small labelled runs for the commit tests: every row of every table carries the writer's label (in
 * {@code summary.method}, {@code quantiles.method}, {@code designs.design}'s row count and the manifest's model
 * description), so a reader can tell whether a run it sees is one writer's whole run or a mixture.
 */
final class TestRuns {

    static final String STUDY = "commit-test";

    private TestRuns() {
    }

    static ResultsOutput open(Path output) throws IOException {
        return ResultsOutput.open(output.toString(), new Configuration());
    }

    /** summary and quantiles labelled {@code label}; with {@code designs}, a designs table too. */
    static RunTables tables(String label, boolean designs) {
        RunTables t = new RunTables();
        t.table(ResultTable.SUMMARY).add("y", label, 10L, 1.0, 2.0, Math.sqrt(2.0), 0.0, 0.0, -1.0, 3.0, 0.5, 1.5);
        t.table(ResultTable.QUANTILES).add("y", label, 0.5, 1.0, null, null, 0.0);
        if (designs) {
            t.table(ResultTable.DESIGNS, ResultTable.designsColumns(List.of("a"), List.of("y")))
                    .add(7L, 0.5, 1.0, 0.1, 0.8, 1.0, 1.2, 10L, 0.9, 0.6, 0.99, 1L);
        }
        return t;
    }

    static RunManifest manifest(String study, String runId, String label, RunTables tables) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        tables.all().forEach(r -> counts.put(r.table().tableName(), (long) r.size()));
        return RunManifest.builder(study, runId, RunManifest.Kind.SAMPLING, Instant.now())
                .model(label, List.of("y"), "0".repeat(64), Map.of())
                .sampling("mc", 1, 10, 10)
                .rowCounts(counts)
                .environment("test", "-", System.getProperty("java.version"), "none")
                .timings(Map.of("total", 1L), null)
                .build();
    }

    /** Stages and commits a labelled run. */
    static void commit(ResultsOutput out, String study, String runId, String label, boolean designs)
            throws IOException {
        RunTables tables = tables(label, designs);
        StagedRun staged = out.stage(study, runId);
        for (TableRows t : tables.all()) {
            staged.write(t);
        }
        staged.commit(manifest(study, runId, label, tables));
    }

    /**
     * Asserts that {@code runId} is complete and whole: catalogue row, manifest and every table of one writer.
     *
     * @return the writer's label
     */
    static String assertComplete(ResultsOutput out, String runId) throws IOException {
        RunManifest m = out.manifest(runId);
        String label = m.modelDescription();
        RunEntry entry = out.runs().stream().filter(r -> r.runId().equals(runId)).findFirst().orElseThrow();
        assertEquals(label, entry.get("model"), "catalogue row and manifest of one writer");
        assertEquals(m.created(), entry.created());
        RunTables tables = out.tables(m);
        assertEquals(label, tables.get(ResultTable.SUMMARY).value(0, "method"), "summary of the same writer");
        assertEquals(label, tables.get(ResultTable.QUANTILES).value(0, "method"), "quantiles of the same writer");
        assertEquals(m.rowCounts().keySet(), tableNames(tables), "exactly the manifest's tables");
        return label;
    }

    private static java.util.Set<String> tableNames(RunTables tables) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        tables.all().forEach(t -> names.add(t.table().tableName()));
        return names;
    }

    /**
     * Asserts that the output holds nothing but published runs: no staging folder, table folders holding only
     * {@code run_id=*} folders of data files (nothing nested, nothing hidden), and free locks.
     */
    static void assertClean(Path output) throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> top = Files.list(output)) {
            for (Path p : top.toList()) {
                String name = p.getFileName().toString();
                if (name.equals(Layout.STAGING)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.forEach(q -> problems.add("staging left: " + q));
                    }
                } else if (name.equals(Layout.LOCKS)) {
                    ResultsOutput out = open(output);
                    try (Stream<Path> s = Files.list(p)) {
                        for (Path lock : s.toList()) {
                            if (!RunLock.isFree(out.store(), Layout.LOCKS + "/" + lock.getFileName())) {
                                problems.add("lock held: " + lock);
                            }
                        }
                    }
                } else {
                    try (Stream<Path> parts = Files.list(p)) {
                        for (Path part : parts.toList()) {
                            if (!part.getFileName().toString().startsWith(Layout.PARTITION)) {
                                problems.add("not a partition: " + part);
                            }
                            try (Stream<Path> files = Files.list(part)) {
                                files.filter(f -> Files.isDirectory(f) || f.getFileName().toString().startsWith("."))
                                        .forEach(f -> problems.add("nested or hidden: " + f));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }
}
