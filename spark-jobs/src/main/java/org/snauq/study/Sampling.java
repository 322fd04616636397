package org.snauq.study;

import java.util.List;
import java.util.Objects;

/**
 * The sampling design of a study: {@code sampling: {design: sobol, n: 1048576, seed: 42}}.
 *
 * @param design one of {@link #DESIGNS}
 * @param n      the number of samples; for a Sobol-index study the number of base rows (each costs D + 2
 *               evaluations)
 * @param seed   the seed; every sample is a pure function of (design, seed, index)
 */
public record Sampling(String design, long n, long seed) {

    /** Designs a study can name. */
    public static final List<String> DESIGNS = List.of("mc", "lhs", "sobol");

    public Sampling {
        Objects.requireNonNull(design, "design");
        if (!DESIGNS.contains(design)) {
            throw new IllegalArgumentException("design must be one of " + DESIGNS + ", got '" + design + "'");
        }
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2, got " + n);
        }
        if (design.equals("sobol") && Long.bitCount(n) != 1) {
            throw new IllegalArgumentException("n must be a power of two for the sobol design, got " + n);
        }
    }
}
