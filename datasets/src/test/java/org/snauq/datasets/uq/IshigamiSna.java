package org.snauq.datasets.uq;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * The Ishigami function as an SNA built without ALS: it is exactly rank 2 in separated form,
 * sin(x1) (1 + b x3^4) + a sin(x2)^2 (METHOD.md section 7), so each 1-D factor is fitted alone by least squares
 * on {@value #ATOMS} cubic atoms over [-pi, pi]; a constant factor is all ones (partition of unity).
 * The cubic-spline error is O(h^4) with h = 2 pi / 21, about 1e-5 on these smooth factors.
 */
final class IshigamiSna {

    static final int ATOMS = 24;
    private static final int FIT_POINTS = 2000;

    private IshigamiSna() {
    }

    static SnaModel build(double a, double b) {
        BSplineBasis basis = BSplineBasis.clampedUniform(3, ATOMS, -Math.PI, Math.PI);
        double[] ones = new double[ATOMS];
        java.util.Arrays.fill(ones, 1.0);
        double[] f1 = fit(basis, Math::sin);
        double[] f3 = fit(basis, x -> 1.0 + b * x * x * x * x);
        double[] f2 = fit(basis, x -> a * Math.sin(x) * Math.sin(x));
        double[][] w = {interleave(f1, ones), interleave(ones, f2), interleave(f3, ones)};
        return SnaModel.of(List.of("x1", "x2", "x3"), List.of(basis, basis, basis), new double[] {1.0, 1.0}, w,
                "ishigami");
    }

    /** Row-major n x 2 factor from its two columns. */
    private static double[] interleave(double[] r0, double[] r1) {
        double[] w = new double[2 * r0.length];
        for (int i = 0; i < r0.length; i++) {
            w[2 * i] = r0[i];
            w[2 * i + 1] = r1[i];
        }
        return w;
    }

    /** Least-squares coefficients of g on the atoms, from FIT_POINTS equispaced points (QR). */
    static double[] fit(BSplineBasis basis, DoubleUnaryOperator g) {
        int n = basis.count();
        double[][] design = new double[FIT_POINTS][n];
        double[] rhs = new double[FIT_POINTS];
        for (int k = 0; k < FIT_POINTS; k++) {
            double x = basis.lower() + (basis.upper() - basis.lower()) * k / (FIT_POINTS - 1.0);
            int span = basis.findSpan(x);
            double[] v = basis.evaluate(x);
            for (int j = 0; j <= basis.degree(); j++) {
                design[k][span - basis.degree() + j] = v[j];
            }
            rhs[k] = g.applyAsDouble(x);
        }
        RealVector c = new QRDecomposition(new Array2DRowRealMatrix(design, false)).getSolver()
                .solve(new ArrayRealVector(rhs, false));
        return c.toArray();
    }
}
