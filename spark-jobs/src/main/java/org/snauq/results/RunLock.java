package org.snauq.results;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An exclusive lock on one name (a run ID of an output), held by at most one {@link Owner} at a time, on any file
 * system with an atomic exclusive create. No file is ever overwritten and no other holder's file deleted, so a
 * stale view cannot break a live lock.
 *
 * <p>The lock is a folder of generations {@code 0000000000000000007} (the holder, as JSON) and
 * {@code 0000000000000000007.released}. Invariant: the holder is the owner of the highest generation g, if g is
 * neither released nor gone ({@link Owner#isGone}); file g is never deleted while it is the highest. To acquire:
 * when g is free, create g + 1 exclusively (one contender wins it); then list again and give g + 1 back if a higher
 * generation exists (the contender acted on a view older than a clean-up). The winner deletes the generations
 * below its own. To release: create the {@code released} marker.
 */
final class RunLock implements AutoCloseable {

    private static final String RELEASED = ".released";
    private static final Pattern GENERATION = Pattern.compile("[0-9]{19}");
    /** First and largest pause between looks at a lock held by someone else. */
    private static final long MIN_POLL_MS = 10;
    private static final long MAX_POLL_MS = 250;

    private final Store store;
    private final String file;

    private RunLock(Store store, String file) {
        this.store = store;
        this.file = file;
    }

    /**
     * Waits until the lock in folder {@code dir} is held by {@code owner}.
     *
     * @param what how to name the locked thing in the message when the wait ends without it
     * @throws OutputException after {@code waitMillis} with a live holder
     */
    static RunLock acquire(Store store, String dir, Owner owner, long waitMillis, String what) throws IOException {
        long deadline = System.currentTimeMillis() + waitMillis;
        long pause = MIN_POLL_MS;
        while (true) {
            RunLock lock = tryAcquire(store, dir, owner);
            if (lock != null) {
                return lock;
            }
            if (System.currentTimeMillis() > deadline) {
                String holder = Owner.parse(store.read(Store.join(dir, name(highest(store, dir)))))
                        .map(Owner::describe).orElse("another process");
                throw new OutputException(what + " is locked by " + holder + " (waited " + waitMillis / 1000
                        + " s); try again when it is done");
            }
            sleep(pause);
            pause = Math.min(MAX_POLL_MS, 2 * pause);
        }
    }

    /** Takes the lock in folder {@code dir} for {@code owner} if it is free; null when a live holder has it. */
    static RunLock tryAcquire(Store store, String dir, Owner owner) throws IOException {
        store.mkdirs(dir);
        while (true) {
            long g = highest(store, dir);
            if (g >= 0 && !free(store, dir, g)) {
                return null;
            }
            String mine = Store.join(dir, name(g + 1));
            if (!store.createNew(mine, owner.toJson())) {
                continue; // another contender won g + 1: look again
            }
            if (highest(store, dir) > g + 1) { // our view was older than a clean-up of the generations below
                store.delete(mine);
                continue;
            }
            for (String n : store.list(dir)) {
                if (generation(n) < g + 1) {
                    store.delete(Store.join(dir, n));
                }
            }
            Heartbeat.start(store, mine);
            return new RunLock(store, mine);
        }
    }

    /** Whether the lock in {@code dir} is free now (no generation, released, or its holder gone). */
    static boolean isFree(Store store, String dir) throws IOException {
        long g = highest(store, dir);
        return g < 0 || free(store, dir, g);
    }

    /** Milliseconds since the epoch when the lock was last taken or released, or -1 for none. */
    static long lastChange(Store store, String dir) throws IOException {
        long g = highest(store, dir);
        return g < 0 ? -1 : Math.max(store.modified(Store.join(dir, name(g))),
                store.modified(Store.join(dir, name(g) + RELEASED)));
    }

    @Override
    public void close() throws IOException {
        Heartbeat.stop(store, file);
        store.createNew(file + RELEASED, new byte[0]);
    }

    private static boolean free(Store store, String dir, long g) throws IOException {
        String f = Store.join(dir, name(g));
        return store.exists(f + RELEASED) || Owner.isGone(store.read(f), store.modified(f));
    }

    private static long highest(Store store, String dir) throws IOException {
        long max = -1;
        for (String n : store.list(dir)) {
            max = Math.max(max, generation(n));
        }
        return max;
    }

    /** The generation a file name belongs to (its digits), or -1 for a name of no generation. */
    private static long generation(String fileName) {
        int end = fileName.indexOf('.');
        String digits = end < 0 ? fileName : fileName.substring(0, end);
        return GENERATION.matcher(digits).matches() ? Long.parseLong(digits) : -1;
    }

    private static String name(long g) {
        return String.format(Locale.ROOT, "%019d", g);
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a lock");
        }
    }
}
