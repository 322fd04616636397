package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.datasets.pde.MaterialFile;
import org.snauq.design.InputTransform;
import org.snauq.design.SamplingDesign;
import org.snauq.design.SamplingDesigns;
import org.snauq.dist.Distributions;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.spark.SparkTests;
import org.snauq.study.StudyParserAccess;
import org.snauq.thermal.MovingSourceModel;
import org.snauq.thermal.ThermalScaling;

/**
 * The forward sweep of the LPBF case by material name ({@code sweep.qoi.melt-pool.material}) on the moving-source
 * model ({@code lpbf5d.sna}, rank 80, a test resource): every design's QoI statistics are those of
 * {@link MovingSourceModel} at the same samples, the designs table is the same for 1 and 3 partitions, and what
 * does not fit the case (an input it does not have, one missing, a key of the other melt-pool mode, a sample
 * outside the model's Pe range) is one line, exit 2.
 */
class SweepMaterialTest {

    /** Moments of the same values summed in another order (Pebay's updates against a plain sum): rounding. */
    private static final double MEAN_TOL = 1e-12;
    private static final int N = 64;
    private static final double[] P = {200, 260};
    private static final double[] V = {0.8, 1.1};

    @TempDir
    Path dir;

    static Path model() throws Exception {
        return Path.of(SweepMaterialTest.class.getResource("lpbf5d.sna").toURI());
    }

    private Path study(String name, String material, String inputs, String extra, int partitions) throws Exception {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, """
                name: %s
                model: {sna: %s}
                inputs:
                %s
                sampling: {design: mc, n: %d, seed: 5}
                sweep:
                  designs: {P: [%s, %s], v: [%s, %s]}
                  qoi: {melt-pool: {material: %s%s}}
                  window: {depth: {min: 3.0e-5, max: 6.0e-5}, peak: {max: 9000}}
                spark: {partitions: %d}
                """.formatted(name, model(), inputs.indent(2).stripTrailing(), N, P[0], P[1], V[0], V[1], material,
                extra, partitions));
        return f;
    }

    private static final String INPUTS = """
            - {name: eta, dist: truncated-normal, mean: 0.35, sd: 0.03, lower: 0.25, upper: 0.45}
            - {name: s, dist: constant, value: 1.0}
            - {name: rb, dist: uniform, lower: 4.5e-5, upper: 6.0e-5}
            - {name: beta, dist: constant, value: 0.2}
            """;

    private List<Row> designs(String out, String runId) {
        return SparkTests.session().read().parquet(Published.table(dir.resolve(out), "designs", runId).toString())
                .drop("study", "run_id").orderBy("design").collectAsList();
    }

    @Test
    void run_inconel718Sweep_qoisOfTheMovingSourceModelAtTheSameSamples() throws Exception {
        Path f = study("lpbf", "inconel718", INPUTS, "", 0);
        SnaRun.Result r = SnaRun.sna("run", f.toString(), "--output", dir.resolve("out").toString(), "--run-id", "a");
        assertEquals(0, r.exit(), r.err());
        List<Row> rows = designs("out", "a");
        assertEquals(4, rows.size());

        var study = StudyParserAccess.parse(Files.readString(f));
        SamplingDesign design = SamplingDesigns.of("mc", 4, N, 5); // the sweep's own sampling (engine.SamplePlan)
        InputTransform transform = InputTransform.of(study.inputs().stream().map(Distributions::of).toList());
        double[] x = new double[N * 4];
        design.fill(0, N, x, 0);
        transform.apply(x, 0, N, x, 0);
        SnaModel sna = SnaModelFile.read(model());
        ThermalScaling scaling = new ThermalScaling(MaterialFile.shipped(SnaRun.ROOT, "inconel718"), 300, 1);
        MovingSourceModel moving = new MovingSourceModel(sna, scaling);
        double[] pool = new double[5];
        for (int j = 0; j < 4; j++) {
            double p = P[j / 2];
            double v = V[j % 2];
            double[] sum = new double[4];
            long inside = 0;
            for (int k = 0; k < N; k++) {
                double[] in = {x[4 * k], x[4 * k + 1], p, v, x[4 * k + 2], x[4 * k + 3]}; // eta, s, P, v, rb, beta
                assertTrue(moving.inDomain(in));
                moving.meltPool(in, pool, null);
                for (int q = 0; q < 4; q++) {
                    sum[q] += pool[q];
                }
                inside += pool[3] >= 3.0e-5 && pool[3] <= 6.0e-5 && pool[0] <= 9000 ? 1 : 0;
            }
            Row row = rows.get(j);
            assertEquals(p, row.getDouble(row.fieldIndex("P")));
            assertEquals(v, row.getDouble(row.fieldIndex("v")));
            String[] q = {"peak", "length", "width", "depth"};
            for (int i = 0; i < 4; i++) {
                double mean = sum[i] / N;
                assertEquals(mean, row.getDouble(row.fieldIndex(q[i] + "_mean")), MEAN_TOL * mean,
                        q[i] + " of design " + j);
            }
            assertEquals(inside / (double) N, row.getDouble(row.fieldIndex("p_window")), "design " + j);
        }
        assertTrue(rows.stream().anyMatch(w -> w.getDouble(w.fieldIndex("p_window")) > 0)
                && rows.stream().anyMatch(w -> w.getDouble(w.fieldIndex("p_window")) < 1), "a window that selects");

        SnaRun.Result three = SnaRun.sna("run", study("three", "inconel718", INPUTS, "", 3).toString(), "--output",
                dir.resolve("out3").toString(), "--run-id", "a");
        assertEquals(0, three.exit(), three.err());
        assertEquals(rows, designs("out3", "a"), "1 and 3 partitions");
    }

    @Test
    void run_badLpbfSweep_exitTwoWithOneLine() throws Exception {
        String[][] cases = {
            {"inconel718", INPUTS.replace("name: s,", "name: q,"), "",
                "sweep.qoi.melt-pool.material makes this the LPBF case, whose inputs are eta, s, P, v, rb, beta;"
                    + " 'q' is not one of them"},
            {"inconel718", INPUTS.replace("- {name: s, dist: constant, value: 1.0}\n", ""), "",
                "sweep.qoi.melt-pool.material makes this the LPBF case: give each of eta, s, P, v, rb, beta as an"
                    + " input or a design input; missing s"},
            {"inconel718", INPUTS, ", liquidus: 1609", "sweep.qoi.melt-pool.liquidus does not apply with a material"},
            {"unobtainium", INPUTS, "", "sweep.qoi.melt-pool.material is not a material of"},
            {"inconel718", INPUTS.replace("upper: 6.0e-5", "upper: 6.0e-4"),
                "", "Pe = v rb / (s alpha_0) = "},
        };
        for (int i = 0; i < cases.length; i++) {
            Path f = study("bad" + i, cases[i][0], cases[i][1], cases[i][2], 0);
            SnaRun.Result r = SnaRun.sna("run", f.toString(), "--output", dir.resolve("bad").toString());
            assertEquals(2, r.exit(), "case " + i + ": " + r.err());
            assertEquals(1, r.errorLines().size(), r.err());
            assertTrue(r.errorLines().get(0).contains(cases[i][3]), "case " + i + ": " + r.err());
        }
        // the same wide radii under domain-policy clamp: the samples beyond Pe = 20 are moved onto it
        Path clamp = study("clamp", "inconel718", INPUTS.replace("upper: 6.0e-5", "upper: 6.0e-4"), "", 0);
        Files.writeString(clamp, Files.readString(clamp) + "domain-policy: clamp\n");
        SnaRun.Result r = SnaRun.sna("run", clamp.toString(), "--output", dir.resolve("clamp").toString());
        assertEquals(0, r.exit(), r.err());
    }
}
