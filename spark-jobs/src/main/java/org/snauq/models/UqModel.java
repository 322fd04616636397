package org.snauq.models;

import java.io.Serializable;
import java.util.List;

/**
 * A model ready for propagation, whatever its source: outputs y_k = f_k(x), k &lt; K, evaluated on blocks of points
 * whose coordinates are the study's inputs in study order. It is small and immutable, so the driver broadcasts it
 * once; each task asks for its own {@link Evaluator}, which owns the scratch (or the process, or the connection) the
 * model needs.
 *
 * <p>Evaluator contract (docs/DECISIONS.md "The model interface"), for built-in and external models alike:
 * <ul>
 *   <li>A call gets a batch of points and writes {@code out[j * K + k]} for point j, output k. The engine calls
 *       it with at most {@link #batchSize()} points at a time (blocks stay the unit of determinism: a batch never
 *       spans two blocks), so a model that is costly to call (a process, a server) is called once per block.</li>
 *   <li>A point the model cannot evaluate is reported with {@link Failures#fail(int, String)} and a one-line
 *       reason; its outputs are ignored. Every output that is not finite is a failure too, found by the engine
 *       ("model output y is NaN"). The study's {@code on-failure} policy decides what happens to failures; a
 *       model never decides it.</li>
 *   <li>Calls may block (I/O); retries and timeouts live in the model, which reports a point as failed once it
 *       gives up on it. A problem that is not about a point (the program cannot start at all, the server is
 *       gone) is thrown, and stops the run.</li>
 *   <li>Results depend only on the points, never on the batch they came in, so runs are the same on any
 *       partitioning.</li>
 * </ul>
 *
 * <p>Models with a bounded domain (SNA models) report it, so the engine can apply the study's domain policy.
 */
public interface UqModel extends Serializable {

    /** The study's input names, in the order the points' coordinates come in. */
    List<String> inputNames();

    /** The outputs' names (one or more), used for the {@code output} column and the samples columns. */
    List<String> outputs();

    /** A new evaluator with its own scratch: one per task or thread, not thread safe itself. */
    Evaluator newEvaluator();

    /**
     * The most points the model wants per call, or 0 for the engine's default (a chunk of a few hundred points
     * that stays in cache). Models that are costly to call return a large number (e.g. the block size).
     */
    default int batchSize() {
        return 0;
    }

    /** Lower domain bound per input (study order), or null when the model is defined everywhere. */
    default double[] domainLower() {
        return null;
    }

    /** Upper domain bound per input (study order), or null when the model is defined everywhere. */
    default double[] domainUpper() {
        return null;
    }

    /** The SNA behind this model, or null when it is not an SNA (closed-form rows need one). */
    default org.snauq.model.SnaModel sna() {
        return null;
    }

    /** One line saying what the model is, e.g. {@code "function ishigami"}. */
    String description();

    /** Where an evaluator reports the points it could not evaluate. */
    @FunctionalInterface
    interface Failures {
        /**
         * Point {@code j} of the current call failed.
         *
         * @param reason one line, e.g. {@code "exit code 3"} or {@code "timed out after 60 s"}
         */
        void fail(int j, String reason);
    }

    /** Batch evaluation with caller-owned output and evaluator-owned scratch. */
    interface Evaluator extends AutoCloseable {
        /**
         * out[j * K + k] = f_k(points[j*D .. j*D + D)) for j &lt; count, k &lt; K.
         *
         * @param points   read, row-major count x D, in study input order
         * @param out      written, length &gt;= count * K
         * @param failures told about each point that could not be evaluated
         */
        void evaluate(double[] points, int count, double[] out, Failures failures);

        /** Frees what the evaluator holds (a process, a connection); nothing for built-in models. */
        @Override
        default void close() {
        }
    }
}
