package org.snauq.notebooks;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snauq.notebooks.kernel.Output;

/**
 * A notebook file (nbformat 4) as Jupyter reads and writes it: sources as lists of lines, outputs in the shapes a
 * front end stores ({@code stream}, {@code display_data}, {@code execute_result}), keys sorted, one-space indent.
 * Stream text is stored as JupyterLab stores it: a carriage return overwrites its line (progress lines).
 */
final class NotebookJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookJson() {
    }

    static ObjectNode read(Path notebook) throws IOException {
        return (ObjectNode) JSON.readTree(notebook.toFile());
    }

    static String source(JsonNode cell) {
        JsonNode src = cell.path("source");
        if (!src.isArray()) {
            return src.asText();
        }
        StringBuilder b = new StringBuilder();
        src.forEach(line -> b.append(line.asText()));
        return b.toString();
    }

    /** Replaces the cell's outputs and execution count. */
    static void store(ObjectNode cell, List<Output> outputs, int count) {
        cell.put("execution_count", count);
        ArrayNode stored = cell.putArray("outputs");
        for (Output o : outputs) {
            if (o instanceof Output.Stream s && overwriteCarriageReturns(s.text()).isEmpty()) {
                continue; // e.g. a progress bar that erased itself: a front end shows nothing
            }
            ObjectNode node = stored.addObject();
            if (o instanceof Output.Stream s) {
                node.put("name", s.name());
                node.put("output_type", "stream");
                lines(node.putArray("text"), overwriteCarriageReturns(s.text()));
            } else if (o instanceof Output.DisplayData d) {
                bundle(node, d.data());
                node.putObject("metadata");
                node.put("output_type", "display_data");
            } else {
                bundle(node, ((Output.ExecuteResult) o).data());
                node.put("execution_count", count);
                node.putObject("metadata");
                node.put("output_type", "execute_result");
            }
        }
    }

    /** Clears a cell that is not run (an empty code cell, as Jupyter leaves it). */
    static void clear(ObjectNode cell) {
        cell.putNull("execution_count");
        cell.putArray("outputs");
    }

    private static void bundle(ObjectNode node, Map<String, String> data) {
        ObjectNode d = node.putObject("data");
        for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
            if (isText(e.getKey())) {
                lines(d.putArray(e.getKey()), e.getValue());
            } else {
                d.put(e.getKey(), e.getValue()); // base64, one string
            }
        }
    }

    /** The MIME types nbformat stores as lists of lines. */
    private static boolean isText(String mime) {
        return mime.startsWith("text/") || mime.equals("application/javascript") || mime.equals("image/svg+xml");
    }

    /** Within each line, only what follows its last carriage return stays, as on a terminal. */
    static String overwriteCarriageReturns(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            b.append(i > 0 ? "\n" : "").append(lines[i].substring(lines[i].lastIndexOf('\r') + 1));
        }
        return b.toString();
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
    static void write(ObjectNode nb, Path notebook) throws IOException {
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
}
