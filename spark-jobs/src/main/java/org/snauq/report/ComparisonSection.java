package org.snauq.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snauq.results.ResultTable;

/**
 * The report's section for {@code sna compare} (issue 14): per reference run the later run was compared with, how
 * many statistics moved beyond their noise, those statistics, and every compared statistic in a collapsed table.
 * From the run's {@code comparison} table; nothing when it has none. Element ids start with {@code comparison-}.
 */
final class ComparisonSection implements ReportSection {

    /** The verdict of a statistic that moved ({@code results.Comparison.MOVED}). */
    static final String MOVED = "moved";

    private static final List<String> HEADER = List.of("output", "statistic", "method", "input", "p or t",
            "reference", "this run", "difference", "noise", "verdict");
    private static final String[] COLUMNS = {"output", "statistic", "method", "input", "parameter",
        "reference_value", "value", "difference", "noise", "verdict"};

    /** After the run's facts: whether anything moved is what a reader of a scheduled run looks for first. */
    @Override
    public Place place() {
        return Place.AFTER_RUN;
    }

    /** Appends the section to {@code page}; nothing when the run has no comparison rows. */
    @Override
    public void append(StringBuilder page, RunData run) {
        Map<String, List<Map<String, Object>>> byReference = new LinkedHashMap<>();
        for (Map<String, Object> r : run.rows(ResultTable.COMPARISON)) {
            byReference.computeIfAbsent(String.valueOf(r.get("reference_run_id")), k -> new ArrayList<>()).add(r);
        }
        if (byReference.isEmpty()) {
            return;
        }
        page.append("<h2 id=\"comparison\">Comparison with earlier runs</h2><p class=\"sub\">A statistic moved when"
                + " its difference exceeds its noise: the half-width of the difference's interval, from both runs'"
                + " intervals, at a family-wise false-alarm rate over all the statistics compared"
                + " (<code>sna compare --alpha</code>; docs/FORMATS.md).</p>\n");
        for (Map.Entry<String, List<Map<String, Object>>> e : byReference.entrySet()) {
            String id = "comparison-" + ReportPage.slug(e.getKey());
            List<Map<String, Object>> rows = e.getValue();
            List<Map<String, Object>> moved = rows.stream().filter(r -> MOVED.equals(r.get("verdict"))).toList();
            long compared = rows.stream().filter(r -> r.get("noise") != null).count();
            page.append("<h3 id=\"").append(Html.escape(id)).append("\">Reference run ")
                    .append(Html.escape(e.getKey())).append("</h3><p>").append(moved.size()).append(" of ")
                    .append(compared).append(" statistics moved beyond their noise.</p>");
            if (!moved.isEmpty()) {
                page.append(Html.table(id + "-moved", HEADER, Rows.cells(moved, COLUMNS)));
            }
            page.append("<details><summary>every compared statistic (").append(rows.size())
                    .append(")</summary>").append(Html.table(id + "-all", HEADER, Rows.cells(rows, COLUMNS)))
                    .append("</details>\n");
        }
    }
}
