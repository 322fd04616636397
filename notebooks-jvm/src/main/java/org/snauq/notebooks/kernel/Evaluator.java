package org.snauq.notebooks.kernel;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * A jshell that runs notebook cells as IJava and JJava do: the line magics are rewritten into calls, then the cell
 * is cut into snippets ({@code SourceCodeAnalysis.analyzeCompletion}) and each is evaluated in turn; the cell's
 * value is that of its last snippet when that is an expression or a variable reference. Its classpath starts
 * empty (compile and run): only the magics add to it. The notebook sees the kernels' start-up names: the imports
 * both kernels make ({@code java.util.*}, {@code java.io.*}, {@code java.math.*}, {@code java.net.*},
 * {@code java.util.concurrent.*}, {@code java.util.prefs.*}, {@code java.util.regex.*}), {@code display(Object)},
 * {@code display(Object, String...)} and {@code lineMagic(name, args)}.
 *
 * <p>Stricter than the kernels: a snippet that is only recoverably defined (it names something not yet declared)
 * fails the cell. Not thread-safe; one per kernel process.
 */
final class Evaluator implements AutoCloseable {

    /** Where the start-up snippets find the kernel: JDK types only, since the kernel's classes are out of reach. */
    private static final String DISPLAY_HOOK = "org.snauq.notebooks.display";
    private static final String MAGIC_HOOK = "org.snauq.notebooks.lineMagic";

    private static final String STARTUP = """
            import java.util.*;
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.util.concurrent.*;
            import java.util.prefs.*;
            import java.util.regex.*;
            @SuppressWarnings("unchecked")
            String display(Object o, String... as) {
                return ((java.util.function.BiFunction<Object, String[], String>) System.getProperties()
                        .get("%1$s")).apply(o, as);
            }
            @SuppressWarnings("unchecked")
            String display(Object o) { // not via the other: in jshell a method hides its overloads from itself
                return ((java.util.function.BiFunction<Object, String[], String>) System.getProperties()
                        .get("%1$s")).apply(o, new String[0]);
            }
            @SuppressWarnings("unchecked")
            <T> T lineMagic(String name, java.util.List<String> args) {
                return (T) ((java.util.function.BiFunction<String, java.util.List<String>, Object>) System
                        .getProperties().get("%2$s")).apply(name, args);
            }
            """.formatted(DISPLAY_HOOK, MAGIC_HOOK);

    private final IsolatedLoader loader = new IsolatedLoader();
    private final ResultControl control = new ResultControl(loader);
    private final JShell shell;

    /** A cell that failed: a one-line message and the traceback, as the kernel would print them. */
    static final class CellFailure extends Exception {
        final List<String> traceback;

        CellFailure(String message, List<String> traceback) {
            super(message);
            this.traceback = List.copyOf(traceback);
        }
    }

    Evaluator(Path workingFolder, CellCapture capture) throws CellFailure {
        // jshell compiles against java.class.path; empty it so the kernel's own classpath does not leak in
        System.setProperty("java.class.path", "");
        Thread.currentThread().setContextClassLoader(loader.classLoader());
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "notebook";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
        shell = JShell.builder().executionEngine(provider, Map.of()).in(InputStream.nullInputStream())
                .out(capture.out).err(capture.err).build();
        Magics magics = new Magics(workingFolder, shell::addToClasspath);
        System.getProperties().put(DISPLAY_HOOK, (BiFunction<Object, String[], String>) (o, as) -> {
            capture.display(new Output.DisplayData(as.length == 0 ? Renderer.render(o) : Renderer.renderAs(o, as)));
            return java.util.UUID.randomUUID().toString(); // the display id the kernels return
        });
        System.getProperties().put(MAGIC_HOOK, (BiFunction<String, List<String>, Object>) magics::run);
        evaluate(STARTUP);
    }

    /**
     * Runs one cell.
     *
     * @return the value of its last snippet, or null when there is none
     * @throws CellFailure when a snippet does not compile, stays unresolved or throws, or the input is incomplete
     */
    Object evaluate(String cell) throws CellFailure {
        String cellMagic = Magics.cellMagicName(cell);
        if (cellMagic != null) {
            throw new CellFailure("%%" + cellMagic + ": cell magics are not supported by the notebook runner",
                    List.of());
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        Object last = null;
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(Magics.transform(cell));
        while (info.completeness().isComplete()) {
            last = evaluateSnippet(info.source());
            info = analysis.analyzeCompletion(info.remaining());
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            throw new CellFailure("incomplete input: `" + firstLine(info.remaining()) + "`", List.of());
        }
        return last;
    }

    private Object evaluateSnippet(String source) throws CellFailure {
        List<SnippetEvent> events = shell.eval(source);
        Object value = null;
        for (SnippetEvent e : events) {
            Object v = e.value() != null && e.snippet().subKind().isExecutable() ? control.take(e.value()) : null;
            if (e.causeSnippet() == null) {
                value = switch (e.snippet().subKind()) {
                    case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> v;
                    default -> null;
                };
            }
        }
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null) {
                check(source, e);
            }
        }
        return value;
    }

    private void check(String source, SnippetEvent e) throws CellFailure {
        String code = firstLine(source);
        if (e.status() == Snippet.Status.REJECTED) {
            String diags = shell.diagnostics(e.snippet()).map(d -> diagnostic(d, source))
                    .collect(Collectors.joining("; "));
            throw new CellFailure("does not compile: " + (diags.isEmpty() ? "rejected" : diags) + " in `" + code
                    + "`", List.of());
        }
        if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            String missing = e.snippet() instanceof DeclarationSnippet d
                    ? shell.unresolvedDependencies(d).collect(Collectors.joining(", ")) : "?";
            throw new CellFailure("unresolved " + missing + " in `" + code + "`", List.of());
        }
        JShellException ex = e.exception();
        if (ex != null) {
            String type = ex instanceof EvalException ee ? ee.getExceptionClassName()
                    : ex instanceof UnresolvedReferenceException ? "unresolved reference" : ex.getClass().getName();
            throw new CellFailure(type + ": " + ex.getMessage() + " in `" + code + "`", traceback(ex));
        }
    }

    private static List<String> traceback(Throwable ex) {
        List<String> lines = new ArrayList<>();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String type = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
            lines.add((t == ex ? "" : "Caused by: ") + type + ": " + t.getMessage());
            for (StackTraceElement s : t.getStackTrace()) {
                lines.add("\tat " + s);
            }
        }
        return lines;
    }

    private static String diagnostic(Diag d, String snippet) {
        return d.getMessage(null).lines().findFirst().orElse("") + (d.getPosition() >= 0 ? " at `"
                + firstLine(snippet.substring((int) Math.min(d.getPosition(), snippet.length()))) + "`" : "");
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }

    @Override
    public void close() {
        shell.close();
    }
}
