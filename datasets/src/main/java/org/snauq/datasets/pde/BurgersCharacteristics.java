package org.snauq.datasets.pde;

/**
 * The entropy solution of inviscid Burgers u_t + (u^2/2)_x = 0 on x in [-1, 1], 0 &lt;= t &lt;= 1, with
 * u(x, 0) = c - sin(pi x) and u = c at both ends, c in [0, 1/2], by characteristics.
 *
 * <p>By Galilean invariance u(x, t) = c + v(x - c t, t), v the odd, 2-periodic solution from v0 = -sin(pi xi):
 * v(xi, t) = v0(xi0) on the characteristic xi = xi0 - t sin(pi xi0), found by bisection where that map is
 * increasing. The characteristics from xi0 = 0 steepen first: the shock forms at t = 1/pi at xi = 0 and, by the
 * symmetry of v, stays there, so the Rankine-Hugoniot speed is the mean of the two states, c, and the shock sits at
 * x = c t. Left of x = -1 + c t the characteristics come from the inflow boundary and carry u = c. At x = 1 the flow
 * leaves the box (u(1, t) &gt;= 0 for these c and t; 0.12 at c = 1/2, t = 1), so the value imposed there does not
 * enter the entropy solution.
 *
 * <p>Immutable and thread safe.
 */
public final class BurgersCharacteristics {

    /** Bisection to the last bit of the characteristic's origin. */
    private static final int BISECTIONS = 60;

    private final double c;

    /** @param c the constant in u0 = c - sin(pi x), in [0, 1/2] */
    public BurgersCharacteristics(double c) {
        if (!(c >= 0 && c <= 0.5)) {
            throw new IllegalArgumentException("c must be in [0, 0.5], got " + c);
        }
        this.c = c;
    }

    /** The time at which the shock forms, 1/pi. */
    public static double shockTime() {
        return 1 / Math.PI;
    }

    /** The shock's position at time t &gt;= 1/pi: c t. */
    public double shockPosition(double t) {
        if (!(t >= shockTime() && t <= 1)) {
            throw new IllegalArgumentException("the shock exists for t in [1/pi, 1], got " + t);
        }
        return c * t;
    }

    /** u(x, t) for x in [-1, 1], t in [0, 1]; at the shock itself the mean of the two states. */
    public double value(double x, double t) {
        if (!(x >= -1 && x <= 1 && t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("(x, t) must lie in [-1, 1] x [0, 1], got (" + x + ", " + t + ")");
        }
        if (x <= -1 + c * t) {
            return c;
        }
        return c + periodic(x - c * t, t);
    }

    /** v(xi, t) for xi in (-1, 1]. */
    private static double periodic(double xi, double t) {
        if (xi == 0) {
            return 0.0;
        }
        if (xi < 0) {
            return -periodic(-xi, t);
        }
        double lo = 0;
        if (t > shockTime()) {
            // the map xi0 -> xi0 - t sin(pi xi0) dips below 0 up to its minimum at acos(1 / (pi t)) / pi; the
            // origin of a point right of the shock lies beyond the map's second zero
            double min = Math.acos(1 / (Math.PI * t)) / Math.PI;
            lo = root(min, 1, 0, t);
        }
        double xi0 = root(lo, 1, xi, t);
        return -Math.sin(Math.PI * xi0);
    }

    /** The xi0 in [a, b] with xi0 - t sin(pi xi0) = target, the map increasing on [a, b]. */
    private static double root(double a, double b, double target, double t) {
        for (int i = 0; i < BISECTIONS; i++) {
            double m = 0.5 * (a + b);
            if (m - t * Math.sin(Math.PI * m) < target) {
                a = m;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }
}
