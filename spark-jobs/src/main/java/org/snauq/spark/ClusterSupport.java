package org.snauq.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.snauq.study.BadInputException;

/**
 * What a driver needs when its executors are other JVMs (a {@code spark://}, YARN, Kubernetes or
 * {@code local-cluster} master): the application classes (models, kernels, accumulators, the Kryo registrator)
 * must reach the executors, so {@code spark.jars} names the shaded jar
 * ({@code spark-jobs/target/sna-uq-<version>-spark.jar}) unless set already (spark-submit sets it to its
 * application jar). On a master at 127.0.0.1 or localhost the driver also binds and advertises 127.0.0.1, so a
 * loopback cluster works on a machine whose host name resolves elsewhere (or nowhere). Local masters are left
 * as they are: their executors share the driver's class path. Explicit settings always win.
 */
public final class ClusterSupport {

    /** A system property naming the application jar, for layouts where it cannot be found (see {@link #applicationJar}). */
    public static final String JAR_PROPERTY = "sna.jar";

    /** The shaded jar's name (spark-jobs/pom.xml, maven-shade-plugin outputFile). */
    static final Pattern SHADED_JAR = Pattern.compile("sna-uq-.+-spark\\.jar");

    private static final Pattern LOCAL = Pattern.compile("local(\\[.*])?");
    private static final Pattern LOOPBACK = Pattern.compile("spark://(127\\.0\\.0\\.1|localhost)(:\\d+)?");
    /** A standalone master URL: {@code spark://HOST:PORT}, or several for standby masters, comma-separated. */
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^:/\\[\\]]+):(\\d{1,5})");
    /** Master URL forms Spark accepts (SparkContext.createTaskScheduler and the cluster managers' schemes). */
    private static final Pattern KNOWN = Pattern.compile("local(\\[.*])?|local-cluster\\[.*]|spark://.+|yarn|k8s://.+");
    /** How long a connection to a standalone master may take: a master answers in milliseconds. */
    static final int CONNECT_TIMEOUT_MS = 5_000;

    private ClusterSupport() {
    }

    /**
     * Adds the cluster settings to {@code conf} when its master is not local.
     *
     * @param conf read and written; {@code spark.master} must be set
     * @throws BadInputException when the master needs the application jar and it cannot be found
     */
    public static SparkConf configure(SparkConf conf) {
        String master = conf.get("spark.master");
        if (LOCAL.matcher(master).matches()) {
            return conf;
        }
        if (!conf.contains("spark.jars") || conf.get("spark.jars").isBlank()) {
            String jar = applicationJar(ClusterSupport.class.getProtectionDomain().getCodeSource())
                    .orElseThrow(() -> new BadInputException("master " + master + " runs executors in other"
                            + " JVMs, which need the shaded jar sna-uq-<version>-spark.jar: build it with"
                            + " 'mvn package', or name it with -D" + JAR_PROPERTY + "=PATH or spark.jars"));
            conf.set("spark.jars", jar);
        }
        if (LOOPBACK.matcher(master).matches()) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    /**
     * Checks, before Spark starts, that the master URL has a form Spark knows and, for a standalone master
     * ({@code spark://HOST:PORT[,HOST:PORT...]}), that something accepts a connection at one of its addresses
     * within {@link #CONNECT_TIMEOUT_MS}. Spark itself would log dozens of lines of stack traces and retry for a
     * minute; this is one line.
     *
     * @param origin how the user gave the master, for the message ({@code --master} or {@code spark.master})
     * @throws BadInputException naming the master and what is wrong
     */
    public static void checkMaster(String master, String origin) {
        String what = origin + " " + master;
        if (!KNOWN.matcher(master).matches()) {
            throw new BadInputException(what + ": not a Spark master URL; use local[N], spark://HOST:PORT, yarn or"
                    + " k8s://URL");
        }
        java.util.regex.Matcher standalone = STANDALONE.matcher(master);
        if (!standalone.matches()) {
            return;
        }
        String problem = null;
        for (String address : standalone.group(1).split(",")) {
            java.util.regex.Matcher hp = HOST_PORT.matcher(address.trim());
            if (!hp.matches() || Integer.parseInt(hp.group(2)) > 65_535) {
                throw new BadInputException(what + ": '" + address + "' is not HOST:PORT (the standalone master's"
                        + " port is 7077 by default)");
            }
            String host = hp.group(1).replaceAll("^\\[|]$", "");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, Integer.parseInt(hp.group(2))), CONNECT_TIMEOUT_MS);
                return; // one answering master is enough: the others are standbys
            } catch (IOException e) {
                problem = address + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + ")";
            }
        }
        throw new BadInputException(what + ": no Spark master answers at " + problem + "; start it"
                + " (sbin/start-master.sh, or bin/sna-cluster) or check the host and port");
    }

    /**
     * The shaded jar: the {@value #JAR_PROPERTY} property if set; else the jar this class was loaded from when it
     * is the shaded one ({@code bin/sna}, spark-submit); else the newest shaded jar beside this class's jar or
     * classes folder (a build tree: {@code target/classes} or {@code target/spark-jobs-<version>.jar}).
     */
    static Optional<String> applicationJar(CodeSource source) {
        String named = System.getProperty(JAR_PROPERTY);
        if (named != null && !named.isBlank()) {
            if (!new File(named).isFile()) {
                throw new BadInputException("-D" + JAR_PROPERTY + " must name a file, got '" + named + "'");
            }
            return Optional.of(new File(named).getAbsolutePath());
        }
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        Path loadedFrom;
        try {
            loadedFrom = Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (Files.isRegularFile(loadedFrom) && SHADED_JAR.matcher(loadedFrom.getFileName().toString()).matches()) {
            return Optional.of(loadedFrom.toString());
        }
        Path folder = loadedFrom.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> SHADED_JAR.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparingLong(ClusterSupport::modified))
                    .map(Path::toString);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
