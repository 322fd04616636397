package org.snauq.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;

/**
 * A plain Parquet dataset ({@code sna generate --output D}) written beside its target and swapped in whole: the
 * data goes to the hidden sibling {@code .<D>.<nonce>.staging/data/} (with {@code _OWNER}, as a run's staging
 * folder), then {@code _manifest.json} into it and the {@code _STAGED} marker; then, under the lock
 * {@code .<D>.lock/}, the old D moves into the staging folder, the data moves to D, and the staging folder is
 * deleted. Each step is idempotent, so a crash is finished by the next {@code generate} to D (a marked folder of a
 * gone owner is rolled forward, an unmarked one deleted): D is always the old dataset or the new one, absent only
 * between the two renames of a crashed swap and then restored by the next start.
 */
public final class StagedDataset {

    /** The manifest inside the dataset (readers skip names starting with {@code _}). */
    public static final String MANIFEST = "_manifest.json";
    private static final String DATA = "data";
    private static final String PREVIOUS = "previous";
    private static final String SUFFIX = ".staging";

    private final Store store;
    private final String name;
    private final Owner owner;
    private StagingFolder staging;

    private StagedDataset(Store store, String name, Owner owner) {
        this.store = store;
        this.name = name;
        this.owner = owner;
    }

    /** Finishes what crashed writers of {@code target} left, then starts writing a new {@code target}. */
    public static StagedDataset begin(String target, Configuration conf) throws IOException {
        String parent = parentOf(target);
        String name = target.substring(parent.length()).replaceAll("^/+", "");
        if (name.isEmpty()) {
            throw new OutputException("--output " + target + ": names no dataset folder");
        }
        ResultsOutput folder = ResultsOutput.open(parent.isEmpty() ? "/" : parent, conf);
        StagedDataset d = new StagedDataset(folder.store(), name, Owner.current());
        d.recover(true);
        d.staging = StagingFolder.create(d.store, "." + name + "." + d.owner.nonce() + SUFFIX, d.owner);
        return d;
    }

    /** The folder a Spark job writes the data into (must not exist yet), as a path or URI. */
    public String dataFolder() {
        return store.describe(Store.join(staging.dir, DATA));
    }

    /** Adds the manifest to the written data and swaps it in for the target. */
    public void commit(RunManifest manifest) throws IOException {
        store.replace(Store.join(staging.dir, DATA, MANIFEST), manifest.toJson().getBytes(StandardCharsets.UTF_8));
        staging.mark(new byte[0]);
        try (RunLock lock = RunLock.acquire(store, lock(), owner, StagedRun.LOCK_WAIT_MS, store.describe(name))) {
            recover(false); // older stagings of gone writers: this write supersedes them
            rollForward(staging.dir);
        } finally {
            staging.release();
        }
    }

    /** Deletes the staging folder of a write that failed before {@link #commit} (best effort). */
    public void abort() {
        staging.abort();
    }

    private void rollForward(String staged) throws IOException {
        if (store.exists(Store.join(staged, DATA))) {
            if (store.exists(name)) {
                store.moveNew(name, Store.join(staged, PREVIOUS));
            }
            store.moveNew(Store.join(staged, DATA), name);
        }
        store.delete(staged);
    }

    /**
     * Deletes the staging folders of {@code target} whose writers are gone, after rolling each marked one forward
     * when {@code finish} (at the start of a write; at its commit, under the lock, they are only deleted).
     */
    private void recover(boolean finish) throws IOException {
        String prefix = "." + name + ".";
        for (String n : store.list("")) {
            if ((staging != null && n.equals(staging.dir)) || !n.startsWith(prefix) || !n.endsWith(SUFFIX)
                    || n.length() != prefix.length() + Layout.NONCE_LENGTH + SUFFIX.length()
                    || !StagingFolder.isDead(store, n)) {
                continue;
            }
            if (!finish || !StagingFolder.isMarked(store, n)) {
                store.delete(n);
                continue;
            }
            try (RunLock lock = RunLock.tryAcquire(store, lock(), owner)) {
                if (lock != null) {
                    rollForward(n);
                }
            }
        }
    }

    private String lock() {
        return "." + name + ".lock";
    }

    private static String parentOf(String target) {
        int slash = target.replaceAll("/+$", "").lastIndexOf('/');
        return slash < 0 ? "" : target.substring(0, slash);
    }
}
