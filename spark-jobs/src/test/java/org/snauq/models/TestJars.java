package org.snauq.models;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A jar of user simulators compiled at test time ({@code javax.tools}), so that the classes are not on the test's
 * class path: {@code sna} must load them from the jar. Against sna-core's {@code org.snauq.simulator.Simulator}.
 */
public final class TestJars {

    /** Borehole, its inputs listed in another order than the study's (the model reorders the points). */
    static final String BOREHOLE = """
            package com.example;
            import java.util.List;
            import org.snauq.simulator.Simulator;
            public final class Borehole implements Simulator {
                public List<String> inputs() { return List.of("Kw", "rw", "r", "Tu", "Hu", "Tl", "Hl", "L"); }
                public List<String> outputs() { return List.of("y"); }
                public void evaluate(double[] p, int count, double[] out, Failures failures) {
                    for (int j = 0; j < count; j++) {
                        int b = 8 * j;
                        double kw = p[b], rw = p[b + 1], r = p[b + 2], tu = p[b + 3], hu = p[b + 4], tl = p[b + 5],
                                hl = p[b + 6], l = p[b + 7];
                        double lr = Math.log(r / rw);
                        out[j] = 2 * Math.PI * tu * (hu - hl) / (lr * (1 + 2 * l * tu / (lr * rw * rw * kw) + tu / tl));
                        if (rw > 0.14) {
                            failures.fail(j, "rw above the validated range: " + rw);
                        }
                    }
                }
            }
            """;

    /** Throws for any call that holds a point with rw &lt; 0.09 (the whole call: the model isolates the points). */
    static final String FRAGILE = """
            package com.example;
            import java.util.List;
            import org.snauq.simulator.Simulator;
            public final class Fragile implements Simulator {
                public List<String> inputs() { return List.of("rw"); }
                public List<String> outputs() { return List.of("y"); }
                public void evaluate(double[] p, int count, double[] out, Failures failures) {
                    for (int j = 0; j < count; j++) {
                        if (p[j] < 0.09) {
                            throw new IllegalStateException("rw too small");
                        }
                        out[j] = 2 * p[j];
                    }
                }
            }
            """;

    static final String NOT_A_SIMULATOR = """
            package com.example;
            public final class Plain {
            }
            """;

    static final String NO_DEFAULT_CONSTRUCTOR = """
            package com.example;
            import java.util.List;
            import org.snauq.simulator.Simulator;
            public final class Needy implements Simulator {
                public Needy(int n) { }
                public List<String> inputs() { return List.of("rw"); }
                public List<String> outputs() { return List.of("y"); }
                public void evaluate(double[] p, int count, double[] out, Failures failures) { }
            }
            """;

    private TestJars() {
    }

    /** {@code simulators.jar} in {@code dir} with the classes above (com.example.Borehole, Fragile, Plain, Needy). */
    public static Path simulators(Path dir) {
        try {
            Path src = Files.createDirectories(dir.resolve("src/com/example"));
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                    System.getProperty("java.class.path"), "--release", "17"));
            for (String[] c : new String[][] {{"Borehole", BOREHOLE}, {"Fragile", FRAGILE}, {"Plain", NOT_A_SIMULATOR},
                    {"Needy", NO_DEFAULT_CONSTRUCTOR}}) {
                Path f = src.resolve(c[0] + ".java");
                Files.writeString(f, c[1]);
                args.add(f.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the test simulators do not compile");
            }
            Path jar = dir.resolve("simulators.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, (OutputStream) out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
