package org.snauq.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Quantiles of a stream, mergeable: either an Apache DataSketches KLL sketch (Karnin, Lang and Liberty 2016,
 * "Optimal quantile approximation in streams"), whose rank error eps = {@link #normalizedRankError()} holds
 * with 99% confidence for any single query ({@code getNormalizedRankError(false)}; about 1.33% at k = 200,
 * independent of n; memory O(k)), or the exact mode ({@code quantile-method: exact}), which stores every value
 * (8 bytes each: small runs only).
 *
 * <p>Quantile definition (both modes): the inclusive lower quantile, the smallest retained value x with
 * rank(x) &gt;= p, i.e. the ceil(p n)-th smallest value (p = 0 gives the minimum). NaN values are skipped.
 * Empty: NaN. {@link #estimates} adds distribution-free confidence intervals ({@link QuantileRows}); a sketch
 * widens them by its rank error.
 *
 * <p>Roles: the exact mode for small runs; the sketch as the first pass of the bracketed exact method
 * ({@link QuantileBrackets}), whose rank error sets the brackets. As a one-pass method in its own right a KLL
 * sketch's error (about 1.3% of n at any p) exceeds the tail probabilities users ask for; the relative-error
 * {@link TailQuantileAccumulator} is the one-pass method for tails.
 *
 * <p>Determinism. KLL compaction draws coin flips from one static, unseeded {@code java.util.Random} of the
 * library ({@code KllSketch.random}; see apache/datasketches-java issue 693), so by itself a sketch is not
 * reproducible. This class reseeds that generator, under a JVM-wide lock, at the start of every sketch
 * operation with a key derived from the sketch's item counts, so the sketch is a pure function of the
 * sequence of {@code accept}/{@code combine} calls: merging per-block sketches in block order gives the same
 * bits on any partitioning. (KLL work in the same JVM that bypasses this class breaks that guarantee.)
 * {@link #isDeterministic()} says whether the generator was reachable.
 *
 * <p>Serialisation: Java serialization (custom: the sketch as its DataSketches bytes, exact values as a
 * trimmed array). With Kryo, register this class with Kryo's {@code JavaSerializer}. Not thread safe.
 */
public final class QuantileAccumulator implements Mergeable<QuantileAccumulator> {

    private static final long serialVersionUID = 1L;

    /** Default KLL k: rank error about 1.33% (99% confidence). */
    public static final int DEFAULT_K = 200;

    private static final Random KLL_RANDOM = kllRandom();
    private static final Object KLL_LOCK = KLL_RANDOM != null ? KLL_RANDOM : new Object();

    // invariant: exactly one of (sketch != null, k > 0) and (values != null, k == 0) holds
    private transient int k;
    private transient KllDoublesSketch sketch;
    private transient double[] values;
    private transient int size;

    private QuantileAccumulator(int k) {
        this.k = k;
        if (k > 0) {
            sketch = KllDoublesSketch.newHeapInstance(k);
        } else {
            values = new double[16];
        }
    }

    /** A KLL sketch with parameter k (8 .. 65535; larger k, smaller rank error). */
    public static QuantileAccumulator sketch(int k) {
        if (k < 8 || k > KllSketch.MAX_K) {
            throw new IllegalArgumentException("k must be >= 8 and <= " + KllSketch.MAX_K + ", got " + k);
        }
        return new QuantileAccumulator(k);
    }

    /** A KLL sketch with {@link #DEFAULT_K}. */
    public static QuantileAccumulator sketch() {
        return sketch(DEFAULT_K);
    }

    /** The exact mode: stores every value. */
    public static QuantileAccumulator exact() {
        return new QuantileAccumulator(0);
    }

    /** True when KLL's random generator could be reseeded, so sketches are reproducible. */
    public static boolean isDeterministic() {
        return KLL_RANDOM != null;
    }

    private static Random kllRandom() {
        try {
            Field f = KllSketch.class.getDeclaredField("random");
            f.setAccessible(true);
            return (Random) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another library version: still correct, only not reproducible
        }
    }

    /** Must be called holding KLL_LOCK. */
    private static void reseed(long a, long b) {
        if (KLL_RANDOM != null) {
            KLL_RANDOM.setSeed(mix(mix(a) ^ b));
        }
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public boolean isExact() {
        return k == 0;
    }

    /** The KLL parameter k, 0 in exact mode. */
    public int k() {
        return k;
    }

    /** Number of (non-NaN) values seen. */
    public long count() {
        return k > 0 ? sketch.getN() : size;
    }

    public void accept(double y) {
        if (k > 0) {
            synchronized (KLL_LOCK) {
                reseed(sketch.getN(), 1);
                sketch.update(y);
            }
        } else if (!Double.isNaN(y)) {
            grow(1);
            values[size++] = y;
        }
    }

    /**
     * Adds values[off .. off+len) (one sketch operation; bits differ from len single calls, but are the same
     * for the same call sequence).
     *
     * @param ys read
     */
    public void accept(double[] ys, int off, int len) {
        if (k > 0) {
            synchronized (KLL_LOCK) {
                reseed(sketch.getN(), 2);
                sketch.update(ys, off, len);
            }
        } else {
            grow(len);
            for (int i = off; i < off + len; i++) {
                if (!Double.isNaN(ys[i])) {
                    values[size++] = ys[i];
                }
            }
        }
    }

    private void grow(int extra) {
        if (size + extra > values.length) {
            values = Arrays.copyOf(values, Math.max(size + extra, 2 * values.length));
        }
    }

    /** @throws IllegalArgumentException when the modes or k differ */
    @Override
    public QuantileAccumulator combine(QuantileAccumulator other) {
        assert other != this;
        if (other.k != k) {
            throw new IllegalArgumentException("cannot combine quantile accumulators with k = " + k + " and "
                    + other.k + " (0 = exact)");
        }
        if (k > 0) {
            synchronized (KLL_LOCK) {
                reseed(sketch.getN(), other.sketch.getN());
                sketch.merge(other.sketch);
            }
        } else {
            grow(other.size);
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
        }
        return this;
    }

    @Override
    public QuantileAccumulator copy() {
        QuantileAccumulator c = new QuantileAccumulator(k);
        if (k > 0) {
            c.sketch = KllDoublesSketch.heapify(Memory.wrap(sketch.toByteArray()));
        } else {
            c.values = Arrays.copyOf(values, Math.max(size, 1));
            c.size = size;
        }
        return c;
    }

    /** Normalized rank error for a single quantile query (99% confidence); 0 in exact mode. */
    public double normalizedRankError() {
        return k > 0 ? sketch.getNormalizedRankError(false) : 0.0;
    }

    /** The p-quantile, p in [0, 1]; NaN when empty. */
    public double quantile(double p) {
        return quantiles(new double[] {p})[0];
    }

    /**
     * Quantiles at several probabilities (exact mode sorts once).
     *
     * @param probabilities read, each in [0, 1]
     */
    public double[] quantiles(double[] probabilities) {
        for (double p : probabilities) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
            }
        }
        double[] q = new double[probabilities.length];
        if (count() == 0) {
            Arrays.fill(q, Double.NaN);
            return q;
        }
        if (k > 0) {
            return sketch.getQuantiles(probabilities, QuantileSearchCriteria.INCLUSIVE);
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        for (int j = 0; j < q.length; j++) {
            long rank = (long) Math.ceil(probabilities[j] * size); // the ceil(p n)-th smallest, 1-based
            q[j] = sorted[(int) Math.max(0, Math.min(size - 1, rank - 1))];
        }
        return q;
    }

    /** Fraction of values &lt;= x (exact in exact mode; within the rank error for a sketch); NaN when empty. */
    public double rank(double x) {
        if (count() == 0) {
            return Double.NaN;
        }
        if (k > 0) {
            return sketch.getRank(x, QuantileSearchCriteria.INCLUSIVE);
        }
        long le = 0;
        for (int i = 0; i < size; i++) {
            if (values[i] <= x) {
                le++;
            }
        }
        return (double) le / size;
    }

    /**
     * The quantile rows of this sample (mc, lhs: one replicate): value, binomial order-statistic interval, and the
     * rank error (0 exact; the sketch's 99% bound, which also widens the interval).
     *
     * @param probabilities read, each in (0, 1)
     */
    public List<QuantileEstimate> estimates(double[] probabilities, double confidence) {
        return QuantileRows.of(ordered(), List.of(), probabilities, confidence, method());
    }

    /**
     * The quantile rows of a randomised design's replicate groups: the pooled value and the replicate interval of
     * {@link QuantileRows}; with one group, {@link #estimates(double[], double)}.
     *
     * @param groups read, one accumulator per replicate group in group order, all of one mode
     */
    public static List<QuantileEstimate> estimates(List<QuantileAccumulator> groups, double[] probabilities,
                                                   double confidence) {
        String method = groups.isEmpty() ? "exact" : groups.get(0).method();
        return QuantileRows.ofGroups(groups, QuantileAccumulator::ordered, probabilities, confidence, method);
    }

    private String method() {
        return k > 0 ? "kll" : "exact";
    }

    /** A read-only view by rank (the exact mode sorts a copy once). */
    OrderedSample ordered() {
        long n = count();
        if (k > 0) {
            double eps = normalizedRankError();
            return new OrderedSample() {
                @Override
                public long count() {
                    return n;
                }

                @Override
                public double valueAt(long rank) {
                    // (rank - 1/2) / n: KLL's inclusive search takes ceil(q n), which rank / n could round past
                    return sketch.getQuantile((rank - 0.5) / n, QuantileSearchCriteria.INCLUSIVE);
                }

                @Override
                public double fractionAtMost(double x) {
                    return sketch.getRank(x, QuantileSearchCriteria.INCLUSIVE);
                }

                @Override
                public double rankError(double q) {
                    return eps;
                }
            };
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new SortedSample(sorted);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.writeInt(k);
        if (k > 0) {
            byte[] bytes = sketch.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        } else {
            out.writeInt(size);
            for (int i = 0; i < size; i++) {
                out.writeDouble(values[i]);
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException {
        k = in.readInt();
        if (k > 0) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            sketch = KllDoublesSketch.heapify(Memory.wrap(bytes));
        } else {
            size = in.readInt();
            values = new double[Math.max(size, 1)];
            for (int i = 0; i < size; i++) {
                values[i] = in.readDouble();
            }
        }
    }

    @Override
    public String toString() {
        return "Quantiles[" + (k > 0 ? "kll k=" + k : "exact") + ", n=" + count() + "]";
    }
}
