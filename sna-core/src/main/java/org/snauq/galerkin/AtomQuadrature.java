package org.snauq.galerkin;

import org.snauq.basis.BSplineBasis;
import org.snauq.basis.SpanQuadrature;

/**
 * The atoms of one coordinate tabulated on Gauss-Legendre points, p + 2 per knot span: values and first and
 * second derivatives of the p + 1 atoms that are non-zero at each point. From it come the 1-D operator
 * matrices of METHOD.md section 3,
 *
 * <pre>  A[i, j] = int c_test(z) (D^a B_i)(z) c_trial(z) (D^b B_j)(z) dz   (banded, band p),</pre>
 *
 * which include the mass (a = b = 0), stiffness (1, 1), first-derivative (b = 1, a = 0) and coefficient
 * weighted mass matrices and every 1-D piece of a least-squares normal operator; load vectors
 * int f(z) c(z) D^a B_i dz; and values of a spline sum_i g_i c D^a B_i at the points.
 *
 * <p>p + 2 points per span integrate polynomials of degree 2p + 3 exactly, so every product of two atoms or their
 * derivatives times a coefficient of degree &lt;= 3 is exact; other coefficients carry an O(h^(2p+4)) error.
 * Coefficients and functions are given as values at the points ({@link #points()}); null means 1.
 *
 * <p>Immutable and thread safe.
 */
public final class AtomQuadrature {

    /** Highest derivative order a problem needs: second derivatives in least-squares diffusion terms. */
    static final int MAX_ORDER = 2;

    private final BSplineBasis basis;
    private final int p;
    private final double[] x;
    private final double[] weight;
    private final int[] first;
    /** ders[(q * (MAX_ORDER + 1) + order) * (p + 1) + j] = D^order B_{first[q] + j}(x[q]). */
    private final double[] ders;

    public AtomQuadrature(BSplineBasis basis) {
        this.basis = basis;
        this.p = basis.degree();
        SpanQuadrature quad = basis.quadrature(p + 2);
        this.x = quad.x();
        this.weight = quad.weight();
        int size = x.length;
        this.first = new int[size];
        this.ders = new double[size * (MAX_ORDER + 1) * (p + 1)];
        double[] out = new double[(MAX_ORDER + 1) * (p + 1)];
        double[] scratch = new double[basis.derivativeScratchSize()];
        for (int q = 0; q < size; q++) {
            int span = quad.span()[q];
            first[q] = span - p;
            basis.derivatives(x[q], span, MAX_ORDER, out, scratch);
            System.arraycopy(out, 0, ders, q * out.length, out.length);
        }
    }

    public BSplineBasis basis() {
        return basis;
    }

    /** Number of atoms n. */
    public int atoms() {
        return basis.count();
    }

    /** Number of quadrature points. */
    public int size() {
        return x.length;
    }

    /** The quadrature points (a copy). */
    public double[] points() {
        return x.clone();
    }

    /** The quadrature weights (a copy); they sum to b - a. */
    public double[] weights() {
        return weight.clone();
    }

    double point(int q) {
        return x[q];
    }

    double weight(int q) {
        return weight[q];
    }

    private double der(int q, int order, int j) {
        return ders[(q * (MAX_ORDER + 1) + order) * (p + 1) + j];
    }

    private static void checkOrder(int order) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("derivative order must be in [0, " + MAX_ORDER + "], got " + order);
        }
    }

    private void checkValues(double[] c, String what) {
        if (c != null && c.length != x.length) {
            throw new IllegalArgumentException(what + " must have one value per quadrature point (" + x.length
                    + "), got " + c.length);
        }
    }

    /**
     * A[i, j] = int cTest (D^testOrder B_i) cTrial (D^trialOrder B_j) dz.
     *
     * @param cTest  read, values at the points, or null for 1
     * @param cTrial read, values at the points, or null for 1
     */
    public BandedMatrix matrix(int testOrder, double[] cTest, int trialOrder, double[] cTrial) {
        checkOrder(testOrder);
        checkOrder(trialOrder);
        checkValues(cTest, "test coefficient");
        checkValues(cTrial, "trial coefficient");
        int n = basis.count();
        int width = 2 * p + 1;
        double[] a = new double[n * width];
        for (int q = 0; q < x.length; q++) {
            double wq = weight[q] * (cTest == null ? 1.0 : cTest[q]) * (cTrial == null ? 1.0 : cTrial[q]);
            if (wq == 0.0) {
                continue;
            }
            int f = first[q];
            for (int jr = 0; jr <= p; jr++) {
                double bi = wq * der(q, testOrder, jr);
                int row = (f + jr) * width + p - (f + jr);
                for (int jc = 0; jc <= p; jc++) {
                    a[row + f + jc] += bi * der(q, trialOrder, jc);
                }
            }
        }
        return new BandedMatrix(n, p, a);
    }

    /** Mass matrix int B_i B_j. */
    public BandedMatrix mass() {
        return matrix(0, null, 0, null);
    }

    /** Stiffness matrix int B_i' B_j'. */
    public BandedMatrix stiffness() {
        return matrix(1, null, 1, null);
    }

    /** First-derivative matrix int B_i B_j' (row i tests, column j is differentiated). */
    public BandedMatrix firstDerivative() {
        return matrix(0, null, 1, null);
    }

    /** Coefficient-weighted mass int c(z) B_i B_j, c given at the points. */
    public BandedMatrix weightedMass(double[] c) {
        return matrix(0, c, 0, null);
    }

    /**
     * Load vector l[i] = int f(z) c(z) (D^order B_i)(z) dz.
     *
     * @param f read, values at the points, or null for 1
     * @param c read, values at the points, or null for 1
     */
    public double[] load(double[] f, int order, double[] c) {
        checkOrder(order);
        checkValues(f, "function");
        checkValues(c, "coefficient");
        double[] l = new double[basis.count()];
        for (int q = 0; q < x.length; q++) {
            double wq = weight[q] * (f == null ? 1.0 : f[q]) * (c == null ? 1.0 : c[q]);
            for (int j = 0; j <= p; j++) {
                l[first[q] + j] += wq * der(q, order, j);
            }
        }
        return l;
    }

    /**
     * Values at the points of c(z) D^order g(z) for the spline g = sum_i g_i B_i.
     *
     * @param g read, n coefficients
     * @param c read, values at the points, or null for 1
     */
    public double[] values(double[] g, int order, double[] c) {
        checkOrder(order);
        checkValues(c, "coefficient");
        double[] v = new double[x.length];
        for (int q = 0; q < x.length; q++) {
            double s = 0;
            for (int j = 0; j <= p; j++) {
                s += g[first[q] + j] * der(q, order, j);
            }
            v[q] = c == null ? s : s * c[q];
        }
        return v;
    }

    /** Weighted inner product sum_q w_q f_q g_q (null = 1) of two functions given at the points. */
    public double inner(double[] f, double[] g) {
        double s = 0;
        for (int q = 0; q < x.length; q++) {
            s += weight[q] * (f == null ? 1.0 : f[q]) * (g == null ? 1.0 : g[q]);
        }
        return s;
    }

    /**
     * Coefficients of the L2 projection onto the atoms of a function given at the points: M g = load(f), solved by
     * a band Cholesky of the mass matrix M (SPD).
     */
    public double[] project(double[] f) {
        BandedMatrix m = mass();
        int n = m.size();
        double[] l = BandCholesky.factorOf(m);
        assert l != null : "the B-spline mass matrix is SPD";
        double[] g = load(f, 0, null);
        BandCholesky.solve(l, n, p, g);
        return g;
    }
}
