package org.snauq.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snauq.notebooks.kernel.Output;

/** How outputs are stored: as a Jupyter front end stores them (nbformat 4, JupyterLab's stream handling). */
class NotebookJsonTest {

    @Test
    void overwriteCarriageReturns_progressLines_keepWhatAFrontEndShows() {
        assertEquals("100%\nnext", NotebookJson.overwriteCarriageReturns("10%\r50%\r100%\nnext"));
        assertEquals("a\nb", NotebookJson.overwriteCarriageReturns("a\r\nb"));
        assertEquals("", NotebookJson.overwriteCarriageReturns("[Stage 1:>    (0 + 2) / 2]\r      \r"));
        assertEquals("plain\n", NotebookJson.overwriteCarriageReturns("plain\n"));
    }

    @Test
    void store_outputs_takeNbformatShapes() {
        ObjectNode cell = new ObjectMapper().createObjectNode();
        NotebookJson.store(cell, List.of(new Output.Stream("stdout", "a\nb\n"),
                new Output.Stream("stderr", "bar\r"), // erased by itself: nothing to show
                new Output.DisplayData(Map.of("image/png", "iVBOR", "text/plain", "img")),
                new Output.ExecuteResult(Map.of("text/plain", "42"))), 7);
        assertEquals("{\"execution_count\":7,\"outputs\":["
                + "{\"name\":\"stdout\",\"output_type\":\"stream\",\"text\":[\"a\\n\",\"b\\n\"]},"
                + "{\"data\":{\"image/png\":\"iVBOR\",\"text/plain\":[\"img\"]},\"metadata\":{},"
                + "\"output_type\":\"display_data\"},"
                + "{\"data\":{\"text/plain\":[\"42\"]},\"execution_count\":7,\"metadata\":{},"
                + "\"output_type\":\"execute_result\"}]}", cell.toString());
    }
}
