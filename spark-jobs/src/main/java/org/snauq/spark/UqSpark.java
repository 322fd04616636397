package org.snauq.spark;

import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of {@code sna run} and {@code sna generate}: embedded {@code local[*]} unless a master is
 * given (by {@code --master}, or by spark-submit through {@code spark.*} system properties), Kryo with
 * {@link SnaKryoRegistrator}, the console progress bar on, snappy Parquet, no {@code _SUCCESS} files. An
 * already running session (spark-shell, tests) is reused as it is.
 */
public final class UqSpark {

    private UqSpark() {
    }

    /**
     * The session to run on.
     *
     * @param master a Spark master URL, or null for the configured one, else {@code local[*]}
     */
    public static synchronized SparkSession session(String master) {
        SparkSession running = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
        if (running != null && !running.sparkContext().isStopped()) {
            return running;
        }
        SparkConf conf = configure(new SparkConf(), master);
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            session.sparkContext().setLogLevel("WARN"); // phase lines and the progress bar, not Spark's INFO chatter
        }
        return session;
    }

    /**
     * The session of {@link #session(String)}, started on the first {@code get()} only: a study that fails its
     * checks, or a model read without Spark, never pays for starting it. Not thread safe (one command's thread).
     *
     * @param master a Spark master URL, or null for the configured one, else {@code local[*]}
     */
    public static Supplier<SparkSession> lazySession(String master) {
        return new Supplier<>() {
            private SparkSession session;

            @Override
            public SparkSession get() {
                if (session == null) {
                    session = session(master);
                }
                return session;
            }
        };
    }

    /** The settings of a run, on top of what {@code conf} already holds (explicit settings win). */
    public static SparkConf configure(SparkConf conf, String master) {
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.app.name", "sna");
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", SnaKryoRegistrator.class.getName());
        conf.setIfMissing("spark.ui.showConsoleProgress", "true");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            // an embedded run talks only to itself: stay on loopback whatever the host name resolves to
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.setIfMissing("spark.sql.parquet.compression.codec", "snappy");
        conf.setIfMissing("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
        return ClusterSupport.configure(conf); // executors in other JVMs need the shaded jar
    }
}
