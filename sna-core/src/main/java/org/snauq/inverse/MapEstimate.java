package org.snauq.inverse;

/**
 * A maximum a posteriori estimate.
 *
 * @param theta      the estimate (best point seen; a stationary point only when CONVERGED)
 * @param cost       Phi(theta), the negative log posterior up to a constant
 * @param status     how the search ended
 * @param iterations Levenberg-Marquardt iterations of the winning start
 * @param converged  how many of the starts converged
 * @param starts     how many starts were run
 */
public record MapEstimate(double[] theta, double cost, MapStatus status, int iterations, int converged, int starts) {
}
