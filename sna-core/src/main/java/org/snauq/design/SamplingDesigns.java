package org.snauq.design;

import java.util.List;

/**
 * Builds a {@link SamplingDesign} from the study file's {@code sampling} entry: design name, dimension, n, seed
 * (and, for {@code sobol}, the number of replicate groups).
 */
public final class SamplingDesigns {

    /** The design names a study file may use, in the order error messages list them. */
    public static final List<String> NAMES = List.of("mc", "lhs", "sobol");

    private SamplingDesigns() {
    }

    /** The named design with default replicates ({@link SobolDesign#defaultReplicates(long)} for sobol). */
    public static SamplingDesign of(String design, int dimension, long n, long seed) {
        return switch (checkName(design)) {
            case "mc" -> new MonteCarloDesign(dimension, n, seed);
            case "lhs" -> new LatinHypercubeDesign(dimension, n, seed);
            default -> new SobolDesign(dimension, n, seed, SobolDesign.defaultReplicates(n));
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
