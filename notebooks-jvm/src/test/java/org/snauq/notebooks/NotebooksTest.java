package org.snauq.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every notebook under {@code notebooks/} with {@link NotebookRunner}: each must run from top to bottom
 * without error. With {@code -Dnotebooks.write=true} the outputs are stored back into the notebooks:
 * {@code mvn -o test -pl notebooks-jvm -am -Dtest=NotebooksTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dnotebooks.write=true}.
 */
class NotebooksTest {

    @TestFactory
    Stream<DynamicTest> everyNotebook_runs() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks found under notebooks/");
        boolean write = Boolean.getBoolean("notebooks.write");
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(),
                () -> NotebookRunner.run(nb, write)));
    }
}
