package org.snauq.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.snauq.results.OutputException;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report of a small real run ({@link FixtureRun}) from its results in memory, as {@code sna run} does,
 * and checks it against the published Parquet tables as read by an independent reader (DuckDB): every figure and
 * table is there, every number shown is the stored value (exactly, in {@code data-value}, and as displayed text),
 * every chart is drawn from the stored values, and the page fetches nothing. Re-rendered from the published
 * tables ({@code sna report}, parquet-hadoop), the page is the same, byte for byte.
 */
class ReportWriterTest {

    private static final String OUT = FixtureRun.OUTPUT;
    /** Densities of a histogram integrate to 1 up to rounding of n doubles. */
    private static final double DENSITY_SUM_TOLERANCE = 1e-12;
    /** Inline SVG per chart: VectorGraphics2D writes text as glyph outlines, so keep an eye on the size. */
    private static final int MAX_SVG_CHARS = 200_000;

    @TempDir
    static Path tmp;

    private static Path output;
    private static ResultsOutput out;
    private static Path run;
    private static String html;
    private static RunData data;

    @BeforeAll
    static void renderFixture() throws IOException {
        output = tmp.resolve("out");
        out = FixtureRun.publish(output);
        run = Path.of(out.runFolder(FixtureRun.RUN_ID));
        RunTables tables = FixtureRun.tables();
        data = RunData.of(out.runFolder(FixtureRun.RUN_ID), FixtureRun.manifest(tables), tables);
        html = ReportWriter.render(data); // from memory, as sna run renders it
        // kept for people to look at (docs/report.png is a screenshot of it)
        Files.writeString(Path.of("target", "report-fixture.html"), html);
    }

    @Test
    void write_publishedRun_samePageAsFromMemory() throws IOException {
        String written = ReportWriter.write(out, FixtureRun.RUN_ID);
        assertEquals(run.resolve(ReportWriter.FILE).toString(), written);
        assertEquals(html, Files.readString(run.resolve(ReportWriter.FILE)), "read back, the same rows and page");
    }

    @Test
    void write_smallRun_hasEveryFigureAndTable() {
        for (String id : List.of("histogram-", "cdf-", "exceedance-chart-", "exceedance-", "sobol-chart-", "convergence-mean-",
                "convergence-sobol-", "summary-", "quantiles-", "sobol-", "convergence-")) {
            assertTrue(html.contains("id=\"" + id + OUT + "\""), () -> "missing element " + id + OUT);
        }
        for (String id : List.of("run-facts", "model-facts", "timings", "versions", "row-counts", "manifest")) {
            assertTrue(html.contains("id=\"" + id + "\""), () -> "missing element " + id);
        }
        Matcher ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ids.find()) {
            String id = ids.group(1);
            assertTrue(seen.add(id), () -> "id used twice: " + id);
        }
        assertTrue(html.contains("normal fit"), "histogram has the fitted normal density");
        assertTrue(html.contains("ishigami-sobol"), "study name shown");
    }

    @Test
    void write_smallRun_tablesShowTheParquetValues() throws SQLException {
        assertTableEquals("summary-" + OUT, "summary", "method, n, mean, variance, std, skewness, excess_kurtosis,"
                + " min, max, mean_ci_low, mean_ci_high");
        assertTableEquals("quantiles-" + OUT, "quantiles", "method, probability, value, rank_error");
        assertTableEquals("exceedance-" + OUT, "exceedance", "threshold, probability, ci_low, ci_high");
        assertTableEquals("sobol-" + OUT, "sobol", "input, method, s1, s1_ci_low, s1_ci_high, st, st_ci_low,"
                + " st_ci_high");
        assertTableEquals("convergence-" + OUT, "convergence_moments", "n, mean, mean_ci_low, mean_ci_high");
        assertTableEquals("convergence-sobol-table-" + OUT, "convergence_sobol", "n, input, s1, st");
    }

    @Test
    void sobolChart_smallRun_barsAreTheTableValues() throws SQLException {
        CategoryChart chart = Figures.sobol(OUT, Rows.of(data.rows("sobol"), OUT));
        List<String> bars = new ArrayList<>();
        for (CategorySeries s : chart.getSeriesMap().values()) {
            List<?> inputs = new ArrayList<>(s.getXData());
            List<?> values = new ArrayList<>(s.getYData());
            for (int i = 0; i < inputs.size(); i++) {
                bars.add(inputs.get(i) + "|" + s.getName().replace(' ', '|') + "|" + values.get(i));
            }
        }
        List<String> expected = new ArrayList<>();
        for (List<Object> r : duckdb("sobol", "input, method, s1, st")) {
            expected.add(r.get(0) + "|S|" + r.get(1) + "|" + r.get(2));
            expected.add(r.get(0) + "|ST|" + r.get(1) + "|" + r.get(3));
        }
        assertEquals(expected.stream().sorted().toList(), bars.stream().sorted().toList());
        assertTrue(chart.getSeriesMap().get("S saltelli").getExtraValues() != null, "sampling intervals drawn");
        assertEquals(null, chart.getSeriesMap().get("S analytic").getExtraValues(), "closed form has no interval");
    }

    @Test
    void histogramChart_smallRun_isADensityOfTheCounts() throws SQLException {
        List<Map<String, Object>> hist = Rows.sorted(Rows.of(data.rows("histogram"), OUT), "bin");
        XYChart chart = Figures.histogram(OUT, hist, Rows.of(data.rows("summary"), OUT).get(0));
        XYSeries bars = chart.getSeriesMap().get("samples");
        double[] edges = bars.getXData();
        double[] density = bars.getYData();
        double integral = 0;
        for (int i = 0; i + 1 < edges.length; i++) {
            integral += (edges[i + 1] - edges[i]) * density[i];
        }
        assertEquals(duckdb("histogram", "bin").size(), edges.length - 1);
        assertEquals(1.0, integral, DENSITY_SUM_TOLERANCE);
        assertTrue(chart.getSeriesMap().containsKey("normal fit"));
    }

    @Test
    void render_summaryOnly_drawsEveryChartEmpty() {
        // a sweep writes a summary and no histogram, quantiles or exceedance rows: the charts are drawn empty
        RunData summaryOnly = new RunData("f", data.manifest(), Map.of("summary", data.rows("summary")));
        String page = ReportPage.render(summaryOnly);
        for (String id : List.of("histogram-", "cdf-", "exceedance-chart-")) {
            assertTrue(page.contains("<figure id=\"" + id + OUT + "\"><svg "), () -> "empty " + id + OUT);
        }
    }

    @Test
    void warmUpRun_rendersEveryChartOfASamplingRun() {
        String page = ReportWriter.render(ReportWriter.warmUpRun()); // what the warm-up thread renders
        assertEquals(6, page.split("<figure id=").length - 1, "histogram, CDF, exceedance, Sobol', both convergences");
    }

    @Test
    void write_smallRun_chartsAreInlineSvgOfBoundedSize() {
        Matcher svg = Pattern.compile("<figure id=\"([^\"]+)\"><svg (.*?)</svg>", Pattern.DOTALL).matcher(html);
        int charts = 0;
        while (svg.find()) {
            String id = svg.group(1);
            int size = svg.group(2).length();
            assertTrue(size < MAX_SVG_CHARS, () -> id + ": " + size + " characters of SVG");
            assertTrue(svg.group(2).startsWith("xmlns=\"http://www.w3.org/2000/svg\""), id);
            charts++;
        }
        assertEquals(6, charts, "histogram, CDF, exceedance, Sobol', mean and Sobol' convergence");
        assertFalse(html.contains("<?xml"), "no XML prolog inside HTML");
        assertEquals(1, html.split("<!DOCTYPE", -1).length - 1, "only the page's doctype");
        Set<String> pageIds = new HashSet<>();
        Matcher id = Pattern.compile(" id=\"([^\"]+)\"").matcher(html.replaceAll("(?s)<svg .*?</svg>", ""));
        while (id.find()) {
            pageIds.add(id.group(1));
        }
        Set<String> svgIds = new HashSet<>();
        Matcher inner = Pattern.compile("(?s)<svg .*?</svg>").matcher(html);
        while (inner.find()) {
            Matcher clip = Pattern.compile(" id=\"([^\"]+)\"").matcher(inner.group());
            while (clip.find()) {
                String clipId = clip.group(1);
                assertTrue(svgIds.add(clipId) && !pageIds.contains(clipId), () -> "id " + clipId + " is not unique");
            }
        }
    }

    @Test
    void write_smallRun_isSelfContained() {
        String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for (String forbidden : List.of("http://", "https://", "<script", "<link", " src=", "@import")) {
            assertFalse(withoutNamespace.contains(forbidden), () -> "report must not contain " + forbidden);
        }
    }

    @Test
    void write_again_replacesTheReportAndLeavesNoTemporaryFile() throws IOException {
        ReportWriter.write(out, FixtureRun.RUN_ID);
        Files.writeString(run.resolve(ReportWriter.FILE), "stale");
        ReportWriter.write(out, FixtureRun.RUN_ID);
        assertEquals(html, Files.readString(run.resolve(ReportWriter.FILE)));
        try (Stream<Path> files = Files.list(run)) {
            assertEquals(List.of("manifest.json", "report.html"), files.map(p -> p.getFileName().toString())
                    .sorted().toList());
        }
    }

    @Test
    void write_runNotInTheOutput_namesTheRunsThereAre() {
        OutputException e = assertThrows(OutputException.class, () -> ReportWriter.write(out, "incomplete"));
        assertTrue(e.getMessage().endsWith("no complete run 'incomplete'; runs: " + FixtureRun.RUN_ID), e.getMessage());
        assertFalse(Files.exists(output.resolve("_runs/run_id=incomplete")));
    }

    // ---- helpers

    /** The rows of HTML table {@code id} equal the Parquet rows (as a multiset): exact value and its display. */
    private static void assertTableEquals(String id, String table, String columns) throws SQLException {
        List<String> expected = new ArrayList<>();
        for (List<Object> r : duckdb(table, columns)) {
            List<String> cells = new ArrayList<>();
            for (Object v : r) {
                cells.add(expectedCell(v));
            }
            expected.add(String.join(" ; ", cells));
        }
        List<String> shown = htmlRows(id);
        assertFalse(shown.isEmpty(), () -> "table " + id + " has rows");
        assertEquals(expected.stream().sorted().toList(), shown.stream().sorted().toList(), () -> "table " + id);
    }

    private static String expectedCell(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Long || v instanceof Integer) {
            long l = ((Number) v).longValue();
            return l + "=" + Format.integer(l);
        }
        if (v instanceof Double d) {
            return d + "=" + Format.number(d);
        }
        return String.valueOf(v);
    }

    private static List<String> htmlRows(String id) {
        int start = html.indexOf("<table id=\"" + id + "\">");
        assertTrue(start >= 0, () -> "table " + id);
        String body = html.substring(html.indexOf("<tbody>", start), html.indexOf("</table>", start));
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>").matcher(body);
        Pattern cell = Pattern.compile("<td( class=\"na\"| class=\"num\" data-value=\"([^\"]*)\")?>(.*?)</td>");
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher c = cell.matcher(row.group(1));
            while (c.find()) {
                if (" class=\"na\"".equals(c.group(1))) {
                    cells.add("null");
                } else if (c.group(2) != null) {
                    cells.add(c.group(2) + "=" + c.group(3));
                } else {
                    cells.add(c.group(3));
                }
            }
            rows.add(String.join(" ; ", cells));
        }
        return rows;
    }

    /** Rows of a table read with DuckDB, an independent Parquet reader. */
    private static List<List<Object>> duckdb(String table, String columns) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT " + columns + " FROM read_parquet('"
                     + output.resolve(table).resolve("run_id=" + FixtureRun.RUN_ID) + "/*.parquet') WHERE output = '"
                     + OUT + "'")) {
            int k = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= k; i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
