package org.snauq.design;

/**
 * Counter-based randomness: SplitMix64's output function applied to (key + counter * golden gamma).
 *
 * <p>{@code mix64} is Stafford's "variant 13" finaliser as used by SplitMix64 (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014, doi:10.1145/2660193.2660195). It is a
 * bijection on 64-bit words whose outputs for consecutive counters pass BigCrush, so hashing a counter
 * gives a random-access stream: the k-th value needs no state beyond (key, k).
 */
final class Hashing {

    /** 2^64 / golden ratio, odd: SplitMix64's increment, so key + k * GOLDEN never repeats over k < 2^64. */
    static final long GOLDEN = 0x9e3779b97f4a7c15L;

    /** A unit double has 52 random bits: ((h >>> 12) + 0.5) * 2^-52 lies in [2^-53, 1 - 2^-53], never 0 or 1. */
    private static final double UNIT = 0x1.0p-52;

    private Hashing() {
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The k-th output of the SplitMix64 stream keyed by {@code key}. */
    static long stream(long key, long k) {
        return mix64(key + (k + 1) * GOLDEN);
    }

    /**
     * The midpoint of the 2^-52-cell holding the top 52 bits of {@code bits}: uniform on (0, 1) when the bits are,
     * exactly representable, and never 0 or 1 (so inverse CDFs of unbounded laws stay finite).
     */
    static double toUnit(long bits) {
        return ((bits >>> 12) + 0.5) * UNIT;
    }

    /** A key for a design component, independent across (seed, tag): two rounds so nearby seeds decorrelate. */
    static long key(long seed, long tag) {
        return mix64(mix64(seed) + tag * GOLDEN);
    }
}
