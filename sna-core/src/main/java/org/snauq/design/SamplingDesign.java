package org.snauq.design;

/**
 * An index-addressable sampling design: n points in (0, 1)^dimension, where point k is a pure function of
 * (design, dimension, n, seed, k).
 *
 * <p>API CONTRACT (the Spark jobs and the estimators build on it). Filling indices [k0, k1) in one call, or split
 * into any sub-ranges, in any order, on any thread, gives bit-identical points, so a partitioned job sees the same
 * sample whatever its partitioning. Coordinates are never exactly 0 or 1. Implementations are immutable and thread
 * safe.
 *
 * <p>Randomised QMC designs are made of {@link #replicates()} independent groups of n / replicates consecutive
 * indices (see {@link SobolDesign}); confidence intervals come from the spread of the per-group estimates. Monte
 * Carlo and LHS designs are one group.
 */
public interface SamplingDesign {

    /** The design's name as written in a study file: {@code mc}, {@code lhs} or {@code sobol}. */
    String name();

    /** Number of coordinates of each point. */
    int dimension();

    /** Number of points n; valid indices are 0..n-1. */
    long size();

    /** The seed the design was built with. */
    long seed();

    /** Number of independent replicate groups (1 for mc and lhs). */
    default int replicates() {
        return 1;
    }

    /** The replicate group of sample {@code index}: index / (n / replicates()). */
    default int replicateOf(long index) {
        return (int) (index / (size() / replicates()));
    }

    /**
     * Writes points start..start+count-1 row-major: coordinate d of point start+i goes to
     * {@code out[offset + i * dimension() + d]}.
     *
     * @param out written, at least offset + count * dimension() long
     * @throws IllegalArgumentException if the range leaves 0..n-1 or {@code out} is too short
     */
    void fill(long start, int count, double[] out, int offset);

    /** {@link #fill(long, int, double[], int)} at offset 0. */
    default void fill(long start, int count, double[] out) {
        fill(start, count, out, 0);
    }

    /** Writes point {@code index} to out[0..dimension()-1] (convenience; blocks are faster). */
    default void point(long index, double[] out) {
        fill(index, 1, out, 0);
    }
}
