package org.snauq.models;

import java.io.Serializable;
import java.util.List;

/**
 * A model ready for propagation, whatever its source: y = f(x) evaluated on blocks of points whose coordinates
 * are the study's inputs in study order. It is small and immutable, so the driver broadcasts it once; each task
 * asks for its own {@link Evaluator}, which owns the scratch the kernel needs.
 *
 * <p>Models with a bounded domain (SNA models) report it, so the engine can apply the study's domain policy.
 */
public interface UqModel extends Serializable {

    /** The study's input names, in the order the points' coordinates come in. */
    List<String> inputNames();

    /** The name of the output, used for the {@code output} column and the samples column. */
    String output();

    /** A new evaluator with its own scratch: one per task or thread, not thread safe itself. */
    Evaluator newEvaluator();

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

    /** Batch evaluation with caller-owned output and evaluator-owned scratch. */
    interface Evaluator {
        /**
         * out[j] = f(points[j*D .. j*D + D)) for j &lt; count.
         *
         * @param points read, row-major count x D, in study input order
         * @param out    written, length &gt;= count
         */
        void evaluate(double[] points, int count, double[] out);
    }
}
