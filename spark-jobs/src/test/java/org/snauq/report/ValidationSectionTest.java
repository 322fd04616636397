package org.snauq.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.als.AlsConfig;
import org.snauq.als.ValidationSplit;
import org.snauq.datasets.DataFiles;
import org.snauq.datasets.Ishigami;
import org.snauq.model.SnaModel;
import org.snauq.models.LoadedModel;
import org.snauq.models.ModelLoader;
import org.snauq.models.SnaUqModel;
import org.snauq.models.StudyModels;
import org.snauq.models.StudyTables;
import org.snauq.study.Study;
import org.snauq.study.StudyParser;

/**
 * The report of a run that trained its model: Q2, the parity plot and the residual histogram of the validation rows
 * ({@link ValidationSection}), from a real fit inside a study (CSV data: no Spark).
 */
class ValidationSectionTest {

    /** Q2 in the page against Q2 summed here in another order over the same rows: a few ulps of the sums. */
    static final double Q2_TOLERANCE = 1e-12;

    static final String INPUTS = "inputs:\n"
            + "  - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}\n"
            + "  - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}\n"
            + "  - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}\n"
            + "sampling: {design: mc, n: 1024}\n";

    @TempDir
    Path dir;

    /** The study trained on {@code rows} Ishigami rows (seed 5) with {@code fit}'s keys. */
    private Study study(int rows, String fit) throws IOException {
        Path csv = dir.resolve("ishigami-" + rows + ".csv");
        DataFiles.writeCsv(Ishigami.standard(), rows, 5, csv);
        Path file = Files.writeString(dir.resolve("s.yaml"), "name: s\nmodel:\n  train: {data: " + csv
                + ", response: y, " + fit + "}\n" + INPUTS);
        return StudyParser.parse(file, dir);
    }

    private static LoadedModel train(Study s) {
        return ModelLoader.load(s, new StudyModels(), StudyTables.reader(() -> {
            throw new AssertionError("CSV data needs no Spark");
        }));
    }

    /** A run's data with the trained model's report as its manifest's {@code model}, no tables. */
    private static RunData run(LoadedModel m) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("description", m.model().description());
        model.putAll(m.report());
        JsonNode manifest = new ObjectMapper().valueToTree(Map.of("run_id", "r1", "model", model));
        return new RunData("out", manifest, Map.of());
    }

    @Test
    void render_trainedModel_parityAndResidualFiguresWithQ2OfTheValidationRows() throws IOException {
        // a coarse model of Ishigami: Q2 well inside (0, 1), so a wrong variance or mean would show
        Study s = study(600, "rank: 2, degree: 2, knots: 5");
        LoadedModel m = train(s);
        String html = ReportPage.render(run(m));

        int from = html.indexOf("<h2 id=\"validation\">");
        assertTrue(from >= 0, "the section is on the page");
        int to = html.indexOf("<h2", from + 1);
        String section = html.substring(from, to < 0 ? html.length() : to);
        assertTrue(section.contains("<figure id=\"validation-parity-y\">"), section);
        assertTrue(section.contains("<figure id=\"validation-residuals-y\">"), section);
        assertTrue(section.contains("<svg"), "the figures are inline SVG");
        assertFalse(section.contains("NaN"), "no NaN in the figures or the table");
        assertFalse(html.substring(0, from).contains("validation-parity"), "the points are not in the model table");

        // Q2 = 1 - MSE / Var(y) over the held-out rows, computed here from the data and the model
        double[][] rows = csvRows(dir.resolve("ishigami-600.csv"));
        ValidationSplit split = ValidationSplit.of(AlsConfig.defaults());
        SnaModel sna = ((SnaUqModel) m.model()).sna();
        double sum = 0;
        int n = 0;
        for (int j = 0; j < rows.length; j++) {
            if (split.isValidation(j)) {
                sum += rows[j][3];
                n++;
            }
        }
        double mean = sum / n;
        double sse = 0;
        double sst = 0;
        for (int j = 0; j < rows.length; j++) {
            if (split.isValidation(j)) {
                double e = rows[j][3] - sna.value(new double[] {rows[j][0], rows[j][1], rows[j][2]});
                sse += e * e;
                sst += (rows[j][3] - mean) * (rows[j][3] - mean);
            }
        }
        double q2 = 1 - sse / sst;
        assertTrue(q2 > 0.1 && q2 < 0.99, "a coarse model: Q2 " + q2);
        List<String> cells = cells(section, "validation-q2");
        assertEquals("y", cells.get(0));
        assertEquals(n, Long.parseLong(cells.get(1)), "validation rows");
        assertEquals(q2, Double.parseDouble(cells.get(2)), Q2_TOLERANCE, "Q2");
        assertEquals(sse / sst, Double.parseDouble(cells.get(3)), Q2_TOLERANCE, "1 - Q2");
        assertEquals(n, Long.parseLong(cells.get(5)), "every validation row is drawn (fewer than the cap)");
    }

    @Test
    void validationPoints_manyRows_atMostTheCapOfDistinctHeldOutRows() throws IOException {
        int rows = 12_000; // 2,400 held out at the default 0.2: above the cap
        Study s = study(rows, "rank: 1, degree: 1, knots: 2");
        JsonNode v = new ObjectMapper().valueToTree(train(s).report()).path("validation").path("y");
        assertEquals(StudyModels.MAX_VALIDATION_POINTS, v.path("observed").size());
        assertEquals(StudyModels.MAX_VALIDATION_POINTS, v.path("predicted").size());
        assertTrue(v.path("rows").asLong() > StudyModels.MAX_VALIDATION_POINTS, v.path("rows").toString());
        // each drawn point is a held-out row's response, each row at most once
        double[][] data = csvRows(dir.resolve("ishigami-" + rows + ".csv"));
        ValidationSplit split = ValidationSplit.of(AlsConfig.defaults());
        Map<Double, Integer> heldOut = new LinkedHashMap<>();
        for (int j = 0; j < data.length; j++) {
            if (split.isValidation(j)) {
                heldOut.put(data[j][3], j);
            }
        }
        java.util.Set<Double> seen = new java.util.HashSet<>();
        for (JsonNode o : v.path("observed")) {
            assertTrue(heldOut.containsKey(o.asDouble()), "a held-out response: " + o);
            assertTrue(seen.add(o.asDouble()), "drawn once: " + o);
        }
    }

    /** The numbers of a CSV file with a header, row by row. */
    private static double[][] csvRows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank())
                .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }

    /** The first body row of table {@code id}: each cell's exact value ({@code data-value}) or its text. */
    private static List<String> cells(String html, String id) {
        int start = html.indexOf("<table id=\"" + id + "\">");
        assertTrue(start >= 0, "table " + id);
        String body = html.substring(html.indexOf("<tbody><tr>", start), html.indexOf("</tr>", html.indexOf(
                "<tbody><tr>", start)));
        Matcher c = Pattern.compile("<td(?: class=\"[^\"]*\")?(?: data-value=\"([^\"]*)\")?>([^<]*)</td>")
                .matcher(body);
        List<String> out = new java.util.ArrayList<>();
        while (c.find()) {
            out.add(c.group(1) != null ? c.group(1) : c.group(2));
        }
        return out;
    }
}
