package org.snauq.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.snauq.results.ResultTable;
import org.snauq.results.RunManifest;
import org.snauq.results.RunTables;

/** The comparison section of the report: present exactly when the run has comparison rows, moved rows first. */
class ComparisonSectionTest {

    static RunData run(boolean compared) {
        RunTables t = new RunTables();
        t.table(ResultTable.SUMMARY).add("y", "sampling", 100L, 1.0, 1.0, 1.0, 0.0, 0.0, -2.0, 4.0, 0.8, 1.2);
        if (compared) {
            t.table(ResultTable.COMPARISON)
                    .add("nightly-1", "y", "mean", "sampling", null, null, 1.0, 1.5, 0.5, 0.1, "moved")
                    .add("nightly-1", "y", "quantile", "two-pass", null, 0.99, 3.0, 3.1, 0.1, 0.4, "within-noise")
                    .add("baseline", "y", "mean", "sampling", null, null, 1.4, 1.5, 0.1, 0.2, "within-noise");
        }
        return RunData.of("out", RunManifest.builder("s", "nightly-2", RunManifest.Kind.SAMPLING, Instant.EPOCH)
                .build(), t);
    }

    @Test
    void render_comparisonRows_sectionPerReferenceMovedRowsFirst() {
        String html = ReportWriter.render(run(true));
        assertTrue(html.contains("<h2 id=\"comparison\">"), "the section");
        int section = html.indexOf("id=\"comparison\"");
        assertTrue(section < html.indexOf("id=\"output-y\""), "before the outputs: read first");
        assertTrue(html.contains("id=\"comparison-nightly-1\">Reference run nightly-1</h3><p>1 of 2 statistics"
                + " moved beyond their noise."), html.substring(section, section + 800));
        assertTrue(html.contains("<table id=\"comparison-nightly-1-moved\">"));
        assertFalse(html.contains("comparison-baseline-moved"), "nothing moved against the baseline");
        assertTrue(html.contains("<table id=\"comparison-baseline-all\">"));
    }

    @Test
    void render_noComparisonRows_noSection() {
        assertFalse(ReportWriter.render(run(false)).contains("id=\"comparison"));
    }
}
