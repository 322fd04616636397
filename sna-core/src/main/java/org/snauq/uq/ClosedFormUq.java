package org.snauq.uq;

import java.util.ArrayList;
import java.util.List;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.snauq.model.SnaModel;

/**
 * Closed-form UQ of an SNA u(z) = sum_r lambda_r prod_d phi_r^d(z_d) with independent inputs X_d
 * (METHOD.md section 4). With mu^d, G^d the atom moments ({@link CoordinateMoments}: Gauss quadrature against
 * the density, mass outside [a_d, b_d] clamped to the ends as {@code SnaModel.evaluate} does),
 * m_r^d = (w_r^d)^T mu^d and S_rs^d = (w_r^d)^T G^d w_s^d:
 * <pre>
 *   E[u]            = sum_r lambda_r prod_d m_r^d
 *   E[u^2]          = sum_{r,s} lambda_r lambda_s prod_d S_rs^d
 *   E[E[u|X_i]^2]   = sum_{r,s} lambda_r lambda_s S_rs^i prod_{d != i} m_r^d m_s^d
 *   E[E[u|X_~i]^2]  = sum_{r,s} lambda_r lambda_s m_r^i m_s^i prod_{d != i} S_rs^d
 * </pre>
 * V = E[u^2] - E[u]^2, S_i = (E[E[u|X_i]^2] - E[u]^2) / V, ST_i = 1 - (E[E[u|X_~i]^2] - E[u]^2) / V.
 * Products over d != i use prefix and suffix products (no division by a factor that may vanish).
 * Cost O(sum_d n_d R (p + R) + R^2 D) after the quadrature: no sampling. Accuracy: the quadrature's
 * (about 1e-14 absolute per span) plus the cancellation in V, relative eps E[u^2] / V. V = 0 (every input
 * constant) gives NaN indices. Thread safe (stateless).
 */
public final class ClosedFormUq {

    private ClosedFormUq() {
    }

    /** With the input distributions stored in the model ({@link SnaModel#inputs()}), matched by name. */
    public static ClosedFormResult analyze(SnaModel model) {
        if (model.inputs().isEmpty()) {
            throw new IllegalArgumentException("model " + model.output() + " stores no input distributions");
        }
        return analyzeSpecs(model, model.inputs());
    }

    /** With inputs given as specs, matched to the model's coordinates by name. */
    public static ClosedFormResult analyzeSpecs(SnaModel model, List<InputSpec> specs) {
        Distribution[] dists = new Distribution[model.dimension()];
        for (InputSpec spec : specs) {
            int d = model.indexOf(spec.name());
            if (d < 0) {
                throw new IllegalArgumentException("input " + spec.name() + " is not a coordinate of the model "
                        + model.names());
            }
            dists[d] = Distributions.of(spec);
        }
        for (int d = 0; d < dists.length; d++) {
            if (dists[d] == null) {
                throw new IllegalArgumentException("no distribution for coordinate " + model.name(d));
            }
        }
        return analyze(model, List.of(dists));
    }

    /**
     * @param distributions one per coordinate, in model order
     */
    public static ClosedFormResult analyze(SnaModel model, List<? extends Distribution> distributions) {
        int dim = model.dimension();
        if (distributions.size() != dim) {
            throw new IllegalArgumentException("distributions: expected one per coordinate (" + dim + "), got "
                    + distributions.size());
        }
        int rank = model.rank();
        double[] lambda = model.lambda();
        double[][] m = new double[dim][rank];
        double[][] s = new double[dim][rank * rank];
        for (int d = 0; d < dim; d++) {
            CoordinateMoments cm = CoordinateMoments.of(model.basis(d), distributions.get(d));
            projectFactor(cm, model.factor(d), rank, m[d], s[d]);
        }
        double mean = 0.0;
        for (int r = 0; r < rank; r++) {
            double prod = lambda[r];
            for (int d = 0; d < dim; d++) {
                prod *= m[d][r];
            }
            mean += prod;
        }
        double second = 0.0;
        double[] firstSq = new double[dim];
        double[] totalSq = new double[dim];
        double[] pm = new double[dim + 1]; // prefix products of m_r m_s
        double[] ps = new double[dim + 1]; // prefix products of S_rs
        for (int r = 0; r < rank; r++) {
            for (int q = 0; q < rank; q++) {
                double ll = lambda[r] * lambda[q];
                pm[0] = 1.0;
                ps[0] = 1.0;
                for (int d = 0; d < dim; d++) {
                    pm[d + 1] = pm[d] * m[d][r] * m[d][q];
                    ps[d + 1] = ps[d] * s[d][r * rank + q];
                }
                second += ll * ps[dim];
                double sufM = 1.0;
                double sufS = 1.0;
                for (int i = dim - 1; i >= 0; i--) {
                    double mm = m[i][r] * m[i][q];
                    double ss = s[i][r * rank + q];
                    firstSq[i] += ll * ss * pm[i] * sufM;
                    totalSq[i] += ll * mm * ps[i] * sufS;
                    sufM *= mm;
                    sufS *= ss;
                }
            }
        }
        double variance = second - mean * mean;
        List<Double> first = new ArrayList<>(dim);
        List<Double> total = new ArrayList<>(dim);
        double mean2 = mean * mean;
        for (int i = 0; i < dim; i++) {
            first.add((firstSq[i] - mean2) / variance);
            total.add(1.0 - (totalSq[i] - mean2) / variance);
        }
        return new ClosedFormResult(model.output(), model.names(), mean, variance, first, total);
    }

    /** m_r = w_r^T mu and S_rs = w_r^T G w_s for a factor w (row-major n x R), via GW (banded). */
    private static void projectFactor(CoordinateMoments cm, double[] w, int rank, double[] m, double[] s) {
        int n = cm.count();
        int p = cm.degree();
        double[] gw = new double[n * rank];
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(0, i - p); j <= Math.min(n - 1, i + p); j++) {
                double gij = cm.g(i, j);
                for (int r = 0; r < rank; r++) {
                    gw[i * rank + r] += gij * w[j * rank + r];
                }
            }
            for (int r = 0; r < rank; r++) {
                m[r] += cm.mu(i) * w[i * rank + r];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < rank; r++) {
                double wir = w[i * rank + r];
                for (int q = 0; q < rank; q++) {
                    s[r * rank + q] += wir * gw[i * rank + q];
                }
            }
        }
    }
}
