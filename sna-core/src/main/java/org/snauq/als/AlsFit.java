package org.snauq.als;

import org.snauq.model.SnaModel;

/**
 * The result of a fit: the model (with its provenance filled in) and the report.
 *
 * <p>API CONTRACT: {@code model()}, {@code report()}.
 */
public record AlsFit(SnaModel model, FitReport report) {
}
