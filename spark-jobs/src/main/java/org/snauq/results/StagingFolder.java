package org.snauq.results;

import java.io.IOException;

/**
 * A folder a writer fills before publishing it: made with its {@code _OWNER} file (kept fresh by
 * {@link Heartbeat}), marked {@code _STAGED} once complete. Others judge it by {@link #isDead}: a folder whose
 * owner is gone, or that its owner gave up, is theirs to finish (marked) or delete (not marked).
 */
final class StagingFolder {

    final Store store;
    final String dir;
    final Owner owner;
    private boolean marked;

    private StagingFolder(Store store, String dir, Owner owner) {
        this.store = store;
        this.dir = dir;
        this.owner = owner;
    }

    static StagingFolder create(Store store, String dir, Owner owner) throws IOException {
        store.mkdirs(dir);
        String ownerFile = Store.join(dir, Layout.OWNER);
        store.createNew(ownerFile, owner.toJson());
        Heartbeat.start(store, ownerFile);
        return new StagingFolder(store, dir, owner);
    }

    /** Marks the folder complete: from now on it is rolled forward, never deleted unfinished. */
    void mark(byte[] marker) throws IOException {
        store.createNew(Store.join(dir, Layout.STAGED), marker);
        marked = true;
    }

    /** Unmarks it (nothing of it was published) so that {@link #abort} deletes it. */
    void unmark() {
        marked = false;
    }

    /** Hands a marked folder that this live process could not finish to the next recovery. */
    void abandon() throws IOException {
        store.createNew(Store.join(dir, Layout.ABANDONED), owner.toJson());
    }

    /** Stops refreshing the owner file (the folder is published, or abandoned). */
    void release() {
        Heartbeat.stop(store, Store.join(dir, Layout.OWNER));
    }

    /** Deletes the folder unless it is marked (best effort: if this fails, its owner is gone once we end). */
    void abort() {
        if (marked) {
            return;
        }
        release();
        try {
            store.delete(dir);
        } catch (IOException e) {
            // the next run or writer deletes it
        }
    }

    static boolean isMarked(Store store, String dir) throws IOException {
        return store.exists(Store.join(dir, Layout.STAGED));
    }

    /** Whether a staging folder's owner is gone, or has given it up while alive. */
    static boolean isDead(Store store, String dir) throws IOException {
        if (store.exists(Store.join(dir, Layout.ABANDONED))) {
            return true;
        }
        String owner = Store.join(dir, Layout.OWNER);
        byte[] o = store.read(owner);
        return Owner.isGone(o, o == null ? store.modified(dir) : store.modified(owner));
    }
}
