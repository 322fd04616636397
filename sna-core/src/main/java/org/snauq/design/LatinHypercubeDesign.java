package org.snauq.design;

/**
 * Latin hypercube sampling without a global shuffle: coordinate d of point k is
 * u = (pi_d(k) + j_{k,d}) / n, where pi_d is a keyed pseudo-random permutation of 0..n-1 and j_{k,d} a
 * uniform jitter in (0, 1). Each coordinate therefore has exactly one point in each stratum [s/n, (s+1)/n).
 *
 * <p>pi_d is evaluated directly: a balanced 4-round Feistel network on 2h bits (2^(2h) the smallest power of
 * four >= n, round function a SplitMix64 hash of the right half and a per-(seed, d, round) key) is a bijection
 * of 0..2^(2h)-1; "cycle walking" (apply it again until the value falls below n) restricts it to a bijection of
 * 0..n-1 in fewer than 4 expected steps, since 2^(2h) &lt; 4n. Black and Rogaway, "Ciphers with arbitrary finite
 * domains", CT-RSA 2002, doi:10.1007/3-540-45760-7_9. Cost O(dimension) hashes per point, no state, so any
 * block can be filled on any thread. One replicate (intervals from the CLT, which is conservative for LHS).
 */
public final class LatinHypercubeDesign implements SamplingDesign {

    /** Luby-Rackoff: 4 rounds of a pseudo-random function give a strong pseudo-random permutation. */
    private static final int ROUNDS = 4;
    private static final long TAG = 0x6c6873L;
    /** The largest double below 1: where a rounded-up point of the top stratum goes. */
    private static final double ONE_BELOW = Math.nextDown(1.0);

    private final int dimension;
    private final long n;
    private final long seed;
    private final int halfBits;
    private final long halfMask;
    /** roundKeys[d * ROUNDS + r]: Feistel key of coordinate d, round r. */
    private final long[] roundKeys;
    /** jitterKeys[d]: key of the jitter stream of coordinate d. */
    private final long[] jitterKeys;

    public LatinHypercubeDesign(int dimension, long n, long seed) {
        SamplingDesigns.checkShape(dimension, n);
        if (n > 1L << 62) {
            throw new IllegalArgumentException("lhs needs n <= 2^62, got " + n);
        }
        this.dimension = dimension;
        this.n = n;
        this.seed = seed;
        int bits = 64 - Long.numberOfLeadingZeros(n - 1); // 2^bits >= n
        this.halfBits = Math.max(1, (bits + 1) / 2);
        this.halfMask = (1L << halfBits) - 1;
        long key = Hashing.key(seed, TAG);
        this.roundKeys = new long[dimension * ROUNDS];
        this.jitterKeys = new long[dimension];
        for (int d = 0; d < dimension; d++) {
            for (int r = 0; r < ROUNDS; r++) {
                roundKeys[d * ROUNDS + r] = Hashing.stream(key, (long) d * (ROUNDS + 1) + r);
            }
            jitterKeys[d] = Hashing.stream(key, (long) d * (ROUNDS + 1) + ROUNDS);
        }
    }

    @Override
    public String name() {
        return "lhs";
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

    /** The stratum of point {@code index} in coordinate {@code d}: pi_d(index), in 0..n-1. */
    public long stratum(long index, int d) {
        if (index < 0 || index >= n || d < 0 || d >= dimension) {
            throw new IllegalArgumentException("index must be in [0, " + n + ") and d in [0, " + dimension
                    + "), got index " + index + ", d " + d);
        }
        return permute(index, d);
    }

    @Override
    public void fill(long start, int count, double[] out, int offset) {
        SamplingDesigns.checkFill(this, start, count, out, offset);
        double size = n;
        int pos = offset;
        for (int i = 0; i < count; i++) {
            long k = start + i;
            for (int d = 0; d < dimension; d++) {
                double jitter = Hashing.toUnit(Hashing.stream(jitterKeys[d], k));
                double u = (permute(k, d) + jitter) / size;
                // (n - 1 + jitter) may round up to n when n > 2^52 * (1 - jitter); stay inside the top stratum.
                out[pos++] = u < 1.0 ? u : ONE_BELOW;
            }
        }
    }

    private long permute(long k, int d) {
        long x = k;
        do {
            x = feistel(x, d);
        } while (x >= n);
        return x;
    }

    private long feistel(long x, int d) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        int base = d * ROUNDS;
        for (int r = 0; r < ROUNDS; r++) {
            long next = left ^ (Hashing.mix64(right ^ roundKeys[base + r]) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    @Override
    public String toString() {
        return "lhs(dimension=" + dimension + ", n=" + n + ", seed=" + seed + ")";
    }
}
