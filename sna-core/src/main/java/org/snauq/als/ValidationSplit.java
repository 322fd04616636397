package org.snauq.als;

/**
 * Which rows a fit holds out, as a pure function of (seed, row index): row j draws u_j in [0, 1) from the
 * SplitMix64 finaliser of (seed, j); it is a validation row when u_j &lt; fraction, and in cross-validation fold
 * floor(u_j k). So any process that knows a row's index (a Parquet row's position, a sample index) decides its
 * side alone, and a fit over rows in memory and one over partitioned rows hold out the same rows.
 *
 * <p>Small data: when no u_j falls below the fraction, the row with the smallest u_j is held out; when all do, the
 * row with the largest stays in training, so both sides are never empty (N &gt;= 2). Each side keeps the rows'
 * order.
 *
 * <p>API CONTRACT: {@link #of}, {@link #uniform(long)}, {@link #isValidation(long)}, {@link #fold(long, int)},
 * {@link #split(int)} (the rows an in-memory fit held out: a report draws its parity plot from them).
 *
 * @param fraction the held-out share, in (0, 1)
 * @param seed     the seed of the draws
 */
public record ValidationSplit(double fraction, long seed) implements java.io.Serializable {

    public ValidationSplit {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
    }

    public static ValidationSplit of(AlsConfig config) {
        return new ValidationSplit(config.validationFraction(), config.seed());
    }

    /** u_j, uniform on [0, 1) with 53 random bits. */
    public double uniform(long row) {
        return (AlsRegression.streamSeed(seed, row) >>> 11) * 0x1.0p-53;
    }

    /** Whether row j is held out (before the small-data rule of the class comment, which needs all rows). */
    public boolean isValidation(long row) {
        return uniform(row) < fraction;
    }

    /** Cross-validation fold of row j among k: floor(u_j k). */
    public int fold(long row, int folds) {
        return Math.min(folds - 1, (int) (uniform(row) * folds));
    }

    /**
     * The split of rows 0..N-1.
     *
     * @return {training row ids, validation row ids}, ascending
     */
    public int[][] split(int rows) {
        boolean[] held = new boolean[rows];
        int nValid = 0;
        int lowest = 0;
        int highest = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < rows; j++) {
            double u = uniform(j);
            held[j] = u < fraction;
            nValid += held[j] ? 1 : 0;
            if (u < low) {
                low = u;
                lowest = j;
            }
            if (u > high) {
                high = u;
                highest = j;
            }
        }
        if (nValid == 0) {
            held[lowest] = true;
            nValid = 1;
        } else if (nValid == rows) {
            held[highest] = false;
            nValid--;
        }
        return partition(held, nValid);
    }

    /**
     * Fold f of k as validation rows, the other folds as training rows.
     *
     * @return {training row ids, validation row ids}, ascending; the validation side may be empty for tiny N
     */
    int[][] foldSplit(int rows, int folds, int f) {
        boolean[] held = new boolean[rows];
        int nValid = 0;
        for (int j = 0; j < rows; j++) {
            held[j] = fold(j, folds) == f;
            nValid += held[j] ? 1 : 0;
        }
        return partition(held, nValid);
    }

    private static int[][] partition(boolean[] held, int nValid) {
        int[] train = new int[held.length - nValid];
        int[] valid = new int[nValid];
        int t = 0;
        int v = 0;
        for (int j = 0; j < held.length; j++) {
            if (held[j]) {
                valid[v++] = j;
            } else {
                train[t++] = j;
            }
        }
        return new int[][] {train, valid};
    }
}
