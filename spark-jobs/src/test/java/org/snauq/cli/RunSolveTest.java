package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.galerkin.SolveReport;
import org.snauq.models.StudyModels;
import org.snauq.spark.SparkTests;

/**
 * {@code model: {solve: ...}}: a PDE problem solved by VSNA flows into {@code sna run}. The shipped parametric
 * diffusion problem -(k u')' = 1, u(0) = u(1) = 0 has u = x (1 - x) / (2k); at x = 1/2 with k ~ U(1, 10),
 * E[u] = (1/8) E[1/k] = (1/8) ln(10) / 9 and Var[u] = (1/64) (E[1/k^2] - E[1/k]^2), E[1/k^2] = (1 - 1/10) / 9.
 */
class RunSolveTest {

    /** VSNA's error (< 1e-5 relative, its own tests) is far below the closed form's quadrature error. */
    private static final double ANALYTIC_REL_TOL = 1e-4;
    /** 2^14 randomised Sobol' points: the mean's error is far below 1e-3 relative for this smooth 1-D integrand. */
    private static final double SAMPLING_REL_TOL = 1e-3;

    @TempDir
    Path dir;

    @Test
    void run_solveModel_momentsMatchExactSolution() throws Exception {
        Path study = dir.resolve("diffusion.yaml");
        Files.writeString(study, String.join("\n",
                "name: diffusion-uq",
                "model: {solve: " + SnaRun.ROOT.resolve("conf/problems/parametric-diffusion.yaml") + "}",
                "inputs:",
                "  - {name: x, dist: constant, value: 0.5}",
                "  - {name: k, dist: uniform, lower: 1, upper: 10}",
                "sampling: {design: sobol, n: 16384, seed: 7}",
                "statistics:",
                "  moments: true",
                "  analytic: true",
                "output: " + dir.resolve("out"),
                ""));
        SnaRun.Result r = SnaRun.sna("run", study.toString(), "--run-id", "r1");
        assertEquals(0, r.exit(), r.err());
        double meanInvK = Math.log(10) / 9;
        double meanInvK2 = (1 - 0.1) / 9;
        double exactMean = meanInvK / 8;
        double exactVar = (meanInvK2 - meanInvK * meanInvK) / 64;
        List<Row> rows = SparkTests.session().read().parquet(Published.table(dir.resolve("out"), "summary", "r1").toString())
                .collectAsList();
        for (Row row : rows) {
            String method = row.getAs("method");
            double tol = method.equals("analytic") ? ANALYTIC_REL_TOL : SAMPLING_REL_TOL;
            assertEquals(exactMean, row.<Double>getAs("mean"), tol * exactMean, method + " mean");
            assertEquals(exactVar, row.<Double>getAs("variance"), 10 * tol * exactVar, method + " variance");
        }
        assertEquals(2, rows.size(), "sampling and analytic rows");

        // the solve's per-rank residual history reaches the manifest and the report's convergence figure and table
        // (that the figure draws the manifest's numbers is ReportModelFitAndSweepTest's)
        JsonNode c = new ObjectMapper().readTree(Published.runFolder(dir.resolve("out"), "r1").resolve("manifest.json").toFile())
                .at("/model/convergence");
        SolveReport solve = StudyModels.solveProblem("", SnaRun.ROOT.resolve("conf/problems/parametric-diffusion.yaml"))
                .report();
        assertEquals(solve.indicatorName(), c.get("measure").asText());
        assertEquals(solve.ranks().size(), c.get("indicator").size());
        String html = Files.readString(Published.runFolder(dir.resolve("out"), "r1").resolve("report.html"));
        for (int i = 0; i < solve.ranks().size(); i++) {
            SolveReport.Rank rank = solve.ranks().get(i);
            assertEquals(rank.indicator(), c.get("indicator").get(i).asDouble(), "indicator of rank " + rank.rank());
            assertTrue(html.contains("<td class=\"num\" data-value=\"" + rank.indicator() + "\">"),
                    "report table shows rank " + rank.rank());
        }
        assertTrue(html.contains("id=\"training-convergence\""), "convergence figure");
        Matcher svg = Pattern.compile("(?s)<svg .*?</svg>").matcher(html);
        while (svg.find()) {
            assertFalse(svg.group().contains("NaN"), "no mark at an undrawable position");
        }
    }
}
