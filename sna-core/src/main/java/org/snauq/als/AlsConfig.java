package org.snauq.als;

/**
 * Settings of an ALS regression fit (METHOD.md section 2). Validated on construction.
 *
 * <p>API CONTRACT (others build on it; extend, do not change): {@code defaults()}, the withers below,
 * {@link #AUTO_RANK}.
 *
 * @param degree             B-spline degree p of every coordinate (&gt;= 1)
 * @param knots              atoms per coordinate n (&gt;= degree + 1)
 * @param rank               fixed rank R &gt;= 1, or {@link #AUTO_RANK} to choose it by validation error
 * @param maxRank            the largest rank tried by greedy enrichment
 * @param maxSweeps          ALS sweeps over all coordinates per rank, at most
 * @param tolerance          stop sweeping when the relative change of the training error is below this
 * @param ridge              ridge weight alpha on the identity
 * @param roughness          weight of the integral (phi'')^2 penalty (0 = none)
 * @param validationFraction share of the rows held out for validation, in (0, 1)
 * @param restarts           random restarts of each rank-one enrichment
 * @param seed               seed of the validation split and of the initial factors
 */
public record AlsConfig(int degree, int knots, int rank, int maxRank, int maxSweeps, double tolerance,
                        double ridge, double roughness, double validationFraction, int restarts, long seed) {

    /** Rank chosen by validation error. */
    public static final int AUTO_RANK = 0;

    public AlsConfig {
        // TODO(als): validation with messages naming the field, e.g. "degree must be >= 1, got 0"
    }

    public static AlsConfig defaults() {
        return new AlsConfig(3, 20, AUTO_RANK, 8, 50, 1e-8, 1e-10, 0.0, 0.2, 3, 42L);
    }

    public AlsConfig withDegree(int v) {
        return new AlsConfig(v, knots, rank, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, seed);
    }

    public AlsConfig withKnots(int v) {
        return new AlsConfig(degree, v, rank, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, seed);
    }

    public AlsConfig withRank(int v) {
        return new AlsConfig(degree, knots, v, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, seed);
    }

    public AlsConfig withValidationFraction(double v) {
        return new AlsConfig(degree, knots, rank, maxRank, maxSweeps, tolerance, ridge, roughness, v, restarts, seed);
    }

    public AlsConfig withSeed(long v) {
        return new AlsConfig(degree, knots, rank, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, v);
    }
}
