package org.snauq.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Mergeable} accumulator keeps (STYLE.md 15, 21, 24): accepting everything equals
 * combining any split; per-block accumulators computed in any task layout (and shipped by Java serialization,
 * as Spark does) fold in block order to the same bits; empty is the identity of combine; empty results are NaN.
 *
 * @param <A> the accumulator
 */
abstract class AccumulatorContractTest<A extends Mergeable<A>> {

    static final int SAMPLES = 5_000;
    static final int BLOCK = 64;

    abstract A create();

    /** Doubles per sample. */
    abstract int width();

    /** Adds one sample (width() doubles from data[off..]). */
    abstract void accept(A acc, double[] data, int off);

    /** The estimates, compared bit for bit where the contract says so. */
    abstract double[] results(A acc);

    /** Single pass versus a combined split: equal up to the accumulator's rounding (or rank error). */
    abstract void assertEquivalent(A single, A combined);

    /** A sample of width() doubles. */
    void sample(SplittableRandom rng, double[] out, int off) {
        for (int i = 0; i < width(); i++) {
            out[off + i] = 100.0 + rng.nextGaussian() * (1.0 + i);
        }
    }

    boolean emptyResultsAreNaN() {
        return true;
    }

    double[] data(long seed, int samples) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] data = new double[samples * width()];
        for (int k = 0; k < samples; k++) {
            sample(rng, data, k * width());
        }
        return data;
    }

    A fill(double[] data, int from, int to) {
        A acc = create();
        for (int k = from; k < to; k++) {
            accept(acc, data, k * width());
        }
        return acc;
    }

    @Test
    void combine_anySplit_equalsSinglePass() {
        double[] data = data(11, SAMPLES);
        A single = fill(data, 0, SAMPLES);
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 5; trial++) {
            A combined = create();
            int from = 0;
            while (from < SAMPLES) {
                int to = Math.min(SAMPLES, from + rng.nextInt(0, 1500)); // empty pieces too
                combined.combine(fill(data, from, to));
                from = to;
            }
            assertEquivalent(single, combined);
        }
    }

    @Test
    void foldInOrder_anyTaskLayout_bitIdentical() {
        double[] data = data(13, SAMPLES);
        int blocks = (SAMPLES + BLOCK - 1) / BLOCK;
        double[] reference = null;
        for (int tasks : new int[] {1, 3, 17}) {
            // tasks run concurrently; each computes its consecutive blocks and ships them serialised
            List<List<byte[]>> shipped = IntStream.range(0, tasks).parallel().mapToObj(t -> {
                List<byte[]> out = new ArrayList<>();
                for (int b = t * blocks / tasks; b < (t + 1) * blocks / tasks; b++) {
                    out.add(serialize(fill(data, b * BLOCK, Math.min(SAMPLES, (b + 1) * BLOCK))));
                }
                return out;
            }).toList();
            List<A> inOrder = new ArrayList<>();
            for (List<byte[]> task : shipped) {
                for (byte[] bytes : task) {
                    inOrder.add(deserialize(bytes));
                }
            }
            double[] result = results(Mergeable.foldInOrder(inOrder));
            if (reference == null) {
                reference = result;
            }
            assertArrayEquals(reference, result, 0.0, tasks + " tasks");
        }
    }

    @Test
    void combine_empty_isIdentity() {
        double[] data = data(14, 500);
        A acc = fill(data, 0, 500);
        double[] before = results(acc);
        acc.combine(create());
        assertArrayEquals(before, results(acc), 0.0);
        A empty = create();
        empty.combine(acc);
        assertArrayEquals(before, results(empty), 0.0);
    }

    @Test
    void results_empty_areNaN() {
        if (emptyResultsAreNaN()) {
            for (double r : results(create())) {
                assertTrue(Double.isNaN(r), "empty accumulator must give NaN, got " + r);
            }
        }
    }

    @Test
    void serialize_roundTrip_sameResultsAndSameFutureMerges() {
        double[] data = data(15, 1000);
        A first = fill(data, 0, 600);
        A copy = deserialize(serialize(first));
        assertArrayEquals(results(first), results(copy), 0.0);
        first.combine(fill(data, 600, 1000));
        copy.combine(fill(data, 600, 1000));
        assertArrayEquals(results(first), results(copy), 0.0);
    }

    static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    A deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (A) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** |a - b| &lt;= tol max(1, |a|), entry by entry. */
    static void assertRelativelyClose(double[] expected, double[] actual, double tol) {
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1.0, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale || expected[i] == actual[i],
                    "entry " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
