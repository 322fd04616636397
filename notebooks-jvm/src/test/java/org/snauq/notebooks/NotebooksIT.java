package org.snauq.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every notebook under {@code notebooks/} as a fresh Java kernel would, after {@code package} has filled
 * {@code target/notebook-jars/} (the folder their {@code %classpath} line names): each must run from top to
 * bottom and show at least one figure. The kernel's JVM options are those the README tells users to give their
 * kernel, {@code target/kernel-jvm-options.txt} (the flags Spark needs on Java 17). With
 * {@code -Dnotebooks.write=true} the outputs are stored back into the notebooks, as
 * {@code tools/run-notebooks.sh} does without Maven's test phases.
 */
class NotebooksIT {

    @TestFactory
    Stream<DynamicTest> everyNotebook_runsInAFreshKernel_andShowsAFigure() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks found under notebooks/");
        boolean write = Boolean.getBoolean("notebooks.write");
        String options = Files.readString(Path.of("target/kernel-jvm-options.txt")).strip();
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            List<CellOutput> cells = NotebookRunner.run(nb, List.of(options.split("\\s+")), write);
            assertTrue(cells.stream().mapToLong(CellOutput::figures).sum() > 0,
                    nb.getFileName() + ": no cell shows a figure (image/png)");
        }));
    }
}
