package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.List;

/**
 * The derivative g_u of a solution-dependent field g(z, u) (a coefficient, velocity or flux of a nonlinear PDE), for
 * Newton's Jacobian and for a flux's velocity f_u: exact through sums, products, constants and u itself
 * ({@link Field.Solution}), and for a function of u alone that is a polynomial of degree at most 4 (recognised by
 * {@link #polynomial}: "u^2/2" written as one expression); by a central difference in u inside any other
 * function, with step h = {@link #STEP} (1 + |u|), whose error is O(h^2) plus rounding (about
 * 1e-16 / STEP^2 = 1e-8 relative for a second derivative).
 *
 * <p>Fields read u at index D of the point (after the D coordinates); see {@link PdeProblem}.
 */
final class SolutionDependence {

    /** Relative step of the central difference in u. */
    static final double STEP = 1e-4;
    /** Highest degree recognised when a function of u alone is tested for being a polynomial. */
    static final int MAX_DEGREE = 4;
    /** Interpolation nodes (Chebyshev points of [-2, 2]) and independent check points of that test. */
    private static final double[] NODES = chebyshev(MAX_DEGREE + 1, 2.0);
    private static final double[] CHECKS = {-1.7, -0.45, 0.3, 1.1, 3.0};
    /** Agreement (relative to the values' size) at the check points for a polynomial, and the relative size below
     *  which a fitted coefficient is rounding. */
    private static final double POLYNOMIAL_TOLERANCE = 1e-10;

    private SolutionDependence() {
    }

    /** dg/du, or the constant 0 when g does not depend on u ({@code dim} coordinates before u). */
    static Field derivative(Field g, String u, int dim) {
        if (!g.variables().contains(u)) {
            return Field.constant(0);
        }
        if (g instanceof Field.Solution) {
            return Field.constant(1);
        }
        double[] poly = g.variables().size() == 1 ? polynomial(g, dim) : null;
        if (poly != null) {
            double[] d = new double[Math.max(poly.length - 1, 1)];
            for (int k = 1; k < poly.length; k++) {
                d[k - 1] = k * poly[k];
            }
            return polynomialField(d, g.variables().iterator().next(), dim);
        }
        if (g instanceof Field.Sum s) {
            List<Field> parts = new ArrayList<>();
            for (Field p : s.parts()) {
                if (p.variables().contains(u)) {
                    parts.add(derivative(p, u, dim));
                }
            }
            return parts.size() == 1 ? parts.get(0) : Field.sum(parts);
        }
        if (g instanceof Field.Product p) {
            List<Field> parts = new ArrayList<>();
            List<Field> factors = p.factors();
            for (int i = 0; i < factors.size(); i++) {
                if (!factors.get(i).variables().contains(u)) {
                    continue;
                }
                List<Field> term = new ArrayList<>(factors);
                term.set(i, derivative(factors.get(i), u, dim));
                parts.add(Field.product(term));
            }
            return parts.size() == 1 ? parts.get(0) : Field.sum(parts);
        }
        return Field.of(g.variables(), z -> {
            double[] y = z.clone();
            double h = STEP * (1 + Math.abs(z[dim]));
            y[dim] = z[dim] + h;
            double up = g.value(y);
            y[dim] = z[dim] - h;
            return (up - g.value(y)) / (2 * h);
        });
    }

    /**
     * The coefficients a_0..a_m of g(u) = sum_k a_k u^k when g, a function of u alone, is a polynomial of degree at
     * most {@link #MAX_DEGREE}: interpolated at Chebyshev points of [-2, 2] and checked at other points, with
     * coefficients at rounding level dropped. Null otherwise (exp(u), a rational function).
     */
    static double[] polynomial(Field g, int dim) {
        int n = NODES.length;
        double[] z = new double[dim + 1];
        double[][] a = new double[n][n];
        double[] y = new double[n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            z[dim] = NODES[i];
            y[i] = g.value(z);
            if (!Double.isFinite(y[i])) {
                return null;
            }
            scale = Math.max(scale, Math.abs(y[i]));
            for (int k = 0; k < n; k++) {
                a[i][k] = Math.pow(NODES[i], k);
            }
        }
        double[] c = solve(a, y);
        double max = 0;
        for (double v : c) {
            max = Math.max(max, Math.abs(v));
        }
        for (int k = 0; k < n; k++) {
            if (Math.abs(c[k]) <= POLYNOMIAL_TOLERANCE * max) {
                c[k] = 0; // rounding of the interpolation
            }
        }
        for (double u : CHECKS) {
            z[dim] = u;
            double v = g.value(z);
            double p = 0;
            for (int k = n - 1; k >= 0; k--) {
                p = p * u + c[k];
            }
            if (!(Math.abs(v - p) <= POLYNOMIAL_TOLERANCE * Math.max(scale, Math.abs(v)))) {
                return null;
            }
        }
        int degree = n - 1;
        while (degree > 0 && c[degree] == 0) {
            degree--;
        }
        return java.util.Arrays.copyOf(c, degree + 1);
    }

    /** sum_k a_k u^k as a sum of products of constants and u ({@link Field.Solution}). */
    static Field polynomialField(double[] a, String u, int dim) {
        List<Field> parts = new ArrayList<>();
        for (int k = 0; k < a.length; k++) {
            if (a[k] == 0) {
                continue;
            }
            List<Field> factors = new ArrayList<>();
            factors.add(Field.constant(a[k]));
            for (int j = 0; j < k; j++) {
                factors.add(Field.solution(u, dim));
            }
            parts.add(factors.size() == 1 ? factors.get(0) : Field.product(factors));
        }
        return parts.isEmpty() ? Field.constant(0) : parts.size() == 1 ? parts.get(0) : Field.sum(parts);
    }

    private static double[] chebyshev(int n, double half) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = half * Math.cos(Math.PI * (i + 0.5) / n);
        }
        return x;
    }

    /** Gaussian elimination with partial pivoting on a small dense system (a and y are overwritten). */
    private static double[] solve(double[][] a, double[] y) {
        int n = y.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] tr = a[col];
            a[col] = a[piv];
            a[piv] = tr;
            double ty = y[col];
            y[col] = y[piv];
            y[piv] = ty;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= f * a[col][k];
                }
                y[r] -= f * y[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = y[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
