package org.snauq.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version, from the build's {@code version.properties} resource. */
final class Versions {

    private Versions() {
    }

    static String snaUq() {
        try (InputStream in = Versions.class.getResourceAsStream("/org/snauq/cli/build.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
