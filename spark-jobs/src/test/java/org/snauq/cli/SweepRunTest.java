package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.spark.SparkTests;

/**
 * {@code sna run} of a study with a {@code sweep:} block, on a toy response with a closed-form window probability:
 * y = a + u with the design input a on a grid and u ~ N(0, 1), window |y| &lt;= 1, so
 * P(window | a) = Phi(1 - a) - Phi(-1 - a), largest at a = 0 and decreasing in |a|. The designs table ranks
 * by it, its probabilities agree with the closed form, and it is bit-identical for 1 and 3 partitions. The
 * melt-pool QoIs through the sweep on an SNA of a Gaussian field with closed-form pools. Bad sweep keys exit 2 with
 * one line.
 */
class SweepRunTest {

    private static final double[] A = {-1.0, 0.0, 0.5, 2.0};
    private static final long N = 4096;
    /** A Monte Carlo proportion: 4 standard errors sqrt(p (1 - p) / n) at the worst p = 1/2. */
    private static final double P_TOL = 4 * 0.5 / Math.sqrt(N);
    /** The sample mean of a + u: 4 standard errors 1 / sqrt(n). */
    private static final double MEAN_TOL = 4 / Math.sqrt(N);

    @TempDir
    Path dir;

    private Path study(String name, String sweep, int partitions) throws Exception {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, """
                name: %s
                model: {expression: "a + u"}
                inputs:
                  - {name: u, dist: normal, mean: 0.0, sd: 1.0}
                sampling: {design: mc, n: %d, seed: 11}
                sweep:
                %s
                spark: {partitions: %d}
                """.formatted(name, N, sweep.indent(2).stripTrailing(), partitions));
        return f;
    }

    private static final String TOY = """
            designs: {a: [-1.0, 0.0, 0.5, 2.0]}
            window: {y: {min: -1, max: 1}}
            """;

    private List<Row> designs(String runId) {
        return SparkTests.session().read().parquet(Published.table(dir.resolve("out"), "designs", runId).toString())
                .drop("study", "run_id").orderBy("design").collectAsList();
    }

    @Test
    void run_toySweep_ranksByClosedFormWindowProbability() throws Exception {
        String runId = runStudy(study("toy", TOY, 0), "toy"); // the expression model's output is named y
        Path run = Published.runFolder(dir.resolve("out"), runId);
        List<Row> rows = designs(runId);
        assertEquals(A.length, rows.size());
        NormalDistribution phi = new NormalDistribution();
        double[] exact = new double[A.length];
        for (int j = 0; j < A.length; j++) {
            exact[j] = phi.cumulativeProbability(1 - A[j]) - phi.cumulativeProbability(-1 - A[j]);
            Row r = rows.get(j);
            assertEquals(A[j], r.getDouble(r.fieldIndex("a")));
            assertEquals(exact[j], r.getDouble(r.fieldIndex("p_window")), P_TOL, "P(window) at a = " + A[j]);
            assertEquals(A[j], r.getDouble(r.fieldIndex("y_mean")), MEAN_TOL, "mean at a = " + A[j]);
            assertEquals(N, r.getLong(r.fieldIndex("n")));
            double p = r.getDouble(r.fieldIndex("p_window"));
            assertTrue(r.getDouble(r.fieldIndex("p_window_ci_low")) <= p
                    && p <= r.getDouble(r.fieldIndex("p_window_ci_high")), "interval holds the estimate");
        }
        // closed-form order: a = 0 (0.683), 0.5 (0.625), -1 (0.477), 2 (0.157); gaps >> P_TOL
        long[] expectedRank = {3, 1, 2, 4};
        for (int j = 0; j < A.length; j++) {
            assertEquals(expectedRank[j], rows.get(j).getLong(rows.get(j).fieldIndex("rank")), "rank of a = " + A[j]);
        }
        assertTrue(Files.exists(run.resolve("manifest.json")));
        assertTrue(Files.readString(run.resolve("report.html")).contains("Best design: #1 (a = 0"),
                "the report names the best design");
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("id=\"design-map\""), "the report has the design map"); // its data: report tests
        Row best = SparkTests.session().read().parquet(Published.table(dir.resolve("out"), "summary", runId).toString())
                .collectAsList().get(0);
        assertEquals("best-design", best.getAs("method"));
        assertEquals(0.0, (double) best.getAs("mean"), MEAN_TOL, "summary is the best design's (a = 0)");
    }

    @Test
    void run_toySweep_sameBitsForAnyPartitioning() throws Exception {
        List<Row> one = designs(runStudy(study("one", TOY, 1), "one"));
        List<Row> three = designs(runStudy(study("three", TOY, 3), "three"));
        assertEquals(one, three);
    }

    @Test
    void run_badSweepKeys_exitTwoWithOneLine() throws Exception {
        String[][] cases = {
            {"designs: {a: [0.0]}\nwindow: {y: {min: -1}}\nbogus: 1", "sweep.bogus is not a known key"},
            {"designs: {a: {from: 1, to: 0, count: 3}}\nwindow: {y: {max: 1}}", "sweep.designs.a.to must be > from"},
            {"designs: {u: [0.0]}\nwindow: {y: {max: 1}}", "sweep.designs.u is a design input"},
            {"designs: {a: [0.0]}\nwindow: {depth: {max: 1}}", "sweep.window.depth is not a QoI"},
            {"designs: {a: [0.0]}\nwindow: {y: {min: 2, max: 1}}", "sweep.window.y.max must be > min"},
            {"designs: {a: [0.0]}\nqoi: {melt-pool: {space: [x, y, z], liquidus: 1}}\nwindow: {depth: {max: 1}}",
                "sweep.qoi.melt-pool needs an SNA model"},
        };
        for (int i = 0; i < cases.length; i++) {
            Path f = study("bad" + i, cases[i][0], 0);
            SnaRun.Result r = SnaRun.sna("run", f.toString(), "--output", dir.resolve("bad").toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains(cases[i][1]), "case " + i + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    /** The projection error of the Gaussian factors (as in MeltPoolTest: h ~ 0.1 of the scale, cubic atoms). */
    private static final double POOL_TOL = 1e-4;
    private static final double XC = -0.7;
    private static final double AX = 1.5;
    private static final double BY = 0.8;
    private static final double CZ = 0.6;

    /**
     * T(x, s, y, z) = s exp(-(x - XC)^2 / AX^2 - y^2 / BY^2 - z^2 / CZ^2), coordinates deliberately out of the
     * (scan, across, depth) order, as a rank-1 SNA by cubic L2 projection of each factor.
     */
    private static org.snauq.model.SnaModel gaussianPool() {
        List<org.snauq.basis.BSplineBasis> bases = List.of(
                org.snauq.basis.BSplineBasis.clampedUniform(3, 90, -6, 4),
                org.snauq.basis.BSplineBasis.clampedUniform(3, 4, 0.5, 3),
                org.snauq.basis.BSplineBasis.clampedUniform(3, 60, -3, 3),
                org.snauq.basis.BSplineBasis.clampedUniform(3, 40, 0, 3));
        List<java.util.function.DoubleUnaryOperator> g = List.of(x -> Math.exp(-(x - XC) * (x - XC) / (AX * AX)),
                v -> v, y -> Math.exp(-y * y / (BY * BY)), z -> Math.exp(-z * z / (CZ * CZ)));
        double[][] w = new double[4][];
        for (int d = 0; d < 4; d++) {
            org.snauq.galerkin.AtomQuadrature q = new org.snauq.galerkin.AtomQuadrature(bases.get(d));
            double[] pts = q.points();
            double[] f = new double[pts.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = g.get(d).applyAsDouble(pts[i]);
            }
            w[d] = q.project(f);
        }
        return org.snauq.model.SnaModel.of(List.of("x", "s", "y", "z"), bases, new double[] {1.0}, w, "dT");
    }

    /**
     * Melt-pool QoIs through the sweep: design input s, scale input eta = 0.5 against nominal 0.25 (T = 2 dT),
     * ambient 0, liquidus 1: the pool {2 s g >= 1} has depth CZ L, length 2 AX L, width 2 BY L, L = sqrt(ln 2s),
     * peak 2 s. The window depth in [CZ sqrt(ln 1.8), CZ sqrt(ln 2.4)] holds s = 1 only (2 s = 1.6, 2, 2.8).
     */
    @Test
    void run_meltPoolSweep_matchesClosedFormPoolsAndRanksTheWindowDesignFirst() throws Exception {
        Path sna = dir.resolve("pool.sna");
        org.snauq.model.SnaModelFile.write(gaussianPool(), sna);
        Path f = dir.resolve("pool.yaml");
        Files.writeString(f, """
                name: pool
                model: {sna: %s}
                inputs:
                  - {name: eta, dist: constant, value: 0.5}
                sampling: {design: mc, n: 4, seed: 1}
                sweep:
                  designs: {s: [0.8, 1.0, 1.4]}
                  qoi: {melt-pool: {space: [x, y, z], liquidus: 1.0, ambient: 0.0, scale: {input: eta, nominal: 0.25}}}
                  window: {depth: {min: %s, max: %s}}
                """.formatted(sna, CZ * Math.sqrt(Math.log(1.8)), CZ * Math.sqrt(Math.log(2.4))));
        List<Row> rows = designs(runStudy(f, "pool"));
        double[] s = {0.8, 1.0, 1.4};
        long[] rank = {2, 1, 3};
        for (int j = 0; j < s.length; j++) {
            Row r = rows.get(j);
            double l = Math.sqrt(Math.log(2 * s[j]));
            assertEquals(2 * s[j], r.getDouble(r.fieldIndex("peak_mean")), POOL_TOL * 2 * s[j], "peak, s = " + s[j]);
            assertEquals(CZ * l, r.getDouble(r.fieldIndex("depth_mean")), POOL_TOL * CZ, "depth, s = " + s[j]);
            assertEquals(2 * AX * l, r.getDouble(r.fieldIndex("length_mean")), POOL_TOL * 2 * AX, "length");
            assertEquals(2 * BY * l, r.getDouble(r.fieldIndex("width_mean")), POOL_TOL * 2 * BY, "width");
            assertEquals(j == 1 ? 1.0 : 0.0, r.getDouble(r.fieldIndex("p_window")), "window, s = " + s[j]);
            assertEquals(rank[j], r.getLong(r.fieldIndex("rank")), "rank, s = " + s[j]); // ties: by design index
        }
    }

    private String runStudy(Path study, String id) {
        SnaRun.Result r = SnaRun.sna("run", study.toString(), "--output", dir.resolve("out").toString(),
                "--run-id", id);
        assertEquals(0, r.exit(), r.err());
        assertEquals(Published.runFolder(dir.resolve("out"), id).toString(), r.out().strip());
        return id;
    }
}
