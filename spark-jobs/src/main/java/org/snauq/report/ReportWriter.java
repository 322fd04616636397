package org.snauq.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunManifest;

/**
 * {@code report.html} of a run (DESIGN.md section 4), beside its manifest in {@code <output>/_runs/run_id=<ID>/}.
 * {@code sna run} renders it from the results in memory and publishes it with the run; {@code sna report} reads
 * the published tables back (parquet-hadoop, no Spark) and replaces the page atomically, under the run's lock.
 */
public final class ReportWriter {

    public static final String FILE = "report.html";

    private ReportWriter() {
    }

    /** The report page of a run, as HTML text. */
    public static String render(RunData run) {
        return ReportPage.render(run);
    }

    /** The page as the bytes of {@value #FILE}. */
    public static byte[] bytes(RunData run) {
        return render(run).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads published run {@code runId} of {@code output} and (re)writes its report.
     *
     * @return the report's path or URI
     * @throws org.snauq.results.OutputException when the output has no such complete run
     */
    public static String write(ResultsOutput output, String runId) throws IOException {
        RunManifest manifest = output.manifest(runId);
        RunData run = RunData.of(output.runFolder(runId), manifest, output.tables(manifest));
        return output.writeArtefact(manifest, FILE, bytes(run)); // refused if the run was replaced meanwhile
    }
}
