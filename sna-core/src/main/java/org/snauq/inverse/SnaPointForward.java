package org.snauq.inverse;

import org.snauq.model.SnaModel;

/**
 * Point observations of an SNA: observation i is u(z_i), the point z_i known except at the coordinates of the
 * unknowns, which all observations share (e.g. thermocouple readings at known positions, the material parameters
 * unknown). The Jacobian is the SNA's exact gradient at those coordinates ({@link SnaModel#gradient}). The domain
 * is the model's. Scratch per instance; one per thread.
 */
public final class SnaPointForward implements ForwardModel {

    private final SnaModel model;
    private final int[] unknowns;
    private final double[][] points;
    private final double[] z;
    private final double[] grad;

    /**
     * @param model    the SNA
     * @param unknowns model coordinate index of each unknown (read)
     * @param points   points[i]: all D coordinates of observation i; entries at the unknowns are ignored (read)
     * @throws IllegalArgumentException for a repeated or missing unknown, a point of the wrong length or a known
     *                                  coordinate outside the model's domain
     */
    public SnaPointForward(SnaModel model, int[] unknowns, double[][] points) {
        int dim = model.dimension();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int u : unknowns) {
            if (u < 0 || u >= dim || !seen.add(u)) {
                throw new IllegalArgumentException("unknowns must be distinct coordinates in [0, " + dim + "), got "
                        + java.util.Arrays.toString(unknowns));
            }
        }
        this.points = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != dim) {
                throw new IllegalArgumentException("observations[" + i + "] must give " + dim + " coordinates, got "
                        + points[i].length);
            }
            this.points[i] = points[i].clone();
            for (int d = 0; d < dim; d++) {
                double v = points[i][d];
                if (!seen.contains(d) && !(v >= model.lower(d) && v <= model.upper(d))) {
                    throw new IllegalArgumentException("observations[" + i + "]: " + model.name(d) + " = " + v
                            + " is outside the model's domain [" + model.lower(d) + ", " + model.upper(d) + "]");
                }
            }
        }
        this.model = model;
        this.unknowns = unknowns.clone();
        this.z = new double[dim];
        this.grad = new double[dim];
    }

    @Override
    public int observations() {
        return points.length;
    }

    @Override
    public int parameters() {
        return unknowns.length;
    }

    @Override
    public double lower(int j) {
        return model.lower(unknowns[j]);
    }

    @Override
    public double upper(int j) {
        return model.upper(unknowns[j]);
    }

    @Override
    public boolean predict(double[] theta, double[] prediction, double[] jacobian) {
        int p = unknowns.length;
        for (int j = 0; j < p; j++) {
            if (!(theta[j] >= lower(j) && theta[j] <= upper(j))) {
                return false;
            }
        }
        for (int i = 0; i < points.length; i++) {
            System.arraycopy(points[i], 0, z, 0, z.length);
            for (int j = 0; j < p; j++) {
                z[unknowns[j]] = theta[j];
            }
            prediction[i] = model.gradient(z, grad);
            if (jacobian != null) {
                for (int j = 0; j < p; j++) {
                    jacobian[i * p + j] = grad[unknowns[j]];
                }
            }
        }
        return true;
    }
}
