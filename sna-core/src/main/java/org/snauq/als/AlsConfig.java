package org.snauq.als;

/**
 * Settings of an ALS regression fit (METHOD.md section 2). Validated on construction, so every instance is
 * usable; messages name the field, the rule and the value ({@code "knots must be >= degree + 1 = 4, got 3"}).
 *
 * <p>Defaults ({@link #defaults()}) and why:
 * <ul>
 *   <li>degree 3: cubic atoms, error O(h^4) for smooth targets (METHOD.md section 1);</li>
 *   <li>knots 20 atoms per coordinate: about 2e-4 relative RMSE on Ishigami from 2,000 rows (METHOD.md section 8);</li>
 *   <li>rank auto, maxRank 8: greedy enrichment stops earlier when the validation error stops improving;</li>
 *   <li>maxSweeps 200, tolerance 1e-8: ALS converges linearly; 1e-8 relative change is far below any error
 *       a surrogate reports. Slow (swamp-like) phases end earlier, when ten sweeps gain less than the validation
 *       could tell from noise; a term stuck there is not lost for good: the next rank, or the next level's warm
 *       start, takes the convergence up again. 200 sweeps bound the rest;</li>
 *   <li>ridge 1e-13, relative to the mean diagonal of A_d^T A_d: the update is solved in correction form, stable
 *       without a ridge (see {@code NormalEquations}), but the atoms of an end span that reaches beyond the rows
 *       (towards a normal or lognormal input's far quantile) have almost no rows, and without a ridge their
 *       coefficients drift: borehole fits from 500 rows then extrapolated to 4e-3..1.7e-2 relative RMSE on fresh
 *       samples of the input laws, against 5e-4..3.1e-3 with 1e-13 (training seeds 1-6). A ridge biases a
 *       weakly determined coefficient by ridge / its share of the diagonal: Ishigami's degree-15 end atoms by
 *       about 1e-9, for 6e-13 overall from 10,000 rows (1e-15 without a ridge, 4e-12 with the former 1e-12);</li>
 *   <li>roughness 0: no smoothing unless asked (it helps with noisy or sparse data);</li>
 *   <li>validation fraction 0.2, restarts 3 (the first from constant factors, the others random), seed 42;</li>
 *   <li>folds 0: no cross-validation (it costs k more fits).</li>
 * </ul>
 *
 * <p>Resolution: {@link #withAutoResolution()} (degree and knots {@link #AUTO}) lets the fit choose the degree p
 * and the atoms n per coordinate by validation error over a ladder of candidates, from pure polynomials
 * (n = p + 1, one knot span: Bernstein polynomials, exponential convergence for analytic targets) to low-degree
 * splines with many spans (algebraic O(h^(p+1)), robust at kinks); see {@link AlsRegression}. Either may be
 * auto alone: an auto degree with fixed knots tries the ladder's degrees p &lt;= n - 1; a fixed degree with auto
 * knots tries that degree's spans only. {@link #defaults()} keeps the fixed cubic, 20 atoms (the library's
 * historical behaviour, and the cheapest fit); {@code sna train} defaults to auto.
 *
 * <p>API CONTRACT (others build on it; extend, do not change): {@code defaults()}, the withers below,
 * {@link #AUTO_RANK}, {@link #AUTO}, the 11-argument constructor (no cross-validation).
 *
 * @param degree             B-spline degree p of every coordinate (&gt;= 1), or {@link #AUTO}
 * @param knots              atoms per coordinate n (&gt;= degree + 1, or &gt;= 2 with an auto degree), or
 *                           {@link #AUTO}
 * @param rank               fixed rank R &gt;= 1, or {@link #AUTO_RANK} to choose it by validation error
 * @param maxRank            the largest rank tried by greedy enrichment when the rank is auto (a fixed rank
 *                           ignores it)
 * @param maxSweeps          ALS sweeps over all coordinates per rank, at most (also per enrichment restart)
 * @param tolerance          stop sweeping when the relative change of the training error is below this (&gt;= 0);
 *                           sweeping also stops when ten sweeps gain less than twice the noise of a validation
 *                           RMSE (see {@code RankEnrichment})
 * @param ridge              ridge weight on the identity, relative to the mean diagonal of A_d^T A_d (&gt;= 0; a
 *                           penalty, 0 = none)
 * @param roughness          weight of the integral (phi'')^2 penalty relative to the mean diagonal of A_d^T A_d
 *                           over that of the penalty matrix (&gt;= 0; 0 = none; vanishes for degree 1)
 * @param validationFraction share of the rows held out for validation, in (0, 1)
 * @param restarts           starts of each rank-one enrichment (&gt;= 1), the best kept
 * @param seed               seed of the validation split and of the random starts
 * @param folds              k &gt;= 2 for k-fold cross-validation of the returned settings, or 0 for none
 */
public record AlsConfig(int degree, int knots, int rank, int maxRank, int maxSweeps, double tolerance,
                        double ridge, double roughness, double validationFraction, int restarts, long seed,
                        int folds) {

    /** Rank chosen by validation error. */
    public static final int AUTO_RANK = 0;

    /** Degree or knots chosen by validation error (negative: 0 is an invalid degree, reported as such). */
    public static final int AUTO = -1;

    public AlsConfig {
        if (degree < 1 && degree != AUTO) {
            throw new IllegalArgumentException("degree must be >= 1, got " + degree);
        }
        if (knots != AUTO) {
            int least = degree == AUTO ? 2 : degree + 1;
            if (knots < least) {
                throw new IllegalArgumentException(degree == AUTO
                        ? "knots must be >= 2 (degree 1 + 1, with an auto degree), got " + knots
                        : "knots must be >= degree + 1 = " + least + ", got " + knots);
            }
        }
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 1 or auto, got " + rank);
        }
        if (maxRank < 1) {
            throw new IllegalArgumentException("maxRank must be >= 1, got " + maxRank);
        }
        if (maxSweeps < 1) {
            throw new IllegalArgumentException("maxSweeps must be >= 1, got " + maxSweeps);
        }
        checkNonNegative("tolerance", tolerance);
        checkNonNegative("ridge", ridge);
        checkNonNegative("roughness", roughness);
        if (!(validationFraction > 0 && validationFraction < 1)) { // also rejects NaN
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
        }
        if (folds != 0 && folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, or 0 for no cross-validation, got " + folds);
        }
    }

    /** Settings without cross-validation (folds 0). */
    public AlsConfig(int degree, int knots, int rank, int maxRank, int maxSweeps, double tolerance, double ridge,
                     double roughness, double validationFraction, int restarts, long seed) {
        this(degree, knots, rank, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, seed,
                0);
    }

    private static void checkNonNegative(String field, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
        }
    }

    public static AlsConfig defaults() {
        return new AlsConfig(3, 20, AUTO_RANK, 8, 200, 1e-8, 1e-13, 0.0, 0.2, 3, 42L, 0);
    }

    /** True when the rank is chosen by validation error. */
    public boolean autoRank() {
        return rank == AUTO_RANK;
    }

    /** True when the degree is chosen by validation error. */
    public boolean autoDegree() {
        return degree == AUTO;
    }

    /** True when the atoms per coordinate are chosen by validation error. */
    public boolean autoKnots() {
        return knots == AUTO;
    }

    /** Degree and knots both chosen by validation error (see {@link AlsRegression}). */
    public AlsConfig withAutoResolution() {
        return withDegree(AUTO).withKnots(AUTO);
    }

    /** The degree as text: the number, or "auto". */
    public String degreeText() {
        return autoDegree() ? "auto" : Integer.toString(degree);
    }

    /** The knots as text: the number, or "auto". */
    public String knotsText() {
        return autoKnots() ? "auto" : Integer.toString(knots);
    }

    /** The rank as text: the number, or "auto". */
    public String rankText() {
        return autoRank() ? "auto" : Integer.toString(rank);
    }

    public AlsConfig withDegree(int v) {
        return new AlsConfig(v, knots, rank, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, seed, folds);
    }

    public AlsConfig withKnots(int v) {
        return new AlsConfig(degree, v, rank, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, seed, folds);
    }

    public AlsConfig withRank(int v) {
        return new AlsConfig(degree, knots, v, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, seed, folds);
    }

    public AlsConfig withMaxRank(int v) {
        return new AlsConfig(degree, knots, rank, v, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, seed, folds);
    }

    public AlsConfig withMaxSweeps(int v) {
        return new AlsConfig(degree, knots, rank, maxRank, v, tolerance, ridge, roughness, validationFraction, restarts, seed, folds);
    }

    public AlsConfig withTolerance(double v) {
        return new AlsConfig(degree, knots, rank, maxRank, maxSweeps, v, ridge, roughness, validationFraction, restarts, seed, folds);
    }

    public AlsConfig withRidge(double v) {
        return new AlsConfig(degree, knots, rank, maxRank, maxSweeps, tolerance, v, roughness, validationFraction, restarts, seed, folds);
    }

    public AlsConfig withRoughness(double v) {
        return new AlsConfig(degree, knots, rank, maxRank, maxSweeps, tolerance, ridge, v, validationFraction, restarts, seed, folds);
    }

    public AlsConfig withValidationFraction(double v) {
        return new AlsConfig(degree, knots, rank, maxRank, maxSweeps, tolerance, ridge, roughness, v, restarts, seed, folds);
    }

    public AlsConfig withRestarts(int v) {
        return new AlsConfig(degree, knots, rank, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, v, seed, folds);
    }

    public AlsConfig withFolds(int v) {
        return new AlsConfig(degree, knots, rank, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, seed, v);
    }

    public AlsConfig withSeed(long v) {
        return new AlsConfig(degree, knots, rank, maxRank, maxSweeps, tolerance, ridge, roughness, validationFraction, restarts, v, folds);
    }
}
