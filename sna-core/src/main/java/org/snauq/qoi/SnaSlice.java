package org.snauq.qoi;

import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * An SNA u(z) = sum_r lambda_r prod_d phi_r^d(z_d) with every coordinate but three spatial ones fixed:
 *
 * <pre>  u(x, y, z) = sum_r c_r phi_r^X(x) phi_r^Y(y) phi_r^Z(z),   c_r = lambda_r prod_{d parameter} phi_r^d(p_d),</pre>
 *
 * so a point costs three span searches, 3 (p + 1) R multiply-adds and no allocation. Along a line (two coordinates
 * fixed) it is the 1-D spline sum_i (sum_r W[i, r] c_r phi_r^a phi_r^b) B_i: the 1-D searches of {@link MeltPool}
 * run on the factors alone, never on a grid.
 *
 * <p>Mutable scratch: one instance per thread. Immutable model, shared.
 */
public final class SnaSlice implements SpatialField {

    private final SnaModel model;
    private final double[][] w;
    private final int[] axes;
    private final int rank;
    private final double[] c;
    private final double[][] phi;
    private final double[] atoms;
    private final double[] atomScratch;

    /**
     * @param model      the SNA (read)
     * @param axes       model coordinate indices of the three spatial axes, in (scan, across, depth) order (read)
     * @param parameters values of all D coordinates; entries at {@code axes} are ignored (read; clamped to the
     *                   model's domain)
     */
    public SnaSlice(SnaModel model, int[] axes, double[] parameters) {
        if (axes.length != 3) {
            throw new IllegalArgumentException("axes must name 3 coordinates, got " + axes.length);
        }
        if (parameters.length != model.dimension()) {
            throw new IllegalArgumentException("parameters must have " + model.dimension() + " values, got "
                    + parameters.length);
        }
        this.model = model;
        this.w = new double[model.dimension()][];
        for (int d = 0; d < w.length; d++) {
            w[d] = model.factor(d);
        }
        this.axes = axes.clone();
        this.rank = model.rank();
        int maxDegree = 0;
        int scratch = 0;
        for (int d = 0; d < model.dimension(); d++) {
            maxDegree = Math.max(maxDegree, model.basis(d).degree());
            scratch = Math.max(scratch, model.basis(d).scratchSize());
        }
        this.atoms = new double[maxDegree + 1];
        this.atomScratch = new double[scratch];
        this.c = model.lambda();
        this.phi = new double[3][rank];
        double[] f = new double[rank];
        for (int d = 0; d < model.dimension(); d++) {
            if (d == axes[0] || d == axes[1] || d == axes[2]) {
                continue;
            }
            factorValues(d, parameters[d], f);
            for (int r = 0; r < rank; r++) {
                c[r] *= f[r];
            }
        }
    }

    /** phi_r^d(x) for all r (x clamped to the coordinate's interval). */
    private void factorValues(int d, double x, double[] out) {
        BSplineBasis b = model.basis(d);
        double xc = Math.min(Math.max(x, b.lower()), b.upper());
        int span = b.knots().findSpan(xc);
        b.evaluate(xc, span, atoms, 0, atomScratch);
        int p = b.degree();
        java.util.Arrays.fill(out, 0.0);
        for (int j = 0; j <= p; j++) {
            double bj = atoms[j];
            int row = (span - p + j) * rank;
            for (int r = 0; r < rank; r++) {
                out[r] += bj * w[d][row + r];
            }
        }
    }

    @Override
    public double lower(int axis) {
        return model.basis(axes[axis]).lower();
    }

    @Override
    public double upper(int axis) {
        return model.basis(axes[axis]).upper();
    }

    @Override
    public double value(double x, double y, double z) {
        factorValues(axes[0], x, phi[0]);
        factorValues(axes[1], y, phi[1]);
        factorValues(axes[2], z, phi[2]);
        double s = 0;
        for (int r = 0; r < rank; r++) {
            s += c[r] * phi[0][r] * phi[1][r] * phi[2][r];
        }
        return s;
    }
}
