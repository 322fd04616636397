package org.snauq.notebooks;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import jdk.jshell.execution.LocalExecutionControlProvider;

/**
 * Runs a Jupyter notebook with a Java kernel ({@code .ipynb}, {@code kernelspec.language = "java"}, as written by
 * IJava) the way the kernel would: every code cell in order, snippet by snippet, through the JDK's
 * {@code jdk.jshell} API, in this JVM and on its classpath. Any compile error, rejected or unresolved snippet or
 * exception fails the run with a {@link NotebookException} naming the notebook, the cell and the problem.
 *
 * <p>Lines that start with {@code %} are kernel magics (such as IJava's {@code %jars}, which a Jupyter user needs
 * to put the project on the classpath); here the classpath is already there, so they are skipped. A cell's
 * output is what it printed to {@code System.out} and, as in IJava, the value of its last snippet when that is
 * an expression. With {@code writeOutputs} the outputs and execution counts are stored back into the notebook,
 * so it reads well on GitHub without running it.
 *
 * <p>Not thread-safe: it redirects {@code System.out} while a snippet runs.
 */
public final class NotebookRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookRunner() {
    }

    /** What one code cell produced. */
    public record CellOutput(int cell, String stdout, String value) {
    }

    /**
     * Runs every code cell of {@code notebook}.
     *
     * @param writeOutputs store the outputs in the notebook file (replacing the earlier ones)
     * @return one entry per code cell, in order
     * @throws NotebookException on the first failing cell
     * @throws IllegalArgumentException when the file is not a Java notebook
     */
    public static synchronized List<CellOutput> run(Path notebook, boolean writeOutputs) throws IOException {
        ObjectNode nb = (ObjectNode) JSON.readTree(notebook.toFile());
        String language = nb.at("/metadata/kernelspec/language").asText("");
        if (!language.equals("java")) {
            throw new IllegalArgumentException(notebook + ": metadata.kernelspec.language must be java, got '"
                    + language + "'");
        }
        List<CellOutput> outputs = new ArrayList<>();
        // one System.out for every run in this JVM, writing into the current cell's buffer: libraries that keep
        // the stream they first saw (Scala's Console, so Spark's show()) then still print into the right cell
        PrintStream original = System.out;
        CellBuffer buffer = CellBuffer.INSTANCE;
        System.setOut(CellBuffer.STREAM);
        // JShell closes its streams on close(): hand it views of stdout and stderr that it cannot close
        try (JShell shell = JShell.builder().executionEngine(new LocalExecutionControlProvider(), Map.of())
                .out(unclosable(original)).err(unclosable(System.err)).build()) {
            for (String entry : classpath()) {
                shell.addToClasspath(entry);
            }
            int cellNumber = 0;
            int count = 0;
            for (JsonNode cell : nb.withArray("cells")) {
                cellNumber++;
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                CellOutput out = runCell(shell, notebook, cellNumber, source(cell), buffer);
                outputs.add(out);
                count++;
                if (writeOutputs) {
                    store((ObjectNode) cell, out, count);
                }
            }
        } finally {
            System.out.flush();
            buffer.current = original;
            System.setOut(original);
        }
        if (writeOutputs) {
            write(nb, notebook);
        }
        return outputs;
    }

    private static PrintStream unclosable(PrintStream target) {
        return new PrintStream(new FilterOutputStream(target) {
            @Override
            public void write(byte[] b, int off, int len) {
                target.write(b, off, len);
            }

            @Override
            public void close() {
                target.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** The test classpath under Surefire (whose own classpath may be a manifest-only jar), else this JVM's. */
    private static List<String> classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(File.pathSeparator)).stream().filter(s -> !s.isBlank()).toList();
    }

    private static String source(JsonNode cell) {
        JsonNode src = cell.path("source");
        String text;
        if (src.isArray()) {
            StringBuilder b = new StringBuilder();
            src.forEach(line -> b.append(line.asText()));
            text = b.toString();
        } else {
            text = src.asText();
        }
        // kernel magics: the runner's classpath already holds what they would add
        return text.lines().map(l -> l.stripLeading().startsWith("%") ? "" : l)
                .collect(Collectors.joining("\n"));
    }

    private static CellOutput runCell(JShell shell, Path notebook, int cellNumber, String source, CellBuffer buffer) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        buffer.current = captured;
        String lastValue = null;
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String snippet = info.completeness().isComplete() ? info.source() : remaining;
            remaining = info.completeness().isComplete() ? info.remaining() : "";
            List<SnippetEvent> events = shell.eval(snippet);
            System.out.flush();
            lastValue = null;
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) {
                    continue; // an update of an earlier snippet caused by this one
                }
                check(shell, notebook, cellNumber, snippet, e);
                if (isExpression(e.snippet()) && e.value() != null) {
                    lastValue = e.value();
                }
            }
        }
        return new CellOutput(cellNumber, captured.toString(StandardCharsets.UTF_8), lastValue);
    }

    /** Where System.out goes while a notebook runs: the buffer of the cell being run (else the real stdout). */
    private static final class CellBuffer extends OutputStream {
        static final CellBuffer INSTANCE = new CellBuffer();
        static final PrintStream STREAM = new PrintStream(INSTANCE, true, StandardCharsets.UTF_8);

        volatile OutputStream current = System.out;

        @Override
        public void write(int b) throws IOException {
            current.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            current.write(b, off, len);
        }
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private static void check(JShell shell, Path notebook, int cellNumber, String snippet, SnippetEvent e) {
        String where = notebook.getFileName() + ": cell " + cellNumber + ": ";
        String code = firstLine(snippet);
        if (e.status() == Snippet.Status.REJECTED) {
            String diags = shell.diagnostics(e.snippet()).map(d -> diagnostic(d, snippet))
                    .collect(Collectors.joining("; "));
            throw new NotebookException(where + "does not compile: " + (diags.isEmpty() ? "rejected" : diags)
                    + " in `" + code + "`");
        }
        if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            String missing = e.snippet() instanceof DeclarationSnippet d
                    ? shell.unresolvedDependencies(d).collect(Collectors.joining(", ")) : "?";
            throw new NotebookException(where + "unresolved " + missing + " in `" + code + "`");
        }
        JShellException ex = e.exception();
        if (ex != null) {
            String type = ex instanceof EvalException ee ? ee.getExceptionClassName()
                    : ex instanceof UnresolvedReferenceException ? "unresolved reference" : ex.getClass().getName();
            NotebookException failure = new NotebookException(where + type + ": " + ex.getMessage() + " in `" + code
                    + "`");
            failure.setStackTrace(ex.getStackTrace());
            throw failure;
        }
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

    private static void store(ObjectNode cell, CellOutput out, int count) {
        cell.put("execution_count", count);
        ArrayNode outputs = cell.putArray("outputs");
        if (!out.stdout().isEmpty()) {
            ObjectNode stream = outputs.addObject();
            stream.put("name", "stdout");
            stream.put("output_type", "stream");
            lines(stream.putArray("text"), out.stdout());
        }
        if (out.value() != null) {
            ObjectNode result = outputs.addObject();
            lines(result.putObject("data").putArray("text/plain"), out.value());
            result.put("execution_count", count);
            result.putObject("metadata");
            result.put("output_type", "execute_result");
        }
    }

    /** Jupyter's multi-line string: a list of lines, each but the last ending in a newline. */
    private static void lines(ArrayNode array, String text) {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                array.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            array.add(text.substring(start));
        }
    }

    /** Writes with Jupyter's layout (one-space indent, {@code "key": value}), atomically. */
    private static void write(ObjectNode nb, Path notebook) throws IOException {
        DefaultIndenter indent = new DefaultIndenter(" ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator(""));
        printer.indentObjectsWith(indent);
        printer.indentArraysWith(indent);
        String text = JSON.writer(printer).writeValueAsString(nb) + "\n";
        Path tmp = notebook.resolveSibling("." + notebook.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, notebook, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs the notebooks named on the command line; {@code --write} stores their outputs. */
    public static void main(String[] args) throws IOException {
        boolean write = false;
        for (String a : args) {
            if (a.equals("--write")) {
                write = true;
                continue;
            }
            List<CellOutput> out = run(Path.of(a), write);
            System.out.println(a + ": " + out.size() + " code cells ran");
        }
    }
}
