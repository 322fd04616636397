package org.snauq.datasets.pde;

/**
 * The quasi-steady temperature of a Gaussian surface source moving over a half-space with constant properties
 * (Eagar and Tsai, Welding J. 62 (1983) 346-s; the Gaussian generalisation of Rosenthal's point source), in the
 * dimensionless form of the LPBF cases: lengths in beam radii, the source s = 2 exp(-2 (x^2 + y^2)) carrying the
 * power pi, material flowing towards -x at Pe:
 *
 * <pre>  -Laplace u - Pe du/dx = 0 in z &gt; 0,   -du/dz = s(x, y) at z = 0,   u -&gt; 0 far away,
 *   u = (1 / sqrt(pi)) int_0^inf exp(-((x + Pe tau^2)^2 + y^2) / (4 tau^2 + 1/2) - z^2 / (4 tau^2))
 *                                 / (2 tau^2 + 1/4) d tau</pre>
 *
 * (instantaneous surface sources of the half-space, each a Gaussian of variance 2t + 1/4 across and 2t in depth,
 * summed over their age t = tau^2). At Pe = 0 the surface centre is sqrt(pi / 2); far from the spot it tends to
 * Rosenthal's exp(-Pe (R + x) / 2) / (2 R). Quadrature: Gauss-Legendre panels on [0, tau_max], where the integrand
 * is below ~1e-17 of its scale, split at tau = 1 and at the age whose source sits at x.
 *
 * <p>Stateless, thread safe.
 */
public final class EagarTsai {

    /** Gauss-Legendre panels (8 points) per piece of [0, 1], [1, tau_c], [tau_c, tau_max]: the integrand varies on
     *  the scale z / 2 near tau = 0 and ~1 / Pe further out; 400 panels resolve both (checked against Rosenthal
     *  and by halving, MovingHeatGridSolverTest). */
    private static final int PANELS = 400;
    /** e^-40 ~ 4e-18: where the Gaussian tail in tau is cut. */
    private static final double TAIL = 40;
    private static final double[] NODES = {-0.9602898564975363, -0.7966664774136267, -0.5255324099163290,
        -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
    private static final double[] WEIGHTS = {0.1012285362903763, 0.2223810344533745, 0.3137066458778873,
        0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};

    private EagarTsai() {
    }

    /** u(x, y, z) for Pe &gt; 0. */
    public static double rise(double x, double y, double z, double pe) {
        if (!(pe > 0)) {
            throw new IllegalArgumentException("pe must be > 0, got " + pe);
        }
        // the integrand decays like exp(-(x + Pe tau^2)^2 / (4 tau^2)) ~ exp(-Pe^2 tau^2 / 4) for large tau
        double centre = Math.sqrt(Math.max(0, -x) / pe);
        double end = centre + 2 * Math.sqrt(TAIL) / pe + 2 * Math.sqrt(TAIL * (1 + Math.abs(x)) / pe);
        // young sources vary on the scale z / 2 in tau: [0, 1] gets its own panels
        double[] cuts = java.util.stream.DoubleStream.of(0, Math.min(1, end), centre, end).sorted().distinct()
                .toArray();
        double sum = 0;
        for (int c = 0; c + 1 < cuts.length; c++) {
            sum += panels(x, y, z, pe, cuts[c], cuts[c + 1]);
        }
        return sum / Math.sqrt(Math.PI);
    }

    private static double panels(double x, double y, double z, double pe, double a, double b) {
        if (!(b > a)) {
            return 0;
        }
        double h = (b - a) / PANELS;
        double sum = 0;
        for (int p = 0; p < PANELS; p++) {
            double mid = a + (p + 0.5) * h;
            for (int q = 0; q < NODES.length; q++) {
                double tau = mid + 0.5 * h * NODES[q];
                sum += 0.5 * h * WEIGHTS[q] * integrand(x, y, z, pe, tau);
            }
        }
        return sum;
    }

    private static double integrand(double x, double y, double z, double pe, double tau) {
        double t2 = tau * tau;
        double ax = x + pe * t2;
        double e = -(ax * ax + y * y) / (4 * t2 + 0.5) - (z == 0 ? 0 : z * z / (4 * t2));
        return Math.exp(e) / (2 * t2 + 0.25);
    }
}
