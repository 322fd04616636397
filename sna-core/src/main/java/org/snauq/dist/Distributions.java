package org.snauq.dist;

/**
 * Builds a {@link Distribution} from an {@link InputSpec}.
 *
 * <p>API CONTRACT: {@code static Distribution of(InputSpec)}; unknown families and bad parameters throw
 * {@link IllegalArgumentException} whose message names the parameter, e.g.
 * {@code "sd must be > 0, got -0.5"} (the caller adds the file and input). {@code families()} lists the names.
 */
public final class Distributions {

    private Distributions() {
    }

    public static Distribution of(InputSpec spec) {
        throw new UnsupportedOperationException("TODO(dist)");
    }
}
