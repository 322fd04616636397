package org.snauq.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snauq.dist.InputSpec;

/**
 * Several SNA outputs over the same coordinates: u_k(z) = sum_r lambda_r^k prod_d phi_r^{k,d}(z_d), k &lt; K, one
 * {@link SnaModel} per output with its own rank, degree, knots and provenance (METHOD.md section 1 per output).
 * The outputs share the coordinate names, their order and their domains [a_d, b_d], and the stored input laws.
 *
 * <p>The vector form of the derivatives: the Jacobian J[k][d] = du_k/dz_d, and the weighted Hessian-vector
 * product sum_k s_k (d^2 u_k/dz^2) v, each from the outputs' analytic derivatives. A query costs the sum of the
 * outputs' costs. Immutable and thread safe; the batch kernel writes only into caller-owned arrays.
 */
public final class MultiSnaModel {

    private final SnaModel[] models;

    private MultiSnaModel(SnaModel[] models) {
        this.models = models;
    }

    /**
     * The outputs, in order.
     *
     * @throws IllegalArgumentException if there are none, two share a name, or their coordinate names, domains or
     *                                  stored input laws differ; the message names the header field
     */
    public static MultiSnaModel of(List<SnaModel> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs must list at least one model");
        }
        SnaModel first = outputs.get(0);
        for (int k = 1; k < outputs.size(); k++) {
            SnaModel m = outputs.get(k);
            String where = "outputs[" + k + "]";
            for (int j = 0; j < k; j++) {
                if (outputs.get(j).output().equals(m.output())) {
                    throw new IllegalArgumentException(where + ".output repeats outputs[" + j + "].output, got '"
                            + m.output() + "'");
                }
            }
            if (!m.names().equals(first.names())) {
                throw new IllegalArgumentException(where + ".coordinates must be named " + first.names()
                        + " as in outputs[0], got " + m.names());
            }
            for (int d = 0; d < m.dimension(); d++) {
                if (m.lower(d) != first.lower(d) || m.upper(d) != first.upper(d)) {
                    throw new IllegalArgumentException(where + ".coordinates[" + d + "] must have the domain ["
                            + first.lower(d) + ", " + first.upper(d) + "] of outputs[0], got [" + m.lower(d) + ", "
                            + m.upper(d) + "]");
                }
            }
            if (!m.inputs().equals(first.inputs())) {
                throw new IllegalArgumentException(where + " stores other input laws than outputs[0]");
            }
        }
        return new MultiSnaModel(outputs.toArray(SnaModel[]::new));
    }

    /** One output. */
    public static MultiSnaModel of(SnaModel model) {
        return new MultiSnaModel(new SnaModel[] {model});
    }

    /** The same outputs with these input laws stored (checked as by {@link SnaModel#withInputs}). */
    public MultiSnaModel withInputs(List<InputSpec> inputs) {
        SnaModel[] m = new SnaModel[models.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = models[k].withInputs(inputs);
        }
        return new MultiSnaModel(m);
    }

    /** K, the number of outputs. */
    public int outputCount() {
        return models.length;
    }

    /** Output k as a single-output model. */
    public SnaModel output(int k) {
        return models[k];
    }

    /** The outputs, in order. */
    public List<SnaModel> outputs() {
        return List.of(models);
    }

    /** The output names, in order. */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (SnaModel m : models) {
            names.add(m.output());
        }
        return names;
    }

    public int dimension() {
        return models[0].dimension();
    }

    public List<String> names() {
        return models[0].names();
    }

    public String name(int d) {
        return models[0].name(d);
    }

    public double lower(int d) {
        return models[0].lower(d);
    }

    public double upper(int d) {
        return models[0].upper(d);
    }

    /** Input distributions stored with the model (empty when none). */
    public List<InputSpec> inputs() {
        return models[0].inputs();
    }

    /** Number of stored doubles, the sum over the outputs. */
    public long parameterCount() {
        long n = 0;
        for (SnaModel m : models) {
            n += m.parameterCount();
        }
        return n;
    }

    /** The first coordinate of point[off..off+D) outside its domain, or -1; NaN counts as outside. */
    public int firstOutOfDomain(double[] point, int off) {
        return models[0].firstOutOfDomain(point, off);
    }

    /** Scratch for the batch kernel: one workspace per output; one per thread. */
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * Batch evaluation: out[j * K + k] = u_k(points[j*D .. j*D + D)) for j &lt; count. Coordinates outside a
     * domain are clamped to it, as {@link SnaModel#evaluate} does; NaN gives NaN.
     *
     * @param points read, row-major count x D
     * @param out    written, length &gt;= count * K; must not alias points
     * @param ws     written (scratch) from {@link #newWorkspace()} of this model
     */
    public void evaluate(double[] points, int count, double[] out, Workspace ws) {
        if (ws.model != this) {
            throw new IllegalArgumentException("workspace was made by another model; use newWorkspace() of this one");
        }
        if (ws.column.length < count) {
            ws.column = new double[count];
        }
        int outputs = models.length;
        for (int k = 0; k < outputs; k++) {
            models[k].evaluate(points, count, ws.column, ws.perOutput[k]);
            for (int j = 0; j < count; j++) {
                out[j * outputs + k] = ws.column[j];
            }
        }
    }

    /**
     * The Jacobian at z, analytic ({@link SnaModel#gradient}).
     *
     * @param z   read, length D, inside the domain
     * @param jac written, row-major K x D: jac[k * D + d] = du_k/dz_d
     * @throws IllegalArgumentException if z has the wrong length or a coordinate lies outside its domain
     */
    public void jacobian(double[] z, double[] jac) {
        int dim = dimension();
        double[] g = new double[dim];
        for (int k = 0; k < models.length; k++) {
            models[k].gradient(z, g);
            System.arraycopy(g, 0, jac, k * dim, dim);
        }
    }

    /**
     * The weighted Hessian-vector product sum_k sens[k] (d^2 u_k/dz^2) v at z, analytic
     * ({@link SnaModel#hessianVector}); outputs with sens[k] = 0 are skipped.
     *
     * @param z    read, length D, inside the domain
     * @param sens read, length K
     * @param v    read, length D
     * @param out  written, length D; must not alias the others
     * @throws IllegalArgumentException if a length is wrong or a coordinate lies outside its domain
     */
    public void hessianVector(double[] z, double[] sens, double[] v, double[] out) {
        if (sens.length != models.length) {
            throw new IllegalArgumentException("sens must have " + models.length + " entries, got " + sens.length);
        }
        models[0].checkPoint(z); // also when every weight is zero
        int dim = dimension();
        double[] hv = new double[dim];
        Arrays.fill(out, 0, dim, 0.0);
        for (int k = 0; k < models.length; k++) {
            if (sens[k] != 0.0) {
                models[k].hessianVector(z, v, hv);
                for (int d = 0; d < dim; d++) {
                    out[d] += sens[k] * hv[d];
                }
            }
        }
    }

    /** Caller-owned scratch: one {@link SnaModel.Workspace} per output and a column buffer. Not thread safe. */
    public static final class Workspace {
        final MultiSnaModel model;
        final SnaModel.Workspace[] perOutput;
        /** One output's values for a batch, grown to the largest batch seen. */
        double[] column = new double[1];

        private Workspace(MultiSnaModel model) {
            this.model = model;
            this.perOutput = new SnaModel.Workspace[model.models.length];
            for (int k = 0; k < perOutput.length; k++) {
                perOutput[k] = model.models[k].newWorkspace();
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiSnaModel m && Arrays.equals(models, m.models);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(models);
    }

    @Override
    public String toString() {
        return "MultiSnaModel" + outputNames() + " over " + names();
    }
}
