package org.snauq.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a Jupyter notebook for a Java kernel ({@code .ipynb}, {@code kernelspec.language = "java"}) as IJava or
 * JJava would run it from a fresh kernel: a new JVM started in the notebook's folder, with the given JVM options
 * and an empty classpath, runs every code cell in order, magics included ({@code %classpath}, {@code %jars}), so
 * the notebook gets exactly the classes its magics name: a wrong path fails here as it would for a user. The
 * outputs are what a front end stores: stream text, {@code display(...)} bundles (images as {@code image/png})
 * and the value of the cell's last expression. Any compile error, unresolved name, exception or incomplete cell
 * stops the run with a {@link NotebookException} naming the notebook, the cell and the problem.
 *
 * <p>With {@code writeOutputs} the outputs and execution counts are stored back into the notebook, so it reads
 * well (pictures included) on GitHub without running it.
 */
public final class NotebookRunner {

    /** The longest one cell may run: far above the notebooks' own (a few seconds each), below a stuck build's. */
    static final Duration CELL_TIMEOUT = Duration.ofMinutes(10);

    private NotebookRunner() {
    }

    /**
     * Runs every code cell of {@code notebook} in a fresh kernel.
     *
     * @param kernelOptions the kernel JVM's options (e.g. {@code -Xmx2g} and the {@code --add-opens} flags Spark
     *                      needs on Java 17, which a user's kernel needs too)
     * @param writeOutputs  store the outputs in the notebook file (replacing the earlier ones)
     * @return one entry per code cell run, in order
     * @throws NotebookException on the first failing cell
     * @throws IllegalArgumentException when the file is not a Java notebook
     */
    public static List<CellOutput> run(Path notebook, List<String> kernelOptions, boolean writeOutputs)
            throws IOException {
        ObjectNode nb = NotebookJson.read(notebook);
        String language = nb.at("/metadata/kernelspec/language").asText("");
        if (!language.equals("java")) {
            throw new IllegalArgumentException(notebook + ": metadata.kernelspec.language must be java, got '"
                    + language + "'");
        }
        String name = notebook.getFileName().toString();
        Path folder = notebook.toAbsolutePath().getParent();
        List<CellOutput> outputs = new ArrayList<>();
        try (KernelProcess kernel = KernelProcess.start(folder, kernelOptions, CELL_TIMEOUT)) {
            int cellNumber = 0;
            int count = 0;
            for (JsonNode cell : nb.withArray("cells")) {
                cellNumber++;
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                String source = NotebookJson.source(cell);
                if (source.isBlank()) {
                    NotebookJson.clear((ObjectNode) cell);
                    continue;
                }
                KernelProcess.Answer answer;
                try {
                    answer = kernel.execute(source);
                } catch (IOException e) {
                    throw new NotebookException(name + ": cell " + cellNumber + ": " + e.getMessage());
                }
                if (answer.failure() != null) {
                    NotebookException failure = new NotebookException(name + ": cell " + cellNumber + ": "
                            + answer.failure());
                    if (!answer.traceback().isEmpty()) {
                        failure.initCause(new KernelTraceback(answer.traceback()));
                    }
                    throw failure;
                }
                CellOutput out = new CellOutput(cellNumber, answer.outputs());
                outputs.add(out);
                count++;
                if (writeOutputs) {
                    NotebookJson.store((ObjectNode) cell, out.outputs(), count);
                }
            }
        }
        if (writeOutputs) {
            NotebookJson.write(nb, notebook);
        }
        return outputs;
    }

    /** The failed cell's traceback in the kernel, carried as the cause so a test report shows it. */
    private static final class KernelTraceback extends RuntimeException {
        KernelTraceback(String traceback) {
            super("in the kernel:\n" + traceback, null, false, false);
        }
    }

    /**
     * Runs the notebooks named on the command line: {@code [--write] [--kernel-option OPTION]... NOTEBOOK...};
     * {@code --write} stores their outputs.
     */
    public static void main(String[] args) throws IOException {
        boolean write = false;
        List<String> options = new ArrayList<>();
        List<Path> notebooks = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--write" -> write = true;
                case "--kernel-option" -> options.add(args[++i]);
                default -> notebooks.add(Path.of(args[i]));
            }
        }
        for (Path nb : notebooks) {
            List<CellOutput> out = run(nb, options, write);
            System.out.println(nb + ": " + out.size() + " code cells ran");
        }
    }
}
