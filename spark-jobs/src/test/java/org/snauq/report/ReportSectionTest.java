package org.snauq.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snauq.results.ResultTable;

/** Feature sections land at their place on the page, in the order given, and add nothing when they have no data. */
class ReportSectionTest {

    private static ReportSection section(String id, ReportSection.Place place) {
        return new ReportSection() {
            @Override
            public Place place() {
                return place;
            }

            @Override
            public void append(StringBuilder page, RunData run) {
                if (!run.rows(ResultTable.SUMMARY).isEmpty()) {
                    page.append("<h2 id=\"").append(id).append("\">").append(id).append("</h2>");
                }
            }
        };
    }

    @Test
    void render_sections_placedAfterRunFactsOrAfterOutputsInOrder() {
        RunData run = ReportWriter.warmUpRun();
        String html = ReportPage.render(run, List.of(section("late-a", ReportSection.Place.AFTER_OUTPUTS),
                section("early", ReportSection.Place.AFTER_RUN), section("late-b", ReportSection.Place.AFTER_OUTPUTS)));
        int facts = html.indexOf("id=\"run\"");
        int early = html.indexOf("id=\"early\"");
        int output = html.indexOf("id=\"output-y\"");
        int lateA = html.indexOf("id=\"late-a\"");
        int lateB = html.indexOf("id=\"late-b\"");
        int manifest = html.indexOf("id=\"manifest\"");
        assertTrue(facts >= 0 && facts < early && early < output, "AFTER_RUN: after the run facts, before outputs");
        assertTrue(output < lateA && lateA < lateB && lateB < manifest, "AFTER_OUTPUTS: in order, before the study and manifest");
    }

    @Test
    void render_sectionWithoutData_addsNothing() {
        RunData empty = new RunData("f", ReportWriter.warmUpRun().manifest(), java.util.Map.of());
        assertEquals(ReportPage.render(empty, List.of()),
                ReportPage.render(empty, List.of(section("x", ReportSection.Place.AFTER_RUN))));
    }
}
