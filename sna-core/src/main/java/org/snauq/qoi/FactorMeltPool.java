package org.snauq.qoi;

import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * The melt-pool QoIs of {@link MeltPool} on an SNA slice, computed from the factors along lines only, fast enough
 * for a million-query sweep (about 10-20 us a query at rank 60 instead of ~3.4 ms).
 *
 * <p>With the parameters fixed, u(x, y, z) = sum_r c_r phi_r^X(x) phi_r^Y(y) phi_r^Z(z). On a line, two spatial
 * coordinates fixed, u is the 1-D spline sum_i alpha_i B_i(t) with alpha_i = sum_r W[i, r] c_r phi_r^b phi_r^c:
 * one n x R product per line (n atoms of that axis), after which a point costs p + 1 multiply-adds. The searches:
 * <ol>
 * <li>principal point: the maximum of u on the centre line y = centreY, z = z_0 by a scan of {@code samples}
 * points (basis values tabulated once per instance) and a golden-section search in one sample spacing around
 * the best sample;</li>
 * <li>peak: from there, the maximum along y (scan and golden section), then {@link #ALTERNATIONS} alternating
 * golden-section refinements along x and y, each within one sample spacing (a coordinate search for the 2-D
 * surface maximum; it replaces {@link MeltPool}'s samples^2 surface scan, so a surface whose global maximum is
 * reached from no point of the centre line's maximum by these line searches, e.g. two separate spots, can differ);</li>
 * <li>length, width, depth: along the three principal lines through the principal point, the first point of a
 * tabulated grid of {@link MeltPool#MARCH_STEPS} steps per axis where u drops below the threshold, then
 * Illinois (safeguarded regula falsi) iterations (the same crossing as {@link MeltPool} whenever u crosses the threshold once
 * per grid step).</li>
 * </ol>
 * Cost per query: the parameters' factors, about 6 line products (n R each) and a few hundred 1-D spline points.
 * Illinois method: M. Dowell and P. Jarratt, BIT 11 (1971) 168-174, doi:10.1007/BF01934364.
 *
 * <p>Mutable scratch: one instance per thread; the model is shared and read only.
 */
public final class FactorMeltPool {

    /** Crossings are located to this fraction of the axis (MeltPool bisects to ~1e-14 of it; 1e-10 is far below any model error). */
    static final double ROOT_TOLERANCE = 1e-10;
    /** Cap on the Illinois iterations (it needs about 6-10 on a smooth crossing). */
    static final int ROOT_STEPS = 60;
    /** Golden-section iterations before Newton: a bracket of 0.618^8 ~ 2e-2 of two sample spacings, inside the
     *  concave part of a smooth maximum. */
    static final int GOLDEN_STEPS = 8;
    /** Newton steps after the golden section: quadratic convergence from 2e-2 reaches rounding in 4-5. */
    static final int NEWTON_STEPS = 5;
    /** Largest number of alternating x / y refinements of the peak (a curved ridge such as a ring's converges
     *  linearly); they stop when a round moves the point by less than {@link #PEAK_MOVE} of a sample spacing. */
    static final int ALTERNATIONS = 40;
    /** Largest number of 2-D Newton steps (or coordinate rounds where the surface is not concave). */
    static final int NEWTON_2D_STEPS = ALTERNATIONS;
    static final double PEAK_MOVE = 1e-9;
    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;
    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;

    private final int[] axes;
    private final int rank;
    private final int samples;
    private final double[] lambda;
    private final double[][] w;
    private final BSplineBasis[] basis;
    private final double[] lo = new double[3];
    private final double[] hi = new double[3];
    /** Scan grids (samples points per axis) and march grids (MARCH_STEPS + 1 points): spans and atom values. */
    private final Grid[] scan = new Grid[3];
    private final Grid[] march = new Grid[3];

    private final double[] c;
    private final double[] a;
    private final double[][] alpha = new double[3][];
    private final double[] phiB;
    private final double[] phiC;
    private final double[] atoms;
    private final double[] scratch;
    private final double[] derivatives;
    private final double[] derivativeScratch;
    private double slope;
    private final double[] cz;
    private final double[] centreLine;
    private final double[] acrossLine;
    private final double[] fx;
    private final double[] fy;
    private double stepX;
    private double stepY;
    private double curvature;

    /**
     * @param model   the SNA (read)
     * @param axes    model coordinate indices of the (scan, across, depth) axes (read)
     * @param samples scan points per axis for the line maxima, &gt;= 3 (81 matches {@code MeltPool.extract(.., 81)})
     */
    public FactorMeltPool(SnaModel model, int[] axes, int samples) {
        if (axes.length != 3) {
            throw new IllegalArgumentException("axes must name 3 coordinates, got " + axes.length);
        }
        for (int k = 0; k < 3; k++) {
            if (axes[k] < 0 || axes[k] >= model.dimension() || axes[k] == axes[(k + 1) % 3]) {
                throw new IllegalArgumentException("axes must be 3 distinct coordinates in [0, " + model.dimension()
                        + "), got " + java.util.Arrays.toString(axes));
            }
        }
        if (samples < 3) {
            throw new IllegalArgumentException("samples must be >= 3, got " + samples);
        }
        this.axes = axes.clone();
        this.rank = model.rank();
        this.samples = samples;
        this.lambda = model.lambda();
        this.w = new double[model.dimension()][];
        this.basis = new BSplineBasis[model.dimension()];
        int maxDegree = 0;
        int scratchSize = 0;
        for (int d = 0; d < w.length; d++) {
            w[d] = model.factor(d);
            basis[d] = model.basis(d);
            maxDegree = Math.max(maxDegree, basis[d].degree());
            scratchSize = Math.max(scratchSize, basis[d].scratchSize());
        }
        this.atoms = new double[maxDegree + 1];
        this.scratch = new double[scratchSize];
        this.derivatives = new double[3 * (maxDegree + 1)];
        this.derivativeScratch = new double[derivativeScratch(basis)];
        for (int k = 0; k < 3; k++) {
            BSplineBasis b = basis[axes[k]];
            lo[k] = b.lower();
            hi[k] = b.upper();
            scan[k] = new Grid(b, samples, scratch);
            march[k] = new Grid(b, MeltPool.MARCH_STEPS + 1, scratch);
            alpha[k] = new double[b.count()];
        }
        this.c = new double[rank];
        this.a = new double[rank];
        this.phiB = new double[rank];
        this.phiC = new double[rank];
        this.cz = new double[rank];
        this.centreLine = new double[alpha[X].length];
        this.acrossLine = new double[alpha[Y].length];
        this.fx = new double[3 * rank];
        this.fy = new double[3 * rank];
    }

    /** Length of {@code out} that also receives the points the QoIs were read at (see {@link #extract}). */
    public static final int EXTENDED = 14;

    /**
     * The QoIs at one parameter point, written to {@code out} = {peak, peakX, peakY, length, width, depth,
     * clipped (1 or 0)}; no allocation. When {@code out} has {@link #EXTENDED} entries, also the points: 7, 8 the
     * surface peak (x, y); 9, 10 the front and back crossings along x; 11, 12 the right and left crossings along y;
     * 13 the bottom crossing along z (for {@link MeltPoolSensitivity}; NaN when there is no pool).
     *
     * @param parameters values of all D coordinates, entries at the spatial axes ignored (read; clamped)
     * @param threshold  the melting value, in the model's output units
     * @param centreY    the beam's symmetry line y = centreY (the principal lines go through the centre line's
     *                   maximum, as {@link MeltPool#extract(SpatialField, double, int, double)})
     * @param out        written, length &gt;= 7
     */
    public void extract(double[] parameters, double threshold, double centreY, double[] out) {
        assert parameters.length == w.length && out.length >= 7;
        System.arraycopy(lambda, 0, c, 0, rank);
        for (int d = 0; d < w.length; d++) {
            if (d != axes[X] && d != axes[Y] && d != axes[Z]) {
                factorValues(d, parameters[d], phiB);
                for (int r = 0; r < rank; r++) {
                    c[r] *= phiB[r];
                }
            }
        }
        double z0 = lo[Z];
        double hx = (hi[X] - lo[X]) / (samples - 1);
        double hy = (hi[Y] - lo[Y]) / (samples - 1);
        // 1. the centre line's maximum: the principal point
        line(X, centreY, z0);
        double cx = maximise(X, scanMax(X), hx);
        System.arraycopy(alpha[X], 0, centreLine, 0, centreLine.length);
        // 2. the surface peak by 2-D Newton (or coordinate) steps from the best point across the line
        line(Y, cx, z0);
        System.arraycopy(alpha[Y], 0, acrossLine, 0, acrossLine.length);
        double py = maximise(Y, scanMax(Y), hy);
        double px = cx;
        factorValues(axes[Z], z0, phiC);
        for (int r = 0; r < rank; r++) {
            cz[r] = c[r] * phiC[r];
        }
        for (int it = 0; it < NEWTON_2D_STEPS; it++) {
            if (!newtonStep(px, py, hx, hy)) {
                line(X, py, z0); // not concave here, or no progress: one coordinate round instead
                double nx = maximise(X, px, hx);
                line(Y, nx, z0);
                double ny = maximise(Y, py, hy);
                boolean still = Math.abs(nx - px) <= PEAK_MOVE * hx && Math.abs(ny - py) <= PEAK_MOVE * hy;
                px = nx;
                py = ny;
                if (still) {
                    break;
                }
                continue;
            }
            boolean still = Math.abs(stepX) <= PEAK_MOVE * hx && Math.abs(stepY) <= PEAK_MOVE * hy;
            px += stepX;
            py += stepY;
            if (still) {
                break;
            }
        }
        double peak = surface(px, py);
        out[0] = peak;
        out[1] = cx;
        out[2] = centreY;
        boolean extended = out.length >= EXTENDED;
        if (extended) {
            out[7] = px;
            out[8] = py;
        }
        if (!(peak >= threshold)) {
            out[3] = 0;
            out[4] = 0;
            out[5] = 0;
            out[6] = 0;
            if (extended) {
                java.util.Arrays.fill(out, 9, EXTENDED, Double.NaN);
            }
            return;
        }
        // 3. extents along the principal lines through (cx, centreY, z0)
        boolean clipped;
        System.arraycopy(centreLine, 0, alpha[X], 0, centreLine.length);
        double xf = crossing(X, cx, +1, threshold);
        clipped = xf == hi[X];
        double xb = crossing(X, cx, -1, threshold);
        clipped |= xb == lo[X];
        System.arraycopy(acrossLine, 0, alpha[Y], 0, acrossLine.length);
        double yr = crossing(Y, centreY, +1, threshold);
        clipped |= yr == hi[Y];
        double yl = crossing(Y, centreY, -1, threshold);
        clipped |= yl == lo[Y];
        line(Z, cx, centreY);
        double zb = crossing(Z, z0, +1, threshold);
        clipped |= zb == hi[Z];
        out[3] = xf - xb;
        out[4] = yr - yl;
        out[5] = zb - z0;
        out[6] = clipped ? 1 : 0;
        if (extended) {
            out[9] = xf;
            out[10] = xb;
            out[11] = yr;
            out[12] = yl;
            out[13] = zb;
        }
    }

    /** As {@link #extract(double[], double, double, double[])}, as a record (allocates). */
    public MeltPoolQoi extract(double[] parameters, double threshold, double centreY) {
        double[] out = new double[7];
        extract(parameters, threshold, centreY, out);
        return new MeltPoolQoi(out[0], out[1], out[2], out[3], out[4], out[5], out[6] != 0);
    }

    /** The spline coefficients alpha of the line along {@code axis} with the other two axes at (u, v) in order. */
    private void line(int axis, double u, double v) {
        int b = axis == X ? Y : X;
        int cc = axis == Z ? Y : Z;
        factorValues(axes[b], u, phiB);
        factorValues(axes[cc], v, phiC);
        for (int r = 0; r < rank; r++) {
            a[r] = c[r] * phiB[r] * phiC[r];
        }
        double[] wa = w[axes[axis]];
        double[] al = alpha[axis];
        int r4 = rank & ~3;
        for (int i = 0, row = 0; i < al.length; i++, row += rank) {
            // four partial sums: independent add chains instead of one latency-bound chain
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int r = 0;
            for (; r < r4; r += 4) {
                s0 += wa[row + r] * a[r];
                s1 += wa[row + r + 1] * a[r + 1];
                s2 += wa[row + r + 2] * a[r + 2];
                s3 += wa[row + r + 3] * a[r + 3];
            }
            for (; r < rank; r++) {
                s0 += wa[row + r] * a[r];
            }
            al[i] = (s0 + s1) + (s2 + s3);
        }
    }

    /** u on the current line of {@code axis} at t (clamped to the axis). */
    private double lineValue(int axis, double t) {
        BSplineBasis b = basis[axes[axis]];
        double tc = Math.min(Math.max(t, lo[axis]), hi[axis]);
        int span = b.knots().findSpan(tc);
        b.evaluate(tc, span, atoms, 0, scratch);
        int p = b.degree();
        double[] al = alpha[axis];
        double s = 0;
        for (int j = 0; j <= p; j++) {
            s += atoms[j] * al[span - p + j];
        }
        return s;
    }

    /** The best scan point of the current line of {@code axis}. */
    private double scanMax(int axis) {
        Grid g = scan[axis];
        double best = Double.NEGATIVE_INFINITY;
        int at = 0;
        for (int k = 0; k < g.points; k++) {
            double v = g.value(k, alpha[axis]);
            if (v > best) {
                best = v;
                at = k;
            }
        }
        return g.t[at];
    }

    /**
     * The maximum on the current line within [t - h, t + h]: golden section to narrow the bracket, then Newton
     * steps on u'(t) = 0 with the spline's first two derivatives (quadratic convergence; a step that leaves the
     * bracket or meets u'' &gt;= 0 ends it); keeps t if not beaten.
     */
    private double maximise(int axis, double t, double h) {
        double lower = Math.max(lo[axis], t - h);
        double upper = Math.min(hi[axis], t + h);
        double cc = upper - INV_PHI * (upper - lower);
        double d = lower + INV_PHI * (upper - lower);
        double fc = lineValue(axis, cc);
        double fd = lineValue(axis, d);
        for (int i = 0; i < GOLDEN_STEPS; i++) {
            if (fc > fd) {
                upper = d;
                d = cc;
                fd = fc;
                cc = upper - INV_PHI * (upper - lower);
                fc = lineValue(axis, cc);
            } else {
                lower = cc;
                cc = d;
                fc = fd;
                d = lower + INV_PHI * (upper - lower);
                fd = lineValue(axis, d);
            }
        }
        double best = (lower + upper) / 2;
        for (int i = 0; i < NEWTON_STEPS; i++) {
            lineDerivatives(axis, best);
            if (!(curvature < 0)) {
                break;
            }
            double next = best - slope / curvature;
            if (!(next >= lower && next <= upper) || next == best) {
                break;
            }
            best = next;
        }
        return lineValue(axis, best) >= lineValue(axis, t) ? best : t;
    }

    /**
     * The 2-D Newton step (stepX, stepY) = -H^-1 grad of the surface u(x, y, z_0) at (x, y), from the factors'
     * first and second derivatives; false (no step) when H is not negative definite, the step leaves the box of
     * one sample spacing around the point, or it does not increase u.
     */
    private boolean newtonStep(double x, double y, double hx, double hy) {
        if (x <= lo[X] || x >= hi[X] || y <= lo[Y] || y >= hi[Y]) {
            return false;
        }
        factorDerivatives(axes[X], x, fx);
        factorDerivatives(axes[Y], y, fy);
        double u = 0;
        double ux = 0;
        double uy = 0;
        double uxx = 0;
        double uyy = 0;
        double uxy = 0;
        for (int r = 0; r < rank; r++) {
            double cr = cz[r];
            double x0 = fx[r];
            double x1 = fx[rank + r];
            double y0 = fy[r];
            double y1 = fy[rank + r];
            u += cr * x0 * y0;
            ux += cr * x1 * y0;
            uy += cr * x0 * y1;
            uxx += cr * fx[2 * rank + r] * y0;
            uyy += cr * x0 * fy[2 * rank + r];
            uxy += cr * x1 * y1;
        }
        double det = uxx * uyy - uxy * uxy;
        if (!(uxx < 0 && det > 0)) {
            return false;
        }
        stepX = -(uyy * ux - uxy * uy) / det;
        stepY = -(uxx * uy - uxy * ux) / det;
        if (!(Math.abs(stepX) <= hx && Math.abs(stepY) <= hy)) {
            return false;
        }
        double nx = x + stepX;
        double ny = y + stepY;
        if (!(nx >= lo[X] && nx <= hi[X] && ny >= lo[Y] && ny <= hi[Y])) {
            return false;
        }
        // near the maximum the gain is second order and may round to zero: accept a tiny step, reject a loss
        return surface(nx, ny) >= u - 1e-13 * Math.abs(u) || (Math.abs(stepX) <= PEAK_MOVE * hx
                && Math.abs(stepY) <= PEAK_MOVE * hy);
    }

    /** u(x, y, z_0) from cz (no derivatives). */
    private double surface(double x, double y) {
        factorValues(axes[X], x, phiB);
        factorValues(axes[Y], y, a);
        double s = 0;
        for (int r = 0; r < rank; r++) {
            s += cz[r] * phiB[r] * a[r];
        }
        return s;
    }

    /** out[k * R + r] = d^k phi_r^d / dx^k at x, k = 0, 1, 2. */
    private void factorDerivatives(int d, double x, double[] out) {
        BSplineBasis b = basis[d];
        int span = b.knots().findSpan(x);
        b.derivatives(x, span, 2, derivatives, derivativeScratch);
        int p = b.degree();
        java.util.Arrays.fill(out, 0.0);
        double[] wd = w[d];
        for (int j = 0; j <= p; j++) {
            int row = (span - p + j) * rank;
            for (int k = 0; k < 3; k++) {
                double bj = derivatives[k * (p + 1) + j];
                int o = k * rank;
                for (int r = 0; r < rank; r++) {
                    out[o + r] += bj * wd[row + r];
                }
            }
        }
    }

    /** Sets {@link #slope} and {@link #curvature} of the current line of {@code axis} at t. */
    private void lineDerivatives(int axis, double t) {
        BSplineBasis b = basis[axes[axis]];
        int span = b.knots().findSpan(t);
        b.derivatives(t, span, 2, derivatives, derivativeScratch);
        int p = b.degree();
        double[] al = alpha[axis];
        double s1 = 0;
        double s2 = 0;
        for (int j = 0; j <= p; j++) {
            s1 += derivatives[p + 1 + j] * al[span - p + j];
            s2 += derivatives[2 * (p + 1) + j] * al[span - p + j];
        }
        slope = s1;
        curvature = s2;
    }

    /**
     * Walking the current line of {@code axis} from t in direction dir: where u first drops below the threshold,
     * bracketed on the march grid and bisected; the end of the axis if it never does.
     */
    private double crossing(int axis, double t, int dir, double threshold) {
        Grid g = march[axis];
        double[] al = alpha[axis];
        double step = (hi[axis] - lo[axis]) / MeltPool.MARCH_STEPS;
        int k = dir > 0 ? (int) Math.floor((t - lo[axis]) / step) + 1 : (int) Math.ceil((t - lo[axis]) / step) - 1;
        k = Math.max(0, Math.min(g.points - 1, k));
        double inside = t;
        while (g.value(k, al) >= threshold) {
            inside = g.t[k];
            if (dir > 0 ? k == g.points - 1 : k == 0) {
                return g.t[k];
            }
            k += dir;
        }
        double outside = g.t[k];
        // Illinois (regula falsi with halving of a stale end): superlinear on a smooth crossing, and the bracket
        // [inside, outside] always holds it; stops at ROOT_TOLERANCE of the axis
        double fin = lineValue(axis, inside) - threshold;
        double fout = g.value(k, al) - threshold;
        double tol = ROOT_TOLERANCE * (hi[axis] - lo[axis]);
        int stale = 0;
        for (int i = 0; i < ROOT_STEPS && Math.abs(outside - inside) > tol; i++) {
            double t1 = inside + fin * (outside - inside) / (fin - fout);
            if (!(t1 != inside && t1 != outside)) { // rounding: the bracket cannot shrink by interpolation
                t1 = 0.5 * (inside + outside);
            }
            double f1 = lineValue(axis, t1) - threshold;
            if (f1 >= 0) {
                inside = t1;
                fin = f1;
                if (stale > 0) {
                    fout *= 0.5;
                }
                stale = 1;
            } else {
                outside = t1;
                fout = f1;
                if (stale < 0) {
                    fin *= 0.5;
                }
                stale = -1;
            }
        }
        return 0.5 * (inside + outside);
    }

    private static int derivativeScratch(BSplineBasis[] bases) {
        int n = 0;
        for (BSplineBasis b : bases) {
            n = Math.max(n, b.derivativeScratchSize());
        }
        return n;
    }

    /** phi_r^d(x) for all r (x clamped). */
    private void factorValues(int d, double x, double[] out) {
        BSplineBasis b = basis[d];
        double xc = Math.min(Math.max(x, b.lower()), b.upper());
        int span = b.knots().findSpan(xc);
        b.evaluate(xc, span, atoms, 0, scratch);
        int p = b.degree();
        java.util.Arrays.fill(out, 0.0);
        double[] wd = w[d];
        for (int j = 0; j <= p; j++) {
            double bj = atoms[j];
            int row = (span - p + j) * rank;
            for (int r = 0; r < rank; r++) {
                out[r] += bj * wd[row + r];
            }
        }
    }

    /** Equally spaced points of one axis with their spans and non-zero atom values, tabulated once. */
    private static final class Grid {
        final int points;
        final int width;
        final double[] t;
        final int[] first;
        final double[] values;

        Grid(BSplineBasis b, int points, double[] scratch) {
            this.points = points;
            this.width = b.degree() + 1;
            this.t = new double[points];
            this.first = new int[points];
            this.values = new double[points * width];
            double h = (b.upper() - b.lower()) / (points - 1);
            for (int k = 0; k < points; k++) {
                t[k] = k == points - 1 ? b.upper() : b.lower() + k * h;
                int span = b.knots().findSpan(t[k]);
                b.evaluate(t[k], span, values, k * width, scratch);
                first[k] = span - b.degree();
            }
        }

        double value(int k, double[] alpha) {
            double s = 0;
            int off = k * width;
            int f = first[k];
            for (int j = 0; j < width; j++) {
                s += values[off + j] * alpha[f + j];
            }
            return s;
        }
    }
}
