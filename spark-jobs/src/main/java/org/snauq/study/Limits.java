package org.snauq.study;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sizes and names the code can honour, checked when a study or an option is read, before any Spark work
 * (docs/DECISIONS.md "Limits"). Each bound says why it is there.
 */
public final class Limits {

    /**
     * Samples (design rows) per run: the driver keeps one accumulator bundle (a few KB) per block of 2^16 rows, so
     * 2^32 rows are 65,536 bundles, a few hundred MB on the driver at most.
     */
    public static final long MAX_SAMPLES = 1L << 32;
    /** Inputs per study: buffers scale with D (and pick-freeze rows with D^2). */
    public static final int MAX_INPUTS = 1024;
    /** Outputs per model: every statistic is kept per output on the driver. */
    public static final int MAX_OUTPUTS = 256;
    /** Spark partitions a study may ask for: never more than one per block (2^32 / 2^16). */
    public static final int MAX_PARTITIONS = 1 << 16;
    /** Values in a study list (quantiles, exceedance thresholds, design values): tables, not data. */
    public static final int MAX_LIST = 10_000;
    /** Names become Parquet columns and expression variables. */
    public static final int MAX_NAME_LENGTH = 64;
    /** B-spline degree of a fit: the automatic search stops at polynomials of degree 15. */
    public static final int MAX_DEGREE = 15;
    /** Atoms per coordinate of a fit: the normal equations are (atoms x rank)^2 doubles per coordinate. */
    public static final int MAX_KNOTS = 4096;
    /** Rank of a fit: each rank adds a sweep over every coordinate. */
    public static final int MAX_RANK = 1000;

    /** Design points of a sweep: the driver keeps each design's statistics. */
    public static final long MAX_DESIGNS = 1L << 24;
    /** Samples per design of a sweep: each task keeps one design's QoI values for exact quantiles (8 MiB a QoI). */
    public static final long MAX_SAMPLES_PER_DESIGN = 1L << 20;
    /** Designs x samples of a sweep: beyond this many queries it is a typo, not a study. */
    public static final long MAX_QUERIES = 1L << 40;

    /** Input and output names: identifiers. */
    public static final String NAME_PATTERN = "[A-Za-z_][A-Za-z0-9_]*";

    /**
     * Columns every result table or the samples and failures tables carry beside the inputs and outputs; an
     * input or output of that name (in any case: Spark resolves columns case-insensitively) would clash.
     */
    public static final List<String> RESERVED_NAMES = List.of("study", "run_id", "sample_index", "output", "reason");

    /** Constants of model expressions (exp4j): an input of that name would silently replace the constant. */
    public static final Set<String> EXPRESSION_CONSTANTS = Set.of("e", "pi");

    private Limits() {
    }

    /** The spelling names are compared in: case-insensitive, as Spark resolves columns. */
    public static String folded(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Why {@code name} cannot be an input or output name, or null when it can. */
    public static String nameProblem(String name) {
        if (!name.matches(NAME_PATTERN)) {
            return "must match " + NAME_PATTERN;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "must have at most " + MAX_NAME_LENGTH + " characters";
        }
        if (RESERVED_NAMES.contains(folded(name))) {
            return "is reserved for a column of the result tables (" + String.join(", ", RESERVED_NAMES) + ")";
        }
        return null;
    }
}
