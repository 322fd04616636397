package org.snauq.spark;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.snauq.engine.PhaseLog;
import org.snauq.engine.SamplePlan;

/**
 * Logs "samples (or blocks) done / total" and an estimate of the time left while a pass runs, at most every
 * {@link #EVERY_NANOS}. Partition p of {@code parallelize(0..blocks-1, slices)} holds blocks
 * [p B / S, (p + 1) B / S), so a finished task tells how many blocks, and so how many samples, it completed (every
 * sample of a finished task is answered or failed); failed attempts count nothing.
 * The estimate assumes the blocks still to do take as long on average as those done since the first task ended
 * (before it, the executors warm up: measured from the start, the first estimates were four times too long).
 */
final class BlockProgress extends SparkListener {

    /** At most one progress line per two seconds. */
    static final long EVERY_NANOS = 2_000_000_000L;

    private final PhaseLog log;
    private final String pass;
    private final long[] work;
    private final long total;
    private final String unit;
    private long done;
    private final long started = System.nanoTime();
    private long lastLine = started;
    /** Blocks done and the time when the first task ended. */
    private long firstDone;
    private long firstEnd;

    /** Counts blocks (or whatever unit the job's items are). */
    BlockProgress(PhaseLog log, String pass, long blocks, int slices) {
        this(log, pass, perSlice(blocks, slices, b -> 1), "blocks");
    }

    /** Counts the design rows of a sampling plan's blocks. */
    static BlockProgress samples(PhaseLog log, String pass, SamplePlan plan, int slices) {
        return new BlockProgress(log, pass, perSlice(plan.blocks(), slices, plan::blockRows), "samples");
    }

    private BlockProgress(PhaseLog log, String pass, long[] work, String unit) {
        this.log = log;
        this.pass = pass;
        this.work = work;
        this.total = java.util.Arrays.stream(work).sum();
        this.unit = unit;
    }

    /** The work in each slice: the sum of {@code size} over its blocks [p B / S, (p + 1) B / S). */
    static long[] perSlice(long blocks, int slices, java.util.function.LongUnaryOperator size) {
        long[] work = new long[slices];
        for (int p = 0; p < slices; p++) {
            for (long b = p * blocks / slices; b < (p + 1) * blocks / slices; b++) { // long: no overflow
                work[p] += size.applyAsLong(b);
            }
        }
        return work;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() != Success$.MODULE$) {
            return;
        }
        done += work[end.taskInfo().index()];
        long now = System.nanoTime();
        if (firstDone == 0) { // the rate is measured from here: the first tasks also pay for warming up
            firstDone = done;
            firstEnd = now;
        }
        if (now - lastLine >= EVERY_NANOS && done < total) {
            lastLine = now;
            String left = done > firstDone ? timeLeft(now - firstEnd, done - firstDone, total - firstDone)
                    : timeLeft(now - started, done, total);
            log.info(pass + ": " + done + "/" + total + " " + unit + " done, " + left + " left");
        }
    }

    /** "about 40 s" (or "under a second") for the time left after {@code elapsed} nanoseconds with {@code done} of {@code total} done. */
    static String timeLeft(long elapsedNanos, long done, long total) {
        double seconds = elapsedNanos / 1e9 * (total - done) / Math.max(1, done);
        return seconds < 0.5 ? "under a second" : "about " + duration(seconds);
    }

    /** A duration rounded for reading: "< 1 s", "12 s", "3 min 05 s", "2 h 07 min". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 1) {
            return "< 1 s";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    synchronized long done() {
        return done;
    }
}
