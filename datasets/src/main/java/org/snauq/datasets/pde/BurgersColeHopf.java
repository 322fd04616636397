package org.snauq.datasets.pde;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The exact solution of viscous Burgers u_t + u u_x = nu u_xx on x in [-1, 1], t &gt;= 0, with u(x, 0) = -sin(pi x)
 * and u(-1, t) = u(1, t) = 0, by the Cole-Hopf transformation (Basdevant et al., "Spectral and finite difference
 * solutions of the Burgers equation", Computers &amp; Fluids 14 (1986) 23-41, eq. 3):
 *
 * <pre>  u(x, t) = - int sin(pi (x - eta)) f(x - eta) exp(-eta^2 / (4 nu t)) d eta
 *                / int f(x - eta) exp(-eta^2 / (4 nu t)) d eta,     f(y) = exp(-cos(pi y) / (2 pi nu)),</pre>
 *
 * evaluated by Gauss-Hermite quadrature in eta = sqrt(4 nu t) s. The exponent of f is shifted by its largest value
 * at the nodes before exponentiating (at nu = 0.01/pi it spans 100 units, far beyond double range otherwise). With
 * {@link #DEFAULT_NODES} nodes the value is converged to rounding for nu &gt;= 0.01/pi and t &lt;= 1 (80 nodes already
 * agree with 250 to 1e-13 at t = 1; smaller nu needs more).
 *
 * <p>Immutable and thread safe.
 */
public final class BurgersColeHopf {

    /** Gauss-Hermite nodes by default (see the class comment). */
    public static final int DEFAULT_NODES = 120;

    private final double nu;
    private final double[] s;
    private final double[] w;

    /**
     * @param nu    viscosity, &gt; 0
     * @param nodes Gauss-Hermite nodes, &gt;= 2
     */
    public BurgersColeHopf(double nu, int nodes) {
        if (!(nu > 0)) {
            throw new IllegalArgumentException("nu must be > 0, got " + nu);
        }
        if (nodes < 2) {
            throw new IllegalArgumentException("nodes must be >= 2, got " + nodes);
        }
        GaussIntegrator rule = new GaussIntegratorFactory().hermite(nodes);
        this.nu = nu;
        this.s = new double[nodes];
        this.w = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            s[i] = rule.getPoint(i);
            w[i] = rule.getWeight(i);
        }
    }

    /** With {@link #DEFAULT_NODES} nodes. */
    public BurgersColeHopf(double nu) {
        this(nu, DEFAULT_NODES);
    }

    public double nu() {
        return nu;
    }

    /** u(x, t) for x in [-1, 1] and t &gt;= 0. */
    public double value(double x, double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("t must be >= 0, got " + t);
        }
        if (t == 0) {
            return -Math.sin(Math.PI * x);
        }
        double scale = Math.sqrt(4 * nu * t);
        double max = Double.NEGATIVE_INFINITY;
        double[] e = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            e[i] = -Math.cos(Math.PI * (x - scale * s[i])) / (2 * Math.PI * nu);
            max = Math.max(max, e[i]);
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < s.length; i++) {
            double f = w[i] * Math.exp(e[i] - max);
            num += Math.sin(Math.PI * (x - scale * s[i])) * f;
            den += f;
        }
        return -num / den;
    }
}
