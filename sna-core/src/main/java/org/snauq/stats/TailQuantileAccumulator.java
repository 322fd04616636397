package org.snauq.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.req.ReqSketch;

/**
 * One-pass quantiles accurate in both tails, mergeable: two Apache DataSketches REQ sketches (Cormode, Karnin,
 * Liberty, Thaler and Vesely 2021, "Relative error streaming quantiles", arXiv:2004.01668), one in low-rank accuracy
 * mode answering p &lt; 1/2, one in high-rank accuracy mode answering p &gt;= 1/2. Near normalised rank q the rank error
 * is relative: DataSketches' a priori bound is 3 x min(0.1306 q', 0.084) / k with q' = min(q, 1 - q) at 3 standard
 * deviations ({@code getRankUpperBound(q, 3)}); merged block sketches exceed it, so rows report
 * {@link #MERGE_FACTOR} times it: 2.4% of 0.001 for the 0.001-quantile at the default k = 50, where a KLL sketch's
 * error is 1.3% of 1. {@link QuantileEstimate#rankError()} carries the bound per row; it is 0 while the sketch still
 * holds every value (n &lt;= 3k). The bound is measured, not proven, beyond 10^8 values.
 *
 * <p>DataSketches 6.1.1's REQ stores floats: values are rounded to float (relative 6e-8; beyond +-3.4e38 they become
 * infinite), the interval ends move out by one float step so they still hold, and ties may appear that the
 * doubles did not have. Memory: O(k log(n / k)) floats per sketch (about 2 x 20 KB for a block of 65,536 values).
 *
 * <p>Quantile definition: the inclusive lower quantile, as {@link QuantileAccumulator}. NaN values are skipped.
 * Determinism: each REQ sketch draws its compaction coins from its own unseeded {@code java.util.Random}; this class
 * reseeds that generator from the sketch's item count before every operation, and carries each compactor's coin
 * through copies and serialization (the library's own format drops it), so a sketch is a pure function of its call
 * sequence and block-order merges give the same bits on any partitioning ({@link #isDeterministic()} says whether
 * those internals were reachable). Java serialization writes the sketches' DataSketches bytes and the coins. Not
 * thread safe.
 */
public final class TailQuantileAccumulator implements Mergeable<TailQuantileAccumulator> {

    private static final long serialVersionUID = 1L;

    /** Default REQ k: reported rank error 2.4% of min(q, 1 - q), a few 10 KB per block. */
    public static final int DEFAULT_K = 50;
    /** Standard deviations of DataSketches' a priori rank bound (the most it offers). */
    private static final int SIGMAS = 3;
    /**
     * The reported bound is this many times DataSketches' 3-sd a priori bound, which is calibrated on single
     * streams: folding 1,526 block sketches of 10^8 normal values exceeded it by up to 2.25x (p = 1e-4; 1.38x at
     * p = 0.001; 3 seeds, 9 probabilities), while 10^7 values stayed within it (0.88x).
     */
    static final double MERGE_FACTOR = 3;
    private static final Field RANDOM = field(ReqSketch.class, "rand");
    private static final Field COMPACTORS = field(ReqSketch.class, "compactors");
    private static final Field COIN = field(compactorClass(), "coin");

    private transient ReqSketch low;
    private transient ReqSketch high;

    private TailQuantileAccumulator(ReqSketch low, ReqSketch high) {
        this.low = low;
        this.high = high;
    }

    /**
     * An empty accumulator with REQ parameter k (even, 4 .. 1024; larger k, smaller error).
     *
     * @throws IllegalArgumentException naming k
     */
    public static TailQuantileAccumulator create(int k) {
        if (k < 4 || k > 1024 || k % 2 != 0) {
            throw new IllegalArgumentException("k must be even and in [4, 1024], got " + k);
        }
        return new TailQuantileAccumulator(ReqSketch.builder().setK(k).setHighRankAccuracy(false).build(),
                ReqSketch.builder().setK(k).setHighRankAccuracy(true).build());
    }

    /** An empty accumulator with {@link #DEFAULT_K}. */
    public static TailQuantileAccumulator create() {
        return create(DEFAULT_K);
    }

    /**
     * True when the sketches' random generators can be reseeded and their compactors' coins carried through copies
     * and serialization, so results are reproducible.
     */
    public static boolean isDeterministic() {
        return RANDOM != null && COMPACTORS != null && COIN != null;
    }

    /** A private field of DataSketches 6.1.1, or null in another version (still correct, only not reproducible). */
    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Class<?> compactorClass() {
        try {
            return Class.forName("org.apache.datasketches.req.ReqCompactor");
        } catch (ClassNotFoundException e) {
            return Object.class; // no such field there: not deterministic
        }
    }

    /** Seeds the sketch's generator from its item count and the operation's tag. */
    private static void reseed(ReqSketch s, long tag) {
        if (!isDeterministic()) {
            return;
        }
        try {
            ((Random) RANDOM.get(s)).setSeed(QuantileAccumulator.mix(QuantileAccumulator.mix(s.getN()) ^ tag));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e); // setAccessible succeeded above
        }
    }

    public int k() {
        return low.getK();
    }

    /** Number of (non-NaN) values seen. */
    public long count() {
        return low.getN();
    }

    public void accept(double y) {
        if (Double.isNaN(y)) {
            return;
        }
        reseed(low, 1);
        low.update((float) y);
        reseed(high, 1);
        high.update((float) y);
    }

    /**
     * Adds ys[off .. off+len) (one reseed per sketch: bits differ from len single calls, but are the same for the
     * same call sequence).
     *
     * @param ys read
     */
    public void accept(double[] ys, int off, int len) {
        reseed(low, 2);
        reseed(high, 2);
        for (int i = off; i < off + len; i++) {
            if (!Double.isNaN(ys[i])) {
                low.update((float) ys[i]);
                high.update((float) ys[i]);
            }
        }
    }

    /** @throws IllegalArgumentException when the k differ */
    @Override
    public TailQuantileAccumulator combine(TailQuantileAccumulator other) {
        assert other != this;
        if (other.k() != k()) {
            throw new IllegalArgumentException("cannot combine tail quantile accumulators with k = " + k() + " and "
                    + other.k());
        }
        reseed(low, other.count());
        low.merge(other.low);
        reseed(high, other.count());
        high.merge(other.high);
        return this;
    }

    @Override
    public TailQuantileAccumulator copy() {
        return new TailQuantileAccumulator(copyOf(low), copyOf(high));
    }

    private static ReqSketch copyOf(ReqSketch s) {
        return restore(s.toByteArray(), coins(s));
    }

    /**
     * Each compactor's coin (its last choice of even or odd items, which the next compaction of an odd step
     * reverses): DataSketches 6.1.1 does not serialize it and sets it false on reading, so a sketch read back would
     * compact differently from the one written.
     */
    private static boolean[] coins(ReqSketch s) {
        if (!isDeterministic()) {
            return new boolean[0];
        }
        try {
            List<?> compactors = (List<?>) COMPACTORS.get(s);
            boolean[] coins = new boolean[compactors.size()];
            for (int i = 0; i < coins.length; i++) {
                coins[i] = COIN.getBoolean(compactors.get(i));
            }
            return coins;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e); // setAccessible succeeded above
        }
    }

    /** The sketch of {@code bytes} with its compactors' coins set back. */
    private static ReqSketch restore(byte[] bytes, boolean[] coins) {
        ReqSketch s = ReqSketch.heapify(Memory.wrap(bytes));
        if (isDeterministic()) {
            try {
                List<?> compactors = (List<?>) COMPACTORS.get(s);
                for (int i = 0; i < Math.min(coins.length, compactors.size()); i++) {
                    COIN.setBoolean(compactors.get(i), coins[i]);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return s;
    }

    /** The p-quantile, p in [0, 1] (a float's value); NaN when empty. */
    public double quantile(double p) {
        OrderStatistics.checkProbability(p);
        return count() == 0 ? Double.NaN : sketchFor(p).getQuantile(p, QuantileSearchCriteria.INCLUSIVE);
    }

    /** The estimated fraction of values &lt;= x (the sketch of the nearer tail answers); NaN when empty. */
    public double rank(double x) {
        if (count() == 0) {
            return Double.NaN;
        }
        double q = low.getRank((float) x, QuantileSearchCriteria.INCLUSIVE);
        return q < 0.5 ? q : high.getRank((float) x, QuantileSearchCriteria.INCLUSIVE);
    }

    /**
     * The bound on the normalised rank error near rank q: {@link #MERGE_FACTOR} times DataSketches' 3-sd a priori
     * bound; 0 while the sketch is exact.
     */
    public double rankError(double q) {
        ReqSketch s = sketchFor(q);
        return MERGE_FACTOR * Math.max(s.getRankUpperBound(q, SIGMAS) - q, q - s.getRankLowerBound(q, SIGMAS));
    }

    private ReqSketch sketchFor(double q) {
        return q < 0.5 ? low : high;
    }

    /**
     * The quantile rows of this sample (mc, lhs: one replicate): value, binomial interval widened by the rank
     * error bound, which each row reports.
     *
     * @param probabilities read, each in (0, 1)
     */
    public List<QuantileEstimate> estimates(double[] probabilities, double confidence) {
        return QuantileRows.of(ordered(), List.of(), probabilities, confidence, "req");
    }

    /**
     * The quantile rows of a randomised design's replicate groups (see {@link QuantileRows}); with one group,
     * {@link #estimates(double[], double)}.
     *
     * @param groups read, one accumulator per replicate group in group order
     */
    public static List<QuantileEstimate> estimates(List<TailQuantileAccumulator> groups, double[] probabilities,
                                                   double confidence) {
        return QuantileRows.ofGroups(groups, TailQuantileAccumulator::ordered, probabilities, confidence, "req");
    }

    private OrderedSample ordered() {
        long n = count();
        return new OrderedSample() {
            @Override
            public long count() {
                return n;
            }

            @Override
            public double valueAt(long rank) {
                double q = (rank - 0.5) / n; // REQ's inclusive search takes ceil(q n), which rank / n could round past
                return sketchFor(q).getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
            }

            @Override
            public double fractionAtMost(double x) {
                return rank(x);
            }

            @Override
            public double rankError(double q) {
                return TailQuantileAccumulator.this.rankError(q);
            }

            @Override
            public double lowerEnd(double v) {
                return Math.nextDown((float) v); // any double that rounds to v's float lies above
            }

            @Override
            public double upperEnd(double v) {
                return Math.nextUp((float) v);
            }
        };
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        write(out, low);
        write(out, high);
    }

    private static void write(ObjectOutputStream out, ReqSketch s) throws IOException {
        byte[] bytes = s.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
        boolean[] coins = coins(s);
        out.writeInt(coins.length);
        for (boolean c : coins) {
            out.writeBoolean(c);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException {
        low = read(in);
        high = read(in);
    }

    private static ReqSketch read(ObjectInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        boolean[] coins = new boolean[in.readInt()];
        for (int i = 0; i < coins.length; i++) {
            coins[i] = in.readBoolean();
        }
        return restore(bytes, coins);
    }

    @Override
    public String toString() {
        return "TailQuantiles[req k=" + k() + ", n=" + count() + "]";
    }
}
