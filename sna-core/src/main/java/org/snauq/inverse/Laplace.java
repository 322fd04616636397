package org.snauq.inverse;

/**
 * The Laplace (Gaussian) approximation of the posterior at the MAP: covariance = H^-1 with the Gauss-Newton
 * Hessian of Phi, H = J^T diag(1/sigma^2) J - diag((log p_j)''), in the unknowns' own units. It ignores the
 * model's curvature times the residuals (small at a good fit) and the box (wrong when the MAP sits on a bound).
 *
 * @param mean       the MAP
 * @param covariance row-major p x p; all NaN when H is not positive definite
 */
public record Laplace(double[] mean, double[] covariance) {

    /** At theta (the MAP) of the problem. */
    public static Laplace at(InverseProblem problem, double[] theta) {
        int p = problem.parameters();
        int m = problem.observations();
        double[] prediction = new double[m];
        double[] jacobian = new double[m * p];
        double[] h = new double[p * p];
        if (Double.isFinite(problem.cost(theta, prediction, jacobian))) {
            for (int i = 0; i < m; i++) {
                double w = 1 / (problem.sd(i) * problem.sd(i));
                for (int j = 0; j < p; j++) {
                    for (int k = 0; k < p; k++) {
                        h[j * p + k] += w * jacobian[i * p + j] * jacobian[i * p + k];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                h[j * p + j] -= problem.priors().get(j).logDensityCurvature(theta[j]);
            }
        } else {
            java.util.Arrays.fill(h, Double.NaN);
        }
        double[] cov = DenseSpd.inverse(h, p);
        if (cov == null) {
            cov = new double[p * p];
            java.util.Arrays.fill(cov, Double.NaN);
        }
        return new Laplace(theta.clone(), cov);
    }

    /** Whether the covariance exists (H was positive definite). */
    public boolean valid() {
        return !Double.isNaN(covariance[0]);
    }

    /** sd of unknown j. */
    public double sd(int j) {
        return Math.sqrt(covariance[j * mean.length + j]);
    }

    /** Correlation of unknowns j and k. */
    public double correlation(int j, int k) {
        int p = mean.length;
        return covariance[j * p + k] / Math.sqrt(covariance[j * p + j] * covariance[k * p + k]);
    }
}
