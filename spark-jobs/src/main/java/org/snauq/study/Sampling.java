package org.snauq.study;

import java.util.Objects;
import org.snauq.design.SamplingDesigns;

/**
 * The sampling design of a study: {@code sampling: {design: sobol, n: 1048576, seed: 42}}.
 *
 * @param design one of {@link SamplingDesigns#NAMES}
 * @param n      the number of samples, 2 to {@link Limits#MAX_SAMPLES}; for a Sobol-index study the number of base
 *               rows (each costs D + 2 evaluations)
 * @param seed   the seed; every sample is a pure function of (design, seed, index)
 * @throws BadInputException naming the field ({@code "n must be >= 2, got 1"}); callers add the file or option
 */
public record Sampling(String design, long n, long seed) {

    public Sampling {
        Objects.requireNonNull(design, "design");
        if (!SamplingDesigns.NAMES.contains(design)) {
            throw new BadInputException("design must be one of " + String.join(", ", SamplingDesigns.NAMES) + ", got '"
                    + design + "'");
        }
        try {
            SamplingDesigns.checkSize(design, n);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        if (n > Limits.MAX_SAMPLES) {
            throw new BadInputException("n must be <= " + Limits.MAX_SAMPLES + " (2^32), got " + n);
        }
    }
}
