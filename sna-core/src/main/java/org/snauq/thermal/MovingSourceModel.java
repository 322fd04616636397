package org.snauq.thermal;

import org.snauq.model.SnaModel;
import org.snauq.qoi.FactorMeltPool;
import org.snauq.qoi.MeltPoolSensitivity;
import org.snauq.qoi.SnaJet;

/**
 * The dimensionless moving-source SNA (coordinates x, y, z in beam radii, Pe and beta, output u = theta / A;
 * {@code conf/problems/lpbf5d.yaml}) read for one material: temperatures and melt-pool QoIs at a physical point
 * {eta, s, P, v, r_b, beta} (absorptivity, conductivity scale, W, m/s, m, ring fraction), with their derivatives
 * with respect to all six by the chain rule through Pe = v r_b / (s alpha_0), A = eta P / (pi s k_ref r_b),
 * theta = A u and T = T(theta) ({@link ThermalScaling}); the SNA's own derivatives are exact
 * ({@link SnaJet}, {@link MeltPoolSensitivity}).
 *
 * <p>Mutable scratch: one instance per thread; the SNA and the scaling are shared.
 */
public final class MovingSourceModel {

    /** Indices of the physical inputs. */
    public static final int ETA = 0;
    public static final int SCALE = 1;
    public static final int POWER = 2;
    public static final int SPEED = 3;
    public static final int RADIUS = 4;
    public static final int BETA = 5;
    public static final int INPUTS = 6;
    /** Surface scan points of the melt-pool searches (as {@code MeltPool.extract(.., 81, ..)}). */
    static final int SAMPLES = 81;

    private final SnaModel model;
    private final ThermalScaling scaling;
    private final int[] axes;
    private final int pe;
    private final int beta;
    private final FactorMeltPool pool;
    private final MeltPoolSensitivity sensitivity;
    private final SnaJet jet;
    private final double[] z;
    private final double[] ext = new double[FactorMeltPool.EXTENDED];
    private final double[] d;
    private final double[] grad;
    private final double[] dLnA = new double[INPUTS];
    private final double[] dPe = new double[INPUTS];
    private final double theta;

    /**
     * @throws IllegalArgumentException when the model lacks a coordinate x, y, z, Pe or beta
     */
    public MovingSourceModel(SnaModel model, ThermalScaling scaling) {
        this.model = model;
        this.scaling = scaling;
        this.axes = new int[] {coordinate(model, "x"), coordinate(model, "y"), coordinate(model, "z")};
        this.pe = coordinate(model, "Pe");
        this.beta = coordinate(model, "beta");
        this.pool = new FactorMeltPool(model, axes, SAMPLES);
        this.sensitivity = new MeltPoolSensitivity(model, axes);
        this.jet = new SnaJet(model);
        this.z = new double[model.dimension()];
        this.d = new double[4 * (model.dimension() + 1)];
        this.grad = new double[model.dimension()];
        this.theta = scaling.liquidusTheta();
    }

    private static int coordinate(SnaModel model, String name) {
        int i = model.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("the moving-source model needs a coordinate '" + name + "', got "
                    + model.names());
        }
        return i;
    }

    public ThermalScaling scaling() {
        return scaling;
    }

    public SnaModel model() {
        return model;
    }

    /** Pe of a physical point. */
    public double peclet(double[] in) {
        return scaling.peclet(in[SPEED], in[RADIUS], in[SCALE]);
    }

    /** True when the point is physical and its Pe and beta are inside the model's domain. */
    public boolean inDomain(double[] in) {
        if (!(in[ETA] > 0 && in[ETA] <= 1 && in[SCALE] > 0 && in[POWER] > 0 && in[SPEED] > 0 && in[RADIUS] > 0)) {
            return false;
        }
        double p = peclet(in);
        return p >= model.lower(pe) && p <= model.upper(pe) && in[BETA] >= model.lower(beta)
                && in[BETA] <= model.upper(beta);
    }

    /**
     * Melt-pool QoIs: out = {peak T (K), length, width, depth (m), clipped (1 or 0)}; with jac not null also
     * jac[q * 6 + i] = d QoI_q / d input_i for q = peak, length, width, depth.
     *
     * @param in  the physical point (read; must be {@link #inDomain})
     * @param out written, length &gt;= 5
     * @param jac written when not null, length 24
     */
    public void meltPool(double[] in, double[] out, double[] jac) {
        double a = groups(in);
        double tau = theta / a;
        pool.extract(z, tau, 0.0, ext);
        double rb = in[RADIUS];
        double thetaPeak = a * ext[0];
        out[0] = scaling.temperature(thetaPeak);
        out[1] = rb * ext[3];
        out[2] = rb * ext[4];
        out[3] = rb * ext[5];
        out[4] = ext[6];
        if (jac == null) {
            return;
        }
        sensitivity.derivatives(z, ext, d);
        int stride = model.dimension() + 1;
        int dim = model.dimension();
        double slope = scaling.temperatureSlope(thetaPeak);
        for (int i = 0; i < INPUTS; i++) {
            double dBeta = i == BETA ? 1 : 0;
            double dTau = -tau * dLnA[i];
            double du = d[pe] * dPe[i] + d[beta] * dBeta;
            jac[i] = slope * (thetaPeak * dLnA[i] + a * du);
            for (int q = 1; q < 4; q++) {
                int row = q * stride;
                double dl = d[row + pe] * dPe[i] + d[row + beta] * dBeta + d[row + dim] * dTau;
                jac[q * INPUTS + i] = rb * dl + (i == RADIUS ? ext[2 + q] : 0);
            }
        }
    }

    /**
     * T at (x, y, z) in beam radii (the beam's frame); grad[i] = dT / d input_i when grad is not null.
     */
    public double temperature(double[] in, double x, double y, double zz, double[] grad6) {
        double a = groups(in);
        z[axes[0]] = x;
        z[axes[1]] = y;
        z[axes[2]] = zz;
        double u = jet.evaluate(z, grad, null);
        double th = a * u;
        double t = scaling.temperature(th);
        if (grad6 != null) {
            double slope = scaling.temperatureSlope(th);
            for (int i = 0; i < INPUTS; i++) {
                double du = grad[pe] * dPe[i] + (i == BETA ? grad[beta] : 0);
                grad6[i] = slope * (th * dLnA[i] + a * du);
            }
        }
        return t;
    }

    /** Sets z's Pe and beta, d ln A / d input and d Pe / d input; returns A. */
    private double groups(double[] in) {
        double p = peclet(in);
        z[pe] = p;
        z[beta] = in[BETA];
        java.util.Arrays.fill(dLnA, 0);
        java.util.Arrays.fill(dPe, 0);
        dLnA[ETA] = 1 / in[ETA];
        dLnA[SCALE] = -1 / in[SCALE];
        dLnA[POWER] = 1 / in[POWER];
        dLnA[RADIUS] = -1 / in[RADIUS];
        dPe[SCALE] = -p / in[SCALE];
        dPe[SPEED] = p / in[SPEED];
        dPe[RADIUS] = p / in[RADIUS];
        return scaling.amplitude(in[ETA], in[POWER], in[RADIUS], in[SCALE]);
    }
}
