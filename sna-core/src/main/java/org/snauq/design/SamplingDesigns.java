package org.snauq.design;

import java.util.List;

/**
 * The table of sampling designs a study may name ({@link #NAMES}), their checks and their construction from the
 * study file's {@code sampling} entry: design name, dimension, n, seed (and, for {@code sobol}, the number of
 * replicate groups). Study parsing reads the names and {@link #checkSize(String, long)} from here.
 *
 * <p>Messages name the field and the value ({@code "n must be a power of two for the sobol design (e.g. 512 or
 * 1024), got 1000"}); the caller adds the file and the key path ({@code "s.yaml: sampling."}).
 */
public final class SamplingDesigns {

    /** The design names a study file may use, in the order error messages list them. */
    public static final List<String> NAMES = List.of("mc", "lhs", "sobol");

    private SamplingDesigns() {
    }

    /**
     * Checks a design name and its number of points: a known name, n &gt;= 2, and a power of two for {@code sobol}.
     *
     * @throws IllegalArgumentException naming the design or n
     */
    public static void checkSize(String design, long n) {
        String name = checkName(design);
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2, got " + n);
        }
        if (name.equals("sobol")) {
            SobolDesign.checkPowerOfTwo(n);
        }
    }

    /** The replicate groups the named design uses by default for n points: 1 for mc and lhs (one replicate). */
    public static int defaultReplicates(String design, long n) {
        return checkName(design).equals("sobol") ? SobolDesign.defaultReplicates(n) : 1;
    }

    /** The named design with default replicates ({@link SobolDesign#defaultReplicates(long)} for sobol). */
    public static SamplingDesign of(String design, int dimension, long n, long seed) {
        return switch (checkName(design)) {
            case "mc" -> new MonteCarloDesign(dimension, n, seed);
            case "lhs" -> new LatinHypercubeDesign(dimension, n, seed);
            default -> new SobolDesign(dimension, n, seed, defaultReplicates(design, n));
        };
    }

    /**
     * The named design with {@code replicates} groups; mc and lhs accept only 1 (they are one replicate).
     *
     * @throws IllegalArgumentException naming the design, dimension, n or replicates that is invalid
     */
    public static SamplingDesign of(String design, int dimension, long n, long seed, int replicates) {
        String name = checkName(design);
        if (name.equals("sobol")) {
            return new SobolDesign(dimension, n, seed, replicates);
        }
        if (replicates != 1) {
            throw new IllegalArgumentException(
                    "replicates must be 1 for design '" + name + "' (one replicate), got " + replicates);
        }
        return of(name, dimension, n, seed);
    }

    private static String checkName(String design) {
        if (design == null || !NAMES.contains(design)) {
            throw new IllegalArgumentException(
                    "unknown design '" + design + "'; known: " + String.join(", ", NAMES));
        }
        return design;
    }

    static void checkShape(int dimension, long n) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2, got " + n);
        }
    }

    /** Validates a block request once per block, so the per-point loops carry no checks. */
    static void checkFill(SamplingDesign design, long start, int count, double[] out, int offset) {
        long n = design.size();
        if (start < 0 || count < 0 || start > n - count) {
            throw new IllegalArgumentException("points [" + start + ", " + start + " + " + count
                    + ") must lie in [0, n = " + n + ")");
        }
        long need = (long) offset + (long) count * design.dimension();
        if (offset < 0 || need > out.length) {
            throw new IllegalArgumentException("out must hold offset + count * dimension = " + need
                    + " values, got length " + out.length + " (offset " + offset + ")");
        }
    }
}
