package org.snauq.results;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes the modification time of the files this process holds (staging owners, locks) every
 * {@link #PERIOD_MS}, so holders on other hosts can tell it is alive ({@link Owner#LEASE_MS}). One daemon thread
 * per JVM, started on first use. Thread safe.
 */
final class Heartbeat {

    static final long PERIOD_MS = 15_000;

    private static final Map<String, Runnable> HELD = new ConcurrentHashMap<>();
    private static ScheduledExecutorService timer;

    private Heartbeat() {
    }

    /** Starts refreshing {@code rel} in {@code store}; {@link #stop} ends it. */
    static synchronized void start(Store store, String rel) {
        HELD.put(store.describe(rel), () -> {
            try {
                store.touch(rel);
            } catch (IOException e) {
                // a missed beat only matters after LEASE_MS of them
            }
        });
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sna-heartbeat");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(() -> HELD.values().forEach(Runnable::run), PERIOD_MS, PERIOD_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    static void stop(Store store, String rel) {
        HELD.remove(store.describe(rel));
    }
}
