package org.snauq.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.AccumulatorV2;
import org.snauq.models.UqModel;

/**
 * The calls every task's evaluator made to an external model (requests, retries, time waiting), summed on the
 * driver for the manifest. Each task adds its evaluator's totals once, when it ends; the passes are single result
 * stages, whose tasks' updates Spark merges once per partition, so the counts do not depend on the partitioning
 * (only the wait time does). Null while the model counts nothing (built-in models).
 */
final class CallCounter extends AccumulatorV2<UqModel.Calls, UqModel.Calls> {

    private static final long serialVersionUID = 1L;

    private UqModel.Calls sum;

    /** A counter registered with the job's context. */
    static CallCounter register(JavaSparkContext jsc) {
        CallCounter c = new CallCounter();
        jsc.sc().register(c, "model calls");
        return c;
    }

    @Override
    public boolean isZero() {
        return sum == null;
    }

    @Override
    public CallCounter copy() {
        CallCounter c = new CallCounter();
        c.sum = sum;
        return c;
    }

    @Override
    public void reset() {
        sum = null;
    }

    /** Adds a task's calls; null (a model that counts nothing) adds nothing. */
    @Override
    public void add(UqModel.Calls calls) {
        if (calls != null) {
            sum = sum == null ? calls : sum.plus(calls);
        }
    }

    @Override
    public void merge(AccumulatorV2<UqModel.Calls, UqModel.Calls> other) {
        add(((CallCounter) other).sum);
    }

    @Override
    public UqModel.Calls value() {
        return sum;
    }
}
