package org.snauq.models;

import org.snauq.study.Sampling;
import org.snauq.study.Study;

/**
 * What obtaining a model may need of the executors: shipping a simulator's files before its tasks run, and running a
 * training design through a simulator ({@code model: {train: {simulator: ...}}}). The Spark side is
 * {@code org.snauq.spark.SimulatorJobs}; {@link #NONE} serves code that runs no simulator.
 */
public interface Simulations {

    /** Makes the model's files reach the executors (nothing to do where they share the driver's file system). */
    void ship(ShippedModel model);

    /**
     * The simulator's outputs on {@code design} drawn from the study's inputs (and their dependence), in sample
     * order; failed runs follow the study's {@code on-failure}: {@code error} stops with one line naming the first,
     * {@code skip} leaves them out.
     *
     * @param where the study place for messages, e.g. {@code "s.yaml: model.train.simulator"}
     */
    Runs run(Study study, UqModel simulator, Sampling design, String where);

    /**
     * A simulated design.
     *
     * @param x      the kept runs' inputs, row-major rows x D in study order
     * @param y      y[k][j], output k of kept run j
     * @param failed runs left out (policy skip)
     * @param millis wall time of the simulation
     */
    record Runs(double[] x, double[][] y, long failed, long millis) {
    }

    /** No executors: shipping is a no-op, running a design an error (a bug: the command did not provide Spark). */
    Simulations NONE = new Simulations() {
        @Override
        public void ship(ShippedModel model) {
        }

        @Override
        public Runs run(Study study, UqModel simulator, Sampling design, String where) {
            throw new IllegalStateException("no executors to run " + simulator.description() + " on");
        }
    };
}
