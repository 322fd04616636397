package org.snauq.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the spark-jobs tests: {@code local[2,3]} (two threads, a failed task is retried up
 * to three times, which the fault-tolerance test needs), configured as {@code sna run} configures its own.
 */
public final class SparkTests {

    private static SparkSession session;

    private SparkTests() {
    }

    public static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            SparkConf conf = UqSpark.configure(new SparkConf(false), "local[2,3]");
            conf.set("spark.ui.showConsoleProgress", "false");
            conf.set("spark.sql.shuffle.partitions", "2");
            conf.set("spark.driver.host", "127.0.0.1");
            conf.set("spark.driver.bindAddress", "127.0.0.1");
            session = SparkSession.builder().config(conf).getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
            if (!session.sparkContext().master().equals("local[2,3]")) {
                // getOrCreate returned a session some test built itself: the retry test would silently lose its retries
                throw new IllegalStateException("a test created its own Spark session (" + session.sparkContext().master()
                        + ") before SparkTests.session(); use SparkTests.session() everywhere");
            }
        }
        return session;
    }
}
