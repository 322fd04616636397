package org.snauq.serve;

import java.util.regex.Pattern;
import org.snauq.model.MultiSnaModel;

/**
 * One model as a UM-Bridge server offers it: under a name, one input vector (the model's D coordinates in their
 * stored order) and one output vector (its K outputs), with the four actions of protocol 1.0 computed from the
 * B-spline factors (never by differencing).
 *
 * <p>Domain policy: a point outside the domain is InvalidInput naming the coordinate, value and domain, unless
 * the request asks {@code config: {"clamp": true}}; then the served function is g(z) = u(clamp(z)), and its
 * derivatives are u's at clamp(z) with the rows and columns of the clamped coordinates zeroed (g is constant
 * along them), so gradients stay exact for g. Answers are checked finite: a product that overflows is refused,
 * never sent as Infinity or NaN. Thread safe: each worker thread keeps its own evaluation workspace.
 *
 * @param name  the name clients ask for: letters, digits, '_', '-' and '.'
 * @param model the model
 */
public record ServedModel(String name, MultiSnaModel model) {

    /** Served names appear in JSON and in logs; a file stem like {@code lpbf-7d.v2} is fine. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public ServedModel {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name must match " + NAME.pattern() + ", got '"
                    + name.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /** D, the size of the one input vector. */
    public int inputSize() {
        return model.dimension();
    }

    /** K, the size of the one output vector. */
    public int outputSize() {
        return model.outputCount();
    }

    /**
     * A point of a request: the coordinates to evaluate at (clamped when asked) and, per coordinate, whether the
     * served function varies along it there (false where clamping moved it).
     */
    record Point(double[] z, boolean[] free) {
    }

    /** The input after the domain policy, or InvalidInput naming the first coordinate outside its domain. */
    Point point(double[] input, boolean clamp) throws ProtocolError {
        int dim = inputSize();
        double[] z = input.clone();
        boolean[] free = new boolean[dim];
        for (int d = 0; d < dim; d++) {
            double lo = model.lower(d);
            double hi = model.upper(d);
            free[d] = z[d] >= lo && z[d] <= hi;
            if (!free[d]) {
                if (!clamp) {
                    throw ProtocolError.invalidInput("input[0][" + d + "] (" + model.name(d) + ") = " + z[d]
                            + " is outside the domain [" + lo + ", " + hi + "] (config {\"clamp\": true} moves it"
                            + " onto the boundary)");
                }
                z[d] = Math.min(Math.max(z[d], lo), hi);
            }
        }
        return new Point(z, free);
    }

    /** Evaluate: the K outputs at the point. */
    double[] evaluate(Point p, MultiSnaModel.Workspace ws) throws ProtocolError {
        double[] out = new double[outputSize()];
        model.evaluate(p.z, 1, out, ws);
        return finite(out, "output", "");
    }

    /** Gradient: J^T sens, the gradient of sens . u with respect to the input. */
    double[] gradient(Point p, double[] sens) throws ProtocolError {
        int dim = inputSize();
        double[] jac = jacobian(p);
        double[] out = new double[dim];
        for (int k = 0; k < sens.length; k++) {
            for (int d = 0; d < dim; d++) {
                out[d] += sens[k] * jac[k * dim + d];
            }
        }
        return finite(out, "gradient", SCALE_DOWN);
    }

    /** ApplyJacobian: J vec. */
    double[] applyJacobian(Point p, double[] vec) throws ProtocolError {
        int dim = inputSize();
        double[] jac = jacobian(p);
        double[] out = new double[outputSize()];
        for (int k = 0; k < out.length; k++) {
            for (int d = 0; d < dim; d++) {
                out[k] += jac[k * dim + d] * vec[d];
            }
        }
        return finite(out, "Jacobian action", SCALE_DOWN);
    }

    /** ApplyHessian: (sum_k sens_k H_k) vec, with H_k the Hessian of output k. */
    double[] applyHessian(Point p, double[] sens, double[] vec) throws ProtocolError {
        double[] v = vec.clone();
        mask(v, p.free);
        double[] out = new double[inputSize()];
        model.hessianVector(p.z, sens, v, out);
        mask(out, p.free);
        return finite(out, "Hessian action", SCALE_DOWN);
    }

    /** J[k * D + d] = du_k/dz_d of the served function (zero along clamped coordinates). */
    private double[] jacobian(Point p) {
        int dim = inputSize();
        double[] jac = new double[outputSize() * dim];
        model.jacobian(p.z, jac);
        for (int k = 0; k < outputSize(); k++) {
            for (int d = 0; d < dim; d++) {
                if (!p.free[d]) {
                    jac[k * dim + d] = 0.0;
                }
            }
        }
        return jac;
    }

    private static void mask(double[] v, boolean[] free) {
        for (int d = 0; d < v.length; d++) {
            if (!free[d]) {
                v[d] = 0.0;
            }
        }
    }

    private static final String SCALE_DOWN = "; scale sens or vec down";

    private static double[] finite(double[] out, String what, String hint) throws ProtocolError {
        for (double v : out) {
            if (!Double.isFinite(v)) {
                throw ProtocolError.invalidInput("the " + what + " overflows at this input (got " + v + ")" + hint);
            }
        }
        return out;
    }
}
