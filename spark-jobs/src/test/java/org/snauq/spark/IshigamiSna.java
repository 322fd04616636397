package org.snauq.spark;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * An SNA of the Ishigami function built without ALS, from its exact rank-2 separated form
 * sin(x1) (1 + 0.1 x3^4) + 7 sin(x2)^2 (METHOD.md section 7): each 1-D factor is a least-squares fit on cubic
 * B-splines over [-pi, pi] (constants are exact: the atoms sum to one).
 */
public final class IshigamiSna {

    private IshigamiSna() {
    }

    public static SnaModel model(int atoms) {
        BSplineBasis b = BSplineBasis.clampedUniform(3, atoms, -Math.PI, Math.PI);
        double[] one = fit(b, x -> 1.0);
        double[] sin = fit(b, Math::sin);
        double[] sin2 = fit(b, x -> Math.sin(x) * Math.sin(x));
        double[] quartic = fit(b, x -> 1.0 + 0.1 * x * x * x * x);
        return SnaModel.of(List.of("x1", "x2", "x3"), List.of(b, b, b), new double[] {1.0, 7.0},
                new double[][] {columns(sin, one), columns(one, sin2), columns(quartic, one)}, "y");
    }

    private static double[] columns(double[] c0, double[] c1) {
        double[] w = new double[2 * c0.length];
        for (int i = 0; i < c0.length; i++) {
            w[2 * i] = c0[i];
            w[2 * i + 1] = c1[i];
        }
        return w;
    }

    private static double[] fit(BSplineBasis b, DoubleUnaryOperator f) {
        int m = 20 * b.count();
        Array2DRowRealMatrix a = new Array2DRowRealMatrix(m, b.count());
        ArrayRealVector y = new ArrayRealVector(m);
        double[] vals = new double[b.degree() + 1];
        double[] scratch = new double[b.scratchSize()];
        for (int k = 0; k < m; k++) {
            double x = -Math.PI + 2 * Math.PI * k / (m - 1);
            int span = b.findSpan(x);
            b.evaluate(x, span, vals, 0, scratch);
            for (int i = 0; i <= b.degree(); i++) {
                a.setEntry(k, span - b.degree() + i, vals[i]);
            }
            y.setEntry(k, f.applyAsDouble(x));
        }
        return new QRDecomposition(a).getSolver().solve(y).toArray();
    }
}
