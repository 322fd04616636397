package org.snauq.stats;

import java.io.Serializable;
import java.util.List;

/**
 * A mergeable accumulator: a few sums that summarise a block of samples and combine with another block's.
 *
 * <p>{@code combine} is associative in exact arithmetic, but not in floating point: for bit-for-bit results
 * the caller folds one accumulator per block of consecutive sample indices, in block order
 * ({@link #foldInOrder(List)}; DESIGN.md section 6). Implementations are mutable and not thread safe;
 * every one is {@link Serializable} (Spark ships them from the executors to the driver).
 *
 * @param <A> the implementing class
 */
public interface Mergeable<A extends Mergeable<A>> extends Serializable {

    /**
     * Adds the samples summarised by {@code other} after those of this accumulator.
     *
     * @param other read, not modified; may not be this
     * @return this
     */
    A combine(A other);

    /** An independent deep copy. */
    A copy();

    /**
     * The left fold b_0 + b_1 + ... + b_{k-1} of per-block accumulators given in block order; a new
     * accumulator, the blocks are not modified. Folding the same blocks in the same order always gives
     * the same bits, however the blocks were computed.
     *
     * @throws IllegalArgumentException if {@code blocks} is empty
     */
    static <A extends Mergeable<A>> A foldInOrder(List<A> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("blocks must not be empty");
        }
        A result = blocks.get(0).copy();
        for (int b = 1; b < blocks.size(); b++) {
            result.combine(blocks.get(b));
        }
        return result;
    }
}
