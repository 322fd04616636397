package org.snauq.design;

/**
 * Plain Monte Carlo: coordinate d of point k is u = toUnit(h), h the d-th output of a SplitMix64 stream whose
 * key is the k-th output of the stream keyed by the seed.
 *
 * <p>Counter-based, so random access costs the same as sequential access: dimension + 1 hashes per point,
 * no state, no jumps. Points are i.i.d. uniform on the 2^-52 grid of cell midpoints in (0, 1)^dimension (one
 * replicate). Reference: Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011,
 * doi:10.1145/2063384.2063405 (counter-based generators); the hash is SplitMix64's.
 */
public final class MonteCarloDesign implements SamplingDesign {

    /** Separates the mc stream from the other designs' streams for the same seed. */
    private static final long TAG = 0x6d63L;

    private final int dimension;
    private final long n;
    private final long seed;
    private final long key;

    public MonteCarloDesign(int dimension, long n, long seed) {
        SamplingDesigns.checkShape(dimension, n);
        this.dimension = dimension;
        this.n = n;
        this.seed = seed;
        this.key = Hashing.key(seed, TAG);
    }

    @Override
    public String name() {
        return "mc";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public long size() {
        return n;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void fill(long start, int count, double[] out, int offset) {
        SamplingDesigns.checkFill(this, start, count, out, offset);
        int pos = offset;
        for (int i = 0; i < count; i++) {
            long rowKey = Hashing.stream(key, start + i);
            for (int d = 0; d < dimension; d++) {
                out[pos++] = Hashing.toUnit(Hashing.stream(rowKey, d));
            }
        }
    }

    @Override
    public String toString() {
        return "mc(dimension=" + dimension + ", n=" + n + ", seed=" + seed + ")";
    }
}
