package org.snauq.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.notebooks.kernel.Output;

/**
 * The runner on small hand-made notebooks, each in a real kernel process: state carries across cells, outputs
 * have a kernel's shapes, magics put jars on an otherwise empty classpath, and each kind of failure is caught.
 */
class NotebookRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A small, quick kernel: these notebooks need no Spark. */
    private static final List<String> KERNEL = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path dir;

    @Test
    void run_cellsWithMagicsAndDisplays_giveAKernelsOutputs() throws IOException, URISyntaxException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.copy(Path.of(JsonFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                lib.resolve("jackson-core.jar"));
        Path nb = notebook("java",
                "int n = 20;\nSystem.out.println(\"n = \" + n);\nSystem.err.println(\"careful\");\nn + 1",
                "%jars lib/*.jar\nimport com.fasterxml.jackson.core.JsonFactory;\nnew JsonFactory().getFormatName()",
                "var image = new java.awt.image.BufferedImage(30, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                        + "display(image);\nSystem.out.println(\"shown\");\nint shown = 1;",
                "java.nio.file.Path.of(\"\").toAbsolutePath().toString()",
                "image");
        List<CellOutput> out = NotebookRunner.run(nb, KERNEL, true);

        assertEquals(5, out.size());
        assertEquals("n = 20\n", out.get(0).stdout());
        assertEquals("careful\n", out.get(0).stderr());
        assertEquals("21", out.get(0).result());
        assertEquals("JSON", out.get(1).result(), "a String value is shown without quotes, as the kernels do");
        assertNull(out.get(2).result(), "a declaration shows no value");
        BufferedImage png = png(out.get(2).displays().get(0));
        assertEquals(30, png.getWidth());
        assertEquals(20, png.getHeight());
        assertEquals(dir.toString(), out.get(3).result(), "the kernel runs in the notebook's folder");
        assertEquals(1, out.get(2).figures());
        assertEquals(1, out.get(4).figures(), "an image as the cell's value is shown as one");
        assertEquals(30, png(((Output.ExecuteResult) out.get(4).outputs().get(0)).data()).getWidth());

        JsonNode cells = JSON.readTree(nb.toFile()).get("cells");
        JsonNode first = cells.get(1);
        assertEquals(1, first.get("execution_count").asInt());
        assertEquals("stream", first.at("/outputs/0/output_type").asText());
        assertEquals("stdout", first.at("/outputs/0/name").asText());
        assertEquals("stderr", first.at("/outputs/1/name").asText());
        assertEquals("execute_result", first.at("/outputs/2/output_type").asText());
        assertEquals("21", first.at("/outputs/2/data/text~1plain/0").asText());
        assertEquals(1, first.at("/outputs/2/execution_count").asInt());
        JsonNode display = cells.get(3).at("/outputs/0");
        assertEquals("display_data", display.get("output_type").asText());
        assertTrue(display.at("/data/image~1png").isTextual(), "base64 is stored as one string");
        assertEquals("stream", cells.get(3).at("/outputs/1/output_type").asText(), "outputs keep their order");
    }

    @Test
    void run_importWithoutMagic_failsEvenIfTheRunnerHasTheClass() throws IOException {
        // jackson-core is on this JVM's classpath, but a kernel sees only what the notebook's magics add
        Path nb = notebook("java", "int a = 1;", "import com.fasterxml.jackson.core.JsonFactory;");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(nb, KERNEL, false));
        assertTrue(e.getMessage().startsWith("t.ipynb: cell 3: does not compile: package com.fasterxml.jackson.core"
                + " does not exist"), e.getMessage());
    }

    @Test
    void run_magicNamingNoFile_namesCellAndGlob() throws IOException {
        Path nb = notebook("java", "%classpath ../target/notebook-jars/*.jar\nint a = 1;");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(nb, KERNEL, false));
        assertTrue(e.getMessage().startsWith("t.ipynb: cell 2: java.lang.IllegalArgumentException: %classpath"
                + " ../target/notebook-jars/*.jar: names no file or folder"), e.getMessage());
    }

    @Test
    void run_exception_namesCellAndType() throws IOException {
        Path nb = notebook("java", "Integer.parseInt(\"x\")");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(nb, KERNEL, false));
        assertTrue(e.getMessage().startsWith("t.ipynb: cell 2: java.lang.NumberFormatException"), e.getMessage());
        assertTrue(e.getCause().getMessage().contains("at java.base/java.lang.Integer.parseInt"),
                "the kernel's traceback is the cause");
    }

    @Test
    void run_unresolvedName_fails() throws IOException {
        Path nb = notebook("java", "void f() { undefinedMethod(); }");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(nb, KERNEL, false));
        assertTrue(e.getMessage().contains("cell 2: unresolved"), e.getMessage());
    }

    @Test
    void run_cellMagic_isRefusedByName() throws IOException {
        Path nb = notebook("java", "%%loadFromPOM\n<dependency/>");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(nb, KERNEL, false));
        assertTrue(e.getMessage().startsWith("t.ipynb: cell 2: %%loadFromPOM: cell magics are not supported"),
                e.getMessage());
    }

    @Test
    void run_incompleteCell_fails() throws IOException {
        Path nb = notebook("java", "for (int i = 0; i < 3; i++) {");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(nb, KERNEL, false));
        assertTrue(e.getMessage().startsWith("t.ipynb: cell 2: incomplete input"), e.getMessage());
    }

    @Test
    void run_pythonNotebook_isRejected() throws IOException {
        Path nb = notebook("python", "print(1)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotebookRunner.run(nb, KERNEL, false));
        assertTrue(e.getMessage().contains("kernelspec.language must be java"), e.getMessage());
    }

    private static BufferedImage png(Map<String, String> bundle) throws IOException {
        byte[] bytes = Base64.getDecoder().decode(bundle.get("image/png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        return ImageIO.read(new ByteArrayInputStream(bytes));
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
