package org.snauq.qoi;

/**
 * Melt-pool QoIs of a temperature field T(x, y, z) on a box, x along the scan, y across, z depth from the top
 * surface z = z_0 (the lower end of axis 2), by 1-D searches only:
 *
 * <ol>
 * <li>peak: T on the surface sampled on a coarse {@code samples} x {@code samples} grid, then refined by
 * alternating golden-section maximisations along x and along y, each in the bracket of one sample spacing around
 * the current best (valid when the surface maximum is unimodal at the sample scale);</li>
 * <li>extents of {T &gt;= threshold} along the three principal lines through the peak (x and y on the surface, z
 * downwards): march outwards in steps of 1/{@link #MARCH_STEPS} of the axis until T drops below the threshold,
 * then bisect the bracket to {@link #BISECTION_STEPS} halvings; length = x_front - x_back,
 * width = y_right - y_left, depth = z_bottom - z_0.</li>
 * </ol>
 *
 * <p>Edge cases: a peak below the threshold gives zero extents; an extent that reaches the end of the box stops
 * there and sets {@code clipped}. Cost: samples^2 + about 2,000 point evaluations; for an {@link SnaSlice} each is
 * O(R p), so a query takes about a millisecond at rank 60. Thread safety follows the field's.
 */
public final class MeltPool {

    /** March resolution: the crossing is bracketed to 1/400 of the axis, then bisected. */
    static final int MARCH_STEPS = 400;
    /** Bisection halvings: 2^-40 of a step, below double rounding of the coordinates that matter. */
    static final int BISECTION_STEPS = 40;
    /** Golden-section iterations per 1-D maximisation: bracket shrinks by 0.618^50 ~ 4e-11. */
    private static final int GOLDEN_STEPS = 50;
    /** Alternating x / y refinements of the peak. */
    private static final int ALTERNATIONS = 4;
    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;

    private MeltPool() {
    }

    /**
     * @param field     the temperature field (read)
     * @param threshold the melting temperature, same units as the field
     * @param samples   surface samples per axis for the coarse peak search, &gt;= 3
     */
    public static MeltPoolQoi extract(SpatialField field, double threshold, int samples) {
        return extract(field, threshold, samples, Double.NaN);
    }

    /**
     * As {@link #extract(SpatialField, double, int)}, but with a centre line: when {@code centreY} is finite the
     * principal lines go through the maximum of T(x, centreY, z_0) over x instead of the surface peak (for beams
     * symmetric about y = centreY, whose surface maximum may sit off the axis, e.g. a ring at high speed, twice);
     * {@code peak} is still the maximum over the whole surface.
     */
    public static MeltPoolQoi extract(SpatialField field, double threshold, int samples, double centreY) {
        if (samples < 3) {
            throw new IllegalArgumentException("samples must be >= 3, got " + samples);
        }
        double x0 = field.lower(0);
        double x1 = field.upper(0);
        double y0 = field.lower(1);
        double y1 = field.upper(1);
        double z0 = field.lower(2);
        double hx = (x1 - x0) / (samples - 1);
        double hy = (y1 - y0) / (samples - 1);
        double best = Double.NEGATIVE_INFINITY;
        double px = x0;
        double py = y0;
        for (int i = 0; i < samples; i++) {
            double x = x0 + i * hx;
            for (int j = 0; j < samples; j++) {
                double y = y0 + j * hy;
                double t = field.value(x, y, z0);
                if (t > best) {
                    best = t;
                    px = x;
                    py = y;
                }
            }
        }
        for (int it = 0; it < ALTERNATIONS; it++) {
            px = maximise(field, 0, px, py, z0, Math.max(x0, px - hx), Math.min(x1, px + hx));
            py = maximise(field, 1, px, py, z0, Math.max(y0, py - hy), Math.min(y1, py + hy));
        }
        double peak = field.value(px, py, z0);
        if (Double.isFinite(centreY)) {
            py = centreY;
            double best0 = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < samples; i++) {
                double t = field.value(x0 + i * hx, py, z0);
                if (t > best0) {
                    best0 = t;
                    px = x0 + i * hx;
                }
            }
            px = maximise(field, 0, px, py, z0, Math.max(x0, px - hx), Math.min(x1, px + hx));
        }
        if (!(peak >= threshold)) {
            return new MeltPoolQoi(peak, px, py, 0, 0, 0, false);
        }
        double[] p = {px, py, z0};
        double[] front = new double[1];
        boolean clipped = false;
        double xf = crossing(field, 0, p, +1, threshold, front);
        clipped |= front[0] > 0;
        double xb = crossing(field, 0, p, -1, threshold, front);
        clipped |= front[0] > 0;
        double yr = crossing(field, 1, p, +1, threshold, front);
        clipped |= front[0] > 0;
        double yl = crossing(field, 1, p, -1, threshold, front);
        clipped |= front[0] > 0;
        double zb = crossing(field, 2, p, +1, threshold, front);
        clipped |= front[0] > 0;
        return new MeltPoolQoi(peak, px, py, xf - xb, yr - yl, zb - z0, clipped);
    }

    private static double at(SpatialField f, int axis, double[] p, double t) {
        return switch (axis) {
            case 0 -> f.value(t, p[1], p[2]);
            case 1 -> f.value(p[0], t, p[2]);
            default -> f.value(p[0], p[1], t);
        };
    }

    /** Golden-section search for the maximum of T along one axis in [a, b], the other coordinates fixed. */
    private static double maximise(SpatialField f, int axis, double px, double py, double z0, double a, double b) {
        double[] p = {px, py, z0};
        double c = b - INV_PHI * (b - a);
        double d = a + INV_PHI * (b - a);
        double fc = at(f, axis, p, c);
        double fd = at(f, axis, p, d);
        for (int i = 0; i < GOLDEN_STEPS; i++) {
            if (fc > fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - INV_PHI * (b - a);
                fc = at(f, axis, p, c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + INV_PHI * (b - a);
                fd = at(f, axis, p, d);
            }
        }
        double mid = (a + b) / 2;
        // keep the current point if the bracket's centre is not better (a plateau or a kink at the bracket end)
        double current = axis == 0 ? px : py;
        return at(f, axis, p, mid) >= at(f, axis, p, current) ? mid : current;
    }

    /**
     * The coordinate along {@code axis}, walking from p in direction {@code dir}, where T first drops below the
     * threshold; the end of the box if it never does ({@code hitEnd[0]} = 1, else 0).
     */
    private static double crossing(SpatialField f, int axis, double[] p, int dir, double threshold,
                                   double[] hitEnd) {
        double lo = f.lower(axis);
        double hi = f.upper(axis);
        double end = dir > 0 ? hi : lo;
        double step = (hi - lo) / MARCH_STEPS * dir;
        double inside = p[axis];
        hitEnd[0] = 0;
        while (true) {
            double next = inside + step;
            if (dir > 0 ? next >= end : next <= end) {
                if (at(f, axis, p, end) >= threshold) {
                    hitEnd[0] = 1;
                    return end;
                }
                next = end;
            }
            if (at(f, axis, p, next) < threshold) {
                double outside = next;
                for (int i = 0; i < BISECTION_STEPS; i++) {
                    double mid = 0.5 * (inside + outside);
                    if (at(f, axis, p, mid) >= threshold) {
                        inside = mid;
                    } else {
                        outside = mid;
                    }
                }
                return 0.5 * (inside + outside);
            }
            inside = next;
        }
    }
}
