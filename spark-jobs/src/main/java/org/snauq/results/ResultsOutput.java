package org.snauq.results;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.security.AccessControlException;
import org.snauq.study.Study;

/**
 * An output folder holding runs in the results layout ({@link Layout}): stage and commit a run, recover what
 * crashed runs left, list the catalogue, read a run back, remove old runs. The folder may be local or on any
 * Hadoop file system; its path is taken literally (never a glob pattern). Thread safe as far as the file system
 * is: every change of a run ID's published files happens under that ID's {@link RunLock}.
 */
public final class ResultsOutput {

    /** Lock folders released and untouched this long are deleted by recovery (no commit pauses for a day). */
    static final long LOCK_PRUNE_MS = 86_400_000L;

    private final Store store;

    ResultsOutput(Store store) {
        this.store = store;
    }

    /**
     * The output at {@code output}: a local path, or a URI ({@code hdfs://..}, {@code file:/..}); a path without a
     * scheme is on Hadoop's default file system, as Spark would write it (the local one unless configured).
     */
    public static ResultsOutput open(String output, Configuration conf) throws IOException {
        if (output.isEmpty()) {
            throw new OutputException("the output folder must not be empty");
        }
        FileSystem fs = Study.isUri(output) ? new Path(output).getFileSystem(conf) : FileSystem.get(conf);
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            return new ResultsOutput(new LocalStore(Study.isUri(output) ? java.nio.file.Path.of(new Path(output).toUri())
                    : java.nio.file.Path.of(output)));
        }
        return new ResultsOutput(new HadoopStore(fs, new Path(output), conf));
    }

    Store store() {
        return store;
    }

    /** Whether the output folder exists. */
    public boolean exists() throws IOException {
        return store.exists("");
    }

    /** The output as a full path or URI. */
    public String describe() {
        return store.describe("");
    }

    /** Where run {@code runId}'s manifest and report are (a path or URI). */
    public String runFolder(String runId) {
        return store.describe(Layout.artefacts(runId));
    }

    /**
     * Starts writing run {@code runId} of {@code study}.
     *
     * @throws OutputException when the output may not be written
     */
    public StagedRun stage(String study, String runId) throws IOException {
        try {
            return StagedRun.begin(this, study, runId);
        } catch (AccessDeniedException | AccessControlException e) {
            throw notWritable(e);
        }
    }

    private OutputException notWritable(IOException e) {
        return new OutputException(describe() + ": cannot write (" + e.getClass().getSimpleName() + ")", e);
    }

    // ---- recovery

    /** What {@link #recover} did. */
    public record Recovery(List<String> rolledForward, List<String> deleted, List<String> orphansRemoved) {

        public boolean isEmpty() {
            return rolledForward.isEmpty() && deleted.isEmpty() && orphansRemoved.isEmpty();
        }
    }

    /**
     * Finishes or removes what crashed runs left: a staging folder whose owner is gone is rolled forward when
     * marked (the latest marked one per run ID; older ones are deleted) and deleted otherwise; table partitions
     * of a run ID that has neither a catalogue row nor a staging folder are deleted; lock folders released a day
     * ago are deleted. Folders of live owners, and run IDs whose lock a live owner holds, are left alone.
     *
     * @throws OutputException when the output may not be written
     */
    public Recovery recover() throws IOException {
        try {
            return recoverOrFail();
        } catch (AccessDeniedException | AccessControlException e) {
            throw notWritable(e);
        }
    }

    private Recovery recoverOrFail() throws IOException {
        List<String> rolled = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Map<String, List<String>> marked = new HashMap<>();
        for (String name : store.list(Layout.STAGING)) {
            String dir = Store.join(Layout.STAGING, name);
            String runId = Layout.stagedRunId(name);
            if (runId == null || !StagingFolder.isDead(store, dir)) {
                continue;
            }
            if (StagingFolder.isMarked(store, dir)) {
                marked.computeIfAbsent(runId, k -> new ArrayList<>()).add(dir);
            } else {
                store.delete(dir);
                deleted.add(name);
            }
        }
        Owner me = Owner.current();
        for (Map.Entry<String, List<String>> e : marked.entrySet()) {
            try (RunLock lock = RunLock.tryAcquire(store, Layout.lock(e.getKey()), me)) {
                if (lock == null) {
                    continue; // a live commit of this ID drops them itself
                }
                String latest = null;
                Instant at = Instant.MIN;
                for (String dir : e.getValue()) {
                    Instant t = Publication.markedAt(store, dir);
                    if (latest == null || t.isAfter(at)) {
                        latest = dir;
                        at = t;
                    }
                }
                for (String dir : e.getValue()) {
                    if (!dir.equals(latest)) {
                        store.delete(dir);
                        deleted.add(dir.substring(Layout.STAGING.length() + 1));
                    }
                }
                Publication.rollForward(store, e.getKey(), latest);
                rolled.add(e.getKey());
            }
        }
        return new Recovery(rolled, deleted, removeOrphans(me));
    }

    /** Deletes the dead staging folders of {@code runId} other than {@code keep} (the caller holds the lock). */
    void dropDeadStagings(String runId, String keep) throws IOException {
        for (String name : store.list(Layout.STAGING)) {
            String dir = Store.join(Layout.STAGING, name);
            if (runId.equals(Layout.stagedRunId(name)) && !dir.equals(keep) && StagingFolder.isDead(store, dir)) {
                store.delete(dir);
            }
        }
    }

    private List<String> removeOrphans(Owner me) throws IOException {
        Set<String> listed = partitionIds(ResultTable.RUNS.tableName());
        Set<String> staged = new TreeSet<>();
        for (String name : store.list(Layout.STAGING)) {
            staged.add(Layout.stagedRunId(name));
        }
        Set<String> candidates = new TreeSet<>();
        for (ResultTable t : ResultTable.values()) {
            candidates.addAll(partitionIds(t.tableName()));
        }
        candidates.addAll(partitionIds(Layout.ARTEFACTS));
        candidates.removeAll(listed);
        candidates.removeAll(staged);
        List<String> removed = new ArrayList<>();
        for (String runId : candidates) {
            try (RunLock lock = RunLock.tryAcquire(store, Layout.lock(runId), me)) {
                if (lock != null && !store.exists(Layout.partition(ResultTable.RUNS, runId))
                        && stagings(runId).isEmpty()) {
                    deletePartitions(runId);
                    removed.add(runId);
                }
            }
        }
        for (String runId : store.list(Layout.LOCKS)) {
            String dir = Layout.lock(runId);
            long changed = RunLock.lastChange(store, dir);
            if (RunLock.isFree(store, dir) && changed >= 0 && System.currentTimeMillis() - changed > LOCK_PRUNE_MS) {
                store.delete(dir);
            }
        }
        return removed;
    }

    private List<String> stagings(String runId) throws IOException {
        return store.list(Layout.STAGING).stream().filter(n -> runId.equals(Layout.stagedRunId(n))).toList();
    }

    private Set<String> partitionIds(String table) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (String name : store.list(table)) {
            String id = Layout.partitionRunId(name);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Every partition of the run and its artefacts, the catalogue row first. */
    private void deletePartitions(String runId) throws IOException {
        store.delete(Layout.partition(ResultTable.RUNS, runId));
        for (ResultTable t : ResultTable.values()) {
            store.delete(Layout.partition(t, runId));
        }
        store.delete(Layout.artefacts(runId));
    }

    // ---- the catalogue

    /** A staging folder: a run being written, or one a crash left. */
    public record Pending(String runId, String folder, boolean marked, boolean ownerGone) {
    }

    /** Every complete run, oldest first (by creation time, then ID). */
    public List<RunEntry> runs() throws IOException {
        List<RunEntry> runs = new ArrayList<>();
        for (String runId : partitionIds(ResultTable.RUNS.tableName())) {
            for (Object[] row : readPartition(ResultTable.RUNS, runId).rows()) {
                Map<String, Object> m = new HashMap<>();
                TableSchema schema = ResultTable.RUNS.columns().after(ResultTable.KEYS);
                for (int c = 0; c < row.length; c++) {
                    m.put(schema.get(c).name(), row[c]);
                }
                runs.add(new RunEntry(m));
            }
        }
        runs.sort(Comparator.comparing(RunEntry::created).thenComparing(RunEntry::runId));
        return runs;
    }

    /** Staging folders, in name order. */
    public List<Pending> pending() throws IOException {
        List<Pending> out = new ArrayList<>();
        for (String name : store.list(Layout.STAGING)) {
            String dir = Store.join(Layout.STAGING, name);
            out.add(new Pending(Layout.stagedRunId(name), store.describe(dir), StagingFolder.isMarked(store, dir),
                    StagingFolder.isDead(store, dir)));
        }
        return out;
    }

    /**
     * The manifest of complete run {@code runId}.
     *
     * @throws OutputException when the output has no such complete run, or its manifest is damaged
     */
    public RunManifest manifest(String runId) throws IOException {
        if (!store.exists(Layout.partition(ResultTable.RUNS, runId))) {
            List<String> ids = runs().stream().map(RunEntry::runId).toList();
            throw new OutputException(describe() + ": no complete run '" + runId + "'" + (ids.isEmpty()
                    ? "; the output holds no runs" : "; runs: " + String.join(", ", ids)));
        }
        String file = Store.join(Layout.artefacts(runId), RunManifest.FILE);
        byte[] text = store.read(file);
        if (text == null) {
            throw new OutputException(store.describe(file) + ": missing although run " + runId + " is listed");
        }
        return RunManifest.parse(text, store.describe(file));
    }

    /**
     * The result tables of a complete run, read back (all but {@code samples}, which can be large). Every row
     * must carry the manifest's study and run ID.
     */
    public RunTables tables(RunManifest manifest) throws IOException {
        RunTables tables = new RunTables();
        for (ResultTable t : ResultTable.values()) {
            if (t == ResultTable.RUNS || t == ResultTable.SAMPLES
                    || !store.exists(Layout.partition(t, manifest.runId()))) {
                continue;
            }
            ParquetTables.FileRows file = readPartition(t, manifest.runId());
            TableSchema own = new TableSchema(file.columns().columns().subList(2, file.columns().size()));
            if (t.fixed() && !own.equals(t.columns())) {
                throw new OutputException(store.describe(Layout.partition(t, manifest.runId())) + ": columns "
                        + own.names() + " are not those of table " + t.tableName() + " " + t.columns().names());
            }
            TableRows rows = tables.table(t, own);
            for (Object[] r : file.rows()) {
                if (!manifest.study().equals(r[0]) || !manifest.runId().equals(r[1])) {
                    throw new OutputException(store.describe(Layout.partition(t, manifest.runId())) + ": a row of "
                            + r[0] + "/" + r[1] + " in run " + manifest.study() + "/" + manifest.runId());
                }
                rows.add(java.util.Arrays.copyOfRange(r, 2, r.length));
            }
        }
        return tables;
    }

    /** Reads every data file of one partition: the file schema (keys included) and the rows. */
    private ParquetTables.FileRows readPartition(ResultTable t, String runId) throws IOException {
        String dir = Layout.partition(t, runId);
        TableSchema schema = null;
        List<Object[]> rows = new ArrayList<>();
        for (String name : store.list(dir)) {
            if (!Layout.isDataFile(name)) {
                continue;
            }
            String file = Store.join(dir, name);
            ParquetTables.FileRows f = ParquetTables.read(store.inputFile(file), store.describe(file));
            if (schema != null && !schema.equals(f.columns())) {
                throw new OutputException(store.describe(file) + ": columns " + f.columns().names() + " differ from "
                        + schema.names() + " in the same partition");
            }
            if (f.columns().size() < 2 || !f.columns().columns().subList(0, 2).equals(ResultTable.KEYS.columns())) {
                throw new OutputException(store.describe(file) + ": the first columns must be study, run_id, got "
                        + f.columns().names());
            }
            schema = f.columns();
            rows.addAll(f.rows());
        }
        if (schema == null) {
            throw new OutputException(store.describe(dir) + ": no Parquet file");
        }
        return new ParquetTables.FileRows(schema, rows);
    }

    /**
     * Replaces the report of complete run {@code runId}, under the run's lock and only if the run is still the one
     * whose manifest is given (a re-run in between keeps its own report).
     *
     * @return the report's path or URI
     */
    public String writeArtefact(RunManifest manifest, String name, byte[] content) throws IOException {
        String runId = manifest.runId();
        try (RunLock lock = RunLock.acquire(store, Layout.lock(runId), Owner.current(), StagedRun.LOCK_WAIT_MS,
                "run " + runId + " of " + describe())) {
            if (!manifest(runId).equals(manifest)) {
                throw new OutputException(runFolder(runId) + ": run " + runId + " was replaced while its report was"
                        + " rendered; render it again");
            }
            String file = Store.join(Layout.artefacts(runId), name);
            store.replace(file, content);
            return store.describe(file);
        }
    }

    // ---- retention

    /** Removes complete run {@code runId}: its catalogue row first, then its partitions and artefacts. */
    public void remove(String runId) throws IOException {
        try (RunLock lock = RunLock.acquire(store, Layout.lock(runId), Owner.current(), StagedRun.LOCK_WAIT_MS,
                "run " + runId + " of " + describe())) {
            deletePartitions(runId);
        }
    }

    /**
     * Keeps the {@code keep} newest complete runs of {@code study} (by creation time) and removes the others.
     *
     * @return the IDs removed, oldest first
     */
    public List<String> retain(String study, int keep) throws IOException {
        if (keep < 1) {
            throw new OutputException("--keep must be >= 1, got " + keep);
        }
        List<RunEntry> runs = runs().stream().filter(r -> r.study().equals(study)).toList();
        List<String> removed = new ArrayList<>();
        for (RunEntry r : runs.subList(0, Math.max(0, runs.size() - keep))) {
            remove(r.runId());
            removed.add(r.runId());
        }
        return removed;
    }
}
