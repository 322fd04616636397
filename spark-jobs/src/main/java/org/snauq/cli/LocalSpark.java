package org.snauq.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.snauq.spark.ClusterSupport;

/**
 * The in-process Spark session of commands that only read a data file (such as {@code train} on Parquet):
 * {@code local[1]}, no web UI, warnings only. A master or other settings given as {@code spark.*} system
 * properties (spark-submit, or {@code bin/sna} from {@code conf/spark-defaults.conf}) take precedence.
 * Created on first use and shared for the life of the JVM (one per JVM is all Spark allows).
 */
public final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            SparkConf conf = new SparkConf(); // loads spark.* system properties
            conf.setIfMissing("spark.master", "local[1]");
            conf.setIfMissing("spark.app.name", "sna");
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", "1");
            ClusterSupport.checkMaster(conf.get("spark.master"), "spark.master"); // one line, not a minute of retries
            if (conf.get("spark.master").startsWith("local")) {
                conf.setIfMissing("spark.driver.host", "127.0.0.1"); // in-process: loopback only
                conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            }
            session = SparkSession.builder().config(conf).getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
