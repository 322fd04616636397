package org.snauq.models;

import java.util.ArrayList;
import java.util.List;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;
import org.snauq.model.SnaModel;

/**
 * An SNA model for propagation. It ships as plain arrays (names, degrees, breakpoints, lambda, factors: a few
 * kilobytes, trivially Kryo-serialisable) and each evaluator rebuilds the {@link SnaModel} and one
 * {@link SnaModel.Workspace}, then runs the allocation-free batch kernel. {@code columns[d]} is the study column
 * holding the model's coordinate d; points are reordered into a reused buffer only when the orders differ.
 *
 * <p>The kernel clamps coordinates to the domain; the engine applies the study's domain policy before.
 */
public final class SnaUqModel implements UqModel {

    private final String[] inputs;
    private final int[] columns;
    private final String[] names;
    private final int[] degrees;
    private final boolean[] uniform;
    private final double[][] breakpoints;
    private final double[] lambda;
    private final double[][] factors;
    private final String output;
    private final String description;
    private transient SnaModel model;

    SnaUqModel(SnaModel model, List<String> inputs, int[] columns, String description) {
        this.inputs = inputs.toArray(String[]::new);
        this.columns = columns.clone();
        int dim = model.dimension();
        this.names = model.names().toArray(String[]::new);
        this.degrees = new int[dim];
        this.uniform = new boolean[dim];
        this.breakpoints = new double[dim][];
        this.factors = new double[dim][];
        for (int d = 0; d < dim; d++) {
            KnotVector k = model.basis(d).knots();
            degrees[d] = k.degree();
            uniform[d] = k.isUniform();
            breakpoints[d] = k.breakpoints();
            factors[d] = model.factor(d);
        }
        this.lambda = model.lambda();
        this.output = model.output();
        this.description = description;
    }

    /** The model (rebuilt from its arrays after shipping; provenance and stored inputs are not shipped). */
    @Override
    public synchronized SnaModel sna() {
        if (model == null) {
            List<BSplineBasis> bases = new ArrayList<>();
            for (int d = 0; d < names.length; d++) {
                double[] b = breakpoints[d];
                KnotVector k = uniform[d]
                        ? KnotVector.clampedUniform(degrees[d], b.length - 1 + degrees[d], b[0], b[b.length - 1])
                        : KnotVector.clamped(degrees[d], b);
                bases.add(new BSplineBasis(k));
            }
            model = SnaModel.of(List.of(names), bases, lambda, factors, output);
        }
        return model;
    }

    @Override
    public List<String> inputNames() {
        return List.of(inputs);
    }

    @Override
    public List<String> outputs() {
        return List.of(output);
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
            double[] b = breakpoints[d];
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
        SnaModel m = sna();
        SnaModel.Workspace ws = m.newWorkspace();
        if (identityOrder()) {
            return (points, count, out, failures) -> m.evaluate(points, count, out, ws);
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
                m.evaluate(buffer, count, out, ws);
            }
        };
    }
}
