package org.snauq.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One run being written: everything goes to {@code <output>/_staging/<ID>-<nonce>/} (invisible to readers), and
 * {@link #commit} publishes it. The protocol (docs/FORMATS.md, "Commit"):
 *
 * <ol>
 *   <li>{@link #begin}: the staging folder and its {@code _OWNER} file (host, pid, start; refreshed by
 *       {@link Heartbeat});</li>
 *   <li>{@link #write}, {@link #folder}, {@link #writeArtefact}: tables and artefacts into the folder;</li>
 *   <li>{@link #commit}: the manifest and the catalogue row, then the {@code _STAGED} marker; then, under the run
 *       ID's {@link RunLock}, older dead stagings of the same ID are dropped and {@link Publication} rolls this one
 *       forward; then the lock is released.</li>
 * </ol>
 * A crash before the marker leaves a folder that the next run deletes (its owner is gone); after it, one that the
 * next run rolls forward. So at any moment the run ID is either the old complete run or the new one, or (between
 * steps 1 and 4 of {@link Publication}) not complete at all, and never a mixture: the catalogue row is absent
 * while partitions change. Not thread safe: one per run.
 */
public final class StagedRun {

    /** How long a commit waits for another commit of the same run ID (they take seconds). */
    static final long LOCK_WAIT_MS = 300_000;

    private final ResultsOutput output;
    private final Store store;
    private final String study;
    private final String runId;
    private final StagingFolder staging;
    private final String dir;
    private final List<ResultTable> tables = new ArrayList<>();

    private StagedRun(ResultsOutput output, String study, String runId, StagingFolder staging) {
        this.output = output;
        this.store = output.store();
        this.study = study;
        this.runId = runId;
        this.staging = staging;
        this.dir = staging.dir;
    }

    static StagedRun begin(ResultsOutput output, String study, String runId) throws IOException {
        Owner owner = Owner.current();
        return new StagedRun(output, study, runId, StagingFolder.create(output.store(),
                Layout.staging(runId, owner.nonce()), owner));
    }

    public String runId() {
        return runId;
    }

    /** Writes one table (all its rows) into the staging folder. */
    public void write(TableRows rows) throws IOException {
        String folder = Store.join(dir, rows.table().tableName());
        store.mkdirs(folder);
        ParquetTables.write(store.outputFile(Store.join(folder, Layout.PART)), rows, study, runId);
        staged(rows.table());
    }

    /**
     * The staging folder of a table that a Spark job writes itself (the samples), as a path or URI for Spark's
     * writer; its files must start with the {@link ResultTable#KEYS} columns. Call {@link #staged} once written.
     */
    public String folder(ResultTable table) {
        return store.describe(Store.join(dir, table.tableName()));
    }

    /** Records that {@code table} is complete in the staging folder. */
    public void staged(ResultTable table) {
        if (!tables.contains(table)) {
            tables.add(table);
        }
        CrashPoints.reach("staged:" + table.tableName());
    }

    /** Writes a file of the run's artefacts ({@code report.html}), published under {@code _runs/run_id=<ID>/}. */
    public void writeArtefact(String name, byte[] content) throws IOException {
        String folder = Store.join(dir, Layout.RUN_ARTEFACTS);
        store.mkdirs(folder);
        store.replace(Store.join(folder, name), content);
    }

    /**
     * Writes the manifest and the catalogue row, then publishes the run.
     *
     * @throws OutputException when another commit of the run ID holds its lock for {@link #LOCK_WAIT_MS}
     */
    public void commit(RunManifest manifest) throws IOException {
        if (!manifest.runId().equals(runId) || !manifest.study().equals(study)) {
            throw new IllegalArgumentException("the manifest of " + manifest.study() + "/" + manifest.runId()
                    + " does not belong to staged run " + study + "/" + runId);
        }
        writeArtefact(RunManifest.FILE, manifest.toJson().getBytes(StandardCharsets.UTF_8));
        write(new TableRows(ResultTable.RUNS, ResultTable.RUNS.columns()).add(manifest.catalogueRow()));
        tables.remove(ResultTable.RUNS);
        staging.mark(Publication.marker(runId, tables));
        CrashPoints.reach("marked");
        RunLock lock;
        try {
            lock = RunLock.acquire(store, Layout.lock(runId), staging.owner, LOCK_WAIT_MS,
                    "run " + runId + " of " + output.describe());
        } catch (IOException | RuntimeException e) {
            staging.unmark(); // nothing published: the run fails as a whole
            abort();
            throw e;
        }
        try (lock) {
            CrashPoints.reach("locked");
            output.dropDeadStagings(runId, dir);
            Publication.rollForward(store, runId, dir);
        } catch (IOException | RuntimeException e) {
            // partly published: let the next run or `sna runs --repair` finish it, although this process lives on
            staging.abandon();
            throw e;
        } finally {
            staging.release();
        }
    }

    /** Deletes the staging folder of a run that fails before {@link #commit} marked it (best effort). */
    public void abort() {
        staging.abort();
    }
}
