package org.snauq.cli;

import java.nio.file.Path;

/** Where a published run's files are in an output (docs/FORMATS.md, "Results layout"), for tests. */
public final class Published {

    private Published() {
    }

    /** {@code <output>/<table>/run_id=<runId>}. */
    public static Path table(Path output, String table, String runId) {
        return output.resolve(table).resolve("run_id=" + runId);
    }

    /** {@code <output>/_runs/run_id=<runId>}: manifest.json and report.html. */
    public static Path runFolder(Path output, String runId) {
        return output.resolve("_runs").resolve("run_id=" + runId);
    }
}
