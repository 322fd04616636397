package org.snauq.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;

/**
 * A rank-2 SNA that is exactly u(a, b, x) = a + b x (linear atoms reproduce linear functions), a, b in [-10, 10],
 * x in [0, 1]: point observations of it make a linear-Gaussian inverse problem whose MAP and Laplace covariance are
 * weighted least squares in closed form.
 */
final class LineModel {

    static final double LO = -10;
    static final double HI = 10;

    private LineModel() {
    }

    static SnaModel model() {
        BSplineBasis ab = BSplineBasis.clampedUniform(1, 2, LO, HI);
        BSplineBasis x = BSplineBasis.clampedUniform(1, 2, 0, 1);
        // factors[d][i * 2 + r]: term 0 = a * 1 * 1, term 1 = 1 * b * x; a linear atom pair holds (f(lo), f(hi))
        double[][] w = {
            {LO, 1, HI, 1},
            {1, LO, 1, HI},
            {1, 0, 1, 1},
        };
        return SnaModel.of(List.of("a", "b", "x"), List.of(ab, ab, x), new double[] {1, 1}, w, "u");
    }

    static Path write(Path dir) throws IOException {
        Path f = dir.resolve("line.sna");
        SnaModelFile.write(model(), f);
        return f;
    }

    /**
     * Weighted least squares of y_i = a + b x_i with sds s_i: {a, b, var a, var b, cov ab} from the 2 x 2 normal
     * equations (the posterior of flat priors on a box that holds it).
     */
    static double[] leastSquares(double[] x, double[] y, double[] s) {
        double s00 = 0;
        double s01 = 0;
        double s11 = 0;
        double r0 = 0;
        double r1 = 0;
        for (int i = 0; i < x.length; i++) {
            double w = 1 / (s[i] * s[i]);
            s00 += w;
            s01 += w * x[i];
            s11 += w * x[i] * x[i];
            r0 += w * y[i];
            r1 += w * x[i] * y[i];
        }
        double det = s00 * s11 - s01 * s01;
        return new double[] {(s11 * r0 - s01 * r1) / det, (s00 * r1 - s01 * r0) / det, s11 / det, s00 / det,
            -s01 / det};
    }
}
