package org.snauq.engine;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line per phase of a run (on stderr), with the time since the start and the phase's own duration:
 * {@code sna [  2.31 s] sampling done: 16/16 blocks (0.95 s)}. Durations are also kept for the manifest, with
 * the CPU time the whole JVM spent in each phase (all threads: the driver, Spark's and the tasks'), which is
 * the figure to compare on a machine shared with other work. Thread safe (the block progress comes from
 * Spark's listener thread).
 */
public final class PhaseLog {

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private final long cpuStart = processCpuNanos();
    private long phaseStart = start;
    private long phaseCpuStart = cpuStart;
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final Map<String, Long> cpuTimings = new LinkedHashMap<>();

    public PhaseLog(PrintWriter out) {
        this.out = out;
    }

    /** Ends the current phase under {@code key}, printing {@code message} with the phase's duration. */
    public synchronized void phase(String key, String message) {
        long now = System.nanoTime();
        long ms = (now - phaseStart) / 1_000_000;
        timings.put(key, ms);
        phaseStart = now;
        long cpu = processCpuNanos();
        cpuTimings.put(key, (cpu - phaseCpuStart) / 1_000_000);
        phaseCpuStart = cpu;
        line(message + String.format(Locale.ROOT, " (%.2f s)", ms / 1000.0));
    }

    /** A line without ending a phase. */
    public synchronized void info(String message) {
        line(message);
    }

    /** Restarts the clock of the current phase without recording it. */
    public synchronized void restartPhase() {
        phaseStart = System.nanoTime();
        phaseCpuStart = processCpuNanos();
    }

    private void line(String message) {
        double t = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT, "sna [%7.2f s] %s", t, message));
        out.flush();
    }

    /** CPU milliseconds of the JVM per phase, in order, and the total so far (empty if the JVM cannot tell). */
    public synchronized Map<String, Long> cpuTimings() {
        if (cpuStart < 0) {
            return new LinkedHashMap<>();
        }
        Map<String, Long> t = new LinkedHashMap<>(cpuTimings);
        t.put("total", (processCpuNanos() - cpuStart) / 1_000_000);
        return t;
    }

    /** CPU time of this JVM so far, or -1 when the platform does not say. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Milliseconds per phase, in order, and the total so far. */
    public synchronized Map<String, Long> timings() {
        Map<String, Long> t = new LinkedHashMap<>(timings);
        t.put("total", (System.nanoTime() - start) / 1_000_000);
        return t;
    }
}
