package org.snauq.results;

import java.io.IOException;

/**
 * Publishes a {@link Comparison} as the {@code comparison} table of the later run: the partition
 * {@code <output>/comparison/run_id=<later>/} holds one set of rows per reference run the later run was compared
 * with; comparing again with the same reference replaces that set. The run's other tables and its catalogue row
 * are untouched, and re-running or removing the run removes its comparisons with it (they describe that run).
 *
 * <p>Under the run's lock, and only while the run is still the one compared (a re-run in between is refused): the
 * new partition file is written into a staging folder of the run ID, the old partition deleted and the new one
 * moved in. A crash in between leaves the run complete without its comparison (run {@code sna compare} again) and
 * an unmarked staging folder, which the next run on the output deletes.
 */
public final class ComparisonTable {

    private ComparisonTable() {
    }

    /**
     * Writes {@code comparison}'s rows into the comparison table of the run whose manifest is {@code later}.
     *
     * @param reference the run it was compared with
     * @return the partition's path or URI
     * @throws OutputException when the run is no longer complete or was replaced
     */
    public static String publish(ResultsOutput output, RunManifest later, String reference, Comparison comparison)
            throws IOException {
        Store store = output.store();
        String runId = later.runId();
        Owner owner = Owner.current();
        try (RunLock lock = RunLock.acquire(store, Layout.lock(runId), owner, StagedRun.LOCK_WAIT_MS,
                "run " + runId + " of " + output.describe())) {
            if (!output.manifest(runId).equals(later)) {
                throw new OutputException(output.runFolder(runId) + ": run " + runId + " was replaced while it was"
                        + " compared; compare it again");
            }
            TableRows rows = merged(output.tables(later).get(ResultTable.COMPARISON), reference, comparison.rows());
            StagingFolder staging = StagingFolder.create(store, Layout.staging(runId, owner.nonce()), owner);
            try {
                String folder = Store.join(staging.dir, ResultTable.COMPARISON.tableName());
                store.mkdirs(folder);
                ParquetTables.write(store.outputFile(Store.join(folder, Layout.PART)), rows, later.study(), runId);
                String partition = Layout.partition(ResultTable.COMPARISON, runId);
                store.delete(partition);
                store.mkdirs(ResultTable.COMPARISON.tableName());
                store.moveNew(folder, partition);
                return store.describe(partition);
            } finally {
                staging.abort(); // never marked: deleted, with its heartbeat stopped
            }
        }
    }

    /** The rows of other references kept, those of {@code reference} replaced by {@code fresh}. */
    static TableRows merged(TableRows existing, String reference, TableRows fresh) {
        TableRows rows = new TableRows(ResultTable.COMPARISON, ResultTable.COMPARISON.columns());
        for (int i = 0; existing != null && i < existing.size(); i++) {
            if (!reference.equals(existing.value(i, "reference_run_id"))) {
                rows.add(existing.row(i).toArray());
            }
        }
        for (int i = 0; i < fresh.size(); i++) {
            rows.add(fresh.row(i).toArray());
        }
        return rows;
    }
}
