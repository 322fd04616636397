package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sna report} on a real run of the shipped Ishigami study (small n): the report names each part of the
 * run; a folder that is not a complete run is exit 2 with one line.
 */
class ReportCommandTest {

    @TempDir
    Path tmp;

    @Test
    void report_afterRun_rendersEveryPart() throws IOException {
        Path study = tmp.resolve("small.yaml");
        Files.writeString(study, Files.readString(SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml"))
                .replace("n: 65536", "n: 4096"));
        SnaRun.Result run = SnaRun.sna("run", study.toString(), "--output", tmp.toString(), "--run-id", "small");
        assertEquals(0, run.exit(), run.err());
        Path folder = tmp.resolve("run_id=small");
        Files.deleteIfExists(folder.resolve("report.html")); // re-render from the tables alone
        SnaRun.Result r = SnaRun.sna("report", folder.toString());
        assertEquals(0, r.exit(), r.err());
        Path report = folder.resolve("report.html");
        assertTrue(r.out().strip().endsWith("run_id=small/report.html"), r.out());
        String html = Files.readString(report);
        Files.writeString(Path.of("target", "report-run.html"), html); // for people to look at
        for (String id : List.of("summary-y", "histogram-y", "cdf-y", "exceedance-chart-y", "exceedance-y", "sobol-chart-y", "sobol-y",
                "quantiles-y", "convergence-mean-y", "run-facts", "versions")) {
            assertTrue(html.contains("id=\"" + id + "\""), () -> "report lacks " + id);
        }
    }

    @Test
    void report_folderWithoutManifest_isBadInput() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("run_id=broken"));
        SnaRun.Result r = SnaRun.sna("report", empty.toString());
        assertEquals(CliErrors.BAD_INPUT, r.exit(), r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("sna: ") && lines.get(0).contains("manifest.json"), r.err());
        assertFalse(Files.exists(empty.resolve("report.html")));
    }
}
