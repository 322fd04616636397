package org.snauq.dist;

/**
 * A Gaussian kernel density estimate of n data values: f(x) = (1 / n h) sum_i phi((x - x_i) / h), so
 * F(x) = (1 / n) sum_i Phi((x - x_i) / h), mean = the data's mean, variance = the data's (1/n) variance + h^2.
 * The bandwidth h is given, or Silverman's rule of thumb h = 0.9 min(sd, IQR / 1.34) n^{-1/5} (Silverman 1986,
 * "Density Estimation", eq. 3.31; R's {@code bw.nrd0}, sd with n - 1 and IQR of quantile definition 7).
 *
 * <p>The CDF and density sum the kernels within {@link #REACH} bandwidths of x (Phi(-10) = 7.6e-24; those farther
 * count 0 or 1): exact, O(log n + kernels in reach) per call, for checks and reports. The quantile, on the sampling
 * hot path, comes from a table of F, f and f' on a grid of step h / 8 over [min - 10h, max + 10h], built once in
 * O(161 n): a quintic Hermite interpolant per cell, inverted by safeguarded Newton. Its error in F is at most
 * (h/8)^6 max|phi^(5)| / (46080 h^6) = 1.9e-10 (Hermite's remainder), far below a KDE's own statistical error; in
 * the outer tails the relative error grows like (z/8)^6 / 46080 at z bandwidths beyond the data (5e-6 at z = 6).
 * Outside the table (u below 7.6e-24) the quantile follows the extreme kernel alone. The grid holds at most
 * {@link #MAX_GRID} points (the data may span at most about 130,000 bandwidths). Immutable, thread safe,
 * allocation-free.
 */
final class KernelDensity implements Distribution {

    /** Kernels farther than this many bandwidths count as 0 or 1 in F: Phi(-10) = 7.6e-24. */
    static final double REACH = 10;
    /** Grid steps per bandwidth: the Hermite error (1/8)^6 x 2.3 / 46080 = 1.9e-10 in F. */
    static final int STEPS_PER_BANDWIDTH = 8;
    /** Grid points at most: 3 arrays of 8 MB. */
    static final int MAX_GRID = 1 << 20;
    private static final int MAX_ITERATIONS = 60;

    private final double[] x;
    private final double h;
    private final double mean;
    private final double variance;
    private final double t0;
    private final double dt;
    /** F, f and f' at t0 + g dt. */
    private final double[] cdf;
    private final double[] pdf;
    private final double[] slope;

    private KernelDensity(double[] sorted, double h) {
        this.x = sorted;
        this.h = h;
        int n = sorted.length;
        double[] moments = SortedValues.meanAndSquares(sorted);
        this.mean = moments[0];
        this.variance = moments[1] / n + h * h;
        this.t0 = sorted[0] - REACH * h;
        this.dt = h / STEPS_PER_BANDWIDTH;
        double cells = (sorted[n - 1] - sorted[0] + 2 * REACH * h) / dt;
        if (!(cells < MAX_GRID - 1)) {
            throw new IllegalArgumentException("bandwidth must be at least " + (sorted[n - 1] - sorted[0])
                    / ((MAX_GRID - 1.0) / STEPS_PER_BANDWIDTH - 2 * REACH) + " for data spanning ["
                    + sorted[0] + ", " + sorted[n - 1] + "] (a table of at most " + MAX_GRID + " points), got " + h);
        }
        int grid = (int) Math.ceil(cells) + 1;
        this.cdf = new double[grid];
        this.pdf = new double[grid];
        this.slope = new double[grid];
        tabulate();
    }

    /**
     * The KDE of {@code data} (read, copied) with bandwidth {@code bandwidth}, or Silverman's when it is NaN.
     *
     * @throws IllegalArgumentException naming a value that is not finite, too few distinct values, or a bandwidth
     *                                  that is not positive or too small for the data's span
     */
    static KernelDensity of(double[] data, double bandwidth) {
        double[] sorted = Empirical.checkedSorted(data);
        double h = Double.isNaN(bandwidth) ? silverman(sorted) : bandwidth;
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("bandwidth must be > 0, got " + h);
        }
        return new KernelDensity(sorted, h);
    }

    /** Silverman's rule of thumb 0.9 min(sd, IQR / 1.34) n^{-1/5} (the nonzero one if one is 0), sorted data. */
    static double silverman(double[] sorted) {
        int n = sorted.length;
        double sd = Math.sqrt(SortedValues.meanAndSquares(sorted)[1] / (n - 1));
        Empirical e = new Empirical(sorted);
        double iqr = (e.inverseCdf(0.75) - e.inverseCdf(0.25)) / 1.34;
        double spread = iqr > 0 ? Math.min(sd, iqr) : sd;
        return 0.9 * spread * Math.pow(n, -0.2);
    }

    /** F, f, f' at every grid point: each kernel adds to the points within its reach, farther ones count once. */
    private void tabulate() {
        int n = x.length;
        int grid = cdf.length;
        double[] passed = new double[grid + 1]; // passed[g]: kernels wholly below t_g, as a difference array
        for (double xi : x) {
            int from = Math.max(0, (int) Math.ceil((xi - REACH * h - t0) / dt));
            int to = Math.min(grid - 1, (int) Math.floor((xi + REACH * h - t0) / dt));
            for (int g = from; g <= to; g++) {
                double z = (t0 + g * dt - xi) / h;
                double phi = Math.exp(-0.5 * z * z) * 0.39894228040143267794;
                cdf[g] += NormalCdf.of(z);
                pdf[g] += phi;
                slope[g] -= z * phi;
            }
            passed[to + 1] += 1;
        }
        double below = 0;
        for (int g = 0; g < grid; g++) {
            below += passed[g];
            cdf[g] = (cdf[g] + below) / n;
            pdf[g] /= n * h;
            slope[g] /= n * h * h;
        }
    }

    @Override
    public double inverseCdf(double u) {
        if (!(u > 0 && u < 1)) {
            return u == 0 ? Double.NEGATIVE_INFINITY : u == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        int last = cdf.length - 1;
        if (u < cdf[0]) {
            return x[0] + h * NormalQuantile.of(u * x.length); // below every table cell: the lowest kernel alone
        }
        if (u >= cdf[last]) {
            return x[x.length - 1] + h * NormalQuantile.upper((1 - u) * x.length);
        }
        int lo = 0;
        int hi = last;
        while (hi - lo > 1) { // invariant: cdf[lo] <= u < cdf[hi]
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= u) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return t0 + (lo + solveCell(lo, u)) * dt;
    }

    /**
     * The s in [0, 1] where cell g's quintic Hermite interpolant of F (values, dt f and dt^2 f' at both ends)
     * equals u, by Newton steps kept inside the bracket of signs (bisection when a step leaves it).
     */
    private double solveCell(int g, double u) {
        double p = cdf[g + 1] - cdf[g];
        double m0 = dt * pdf[g];
        double m1 = dt * pdf[g + 1];
        double a0 = dt * dt * slope[g];
        double a1 = dt * dt * slope[g + 1];
        double c2 = 0.5 * a0;
        double c3 = 10 * p - 6 * m0 - 4 * m1 - 1.5 * a0 + 0.5 * a1;
        double c4 = -15 * p + 8 * m0 + 7 * m1 + 1.5 * a0 - a1;
        double c5 = 6 * p - 3 * m0 - 3 * m1 - 0.5 * a0 + 0.5 * a1;
        double target = u - cdf[g];
        double lo = 0;
        double hi = 1;
        double s = p > 0 ? target / p : 0.5;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double value = s * (m0 + s * (c2 + s * (c3 + s * (c4 + s * c5)))) - target;
            if (value < 0) {
                lo = s;
            } else {
                hi = s;
            }
            double derivative = m0 + s * (2 * c2 + s * (3 * c3 + s * (4 * c4 + s * 5 * c5)));
            double next = s - value / derivative;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - s) <= 1e-15) {
                return next;
            }
            s = next;
        }
        return s;
    }

    @Override
    public double cdf(double v) {
        int from = firstAbove(v - REACH * h);
        int to = firstAbove(v + REACH * h);
        double sum = from; // every kernel centred below v - 10h
        for (int i = from; i < to; i++) {
            sum += NormalCdf.of((v - x[i]) / h);
        }
        return sum / x.length;
    }

    @Override
    public double density(double v) {
        int from = firstAbove(v - REACH * h);
        int to = firstAbove(v + REACH * h);
        double sum = 0;
        for (int i = from; i < to; i++) {
            double z = (v - x[i]) / h;
            sum += Math.exp(-0.5 * z * z);
        }
        return sum * 0.39894228040143267794 / (x.length * h);
    }

    /** The number of data values &lt; v (the index of the first value &gt;= v). */
    private int firstAbove(double v) {
        return SortedValues.count(x, v, true);
    }

    /** The bandwidth h. */
    double bandwidth() {
        return h;
    }

    @Override
    public double mean() {
        return mean;
    }

    @Override
    public double variance() {
        return variance;
    }

    @Override
    public double supportLower() {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    public double supportUpper() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "kde(" + x.length + " values, bandwidth=" + h + ")";
    }
}
