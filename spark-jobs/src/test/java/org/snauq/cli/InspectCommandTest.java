package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.dist.InputSpec;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.uq.ClosedFormResult;
import org.snauq.uq.ClosedFormUq;

class InspectCommandTest {

    @TempDir
    Path dir;

    private Path write(SnaModel m) throws IOException {
        Path file = dir.resolve("m.sna");
        SnaModelFile.write(m, file);
        return file;
    }

    @Test
    void inspect_model_printsHeaderSizeAndProvenance() throws IOException {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("method", "als");
        provenance.put("trainingError", 0.125);
        Map<String, Double> uniform = new LinkedHashMap<>();
        uniform.put("lower", 0.0);
        uniform.put("upper", 1.0);
        SnaModel m = QueryCommandTest.model().withProvenance(provenance)
                .withInputs(List.of(new InputSpec("x1", "uniform", uniform)));
        Path file = write(m);
        String out = Cli.run("inspect", file.toString()).assertOk().out();
        assertTrue(out.contains("rank         2"), out);
        assertTrue(out.contains("size         " + Files.size(file) + " bytes, " + m.parameterCount() + " doubles"), out);
        assertTrue(out.contains("x1  [0.0, 1.0]  degree 3, 6 atoms, uniform knots, 3 spans"), out);
        assertTrue(out.contains("x2  [-2.0, 3.0]  degree 2, 5 atoms, uniform knots, 3 spans"), out);
        assertTrue(out.contains("x1  uniform(lower=0.0, upper=1.0)"), out);
        assertTrue(out.contains("  method         als\n  trainingError  0.125"), out);
    }

    @Test
    void inspect_json_printsTheStoredHeader() throws IOException {
        SnaModel m = QueryCommandTest.model();
        String out = Cli.run("inspect", write(m).toString(), "--json").assertOk().out();
        JsonNode h = new ObjectMapper().readTree(out);
        assertEquals(2, h.get("rank").intValue());
        assertEquals("x2", h.get("coordinates").get(1).get("name").textValue());
        assertEquals(m.parameterCount(), h.get("payload").get("doubles").intValue());
    }

    @Test
    void inspect_notAModel_exit2() throws IOException {
        Path file = Files.writeString(dir.resolve("data.csv"), "x,y\n1,2\n");
        Cli.run("inspect", file.toString()).assertBadInput(file + ": not an SNA model file");
    }

    @Test
    void inspect_folder_exit2() {
        Cli.run("inspect", dir.toString()).assertBadInput(dir + ": is a folder");
    }

    @Test
    void inspect_storedDistributions_printsClosedFormMatchingTheEngine() throws IOException {
        Map<String, Double> u1 = new LinkedHashMap<>();
        u1.put("lower", 0.0);
        u1.put("upper", 1.0);
        Map<String, Double> u2 = new LinkedHashMap<>();
        u2.put("mean", 0.5);
        u2.put("sd", 0.7);
        SnaModel m = QueryCommandTest.model().withInputs(List.of(new InputSpec("x1", "uniform", u1),
                new InputSpec("x2", "normal", u2)));
        ClosedFormResult uq = ClosedFormUq.analyze(m);
        String out = Cli.run("inspect", write(m).toString()).assertOk().out();
        assertTrue(out.contains(String.format("closed form  mean %.6g, variance %.6g", uq.mean(), uq.variance())), out);
        assertTrue(out.contains(String.format("x1  %8.4f  %8.4f", uq.firstOrder(0), uq.total(0))), out);
        assertTrue(out.contains(String.format("x2  %8.4f  %8.4f", uq.firstOrder(1), uq.total(1))), out);
    }

    @Test
    void inspect_noDistributions_saysWhatIsMissing() throws IOException {
        String out = Cli.run("inspect", write(QueryCommandTest.model()).toString()).assertOk().out();
        assertTrue(out.contains("closed form  needs a stored distribution for every coordinate"), out);
    }
}
