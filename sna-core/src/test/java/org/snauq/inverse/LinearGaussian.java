package org.snauq.inverse;

import java.util.List;
import java.util.Map;
import org.snauq.basis.BSplineBasis;
import org.snauq.dist.InputSpec;
import org.snauq.model.SnaModel;

/**
 * A test problem with a Gaussian posterior in closed form: the rank-2 SNA u(a, b, x) = a f(x) + b g(x) (a, b on
 * linear atoms, so u is exactly linear in them; f, g cubic splines), observed at points x_i with noise sigma, normal
 * priors on a and b. Posterior covariance C = (J^T J / sigma^2 + P)^-1, mean C (J^T y / sigma^2 + P m), with
 * J_i = (f(x_i), g(x_i)), P = diag(1 / s_a^2, 1 / s_b^2).
 */
final class LinearGaussian {

    static final double LO = -4;
    static final double HI = 6;
    static final double[] PRIOR_MEAN = {1.0, 0.5};
    static final double[] PRIOR_SD = {0.8, 0.6};

    final SnaModel model;
    final double[] xs;

    LinearGaussian(double[] xs) {
        BSplineBasis lin = BSplineBasis.clampedUniform(1, 2, LO, HI);
        BSplineBasis cubic = BSplineBasis.clampedUniform(3, 8, 0, 1);
        double[] f = {1.0, 1.4, 0.2, -0.5, 0.3, 1.1, 0.9, 0.4};
        double[] g = {0.2, -0.3, 0.8, 1.2, 0.6, -0.2, 0.1, 0.7};
        double[] fx = new double[16];
        for (int i = 0; i < 8; i++) {
            fx[2 * i] = f[i];
            fx[2 * i + 1] = g[i];
        }
        // term 0: a * 1 * f(x); term 1: 1 * b * g(x); factors row-major n x R
        double[] fa = {LO, 1, HI, 1};
        double[] fb = {1, LO, 1, HI};
        this.model = SnaModel.of(List.of("a", "b", "x"), List.of(lin, lin, cubic), new double[] {1, 1},
                new double[][] {fa, fb, fx}, "u");
        this.xs = xs.clone();
    }

    SnaPointForward forward() {
        double[][] pts = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            pts[i] = new double[] {0, 0, xs[i]};
        }
        return new SnaPointForward(model, new int[] {0, 1}, pts);
    }

    static List<Prior> priors() {
        return List.of(Prior.of(new InputSpec("a", "normal", Map.of("mean", PRIOR_MEAN[0], "sd", PRIOR_SD[0]))),
                Prior.of(new InputSpec("b", "normal", Map.of("mean", PRIOR_MEAN[1], "sd", PRIOR_SD[1]))));
    }

    double[] observe(double a, double b) {
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            y[i] = model.value(new double[] {a, b, xs[i]});
        }
        return y;
    }

    /** {mean_a, mean_b, C_aa, C_ab, C_bb} of the exact posterior. */
    double[] posterior(double[] y, double sigma) {
        double haa = 1 / (PRIOR_SD[0] * PRIOR_SD[0]);
        double hbb = 1 / (PRIOR_SD[1] * PRIOR_SD[1]);
        double hab = 0;
        double ra = PRIOR_MEAN[0] * haa;
        double rb = PRIOR_MEAN[1] * hbb;
        for (int i = 0; i < xs.length; i++) {
            double f = model.value(new double[] {1, 0, xs[i]});
            double g = model.value(new double[] {0, 1, xs[i]});
            double w = 1 / (sigma * sigma);
            haa += w * f * f;
            hab += w * f * g;
            hbb += w * g * g;
            ra += w * f * y[i];
            rb += w * g * y[i];
        }
        double det = haa * hbb - hab * hab;
        double caa = hbb / det;
        double cab = -hab / det;
        double cbb = haa / det;
        return new double[] {caa * ra + cab * rb, cab * ra + cbb * rb, caa, cab, cbb};
    }
}
