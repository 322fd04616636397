package org.snauq.models;

import java.util.ArrayList;
import java.util.List;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;
import org.snauq.model.MultiSnaModel;
import org.snauq.model.SnaModel;

/**
 * An SNA model for propagation, with one output or several over the same coordinates ({@link MultiSnaModel}). It
 * ships as plain arrays per output (degrees, breakpoints, lambda, factors: a few kilobytes, trivially
 * Kryo-serialisable) and each evaluator rebuilds the model and one workspace, then runs the allocation-free batch
 * kernel. {@code columns[d]} is the study column holding the model's coordinate d; points are reordered into a reused
 * buffer only when the orders differ.
 *
 * <p>The kernel clamps coordinates to the domain; the engine applies the study's domain policy before.
 */
public final class SnaUqModel implements UqModel {

    private final String[] inputs;
    private final int[] columns;
    private final String[] names;
    private final String[] outputs;
    /** Per output k: degrees[k][d], uniform[k][d], breakpoints[k][d], lambda[k], factors[k][d]. */
    private final int[][] degrees;
    private final boolean[][] uniform;
    private final double[][][] breakpoints;
    private final double[][] lambda;
    private final double[][][] factors;
    private final String description;
    private transient MultiSnaModel model;

    SnaUqModel(MultiSnaModel model, List<String> inputs, int[] columns, String description) {
        this.inputs = inputs.toArray(String[]::new);
        this.columns = columns.clone();
        int dim = model.dimension();
        int outs = model.outputCount();
        this.names = model.names().toArray(String[]::new);
        this.outputs = model.outputNames().toArray(String[]::new);
        this.degrees = new int[outs][dim];
        this.uniform = new boolean[outs][dim];
        this.breakpoints = new double[outs][dim][];
        this.lambda = new double[outs][];
        this.factors = new double[outs][dim][];
        for (int k = 0; k < outs; k++) {
            SnaModel m = model.output(k);
            for (int d = 0; d < dim; d++) {
                KnotVector kv = m.basis(d).knots();
                degrees[k][d] = kv.degree();
                uniform[k][d] = kv.isUniform();
                breakpoints[k][d] = kv.breakpoints();
                factors[k][d] = m.factor(d);
            }
            lambda[k] = m.lambda();
        }
        this.description = description;
    }

    SnaUqModel(SnaModel model, List<String> inputs, int[] columns, String description) {
        this(MultiSnaModel.of(model), inputs, columns, description);
    }

    /** The model (rebuilt from its arrays after shipping; provenance and stored inputs are not shipped). */
    public synchronized MultiSnaModel multi() {
        if (model == null) {
            List<SnaModel> parts = new ArrayList<>();
            for (int k = 0; k < outputs.length; k++) {
                List<BSplineBasis> bases = new ArrayList<>();
                for (int d = 0; d < names.length; d++) {
                    double[] b = breakpoints[k][d];
                    int p = degrees[k][d];
                    KnotVector kv = uniform[k][d] ? KnotVector.clampedUniform(p, b.length - 1 + p, b[0], b[b.length - 1])
                            : KnotVector.clamped(p, b);
                    bases.add(new BSplineBasis(kv));
                }
                parts.add(SnaModel.of(List.of(names), bases, lambda[k], factors[k], outputs[k]));
            }
            model = MultiSnaModel.of(parts);
        }
        return model;
    }

    /** The model when it has one output (closed-form rows and melt-pool QoIs need one), else null. */
    @Override
    public SnaModel sna() {
        return outputs.length == 1 ? multi().output(0) : null;
    }

    @Override
    public List<String> inputNames() {
        return List.of(inputs);
    }

    @Override
    public List<String> outputs() {
        return List.of(outputs);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public double[] domainLower() {
        return domain(true);
    }

    @Override
    public double[] domainUpper() {
        return domain(false);
    }

    private double[] domain(boolean lower) {
        double[] out = new double[inputs.length];
        java.util.Arrays.fill(out, lower ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        for (int d = 0; d < names.length; d++) {
            double[] b = breakpoints[0][d]; // every output has the same domain
            out[columns[d]] = lower ? b[0] : b[b.length - 1];
        }
        return out;
    }

    private boolean identityOrder() {
        if (columns.length != inputs.length) {
            return false;
        }
        for (int d = 0; d < columns.length; d++) {
            if (columns[d] != d) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Evaluator newEvaluator() {
        Batch batch;
        if (outputs.length == 1) {
            SnaModel m = sna();
            SnaModel.Workspace ws = m.newWorkspace();
            batch = (points, count, out) -> m.evaluate(points, count, out, ws);
        } else {
            MultiSnaModel m = multi();
            MultiSnaModel.Workspace ws = m.newWorkspace();
            batch = (points, count, out) -> m.evaluate(points, count, out, ws);
        }
        if (identityOrder()) {
            return (points, count, out, failures) -> batch.evaluate(points, count, out);
        }
        int dim = inputs.length;
        int mdim = columns.length;
        return new Evaluator() {
            private double[] buffer = new double[0];

            @Override
            public void evaluate(double[] points, int count, double[] out, Failures failures) {
                if (buffer.length < count * mdim) {
                    buffer = new double[count * mdim]; // grows once to the block's chunk size
                }
                for (int j = 0; j < count; j++) {
                    for (int d = 0; d < mdim; d++) {
                        buffer[j * mdim + d] = points[j * dim + columns[d]];
                    }
                }
                batch.evaluate(buffer, count, out);
            }
        };
    }

    /** The model's batch kernel with its workspace bound. */
    @FunctionalInterface
    private interface Batch {
        void evaluate(double[] points, int count, double[] out);
    }
}
