package org.snauq.spark;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.snauq.study.BadInputException;

/**
 * The Spark session of {@code sna run} and {@code sna generate}: embedded {@code local[*]} unless a master is
 * given (by {@code --master}, or by spark-submit through {@code spark.*} system properties), Kryo with
 * {@link SnaKryoRegistrator}, Spark's console progress bar only when stderr is a terminal, snappy Parquet, no {@code _SUCCESS} files. An
 * already running session (spark-shell, tests) is reused as it is.
 */
public final class UqSpark {

    /**
     * Seconds a standalone master has to accept the application (it takes well under one when up; Spark itself
     * would retry for a minute, then leave a stopped context behind). {@value #START_TIMEOUT_PROPERTY} overrides.
     */
    static final int START_TIMEOUT_S = 15;
    static final String START_TIMEOUT_PROPERTY = "sna.master.timeout";
    /** Set by {@code bin/sna}: whether stderr is a terminal, which the JVM cannot tell portably. */
    static final String STDERR_TTY_PROPERTY = "sna.stderr.tty";

    private UqSpark() {
    }

    /**
     * The session to run on.
     *
     * @param master a Spark master URL, or null for the configured one, else {@code local[*]}
     */
    public static synchronized SparkSession session(String master) {
        checkMaster(master); // also when a running session would be reused
        SparkSession running = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
        if (running != null && !running.sparkContext().isStopped()) {
            return running;
        }
        SparkConf conf = configure(new SparkConf(), master);
        SparkSession session = start(conf, master != null ? "--master" : "spark.master");
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            session.sparkContext().setLogLevel("WARN"); // phase lines and the progress bar, not Spark's INFO chatter
        }
        return session;
    }

    /** {@link ClusterSupport#checkMaster} on {@code master}, else on {@code spark.master} when configured. */
    private static void checkMaster(String master) {
        String configured = master != null ? master : new SparkConf().get("spark.master", null);
        if (configured != null) {
            ClusterSupport.checkMaster(configured, master != null ? "--master" : "spark.master");
        }
    }

    /**
     * Starts the session; on a standalone master, within {@link #START_TIMEOUT_S}: the context is built in a
     * thread of its own, which is abandoned (the command then exits) when the master does not register the
     * application in time, and a context the master gave up on is refused.
     */
    private static SparkSession start(SparkConf conf, String origin) {
        String master = conf.get("spark.master");
        if (!master.startsWith("spark://")) {
            return SparkSession.builder().config(conf).getOrCreate();
        }
        int timeout = Integer.getInteger(START_TIMEOUT_PROPERTY, START_TIMEOUT_S);
        FutureTask<SparkSession> task = new FutureTask<>(() -> SparkSession.builder().config(conf).getOrCreate());
        Thread starter = new Thread(task, "sna-spark-start");
        starter.setDaemon(true);
        starter.start();
        String what = origin + " " + master;
        SparkSession session;
        try {
            session = task.get(timeout, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new BadInputException(what + ": the master did not accept the application within " + timeout
                    + " s; is it a Spark standalone master of this Spark version (its web UI shows its URL)? -D"
                    + START_TIMEOUT_PROPERTY + "=SECONDS waits longer");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BadInputException(what + ": Spark did not start: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Spark", e);
        }
        if (session.sparkContext().isStopped()) {
            throw new BadInputException(what + ": the master gave up on the application (see the master's log)");
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
        checkMaster(master); // now: a wrong master is one line before a model is trained or solved, not after
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

    /**
     * Whether stderr is a terminal: {@value #STDERR_TTY_PROPERTY} when set ({@code bin/sna} sets it from
     * {@code [ -t 2 ]}); else, on Linux, whether file descriptor 2 is a terminal device; else whether the JVM has
     * a console (stdin and stdout are terminals).
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty(STDERR_TTY_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
        try {
            String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
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
        // the bar redraws one line with carriage returns: in a log file it glues onto the phase lines
        conf.setIfMissing("spark.ui.showConsoleProgress", String.valueOf(stderrIsTerminal()));
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
