package org.snauq.spark;

import org.apache.spark.TaskContext;

/**
 * Test hooks, off unless a system property is set (tests set them in the same JVM as the local executors):
 * <ul>
 *   <li>{@value #FAIL_FIRST_ATTEMPT}: the first attempt of every even-numbered task throws, so a job only
 *       succeeds through Spark's task retries ({@code local[N,F]});</li>
 *   <li>{@value #FAIL_AFTER_TABLE}: the driver throws after writing the named table, a run failing midway.</li>
 * </ul>
 */
public final class FaultInjection {

    public static final String FAIL_FIRST_ATTEMPT = "sna.test.fail-first-attempt";
    public static final String FAIL_AFTER_TABLE = "sna.test.fail-after-table";

    private FaultInjection() {
    }

    static void maybeFailTask() {
        if (Boolean.getBoolean(FAIL_FIRST_ATTEMPT)) {
            TaskContext tc = TaskContext.get();
            if (tc != null && tc.attemptNumber() == 0 && tc.partitionId() % 2 == 0) {
                throw new IllegalStateException("injected failure of task " + tc.partitionId() + ", attempt 0");
            }
        }
    }

    static void maybeFailAfter(String table) {
        if (table.equals(System.getProperty(FAIL_AFTER_TABLE))) {
            throw new IllegalStateException("injected failure after writing table " + table);
        }
    }
}
