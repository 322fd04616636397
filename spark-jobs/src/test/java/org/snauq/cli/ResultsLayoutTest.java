package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunEntry;
import org.snauq.results.RunManifest;
import org.snauq.spark.SparkTests;

/**
 * Three runs of two studies in one output (issue 14): every table read across runs by Spark SQL
 * ({@code CREATE TABLE .. USING parquet LOCATION}, partition discovery) and by DuckDB ({@code hive_partitioning}),
 * each finding {@code study} and {@code run_id} as strings, three runs, and every run's rows exactly those its
 * manifest counts (no mixing); the SQL of README.md and docs/FORMATS.md as written; and {@code sna runs}.
 */
class ResultsLayoutTest {

    /** The path the documented queries use for an output. */
    private static final String DOCUMENTED_OUTPUT = "results/ishigami-sobol";

    @TempDir
    static Path dir;

    static Path output;
    /** (study, run ID) of the three runs. */
    static final List<List<String>> RUNS = List.of(List.of("ishigami-sobol", "nightly-1"),
            List.of("ishigami-sobol", "nightly-2"), List.of("cantilever-expression", "c-1"));

    @BeforeAll
    static void threeRunsOfTwoStudies() throws IOException {
        output = dir.resolve("shared");
        Path ishigami = dir.resolve("ishigami.yaml");
        Files.writeString(ishigami, Files.readString(SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml"))
                .replace("n: 65536", "n: 1024"));
        Path cantilever = dir.resolve("cantilever.yaml");
        Files.writeString(cantilever, Files.readString(SnaRun.ROOT.resolve("conf/studies/cantilever-expression.yaml"))
                .replace("n: 200000", "n: 5000"));
        for (List<String> run : RUNS) {
            Path study = run.get(0).startsWith("ishigami") ? ishigami : cantilever;
            SnaRun.Result r = SnaRun.sna("run", study.toString(), "--output", output.toString(), "--run-id",
                    run.get(1));
            assertEquals(0, r.exit(), r.err());
        }
    }

    private static SparkSession spark() {
        return SparkTests.session();
    }

    /** (study, run ID) to rows, per table, as the three manifests count them. */
    private static Map<String, Map<List<String>, Long>> expectedRows() throws IOException {
        ResultsOutput out = ResultsOutput.open(output.toString(), new Configuration());
        Map<String, Map<List<String>, Long>> expected = new TreeMap<>();
        for (List<String> run : RUNS) {
            RunManifest m = out.manifest(run.get(1));
            assertEquals(run.get(0), m.study());
            m.rowCounts().forEach((table, n) -> expected.computeIfAbsent(table, k -> new HashMap<>()).put(run, n));
            expected.computeIfAbsent("runs", k -> new HashMap<>()).put(run, 1L);
        }
        return expected;
    }

    @Test
    void sparkSql_everyTableAcrossRuns_partitionDiscoveryKeepsEachRunApart() throws IOException {
        Map<String, Map<List<String>, Long>> expected = expectedRows();
        assertEquals(new TreeSet<>(List.of("convergence_moments", "convergence_sobol", "exceedance", "histogram",
                "quantiles", "runs", "sobol", "summary")), expected.keySet());
        for (Map.Entry<String, Map<List<String>, Long>> e : expected.entrySet()) {
            String table = e.getKey();
            spark().sql("DROP TABLE IF EXISTS layout_" + table);
            spark().sql("CREATE TABLE layout_" + table + " USING parquet LOCATION '" + output.resolve(table) + "'");
            Dataset<Row> rows = spark().sql("SELECT study, run_id, count(*) AS n FROM layout_" + table
                    + " GROUP BY study, run_id");
            assertEquals(DataTypes.StringType, rows.schema().apply("run_id").dataType(), table);
            assertEquals(DataTypes.StringType, rows.schema().apply("study").dataType(), table);
            Map<List<String>, Long> seen = new HashMap<>();
            for (Row r : rows.collectAsList()) {
                seen.put(List.of(r.getString(0), r.getString(1)), r.getLong(2));
            }
            assertEquals(withRows(e.getValue()), seen, table);
            spark().sql("DROP TABLE layout_" + table);
        }
    }

    @Test
    void duckDb_everyTableAcrossRuns_hivePartitioningKeepsEachRunApart() throws Exception {
        Map<String, Map<List<String>, Long>> expected = expectedRows();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (Map.Entry<String, Map<List<String>, Long>> e : expected.entrySet()) {
                String from = "read_parquet('" + output.resolve(e.getKey()) + "/run_id=*/*.parquet',"
                        + " hive_partitioning = true)";
                ResultSet types = st.executeQuery("SELECT typeof(study), typeof(run_id) FROM " + from + " LIMIT 1");
                if (types.next()) {
                    assertEquals("VARCHAR", types.getString(1), e.getKey());
                    assertEquals("VARCHAR", types.getString(2), e.getKey());
                }
                ResultSet rs = st.executeQuery("SELECT study, run_id, count(*) FROM " + from + " GROUP BY ALL");
                Map<List<String>, Long> seen = new HashMap<>();
                while (rs.next()) {
                    seen.put(List.of(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
                assertEquals(withRows(e.getValue()), seen, e.getKey());
            }
        }
    }

    /** Runs with at least one row (an empty table file adds no group). */
    private static Map<List<String>, Long> withRows(Map<List<String>, Long> counts) {
        Map<List<String>, Long> m = new HashMap<>(counts);
        m.values().removeIf(n -> n == 0);
        return m;
    }

    @Test
    void documentedQueries_readmeAndFormats_runAsWritten() throws Exception {
        int ran = 0;
        for (String doc : List.of("README.md", "docs/FORMATS.md")) {
            String text = Files.readString(SnaRun.ROOT.resolve(doc));
            Matcher block = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(text);
            while (block.find()) {
                ran += runBlock(block.group(1).replace(DOCUMENTED_OUTPUT, output.toString()), doc);
            }
        }
        assertTrue(ran >= 8, "statements run: " + ran);
    }

    /** Runs each statement with the engine its preceding {@code -- DuckDB} or {@code -- Spark SQL} line names. */
    private static int runBlock(String block, String doc) throws SQLException {
        String engine = null;
        int ran = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String line : block.split("\n")) {
                if (line.startsWith("-- ")) {
                    engine = line.substring(3).strip();
                    continue;
                }
                String sql = line.strip().replaceAll(";$", "");
                if (sql.isEmpty()) {
                    continue;
                }
                List<String> rows = new ArrayList<>();
                if ("DuckDB".equals(engine)) {
                    ResultSet rs = st.executeQuery(sql);
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                } else {
                    assertEquals("Spark SQL", engine, doc + ": each statement follows a '-- DuckDB' or '-- Spark SQL' line");
                    Matcher create = Pattern.compile("CREATE TABLE (\\w+) ").matcher(sql);
                    if (create.lookingAt()) {
                        spark().sql("DROP TABLE IF EXISTS " + create.group(1));
                    }
                    spark().sql(sql).collectAsList().forEach(r -> rows.add(String.valueOf(r.get(0))));
                }
                if (sql.startsWith("SELECT")) {
                    assertFalse(rows.isEmpty(), doc + ": no rows from " + sql);
                    Set<String> firsts = new TreeSet<>(rows);
                    assertTrue(firsts.stream().noneMatch(v -> v.equals("null")), doc + ": " + sql);
                }
                ran++;
            }
        }
        return ran;
    }

    @Test
    void runs_listsEveryRunWithItsFacts() {
        SnaRun.Result r = SnaRun.sna("runs", output.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(List.of("run_id", "study", "created", "status", "n", "design", "wall"),
                List.of(lines.get(0).split("\\s+")));
        assertEquals(1 + RUNS.size(), lines.size(), r.out());
        for (int i = 0; i < RUNS.size(); i++) { // oldest first: the order they ran in
            String[] cells = lines.get(1 + i).split("\\s+");
            assertEquals(RUNS.get(i), List.of(cells[1], cells[0]));
            assertEquals("complete", cells[3]);
            assertEquals(RUNS.get(i).get(0).startsWith("ishigami") ? "1024" : "5000", cells[4]);
            assertEquals(RUNS.get(i).get(0).startsWith("ishigami") ? "sobol" : "lhs", cells[5]);
            assertTrue(cells[6].matches("[0-9]+\\.[0-9]{2}") && "s".equals(cells[7]), lines.get(1 + i));
        }
        SnaRun.Result one = SnaRun.sna("runs", output.toString(), "--study", "cantilever-expression");
        assertEquals(2, one.out().strip().lines().count(), one.out());
    }

    @Test
    void runsKeep_oneOfAStudy_removesItsOlderRunsOnly() throws IOException {
        Path copy = dir.resolve("keep");
        try (var files = Files.walk(output)) {
            for (Path p : files.toList()) {
                Files.copy(p, copy.resolve(output.relativize(p).toString()));
            }
        }
        SnaRun.Result r = SnaRun.sna("runs", copy.toString(), "--keep", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("removed ishigami-sobol: nightly-1\n"), r.out());
        List<String> left = ResultsOutput.open(copy.toString(), new Configuration()).runs().stream()
                .map(RunEntry::runId).toList();
        assertEquals(List.of("nightly-2", "c-1"), left);
        assertFalse(Files.exists(copy.resolve("summary/run_id=nightly-1")));
        assertFalse(Files.exists(copy.resolve("_runs/run_id=nightly-1")));
        assertTrue(Files.exists(copy.resolve("summary/run_id=nightly-2")));
    }
}
