package org.snauq.simulator;

import java.util.List;

/**
 * A user's simulator written in Java, run by {@code sna} on the Spark executors: study key
 * {@code model: {java: {class: com.example.MyModel, jar: my-model.jar}}} (docs/SIMULATORS.md). It maps a block of
 * points to their outputs, y_k = f_k(x) for k &lt; K, and names its inputs and outputs.
 *
 * <p>Contract:
 * <ul>
 *   <li>A public class with a public no-argument constructor. Each Spark task builds its own instance and calls it
 *       from one thread, then {@link #close()}s it, so an instance may keep scratch (or a native handle) without
 *       being thread safe.</li>
 *   <li>{@link #inputs()} are the coordinates of each point, in the order the points give them; a study lists the
 *       same names (in any order). {@link #outputs()} name the outputs. Names are identifiers
 *       ({@code [A-Za-z_][A-Za-z0-9_]*}), distinct in any case; both lists are the same on every call.</li>
 *   <li>{@link #evaluate} writes every output of every point. A point the simulator cannot evaluate is reported
 *       with {@link Failures#fail(int, String)} (its outputs are then ignored), or by writing a value that is not
 *       finite; the study's {@code on-failure} policy decides what happens to it.</li>
 *   <li>A point's outputs must depend on the point only, never on the other points of the call or on earlier
 *       calls: {@code sna} promises the same tables for any partitioning of the sample.</li>
 *   <li>An exception thrown by {@code evaluate} fails the call, not the run: {@code sna} then evaluates the points
 *       of that call in smaller groups, down to one at a time, and records a point that still throws on its own as
 *       failed, with the exception as the reason.</li>
 * </ul>
 *
 * <p>Example: {@code y = x1 + 2 x2}, inputs {@code x1, x2}, one output {@code y}:
 * <pre>{@code
 * public final class Sum implements Simulator {
 *     public List<String> inputs() { return List.of("x1", "x2"); }
 *     public List<String> outputs() { return List.of("y"); }
 *     public void evaluate(double[] points, int count, double[] out, Failures failures) {
 *         for (int j = 0; j < count; j++) {
 *             out[j] = points[2 * j] + 2 * points[2 * j + 1];
 *         }
 *     }
 * }
 * }</pre>
 */
public interface Simulator extends AutoCloseable {

    /** The input names, in the order of each point's coordinates. */
    List<String> inputs();

    /** The output names, one or more, in the order of {@code out}. */
    List<String> outputs();

    /**
     * out[j * K + k] = f_k(points[j * D .. j * D + D)) for j &lt; count, k &lt; K, with D = inputs().size() and
     * K = outputs().size().
     *
     * @param points   read, row-major count x D, in {@link #inputs()} order
     * @param count    the number of points, &gt;= 1
     * @param out      written, at least count x K values
     * @param failures told about each point that could not be evaluated
     */
    void evaluate(double[] points, int count, double[] out, Failures failures);

    /** Frees what the instance holds, when its task ends; nothing by default. */
    @Override
    default void close() {
    }

    /** Where {@link #evaluate} reports the points it could not evaluate. */
    @FunctionalInterface
    interface Failures {
        /**
         * Point {@code point} (0-based within the call) failed.
         *
         * @param reason one line, e.g. {@code "solver did not converge"}
         */
        void fail(int point, String reason);
    }
}
