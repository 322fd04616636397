package org.snauq.inverse;

/**
 * The map from the unknowns theta (p values) to the predicted observations (m values), with its Jacobian: what
 * an inversion needs of a model. Implementations: {@link SnaPointForward} (point values of an SNA whose coordinates
 * include the unknowns), {@code org.snauq.thermal.LpbfForward} (temperatures and melt-pool QoIs of the LPBF model).
 *
 * <p>Implementations may keep scratch (one instance per thread).
 */
public interface ForwardModel {

    /** m, the number of observations. */
    int observations();

    /** p, the number of unknowns. */
    int parameters();

    /** Lower end of unknown j where {@link #predict} is defined (may be -infinity). */
    double lower(int j);

    /** Upper end of unknown j (may be +infinity). */
    double upper(int j);

    /**
     * @param theta      the unknowns, length p (read)
     * @param prediction written, length m
     * @param jacobian   written when not null: jacobian[i * p + j] = d prediction_i / d theta_j
     * @return false when theta is outside the model's domain (then nothing is written)
     */
    boolean predict(double[] theta, double[] prediction, double[] jacobian);
}
