package org.snauq.qoi;

import org.snauq.model.SnaModel;

/**
 * Derivatives of the melt-pool QoIs of {@link FactorMeltPool} with respect to every coordinate of the model (the
 * non-spatial ones: the parameters) and to the threshold tau, by implicit differentiation at the points the QoIs
 * were read at, from the SNA's exact gradient and Hessian ({@link SnaJet}):
 *
 * <ul>
 * <li>peak u(p_x, p_y, z_0): a maximum over the surface, so d peak / d q = du/dq there (envelope theorem);</li>
 * <li>a crossing t_c of a line, u(t_c) = tau: dt_c / dq = -(du/dq + du/dx dc_x/dq) / (du/dt), dt_c/d tau = 1 / (du/dt),
 * where c_x, the principal point (maximum of the centre line) the width and depth lines go through, moves with
 * dc_x/dq = -u_xq / u_xx (zero for the length line, which is the centre line itself);</li>
 * <li>length, width, depth: differences of crossings.</li>
 * </ul>
 * No pool (peak below tau) gives zero derivatives of the extents. Mutable scratch: one instance per thread.
 */
public final class MeltPoolSensitivity {

    /** Rows of {@link #derivatives}: peak, length, width, depth. */
    public static final int PEAK = 0;
    public static final int LENGTH = 1;
    public static final int WIDTH = 2;
    public static final int DEPTH = 3;

    private final SnaJet jet;
    private final int[] axes;
    private final int dim;
    private final double[] z;
    private final double[] grad;
    private final double[] hess;
    private final double[] dcx;
    private final double z0;

    /**
     * @param model the SNA (read)
     * @param axes  model coordinate indices of the (scan, across, depth) axes (read)
     */
    public MeltPoolSensitivity(SnaModel model, int[] axes) {
        this.jet = new SnaJet(model);
        this.axes = axes.clone();
        this.dim = model.dimension();
        this.z = new double[dim];
        this.grad = new double[dim];
        this.hess = new double[dim * dim];
        this.dcx = new double[dim];
        this.z0 = model.lower(axes[2]);
    }

    /**
     * @param parameters the point, all D coordinates (spatial entries ignored) (read)
     * @param qoi        the extended output of {@link FactorMeltPool#extract} at this point and threshold (read,
     *                   length {@link FactorMeltPool#EXTENDED})
     * @param out        written: out[q * (D + 1) + d] = d QoI_q / d z_d (0 for spatial d), out[q * (D + 1) + D]
     *                   = d QoI_q / d tau, for q = PEAK, LENGTH, WIDTH, DEPTH; length 4 (D + 1)
     */
    public void derivatives(double[] parameters, double[] qoi, double[] out) {
        int stride = dim + 1;
        java.util.Arrays.fill(out, 0, 4 * stride, 0.0);
        int ax = axes[0];
        int ay = axes[1];
        int az = axes[2];
        // peak
        at(parameters, qoi[7], qoi[8], z0);
        jet.evaluate(z, grad, null);
        for (int d = 0; d < dim; d++) {
            if (!spatial(d)) {
                out[PEAK * stride + d] = grad[d];
            }
        }
        if (Double.isNaN(qoi[9])) {
            return;
        }
        double cx = qoi[1];
        double cy = qoi[2];
        // the principal point's motion
        at(parameters, cx, cy, z0);
        jet.evaluate(z, grad, hess);
        double uxx = hess[ax * dim + ax];
        for (int d = 0; d < dim; d++) {
            dcx[d] = spatial(d) || !(uxx < 0) ? 0 : -hess[ax * dim + d] / uxx;
        }
        crossing(parameters, qoi[9], cy, z0, ax, false, +1, out, LENGTH);
        crossing(parameters, qoi[10], cy, z0, ax, false, -1, out, LENGTH);
        crossing(parameters, cx, qoi[11], z0, ay, true, +1, out, WIDTH);
        crossing(parameters, cx, qoi[12], z0, ay, true, -1, out, WIDTH);
        crossing(parameters, cx, cy, qoi[13], az, true, +1, out, DEPTH);
    }

    /** Adds sign * dt_c/d(.) of the crossing at (x, y, zz) along axis {@code along} to row {@code row}. */
    private void crossing(double[] parameters, double x, double y, double zz, int along, boolean movesWithCx,
                          int sign, double[] out, int row) {
        at(parameters, x, y, zz);
        jet.evaluate(z, grad, null);
        double slope = grad[along];
        if (!(slope != 0)) {
            return;
        }
        int stride = dim + 1;
        double ux = grad[axes[0]];
        for (int d = 0; d < dim; d++) {
            if (!spatial(d)) {
                double total = grad[d] + (movesWithCx ? ux * dcx[d] : 0);
                out[row * stride + d] += -sign * total / slope;
            }
        }
        out[row * stride + dim] += sign / slope;
    }

    private void at(double[] parameters, double x, double y, double zz) {
        System.arraycopy(parameters, 0, z, 0, dim);
        z[axes[0]] = x;
        z[axes[1]] = y;
        z[axes[2]] = zz;
    }

    private boolean spatial(int d) {
        return d == axes[0] || d == axes[1] || d == axes[2];
    }
}
