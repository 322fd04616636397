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
 * {@code sna report} on a real run of the shipped Ishigami study (small n): re-rendered from the published tables
 * it is the page {@code sna run} rendered from memory, and names each part of the run; an output without the run
 * asked for is exit 2 with one line.
 */
class ReportCommandTest {

    @TempDir
    Path tmp;

    @Test
    void report_afterRun_samePageAsTheRunRendered() throws IOException {
        Path study = tmp.resolve("small.yaml");
        Files.writeString(study, Files.readString(SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml"))
                .replace("n: 65536", "n: 4096"));
        Path output = tmp.resolve("out");
        SnaRun.Result run = SnaRun.sna("run", study.toString(), "--output", output.toString(), "--run-id", "small");
        assertEquals(0, run.exit(), run.err());
        Path report = output.resolve("_runs/run_id=small/report.html");
        String fromMemory = Files.readString(report);
        Files.delete(report); // re-render from the tables alone
        SnaRun.Result r = SnaRun.sna("report", output.toString()); // the newest run: the only one
        assertEquals(0, r.exit(), r.err());
        assertEquals(report.toString(), r.out().strip());
        String html = Files.readString(report);
        assertEquals(fromMemory, html, "the tables read back are the results the run held");
        Files.writeString(Path.of("target", "report-run.html"), html); // for people to look at
        for (String id : List.of("summary-y", "histogram-y", "cdf-y", "exceedance-chart-y", "exceedance-y",
                "sobol-chart-y", "sobol-y", "quantiles-y", "convergence-mean-y", "run-facts", "versions")) {
            assertTrue(html.contains("id=\"" + id + "\""), () -> "report lacks " + id);
        }
    }

    @Test
    void report_runNotInOutput_isBadInput() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        SnaRun.Result none = SnaRun.sna("report", empty.toString());
        assertBadInput(none, "no complete run to report on");
        SnaRun.Result missing = SnaRun.sna("report", empty.toString(), "--run-id", "broken");
        assertBadInput(missing, "no complete run 'broken'; the output holds no runs");
        assertBadInput(SnaRun.sna("report", tmp.resolve("absent").toString()), "no such results folder");
        assertBadInput(SnaRun.sna("report", empty.toString(), "--run-id", "a:b"), "--run-id must match");
        assertFalse(Files.exists(empty.resolve("_runs")));
    }

    private static void assertBadInput(SnaRun.Result r, String fragment) {
        assertEquals(CliErrors.BAD_INPUT, r.exit(), r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("sna: ") && lines.get(0).contains(fragment), r.err());
    }
}
