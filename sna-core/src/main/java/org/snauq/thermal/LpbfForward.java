package org.snauq.thermal;

import java.util.List;
import org.snauq.inverse.ForwardModel;

/**
 * LPBF observations for an inversion ({@link org.snauq.inverse.InverseProblem}): melt-pool QoIs (peak temperature
 * K, length, width, depth m) and surface or depth temperatures at points given in beam radii in the beam's frame
 * (thermocouples, pyrometer spots), predicted by a {@link MovingSourceModel}; the unknowns are any of its six
 * physical inputs, the others known. Jacobians are analytic (the SNA's exact derivatives and the chain rule). A
 * point outside the model's domain (Pe or beta out of range), or whose melt pool is cut by the box while a QoI is
 * observed, is outside the forward model's domain. Scratch per instance; one per thread.
 */
public final class LpbfForward implements ForwardModel {

    /** What one observation measures. */
    public enum Kind {
        PEAK, LENGTH, WIDTH, DEPTH, TEMPERATURE
    }

    /**
     * One observation: a QoI, or a temperature at (x, y, z) in beam radii (x along the scan, the beam at 0).
     */
    public record Observation(Kind kind, double x, double y, double z) {
        public static Observation of(Kind kind) {
            return new Observation(kind, Double.NaN, Double.NaN, Double.NaN);
        }

        public static Observation temperature(double x, double y, double z) {
            return new Observation(Kind.TEMPERATURE, x, y, z);
        }
    }

    private final MovingSourceModel model;
    private final double[] inputs;
    private final int[] unknowns;
    private final List<Observation> observations;
    private final boolean anyQoi;
    private final double[] pool = new double[5];
    private final double[] poolJac = new double[4 * MovingSourceModel.INPUTS];
    private final double[] grad = new double[MovingSourceModel.INPUTS];
    private final double[] in = new double[MovingSourceModel.INPUTS];

    /**
     * @param model        the moving-source model of one material
     * @param inputs       the six physical inputs; entries at the unknowns are ignored (read)
     * @param unknowns     indices into the inputs ({@link MovingSourceModel#ETA} ...), distinct (read)
     * @param observations what is observed, in order
     */
    public LpbfForward(MovingSourceModel model, double[] inputs, int[] unknowns, List<Observation> observations) {
        if (inputs.length != MovingSourceModel.INPUTS) {
            throw new IllegalArgumentException("inputs must give " + MovingSourceModel.INPUTS + " values, got "
                    + inputs.length);
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int u : unknowns) {
            if (u < 0 || u >= MovingSourceModel.INPUTS || !seen.add(u)) {
                throw new IllegalArgumentException("unknowns must be distinct input indices in [0, 6), got "
                        + java.util.Arrays.toString(unknowns));
            }
        }
        this.model = model;
        this.inputs = inputs.clone();
        this.unknowns = unknowns.clone();
        this.observations = List.copyOf(observations);
        this.anyQoi = observations.stream().anyMatch(o -> o.kind() != Kind.TEMPERATURE);
    }

    @Override
    public int observations() {
        return observations.size();
    }

    @Override
    public int parameters() {
        return unknowns.length;
    }

    /** Absorptivity in (0, 1]; beta in the model's range; s, v, r_b from the model's Pe range when the other two are
     *  known; P unbounded. */
    @Override
    public double lower(int j) {
        return bound(j, true);
    }

    @Override
    public double upper(int j) {
        return bound(j, false);
    }

    private double bound(int j, boolean lower) {
        int i = unknowns[j];
        var sna = model.model();
        int peIndex = sna.indexOf("Pe");
        double peLo = sna.lower(peIndex);
        double peHi = sna.upper(peIndex);
        ThermalScaling s = model.scaling();
        boolean othersKnown;
        switch (i) {
            case MovingSourceModel.ETA:
                return lower ? 0 : 1;
            case MovingSourceModel.BETA:
                return lower ? sna.lower(sna.indexOf("beta")) : sna.upper(sna.indexOf("beta"));
            case MovingSourceModel.SCALE:
                othersKnown = !isUnknown(MovingSourceModel.SPEED) && !isUnknown(MovingSourceModel.RADIUS);
                if (othersKnown) {
                    // Pe = v r_b rho c / (s k_ref): s = Pe(s=1) / Pe
                    double pe1 = s.peclet(inputs[MovingSourceModel.SPEED], inputs[MovingSourceModel.RADIUS], 1);
                    return lower ? pe1 / peHi : pe1 / peLo;
                }
                return lower ? 0 : Double.POSITIVE_INFINITY;
            case MovingSourceModel.SPEED:
            case MovingSourceModel.RADIUS:
                othersKnown = !isUnknown(MovingSourceModel.SCALE)
                        && !isUnknown(i == MovingSourceModel.SPEED ? MovingSourceModel.RADIUS : MovingSourceModel.SPEED);
                if (othersKnown) {
                    double other = inputs[i == MovingSourceModel.SPEED ? MovingSourceModel.RADIUS
                            : MovingSourceModel.SPEED];
                    double perUnit = s.peclet(1, other, inputs[MovingSourceModel.SCALE]); // Pe per unit of input i
                    return lower ? peLo / perUnit : peHi / perUnit;
                }
                return lower ? 0 : Double.POSITIVE_INFINITY;
            default:
                return lower ? 0 : Double.POSITIVE_INFINITY;
        }
    }

    private boolean isUnknown(int input) {
        for (int u : unknowns) {
            if (u == input) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean predict(double[] theta, double[] prediction, double[] jacobian) {
        System.arraycopy(inputs, 0, in, 0, in.length);
        for (int j = 0; j < unknowns.length; j++) {
            in[unknowns[j]] = theta[j];
        }
        if (!model.inDomain(in)) {
            return false;
        }
        int p = unknowns.length;
        if (anyQoi) {
            model.meltPool(in, pool, jacobian == null ? null : poolJac);
            if (pool[4] != 0) {
                return false; // the pool is cut by the box: its extents are not the model's
            }
        }
        for (int o = 0; o < observations.size(); o++) {
            Observation ob = observations.get(o);
            int q = ob.kind().ordinal();
            if (ob.kind() == Kind.TEMPERATURE) {
                prediction[o] = model.temperature(in, ob.x(), ob.y(), ob.z(), jacobian == null ? null : grad);
                if (jacobian != null) {
                    for (int j = 0; j < p; j++) {
                        jacobian[o * p + j] = grad[unknowns[j]];
                    }
                }
            } else {
                prediction[o] = pool[q];
                if (jacobian != null) {
                    for (int j = 0; j < p; j++) {
                        jacobian[o * p + j] = poolJac[q * MovingSourceModel.INPUTS + unknowns[j]];
                    }
                }
            }
        }
        return true;
    }
}
