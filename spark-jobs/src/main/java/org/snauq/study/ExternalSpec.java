package org.snauq.study;

import java.util.List;

/**
 * The study keys every external model kind shares ({@code command}, {@code java}, {@code umbridge}; issue 15 and
 * docs/SIMULATORS.md): the output names, and how calls to the model are cut, timed and retried. Each kind's parser
 * reads them from its own mapping with {@link #parse}, beside its own keys, so they are spelt and checked the same
 * way everywhere:
 * <pre>
 * outputs: [y, z]   # the output names (identifiers, distinct in any case, not a reserved column)
 * timeout: 60       # seconds one call may take (a block, or a part of it on retry); default: no limit
 * retries: 1        # further attempts for a point that broke a call on its own; default 0
 * block: 256        # design rows per block, a power of two: one call each, in one task; default: auto
 * </pre>
 * The automatic block is n / 64 rounded down to a power of two (at least 1, at most 2^16): a costly model is spread
 * over up to 64 tasks whatever n, and the cut depends only on the study, so results stay the same on any cluster.
 *
 * @param outputs the output names, in order
 * @param timeout seconds a call may take, or 0 for no limit
 * @param retries attempts after the first for a point that fails a call on its own, &gt;= 0
 * @param block   design rows per block (a power of two), or 0 for automatic
 */
public record ExternalSpec(List<String> outputs, double timeout, int retries, int block) {

    /** The shared keys, for the allowed-key list of a kind's mapping. */
    public static final List<String> KEYS = List.of("outputs", "timeout", "retries", "block");
    /** Blocks the automatic block size aims at: enough tasks for a small cluster. */
    public static final int AUTO_BLOCKS = 64;
    /** Longest timeout: a week of one call is a typo, not a simulation. */
    public static final double MAX_TIMEOUT = 7 * 24 * 3600.0;
    /** Most retries of one point: each costs a call. */
    public static final int MAX_RETRIES = 10;
    /** Most rows per block: the engine's block (SamplePlan.BLOCK). */
    public static final int MAX_BLOCK = 1 << 16;

    public ExternalSpec {
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("an external model needs at least one output");
        }
        if (!(timeout >= 0 && timeout <= MAX_TIMEOUT) || retries < 0 || retries > MAX_RETRIES || block < 0
                || block > MAX_BLOCK || Integer.bitCount(block) > 1) {
            throw new IllegalArgumentException("timeout " + timeout + ", retries " + retries + " or block " + block
                    + " out of range");
        }
    }

    /** No timeout, no retries, automatic blocks. */
    public static ExternalSpec of(List<String> outputs) {
        return new ExternalSpec(outputs, 0, 0, 0);
    }

    /**
     * Reads the shared keys of {@code f} (a kind's mapping, whose allowed keys include {@link #KEYS}).
     *
     * @param defaultOutputs the outputs when {@code outputs} is absent, or null when it is required
     * @throws StudyException naming the key: an output name that is not valid or repeats one, a timeout that is not
     *                        a positive number of seconds, retries or block out of range
     */
    static ExternalSpec parse(YamlFields f, List<String> defaultOutputs) {
        List<String> outputs = defaultOutputs;
        if (f.has("outputs") || defaultOutputs == null) {
            outputs = StudyParser.outputNames(f, "outputs");
        }
        double timeout = 0;
        if (f.has("timeout")) {
            timeout = f.number("timeout");
            if (!(timeout > 0 && timeout <= MAX_TIMEOUT)) {
                throw f.error("timeout", "must be a number of seconds in (0, " + (long) MAX_TIMEOUT + "]",
                        f.raw("timeout"));
            }
        }
        int retries = f.smallInteger("retries", 0);
        if (retries < 0 || retries > MAX_RETRIES) {
            throw f.error("retries", "must lie in [0, " + MAX_RETRIES + "]", f.raw("retries"));
        }
        int block = f.smallInteger("block", 0);
        if (f.has("block") && (block < 1 || block > MAX_BLOCK || Integer.bitCount(block) != 1)) {
            throw f.error("block", "must be a power of two in [1, " + MAX_BLOCK + "] (design rows per block)",
                    f.raw("block"));
        }
        return new ExternalSpec(outputs, timeout, retries, block);
    }

    /** Rows per block for a design of {@code rows} rows: {@link #block()}, or the automatic choice. */
    public int blockRows(long rows) {
        return blockRows(block, rows);
    }

    /** Rows per block for a design of {@code rows} rows: {@code block} if &gt; 0, else the automatic choice. */
    public static int blockRows(int block, long rows) {
        if (block > 0) {
            return block;
        }
        long target = Math.max(1, rows / AUTO_BLOCKS);
        return (int) Math.min(MAX_BLOCK, Long.highestOneBit(target));
    }
}
