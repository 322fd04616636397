package org.snauq.report;

/**
 * A part of the report page that a feature contributes (comparison with a reference run, parity plot, failed
 * samples, inversion): a class of its own in this package, registered by one line in {@link ReportSections}.
 * A section appends nothing when the run has none of its data, so a page never shows an empty section.
 *
 * <p>Inside the package a section may use the page's helpers: {@link Html#table} (numbers formatted, exact value
 * in {@code data-value}), {@link ReportPage#figure} (an XChart chart as inline SVG with its caption),
 * {@link Charts} (the common look) and {@link Rows} (selecting rows of a table). Element ids start with the
 * section's own prefix so they stay unique on the page.
 */
public interface ReportSection {

    /** Where on the page a section goes. */
    enum Place {
        /** After the run's facts: what a reader must know before the statistics (e.g. failed samples). */
        AFTER_RUN,
        /** After the per-output sections, before the study text. */
        AFTER_OUTPUTS
    }

    /** Where this section goes; after the per-output sections unless it says otherwise. */
    default Place place() {
        return Place.AFTER_OUTPUTS;
    }

    /**
     * Appends this section's HTML ({@code <h2 id="...">} heading, then its tables and figures) to {@code page};
     * nothing when {@code run} has no data for it. A pure function of {@code run}.
     */
    void append(StringBuilder page, RunData run);
}
