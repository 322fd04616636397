package org.snauq.models;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snauq.simulator.Simulator;
import org.snauq.study.ExternalSpec;
import org.snauq.study.Limits;
import org.snauq.study.ModelSource;
import org.snauq.study.Study;
import org.snauq.study.StudyException;

/**
 * A user's {@link Simulator} class as a study model ({@code model: {java: {class: ..., jar: ...}}}, docs/SIMULATORS.md).
 * The driver loads the class from the jar, checks that it implements the interface, builds one instance and reads its
 * input and output names ({@link #of}); each task builds its own instance ({@link JavaLink}). The jar is shipped to
 * the executors of a cluster with {@code addJar} (as {@code spark.jars} would), where the class is found through the
 * task's class loader; elsewhere it is loaded from the jar's path by a class loader kept per jar for the JVM's life.
 * An exception from {@code evaluate} breaks the call, and {@link ExternalModel} isolates the points that throw.
 */
public final class JavaModel extends ExternalModel implements ShippedModel {

    private static final long serialVersionUID = 1L;
    /** One class loader per jar (path and content) and JVM: classes stay loaded for the tasks that follow. */
    private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private final String className;
    private final ShippedFile jar;
    /** columns[i] = the study column of the simulator's input i. */
    private final int[] columns;

    private JavaModel(List<String> inputs, String className, ShippedFile jar, List<String> outputs, int[] columns,
                      String where) {
        super(inputs, ExternalSpec.of(outputs), where, "java " + className
                + (jar == null ? "" : " from " + Path.of(jar.path()).getFileName()));
        this.className = className;
        this.jar = jar;
        this.columns = columns.clone();
    }

    /**
     * The Java model of {@code source}, checked on the driver: the jar, the class, the interface, the constructor,
     * the names.
     *
     * @param where the study place for messages, e.g. {@code "s.yaml: model.java"}
     * @throws StudyException with one line naming the key and the problem
     */
    public static JavaModel of(Study study, ModelSource.Java source, String where) {
        ShippedFile jar = null;
        if (source.jar() != null) {
            Path p = source.jar();
            if (!Files.isRegularFile(p)) {
                throw new StudyException(where + ".jar: " + (Files.exists(p) ? p + " is not a regular file"
                        : "no such file " + p));
            }
            try {
                jar = ShippedFile.of(p);
            } catch (IOException e) {
                throw new StudyException(where + ".jar: cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        Class<?> type = load(source.className(), jar, where);
        List<String> inputs;
        List<String> outputs;
        try (Simulator s = instantiate(type, where)) {
            inputs = names(s.inputs(), where, "inputs()", "input");
            outputs = names(s.outputs(), where, "outputs()", "output");
        } catch (RuntimeException e) {
            if (e instanceof StudyException) {
                throw e;
            }
            throw new StudyException(where + ": " + source.className() + " threw " + describe(e), e);
        }
        int[] columns = ModelLoader.columns(study, inputs, "java " + source.className());
        return new JavaModel(study.inputNames(), source.className(), jar, outputs, columns, where);
    }

    /** The class, from the jar's class loader or the class path; messages name the missing piece. */
    private static Class<?> load(String name, ShippedFile jar, String where) {
        Class<?> type;
        try {
            type = Class.forName(name, false, jar == null ? Thread.currentThread().getContextClassLoader()
                    : loader(jar, Path.of(jar.path())));
        } catch (ClassNotFoundException e) {
            throw new StudyException(where + ".class: no class " + name + (jar == null
                    ? " on the class path (give the jar: model.java.jar)" : " in " + jar.path()));
        } catch (LinkageError e) {
            throw new StudyException(where + ".class: cannot load " + name + ": " + describe(e), e);
        }
        if (!Simulator.class.isAssignableFrom(type)) {
            throw new StudyException(where + ".class: " + name + " does not implement " + Simulator.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new StudyException(where + ".class: " + name + " must be a public class that is not abstract");
        }
        return type;
    }

    private static Simulator instantiate(Class<?> type, String where) {
        try {
            return (Simulator) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new StudyException(where + ".class: " + type.getName() + " needs a public constructor without"
                    + " arguments");
        } catch (InvocationTargetException e) {
            throw new StudyException(where + ": new " + type.getName() + "() threw " + describe(e.getCause()), e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new StudyException(where + ": cannot build " + type.getName() + ": " + describe(e), e);
        }
    }

    /** Names as the study's rule wants them: identifiers, not reserved, distinct in any case. */
    private static List<String> names(List<String> names, String where, String method, String what) {
        if (names == null || names.isEmpty()) {
            throw new StudyException(where + ": " + method + " must list at least one name, got "
                    + (names == null ? "null" : "none"));
        }
        if (names.size() > (what.equals("output") ? Limits.MAX_OUTPUTS : Limits.MAX_INPUTS)) {
            throw new StudyException(where + ": " + method + " lists too many names, got " + names.size());
        }
        Map<String, String> seen = new HashMap<>();
        for (String n : names) {
            String problem = n == null ? "must not be null" : Limits.nameProblem(n);
            if (problem != null) {
                throw new StudyException(where + ": " + method + " " + what + " name '"
                        + LineFormat.printable(String.valueOf(n)) + "' " + problem);
            }
            if (seen.putIfAbsent(Limits.folded(n), n) != null) {
                throw new StudyException(where + ": " + method + " names " + what + " '" + n + "' twice (in any case)");
            }
        }
        return List.copyOf(names);
    }

    private static ClassLoader loader(ShippedFile jar, Path local) {
        return LOADERS.computeIfAbsent(jar.sha256() + ":" + local, k -> {
            try {
                return new URLClassLoader(new URL[] {local.toUri().toURL()}, Simulator.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("a file path is a URL: " + local, e);
            }
        });
    }

    /** One line for a throwable: its simple class name and message. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + LineFormat.printable(m.strip()));
    }

    @Override
    protected ExternalLink open() {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader()); // spark.jars
        } catch (ClassNotFoundException e) {
            if (jar == null) {
                throw error("no class " + className + " on this executor's class path");
            }
            type = load(className, jar, where()); // local mode, or the jar on a shared file system
        }
        Simulator s = instantiate(type, where());
        if (!s.inputs().equals(expectedInputs()) || !s.outputs().equals(outputs())) {
            throw error(className + " names other inputs or outputs on this executor than on the driver: "
                    + s.inputs() + " -> " + s.outputs());
        }
        return new JavaLink(s, columns, inputNames().size());
    }

    private List<String> expectedInputs() {
        String[] names = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            names[i] = inputNames().get(columns[i]);
        }
        return List.of(names);
    }

    @Override
    public List<ShippedFile> shippedJars() {
        return jar == null ? List.of() : List.of(jar);
    }

    /** What defines the model, for its hash: the class and the jar's content. */
    String identity() {
        return "java:" + className + ":" + (jar == null ? "classpath" : jar.sha256());
    }

    /** Facts for the manifest. */
    Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("class", className);
        if (jar != null) {
            r.put("jar", jar.path());
            r.put("jar_sha256", jar.sha256());
        }
        return r;
    }
}
