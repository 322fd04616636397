package org.snauq.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on small hand-made notebooks: state carries across cells, and each kind of failure is caught. */
class NotebookRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void run_cellsInOrder_shareStateAndCaptureOutput() throws IOException {
        Path nb = notebook("java", "%jars ../../spark-jobs/target/x.jar\nint n = 20;\n",
                "System.out.println(\"n = \" + n);\nn + 1", "String s = \"a\";");
        List<NotebookRunner.CellOutput> out = NotebookRunner.run(nb, false);
        assertEquals(3, out.size());
        assertEquals("n = 20\n", out.get(1).stdout());
        assertEquals("21", out.get(1).value());
        assertNull(out.get(2).value(), "a declaration shows no value");
    }

    @Test
    void run_projectClasses_areOnTheClasspath() throws IOException {
        Path nb = notebook("java", "import org.snauq.datasets.Ishigami;\nIshigami.standard().mean().getAsDouble()");
        assertEquals("3.5", NotebookRunner.run(nb, false).get(0).value()); // exact: a/2 with a = 7
    }

    @Test
    void run_writeOutputs_storesThemInTheNotebook() throws IOException {
        Path nb = notebook("java", "System.out.println(\"hello\");", "6 * 7");
        NotebookRunner.run(nb, true);
        JsonNode cells = JSON.readTree(nb.toFile()).get("cells");
        assertEquals("hello\n", cells.get(1).at("/outputs/0/text/0").asText());
        assertEquals("42", cells.get(2).at("/outputs/0/data/text~1plain/0").asText());
        assertEquals(2, cells.get(2).get("execution_count").asInt());
    }

    @Test
    void run_compileError_namesCellAndProblem() throws IOException {
        Path nb = notebook("java", "int a = 1;", "int b = \"text\";");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(nb, false));
        assertTrue(e.getMessage().contains("cell 3") && e.getMessage().contains("does not compile"), e.getMessage());
    }

    @Test
    void run_exception_namesCellAndType() throws IOException {
        Path nb = notebook("java", "Integer.parseInt(\"x\")");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(nb, false));
        assertTrue(e.getMessage().contains("cell 2: java.lang.NumberFormatException"), e.getMessage());
    }

    @Test
    void run_unresolvedName_fails() throws IOException {
        Path nb = notebook("java", "void f() { undefinedMethod(); }");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(nb, false));
        assertTrue(e.getMessage().contains("unresolved"), e.getMessage());
    }

    @Test
    void run_pythonNotebook_isRejected() throws IOException {
        Path nb = notebook("python", "print(1)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NotebookRunner.run(nb, false));
        assertTrue(e.getMessage().contains("kernelspec.language must be java"), e.getMessage());
    }

    /** A notebook with one markdown cell, then one code cell per source. */
    private Path notebook(String language, String... sources) throws IOException {
        ObjectNode nb = JSON.createObjectNode();
        ArrayNode cells = nb.putArray("cells");
        ObjectNode md = cells.addObject();
        md.put("cell_type", "markdown");
        md.putObject("metadata");
        md.putArray("source").add("# test");
        for (String s : sources) {
            ObjectNode c = cells.addObject();
            c.put("cell_type", "code");
            c.putNull("execution_count");
            c.putObject("metadata");
            c.putArray("outputs");
            c.putArray("source").add(s);
        }
        ObjectNode ks = nb.putObject("metadata").putObject("kernelspec");
        ks.put("name", language);
        ks.put("language", language);
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        Path p = dir.resolve("t.ipynb");
        Files.writeString(p, JSON.writeValueAsString(nb));
        return p;
    }
}
