package org.snauq.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.security.cert.Certificate;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.study.BadInputException;

/** Which settings a cluster master adds, and where the shaded jar is found. No Spark context is started. */
class ClusterSupportTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(ClusterSupport.JAR_PROPERTY);
    }

    private Path jar(String name, long modifiedMillis) throws IOException {
        Path p = Files.write(dir.resolve(name), new byte[] {'P', 'K'});
        Files.setLastModifiedTime(p, FileTime.fromMillis(modifiedMillis));
        return p;
    }

    private static CodeSource loadedFrom(Path p) throws IOException {
        return new CodeSource(p.toUri().toURL(), (Certificate[]) null);
    }

    @Test
    void configure_localMasters_unchanged() {
        for (String master : new String[] {"local", "local[2]", "local[*]", "local[2,4]"}) {
            SparkConf conf = ClusterSupport.configure(new SparkConf(false).setMaster(master));
            assertFalse(conf.contains("spark.jars"), master);
            assertFalse(conf.contains("spark.driver.host"), master);
        }
    }

    @Test
    void configure_loopbackStandalone_shipsJarAndBindsLoopback() throws IOException {
        Path jar = jar("sna-uq-9.9-spark.jar", 0);
        System.setProperty(ClusterSupport.JAR_PROPERTY, jar.toString());
        SparkConf conf = ClusterSupport.configure(new SparkConf(false).setMaster("spark://127.0.0.1:7077"));
        assertEquals(jar.toAbsolutePath().toString(), conf.get("spark.jars"));
        assertEquals("127.0.0.1", conf.get("spark.driver.host"));
        assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
    }

    @Test
    void configure_explicitSettings_win() throws IOException {
        System.setProperty(ClusterSupport.JAR_PROPERTY, jar("sna-uq-9.9-spark.jar", 0).toString());
        SparkConf conf = ClusterSupport.configure(new SparkConf(false).setMaster("spark://localhost:7077")
                .set("spark.jars", "/apps/mine.jar").set("spark.driver.host", "10.0.0.5"));
        assertEquals("/apps/mine.jar", conf.get("spark.jars"));
        assertEquals("10.0.0.5", conf.get("spark.driver.host"));
    }

    @Test
    void configure_remoteMaster_shipsJarOnly() throws IOException {
        System.setProperty(ClusterSupport.JAR_PROPERTY, jar("sna-uq-9.9-spark.jar", 0).toString());
        SparkConf conf = ClusterSupport.configure(new SparkConf(false).setMaster("yarn"));
        assertTrue(conf.contains("spark.jars"));
        assertFalse(conf.contains("spark.driver.host"));
    }

    @Test
    void applicationJar_loadedFromShadedJar_isThatJar() throws IOException {
        Path jar = jar("sna-uq-1.0-spark.jar", 0);
        assertEquals(Optional.of(jar.toAbsolutePath().toString()), ClusterSupport.applicationJar(loadedFrom(jar)));
    }

    @Test
    void applicationJar_buildTree_newestShadedJarBeside() throws IOException {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        jar("spark-jobs-1.0.jar", 3_000); // the plain module jar lacks the core's classes
        jar("sna-uq-0.9-spark.jar", 1_000);
        Path newest = jar("sna-uq-1.0-spark.jar", 2_000);
        assertEquals(Optional.of(newest.toString()), ClusterSupport.applicationJar(loadedFrom(classes)));
    }

    @Test
    void applicationJar_none_empty() throws IOException {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        assertEquals(Optional.empty(), ClusterSupport.applicationJar(loadedFrom(classes)));
    }

    @Test
    void applicationJar_propertyNamesMissingFile_namesProperty() {
        System.setProperty(ClusterSupport.JAR_PROPERTY, dir.resolve("nope.jar").toString());
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> ClusterSupport.applicationJar(null));
        assertTrue(e.getMessage().startsWith("-Dsna.jar must name a file"), e.getMessage());
    }

    // ---- the master check before Spark starts (issue 17 point 6)

    private static org.snauq.study.BadInputException badMaster(String master) {
        return org.junit.jupiter.api.Assertions.assertThrows(org.snauq.study.BadInputException.class,
                () -> ClusterSupport.checkMaster(master, "--master"));
    }

    /** A port nothing listens on: bound and released, so the system does not hand it out again at once. */
    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void checkMaster_knownFormsWithoutStandalone_passWithoutConnecting() {
        for (String master : new String[] {"local", "local[2]", "local[*]", "local[2,3]", "local-cluster[2,1,1024]",
            "yarn", "k8s://https://api.example:6443"}) {
            ClusterSupport.checkMaster(master, "--master");
        }
    }

    @Test
    void checkMaster_unknownScheme_namesTheForms() {
        String m = badMaster("sprak://127.0.0.1:7077").getMessage();
        assertEquals("--master sprak://127.0.0.1:7077: not a Spark master URL; use local[N], spark://HOST:PORT, yarn"
                + " or k8s://URL", m);
    }

    @Test
    void checkMaster_noPort_namesTheAddress() {
        assertTrue(badMaster("spark://127.0.0.1").getMessage().contains("'127.0.0.1' is not HOST:PORT"));
        assertTrue(badMaster("spark://127.0.0.1:99999").getMessage().contains("is not HOST:PORT"));
    }

    @Test
    void checkMaster_nothingListening_oneLineNamingTheAddress() throws IOException {
        int port = closedPort();
        String m = badMaster("spark://127.0.0.1:" + port).getMessage();
        assertTrue(m.startsWith("--master spark://127.0.0.1:" + port + ": no Spark master answers at 127.0.0.1:"
                + port + " ("), m);
        assertFalse(m.contains("\n"));
    }

    @Test
    void checkMaster_oneOfSeveralAnswers_passes() throws IOException {
        try (java.net.ServerSocket up = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ClusterSupport.checkMaster("spark://127.0.0.1:" + closedPort() + ",127.0.0.1:" + up.getLocalPort(),
                    "spark.master");
        }
    }
}
