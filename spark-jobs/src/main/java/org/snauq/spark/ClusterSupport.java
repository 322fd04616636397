package org.snauq.spark;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;

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

    private ClusterSupport() {
    }

    /**
     * Adds the cluster settings to {@code conf} when its master is not local.
     *
     * @param conf read and written; {@code spark.master} must be set
     * @throws IllegalArgumentException when the master needs the application jar and it cannot be found
     */
    public static SparkConf configure(SparkConf conf) {
        String master = conf.get("spark.master");
        if (LOCAL.matcher(master).matches()) {
            return conf;
        }
        if (!conf.contains("spark.jars") || conf.get("spark.jars").isBlank()) {
            String jar = applicationJar(ClusterSupport.class.getProtectionDomain().getCodeSource())
                    .orElseThrow(() -> new IllegalArgumentException("master " + master + " runs executors in other"
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
     * The shaded jar: the {@value #JAR_PROPERTY} property if set; else the jar this class was loaded from when it
     * is the shaded one ({@code bin/sna}, spark-submit); else the newest shaded jar beside this class's jar or
     * classes folder (a build tree: {@code target/classes} or {@code target/spark-jobs-<version>.jar}).
     */
    static Optional<String> applicationJar(CodeSource source) {
        String named = System.getProperty(JAR_PROPERTY);
        if (named != null && !named.isBlank()) {
            if (!new File(named).isFile()) {
                throw new IllegalArgumentException("-D" + JAR_PROPERTY + " must name a file, got '" + named + "'");
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
