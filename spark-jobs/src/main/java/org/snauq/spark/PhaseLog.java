package org.snauq.spark;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line per phase of a run (on stderr), with the time since the start and the phase's own duration:
 * {@code sna [  2.31 s] sampling done: 16/16 blocks (0.95 s)}. Durations are also kept for the manifest.
 * Thread safe (the block progress comes from Spark's listener thread).
 */
public final class PhaseLog {

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long phaseStart = start;
    private final Map<String, Long> timings = new LinkedHashMap<>();

    public PhaseLog(PrintWriter out) {
        this.out = out;
    }

    /** A log that prints nothing (library use, tests). */
    public static PhaseLog silent() {
        return new PhaseLog(new PrintWriter(java.io.Writer.nullWriter()));
    }

    /** Ends the current phase under {@code key}, printing {@code message} with the phase's duration. */
    public synchronized void phase(String key, String message) {
        long now = System.nanoTime();
        long ms = (now - phaseStart) / 1_000_000;
        timings.put(key, ms);
        phaseStart = now;
        line(message + String.format(Locale.ROOT, " (%.2f s)", ms / 1000.0));
    }

    /** A line without ending a phase. */
    public synchronized void info(String message) {
        line(message);
    }

    /** Restarts the clock of the current phase without recording it. */
    public synchronized void restartPhase() {
        phaseStart = System.nanoTime();
    }

    private void line(String message) {
        double t = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT, "sna [%7.2f s] %s", t, message));
        out.flush();
    }

    /** Milliseconds per phase, in order, and the total so far. */
    public synchronized Map<String, Long> timings() {
        Map<String, Long> t = new LinkedHashMap<>(timings);
        t.put("total", (System.nanoTime() - start) / 1_000_000);
        return t;
    }
}
