package org.snauq.design;

import java.util.Arrays;

/**
 * Randomised Sobol' points in replicate groups: n = 2^m points in R = 2^r consecutive groups of n / R points.
 * Group g holds the first n / R points of the Sobol' sequence (Joe-Kuo direction numbers, Gray-code order),
 * each coordinate scrambled by its own nested (Owen-type) scramble keyed by (seed, g, d). Sample k belongs to
 * group k / (n / R). Each group is a scrambled (t, m - r, s)-net; groups are i.i.d., so the spread of the
 * per-group estimates gives honest confidence intervals (convention shared with the estimators).
 *
 * <p>Point j of a group is x_j = XOR_{c : bit c of gray(j) set} v_c with gray(j) = j ^ (j &gt;&gt; 1)
 * (Antonov and Saleev, USSR Comput. Math. 19, 1979): one skip per block, then x_{j+1} = x_j ^ v_{ntz(j+1)},
 * one XOR per coordinate and point. The first 2^k points of Gray-code order are the first 2^k of the natural
 * order, so aligned power-of-two blocks are nets and the union of blocks is the serial sequence.
 *
 * <p>Scramble: digit i of the output is digit i of x XOR a function of digits 1..i-1, as in Owen's nested uniform
 * scrambling (Owen, "Randomly permuted (t,m,s)-nets and (t,s)-sequences", 1995). It is evaluated by hashing, as
 * in Burley, "Practical hash-based Owen scrambling", JCGT 9(4), 2020: reverse the bits so digit 1 is the lowest
 * bit, apply maps in which bit i depends only on bits &lt;= i (adding a random key, multiplying by a random odd
 * key, xoring with a multiple by an even constant), reverse back. Adding a uniform key makes every point exactly
 * uniform on the 2^-64 grid; the nested form keeps the net property; the 64 - m digits below the net's
 * resolution are filled with prefix-dependent random bits. Coordinates are the top 52 bits' cell midpoints,
 * never 0 or 1. Cost per point: one XOR, the scramble (about 10 integer ops) and two bit reversals per
 * coordinate.
 */
public final class SobolDesign implements SamplingDesign {

    /** Replicate groups when the study does not say: 16 gives a t-interval with 15 degrees of freedom. */
    public static final int DEFAULT_REPLICATES = 16;
    /** Gray-code skips need the index below 2^62 to stay clear of the sign bit in every shift. */
    private static final int MAX_LOG2_N = 62;
    private static final long TAG = 0x736f626f6cL;
    /** Even constants (bit i of x * c depends only on bits &lt; i of x); from Burley's 32-bit hash, widened. */
    private static final long C1 = 0x6c50b47cdb3b5a0eL;
    private static final long C2 = 0xb82f1e52c7a3d5b4L;
    private static final long C3 = 0xc7afe638f2d6e3a8L;
    private static final long C4 = 0x8d22f6e6a4b1c9d2L;

    private final int dimension;
    private final long n;
    private final long seed;
    private final int replicates;
    private final int groupBits;
    private final boolean scrambled;
    private final long key;
    /** reversed[c * dimension + d]: bit-reversed direction number v_{d,c}, laid out for the Gray-code XOR. */
    private final long[] reversed;

    /**
     * @param replicates a power of two in [1, n/2]
     * @throws IllegalArgumentException naming the dimension, n or replicates that is invalid
     */
    public SobolDesign(int dimension, long n, long seed, int replicates) {
        this(dimension, n, seed, replicates, true);
    }

    private SobolDesign(int dimension, long n, long seed, int replicates, boolean scrambled) {
        SamplingDesigns.checkShape(dimension, n);
        if (dimension > SobolDirections.MAX_DIMENSION) {
            throw new IllegalArgumentException("sobol dimension must be <= " + SobolDirections.MAX_DIMENSION
                    + " (Joe-Kuo direction numbers), got " + dimension);
        }
        checkPowerOfTwo(n);
        if (replicates < 1 || Long.bitCount(replicates) != 1 || replicates > n / 2) {
            throw new IllegalArgumentException("replicates must be a power of two in [1, n/2 = " + n / 2
                    + "], got " + replicates);
        }
        this.dimension = dimension;
        this.n = n;
        this.seed = seed;
        this.replicates = replicates;
        this.groupBits = Long.numberOfTrailingZeros(n) - Integer.numberOfTrailingZeros(replicates);
        this.scrambled = scrambled;
        this.key = Hashing.key(seed, TAG);
        long[][] v = SobolDirections.table();
        this.reversed = new long[SobolDirections.BITS * dimension];
        for (int c = 0; c < SobolDirections.BITS; c++) {
            for (int d = 0; d < dimension; d++) {
                reversed[c * dimension + d] = Long.reverse(v[d][c]);
            }
        }
    }

    /** The default number of replicate groups for n points: 16, or n/2 when n &lt; 32. */
    public static int defaultReplicates(long n) {
        return (int) Math.max(1, Math.min(DEFAULT_REPLICATES, n / 2));
    }

    /** The plain Sobol' sequence, one group, each coordinate the midpoint of its 2^-52 cell (tests only). */
    static SobolDesign unscrambled(int dimension, long n) {
        return new SobolDesign(dimension, n, 0, 1, false);
    }

    /** Sobol' n: a power of two that Gray-code skips can address. */
    static void checkPowerOfTwo(long n) {
        if (n > 1L << MAX_LOG2_N) {
            throw new IllegalArgumentException("n must be <= 2^" + MAX_LOG2_N + " for the sobol design, got " + n);
        }
        if (Long.bitCount(n) != 1) {
            long below = Long.highestOneBit(n);
            throw new IllegalArgumentException("n must be a power of two for the sobol design (e.g. " + below
                    + " or " + (below << 1) + "), got " + n);
        }
    }

    @Override
    public String name() {
        return "sobol";
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
    public int replicates() {
        return replicates;
    }

    @Override
    public int replicateOf(long index) {
        return (int) (index >>> groupBits);
    }

    /** Points per replicate group, n / replicates(): a power of two. */
    public long groupSize() {
        return 1L << groupBits;
    }

    /** As specified; allocates O(dimension) scratch once per call (per block), nothing per point. */
    @Override
    public void fill(long start, int count, double[] out, int offset) {
        SamplingDesigns.checkFill(this, start, count, out, offset);
        long[] x = new long[dimension];
        long[] keys = new long[2 * dimension];
        long groupMask = (1L << groupBits) - 1;
        long k = start;
        int pos = offset;
        int remaining = count;
        while (remaining > 0) {
            long j = k & groupMask;
            int run = (int) Math.min(remaining, (groupMask - j) + 1);
            groupKeys((int) (k >>> groupBits), keys);
            skipTo(j, x);
            for (int i = 0; i < run; i++) {
                if (i > 0) {
                    int base = Long.numberOfTrailingZeros(j + i) * dimension;
                    for (int d = 0; d < dimension; d++) {
                        x[d] ^= reversed[base + d];
                    }
                }
                for (int d = 0; d < dimension; d++) {
                    long r = scrambled ? scramble(x[d], keys[2 * d], keys[2 * d + 1]) : x[d];
                    out[pos++] = Hashing.toUnit(Long.reverse(r));
                }
            }
            k += run;
            remaining -= run;
        }
    }

    /** x = reversed Sobol' integers of point j of a group: XOR of v_c over the set bits c of gray(j). */
    private void skipTo(long j, long[] x) {
        Arrays.fill(x, 0L);
        long gray = j ^ (j >>> 1);
        while (gray != 0) {
            int base = Long.numberOfTrailingZeros(gray) * dimension;
            for (int d = 0; d < dimension; d++) {
                x[d] ^= reversed[base + d];
            }
            gray &= gray - 1;
        }
    }

    /** keys[2d] (additive, any) and keys[2d + 1] (multiplier, odd) of coordinate d in group g. */
    private void groupKeys(int g, long[] keys) {
        long groupKey = Hashing.stream(key, g);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Hashing.stream(groupKey, i);
        }
        for (int d = 0; d < dimension; d++) {
            keys[2 * d + 1] |= 1L;
        }
    }

    /** Nested scramble on bit-reversed digits: each step makes bit i depend on bits &lt;= i only. */
    static long scramble(long r, long add, long oddMultiplier) {
        r += add;
        r ^= r * C1;
        r *= oddMultiplier;
        r ^= r * C2;
        r ^= r * C3;
        r ^= r * C4;
        return r;
    }

    @Override
    public String toString() {
        return "sobol(dimension=" + dimension + ", n=" + n + ", seed=" + seed + ", replicates=" + replicates + ")";
    }
}
