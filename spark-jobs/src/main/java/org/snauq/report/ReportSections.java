package org.snauq.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature sections of the report page ({@link ReportSection}), in page order within their {@link
 * ReportSection.Place}. Each feature registers its section by replacing its own comment line below with one
 * {@code s.add(new ...Section());} (the blank lines keep the features' edits apart, so branches merge cleanly).
 */
final class ReportSections {

    private ReportSections() {
    }

    static List<ReportSection> all() {
        List<ReportSection> s = new ArrayList<>();
        // failures (on-failure: skip)

        s.add(new ComparisonSection());

        s.add(new ValidationSection()); // parity plot (issue 16)

        s.add(new InversionSection()); // inversion (issue 13)

        return List.copyOf(s);
    }
}
