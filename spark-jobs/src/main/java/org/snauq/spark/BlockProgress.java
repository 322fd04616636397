package org.snauq.spark;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.snauq.engine.PhaseLog;

/**
 * Logs "blocks done / total" while a pass runs, at most every {@link #EVERY_NANOS} and at the end. Partition p
 * of {@code parallelize(0..blocks-1, slices)} holds blocks [p B / S, (p + 1) B / S), so a finished task tells
 * how many blocks it completed; failed attempts count nothing.
 */
final class BlockProgress extends SparkListener {

    /** At most one progress line per two seconds. */
    static final long EVERY_NANOS = 2_000_000_000L;

    private final PhaseLog log;
    private final String pass;
    private final long blocks;
    private final int slices;
    private long done;
    private long lastLine = System.nanoTime();

    BlockProgress(PhaseLog log, String pass, long blocks, int slices) {
        this.log = log;
        this.pass = pass;
        this.blocks = blocks;
        this.slices = slices;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() != Success$.MODULE$) {
            return;
        }
        int p = end.taskInfo().index();
        done += (p + 1) * blocks / slices - p * blocks / slices; // long: no overflow for any block count
        long now = System.nanoTime();
        if (now - lastLine >= EVERY_NANOS && done < blocks) {
            lastLine = now;
            log.info(pass + ": " + done + "/" + blocks + " blocks done");
        }
    }

    synchronized long done() {
        return done;
    }
}
