package org.snauq.models;

import org.snauq.simulator.Simulator;

/**
 * A task's instance of a user's {@link Simulator}: points reordered from study order into the simulator's, outputs
 * written into the caller's array. An exception breaks the call (no point of it counts as answered), so that
 * {@link ExternalEvaluator} can find the points that throw on their own.
 */
final class JavaLink implements ExternalLink {

    private final Simulator simulator;
    /** columns[i] = the study column of the simulator's input i. */
    private final int[] columns;
    private final int dim;
    private final int outputs;
    private double[] in = new double[0];
    private double[] res = new double[0];

    JavaLink(Simulator simulator, int[] columns, int studyDimension) {
        this.simulator = simulator;
        this.columns = columns;
        this.dim = studyDimension;
        this.outputs = simulator.outputs().size();
    }

    @Override
    public Reply call(double[] points, int from, int count, double[] out, UqModel.Failures failures, long timeout) {
        int sdim = columns.length;
        if (in.length < count * sdim) {
            in = new double[count * sdim]; // grows to the largest call once
            res = new double[count * outputs];
        }
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < sdim; i++) {
                in[j * sdim + i] = points[(from + j) * dim + columns[i]];
            }
        }
        try {
            simulator.evaluate(in, count, res, (j, reason) -> {
                if (j >= 0 && j < count) {
                    failures.fail(from + j, reason);
                }
            });
        } catch (RuntimeException | StackOverflowError e) {
            return Reply.broken(0, "threw " + JavaModel.describe(e));
        }
        System.arraycopy(res, 0, out, from * outputs, count * outputs);
        return Reply.complete(count);
    }

    @Override
    public void close() {
        simulator.close();
    }
}
