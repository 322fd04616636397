package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.dist.InputSpec;
import org.snauq.inverse.InverseProblem;
import org.snauq.inverse.Inversion;
import org.snauq.inverse.InversionConfig;
import org.snauq.inverse.Prior;
import org.snauq.inverse.SnaPointForward;
import org.snauq.report.RunData;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.spark.InversionPlan;
import org.snauq.spark.SparkTests;

/**
 * {@code sna invert} on the line model u = a + b x ({@link LineModel}): point observations with Gaussian noise and
 * flat priors make the posterior a Gaussian truncated to a box far wider than it, so the MAP and the Laplace sds
 * are weighted least squares in closed form, and the posterior summary must be what the core computes for the same
 * problem and seed. Batch inversion of an observation table gives the same tables for 1 and 7 partitions, and its
 * set 0 the same numbers as the file's own values. Every bad input: exit 2, one line, nothing written.
 */
class InvertCommandTest {

    /** LM stops when a step moves no unknown by more than 1e-10 of its box width (10 here): 10 such steps. */
    private static final double MAP_TOL = 1e-8;
    /** The Laplace covariance of a linear model is exactly (J^T S^-1 J)^-1: a 2 x 2 inverse in rounding. */
    private static final double LAPLACE_TOL = 1e-12;
    /** Posterior mean against the exact Gaussian mean: 4 Monte Carlo standard errors sd / sqrt(ESS). */
    private static final double MC_SE = 4;

    static final double[] X = {0, 0.25, 0.5, 0.75, 1};
    static final double[] Y = {1.05, 1.42, 2.02, 2.61, 2.96}; // 1 + 2 x plus noise of sd ~0.1
    static final double SD = 0.1;

    @TempDir
    Path dir;

    private Path inversion(String name, boolean values, int partitions) throws Exception {
        StringBuilder obs = new StringBuilder();
        for (int i = 0; i < X.length; i++) {
            obs.append("  - {name: y").append(i).append(", at: {x: ").append(X[i]).append("}")
                    .append(values ? ", value: " + Y[i] : "").append("}\n");
        }
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, """
                name: line
                unknowns:
                  - {name: a, dist: uniform, lower: -5, upper: 5}
                  - {name: b, dist: uniform, lower: -5, upper: 5}
                noise: {sd: %s}
                observations:
                %sinversion: {samples: 4000, chains: 4, burn-in: 500, seed: 7}
                spark: {partitions: %d}
                """.formatted(SD, obs, partitions));
        return f;
    }

    private static RunData read(Path output, String runId) throws Exception {
        return RunData.read(ResultsOutput.open(output.toString(), new Configuration()), runId);
    }

    private static double num(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }

    @Test
    void invert_lineFit_leastSquaresMapAndTheCoresPosterior() throws Exception {
        Path model = LineModel.write(dir);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("invert", model.toString(), inversion("line", true, 0).toString(), "--output",
                out.toString(), "--run-id", "one");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Published.runFolder(out, "one").toString(), r.out().strip());
        RunData run = read(out, "one");

        double[] sd = new double[X.length];
        java.util.Arrays.fill(sd, SD);
        double[] ls = LineModel.leastSquares(X, Y, sd);
        List<Map<String, Object>> est = run.rows(ResultTable.ESTIMATES);
        assertEquals(List.of("a", "b"), est.stream().map(e -> e.get("unknown")).toList());
        for (int j = 0; j < 2; j++) {
            Map<String, Object> e = est.get(j);
            assertEquals("converged", e.get("status"));
            assertEquals("mcmc", e.get("source"));
            assertEquals(0L, e.get("observation_id"));
            assertEquals(ls[j], num(e, "map"), MAP_TOL, "MAP of " + e.get("unknown"));
            assertEquals(Math.sqrt(ls[2 + j]), num(e, "laplace_sd"), LAPLACE_TOL * Math.sqrt(ls[2 + j]));
            double se = num(e, "sd") / Math.sqrt(num(e, "ess"));
            assertEquals(ls[j], num(e, "mean"), MC_SE * se, "posterior mean of " + e.get("unknown"));
        }

        // the same problem and seed through the core: the same numbers, bit for bit
        InputSpec a = new InputSpec("a", "uniform", Map.of("lower", -5.0, "upper", 5.0));
        InputSpec b = new InputSpec("b", "uniform", Map.of("lower", -5.0, "upper", 5.0));
        double[][] points = new double[X.length][];
        for (int i = 0; i < X.length; i++) {
            points[i] = new double[] {0, 0, X[i]};
        }
        InverseProblem problem = new InverseProblem(List.of("a", "b"), List.of(Prior.of(a), Prior.of(b)),
                new SnaPointForward(LineModel.model(), new int[] {0, 1}, points), Y, sd);
        Inversion.Result core = Inversion.run(problem, new InversionConfig(4, 100, 4000, 4, 500,
                InversionPlan.seed(7, 0)));
        for (int j = 0; j < 2; j++) {
            Map<String, Object> e = est.get(j);
            assertEquals(core.map().theta()[j], num(e, "map"));
            assertEquals(core.mean()[j], num(e, "mean"));
            assertEquals(core.sd()[j], num(e, "sd"));
            assertArrayEquals(core.quantiles()[j], new double[] {num(e, "q025"), num(e, "q50"), num(e, "q975")});
            assertEquals(core.rhat()[j], num(e, "rhat"));
            assertEquals(core.ess()[j], num(e, "ess"));
        }
        List<Map<String, Object>> posterior = run.rows(ResultTable.POSTERIOR);
        assertEquals(4000, posterior.size());
        assertEquals(core.chains().samples()[3][999][1], num(posterior.get(3999), "b"));
        assertEquals(3, ((Number) posterior.get(3999).get("chain")).intValue());
        assertEquals(999L, posterior.get(3999).get("draw"));

        List<Map<String, Object>> fit = run.rows(ResultTable.FIT);
        assertEquals(X.length, fit.size());
        for (int i = 0; i < X.length; i++) {
            Map<String, Object> f = fit.get(i);
            double predicted = num(est.get(0), "map") + num(est.get(1), "map") * X[i];
            assertEquals("y" + i, f.get("observation"));
            assertEquals(Y[i], num(f, "observed"));
            assertEquals(SD, num(f, "sd"));
            assertEquals(predicted, num(f, "predicted"), 1e-12);
            assertEquals((Y[i] - predicted) / SD, num(f, "residual"), 1e-9);
        }

        Path report = Published.runFolder(out, "one").resolve("report.html");
        String html = Files.readString(report);
        for (String id : List.of("inversion", "inversion-estimates", "inversion-trace-a", "inversion-trace-b",
                "inversion-pair-a-a", "inversion-pair-b-a", "inversion-pair-b-b", "inversion-fit")) {
            assertTrue(html.contains("id=\"" + id + "\""), () -> "report lacks " + id);
        }
        Files.writeString(Path.of("target", "report-invert.html"), html); // for people to look at
        Files.delete(report);
        assertEquals(0, Cli.run("report", out.toString(), "--run-id", "one").exit());
        assertEquals(html, Files.readString(report), "sna report renders the same page from the tables");
    }

    @Test
    void invert_mapNotConverged_statusInTheTableNotASilentNumber() throws Exception {
        Path model = LineModel.write(dir);
        Path out = dir.resolve("out");
        Path f = inversion("capped", true, 0);
        // one LM iteration: the first step from the prior's median cannot also be the test that it has converged
        Files.writeString(f, Files.readString(f).replace("inversion: {", "inversion: {max-iterations: 1, "));
        Cli.Result r = Cli.run("invert", model.toString(), f.toString(), "--output", out.toString(), "--run-id",
                "capped");
        assertEquals(0, r.exit(), r.err());
        List<Map<String, Object>> est = read(out, "capped").rows(ResultTable.ESTIMATES);
        assertEquals(2, est.size());
        for (Map<String, Object> e : est) {
            assertEquals("max_iterations", e.get("status"), () -> "row " + e);
        }
    }

    /** An observation table of the line's sets: ids out of order, an extra column that is ignored. */
    private Path table(long[] ids) throws Exception {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("note", DataTypes.StringType, true));
        fields.add(DataTypes.createStructField("observation_id", DataTypes.LongType, false));
        for (int i = 0; i < X.length; i++) {
            fields.add(DataTypes.createStructField("y" + i, DataTypes.DoubleType, false));
        }
        List<Row> rows = new ArrayList<>();
        for (long id : ids) {
            Object[] v = new Object[2 + X.length];
            v[0] = "track " + id;
            v[1] = id;
            for (int i = 0; i < X.length; i++) {
                v[2 + i] = id == 0 ? Y[i] : Y[i] + 0.03 * Math.sin(7.0 * id + i); // set 0 is the file's
            }
            rows.add(RowFactory.create(v));
        }
        Path t = dir.resolve("sets.parquet");
        SparkTests.session().createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)))
                .coalesce(1).write().parquet(t.toString());
        return t;
    }

    @Test
    void invert_observationTable_sameTablesForOneAndSevenPartitions() throws Exception {
        Path model = LineModel.write(dir);
        long[] ids = {9, 3, 0, 14, 5, 1, 22, 7, 2, 11, 6, 4};
        Path sets = table(ids);
        for (int p : new int[] {1, 7}) {
            Cli.Result r = Cli.run("invert", model.toString(), inversion("p" + p, false, p).toString(),
                    "--observations", sets.toString(), "--output", dir.resolve("out" + p).toString(), "--run-id", "b");
            assertEquals(0, r.exit(), r.err());
        }
        for (String table : List.of("estimates", "fit", "posterior")) {
            byte[] one = onlyDataFile(Published.table(dir.resolve("out1"), table, "b"));
            byte[] seven = onlyDataFile(Published.table(dir.resolve("out7"), table, "b"));
            assertArrayEquals(one, seven, table + " differs between 1 and 7 partitions");
        }
        RunData batch = read(dir.resolve("out1"), "b");
        List<Map<String, Object>> est = batch.rows(ResultTable.ESTIMATES);
        assertEquals(2 * ids.length, est.size());
        List<Long> order = est.stream().map(e -> (Long) e.get("observation_id")).distinct().toList();
        assertEquals(java.util.Arrays.stream(ids).sorted().boxed().toList(), order, "sets in id order");
        assertEquals(ids.length * 4000, batch.rows(ResultTable.POSTERIOR).size());

        // set 0 holds the file's values: the same numbers as inverting the file alone
        Cli.Result single = Cli.run("invert", model.toString(), inversion("single", true, 0).toString(),
                "--output", dir.resolve("single").toString(), "--run-id", "s");
        assertEquals(0, single.exit(), single.err());
        assertEquals(read(dir.resolve("single"), "s").rows(ResultTable.ESTIMATES), est.subList(0, 2));
    }

    private static byte[] onlyDataFile(Path partition) throws Exception {
        try (var files = Files.list(partition)) {
            List<Path> data = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
            assertEquals(1, data.size(), () -> "one data file in " + partition + ": " + data);
            return Files.readAllBytes(data.get(0));
        }
    }

    @Test
    void invert_badInput_oneLineExit2AndNothingWritten() throws Exception {
        Path model = LineModel.write(dir);
        Path good = inversion("good", true, 0);
        String text = Files.readString(good);
        Path out = dir.resolve("never");
        List<String[]> cases = List.of(
                new String[] {text.replace("{name: b, dist: uniform", "{name: q, dist: uniform"),
                    "bad.yaml: unknowns[1].name: the model (line.sna) has no input 'q'; its inputs are a, b, x"},
                new String[] {text.replace("at: {x: 1.0}", "at: {x: 1.5}"),
                    "bad.yaml: observations[4].at.x = 1.5 is outside the model's domain [0.0, 1.0]"},
                new String[] {text.replace("{name: a, dist: uniform, lower: -5, upper: 5}",
                        "{name: a, dist: uniform, lower: 20, upper: 30}"),
                    "bad.yaml: unknown a: the prior has no mass in the model's domain [-10.0, 10.0]"},
                new String[] {text.replace("noise: {sd: 0.1}", "noise: {sd: 0}"), "bad.yaml: noise.sd must be > 0"},
                new String[] {text.replace("at: {x: 0.0}", "at: {x: 0.0, a: 1}"),
                    "bad.yaml: observations[0].at.a: 'a' is an unknown, so an observation cannot set it"},
                new String[] {text.replace("at: {x: 0.0}", "at: {}"), "observations[0].at must be a mapping"},
                new String[] {text.replace("noise: {sd: 0.1}", "known: {x: 0.5}\nnoise: {sd: 0.1}"),
                    "bad.yaml: observations[0].at.x: 'x' is known, so an observation cannot set it"},
                new String[] {text.replace("noise: {sd: 0.1}", "material: inconel718\nnoise: {sd: 0.1}"),
                    "bad.yaml: material: the LPBF case needs the moving-source model"});
        for (String[] c : cases) {
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(bad, c[0]);
            Cli.run("invert", model.toString(), bad.toString(), "--output", out.toString()).assertBadInput(c[1]);
            assertFalse(Files.exists(out), "nothing written for: " + c[1]);
        }
    }

    @Test
    void invert_badObservationTable_oneLineExit2AndNothingWritten() throws Exception {
        Path model = LineModel.write(dir);
        Path out = dir.resolve("never");
        Path noValues = inversion("t", false, 0);
        Path csv = dir.resolve("sets.csv");
        Files.writeString(csv, "observation_id,y0,y1,y2,y4\n1,1,2,3,4\n");
        Cli.run("invert", model.toString(), noValues.toString(), "--observations", csv.toString(), "--output",
                out.toString()).assertBadInput("sets.csv: column 'y3' not found; columns: observation_id, y0, y1, y2, y4");
        Files.writeString(csv, "observation_id,y0,y1,y2,y3,y4\n1,1,2,3,4,5\n1,1,2,3,4,5\n");
        Cli.run("invert", model.toString(), noValues.toString(), "--observations", csv.toString(), "--output",
                out.toString()).assertBadInput("sets.csv: observation_id 1 appears more than once");
        Files.writeString(csv, "observation_id,y0,y1,y2,y3,y4\n1.5,1,2,3,4,5\n");
        Cli.run("invert", model.toString(), noValues.toString(), "--observations", csv.toString(), "--output",
                out.toString()).assertBadInput("sets.csv: line 2: observation_id must be a whole number");
        Files.writeString(csv, "observation_id,y0,y1,y2,y3,y4\n1,1,2,NaN,4,5\n");
        Cli.run("invert", model.toString(), noValues.toString(), "--observations", csv.toString(), "--output",
                out.toString()).assertBadInput("sets.csv: observation_id 1 (line 2): y2 must be a finite number, got NaN");
        Cli.run("invert", model.toString(), noValues.toString(), "--output", out.toString())
                .assertBadInput("t.yaml: observations[0].value is missing");
        Cli.run("invert", model.toString(), inversion("v", true, 0).toString(), "--observations", csv.toString(),
                "--output", out.toString()).assertBadInput("v.yaml: observations: give no value with --observations");
        Cli.run("invert", dir.resolve("absent.sna").toString(), inversion("w", true, 0).toString(), "--output",
                out.toString())
                .assertBadInput("absent.sna: no such file");
        assertFalse(Files.exists(out));
    }
}
