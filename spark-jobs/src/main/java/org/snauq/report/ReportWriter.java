package org.snauq.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunManifest;
import org.snauq.results.RunTables;

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

    /**
     * Renders a small made-up page in a low-priority daemon thread, so that rendering's classes (XChart,
     * VectorGraphics2D, fonts) are loaded and its code compiled while the executors sample: on a cluster the driver
     * is idle then, and the run's own report, rendered after its tables, starts warm. Best effort.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                render(warmUpRun());
            } catch (RuntimeException e) {
                // the run's own rendering will report a real problem
            }
        }, "sna-report-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** A run of one output with a few rows in every table a sampling run has. */
    static RunData warmUpRun() {
        RunTables t = new RunTables();
        t.table(ResultTable.SUMMARY).add("y", "sampling", 4L, 1.0, 1.0, 1.0, 0.0, -1.2, 0.0, 2.0, 0.0, 2.0);
        t.table(ResultTable.QUANTILES).add("y", "sampling", 0.5, 1.0, 0.5, 1.5, 0.0);
        t.table(ResultTable.HISTOGRAM).add("y", 0, 0.0, 1.0, 2L).add("y", 1, 1.0, 2.0, 2L);
        t.table(ResultTable.EXCEEDANCE).add("y", 1.5, 0.25, 0.05, 0.7);
        t.table(ResultTable.SOBOL).add("y", "x", "saltelli", 0.5, 0.4, 0.6, 0.6, 0.5, 0.7);
        t.table(ResultTable.CONVERGENCE_MOMENTS).add("y", 2L, 1.0, 0.0, 2.0).add("y", 4L, 1.0, 0.5, 1.5);
        t.table(ResultTable.CONVERGENCE_SOBOL).add("y", "x", 2L, 0.4, 0.5).add("y", "x", 4L, 0.5, 0.6);
        return RunData.of("warm-up", RunManifest.builder("warm-up", "warm-up", RunManifest.Kind.SAMPLING,
                Instant.EPOCH).build(), t);
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
