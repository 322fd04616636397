package org.snauq.thermal;

import java.util.Arrays;

/**
 * A material property y(T) given at increasing temperatures T_0 &lt; ... &lt; T_m: linear between the points and
 * constant beyond the ends (a property is not extrapolated past its data). The integral
 * Y(T) = int_{T_0}^T y(t) dt is exact for this curve (a sum of trapezoids), so its inverse on a positive curve is
 * the root of a quadratic on one segment.
 *
 * <p>Immutable.
 */
public final class PropertyCurve {

    private final double[] t;
    private final double[] y;
    /** cumulative[i] = int_{T_0}^{T_i} y. */
    private final double[] cumulative;

    private PropertyCurve(double[] t, double[] y) {
        this.t = t;
        this.y = y;
        this.cumulative = new double[t.length];
        for (int i = 1; i < t.length; i++) {
            cumulative[i] = cumulative[i - 1] + 0.5 * (y[i - 1] + y[i]) * (t[i] - t[i - 1]);
        }
    }

    /**
     * @param temperatures increasing, at least one (read)
     * @param values       finite, one per temperature (read)
     */
    public static PropertyCurve of(double[] temperatures, double[] values) {
        if (temperatures.length < 1 || temperatures.length != values.length) {
            throw new IllegalArgumentException("a curve needs as many values as temperatures (>= 1), got "
                    + temperatures.length + " temperatures and " + values.length + " values");
        }
        for (int i = 0; i < temperatures.length; i++) {
            if (!Double.isFinite(temperatures[i]) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException("curve point " + i + " must be finite, got (" + temperatures[i]
                        + ", " + values[i] + ")");
            }
            if (i > 0 && !(temperatures[i] > temperatures[i - 1])) {
                throw new IllegalArgumentException("curve temperatures must increase, got " + temperatures[i - 1]
                        + " then " + temperatures[i] + " at point " + i);
            }
        }
        return new PropertyCurve(temperatures.clone(), values.clone());
    }

    /** A constant y. */
    public static PropertyCurve constant(double value) {
        return of(new double[] {0}, new double[] {value});
    }

    /**
     * The curve times a factor that is 1 up to {@code tLow}, {@code factor} from {@code tHigh} on and linear between,
     * as a curve on the union of the points and {tLow, tHigh} (between tLow and tHigh the product, a quadratic,
     * is read linearly between those points).
     */
    public PropertyCurve scaledAbove(double tLow, double tHigh, double factor) {
        if (!(tLow < tHigh) || !(factor > 0)) {
            throw new IllegalArgumentException("scaledAbove: needs tLow < tHigh and factor > 0, got " + tLow + ", "
                    + tHigh + ", " + factor);
        }
        double[] knots = union(t, new double[] {tLow, tHigh});
        double[] v = new double[knots.length];
        for (int i = 0; i < knots.length; i++) {
            double ramp = Math.min(1, Math.max(0, (knots[i] - tLow) / (tHigh - tLow)));
            v[i] = value(knots[i]) * (1 + (factor - 1) * ramp);
        }
        return new PropertyCurve(knots, v);
    }

    private static double[] union(double[] a, double[] b) {
        return java.util.stream.DoubleStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct()
                .toArray();
    }

    /** y(T). */
    public double value(double temperature) {
        if (temperature <= t[0]) {
            return y[0];
        }
        int n = t.length;
        if (temperature >= t[n - 1]) {
            return y[n - 1];
        }
        int i = segment(temperature);
        double f = (temperature - t[i]) / (t[i + 1] - t[i]);
        return y[i] + f * (y[i + 1] - y[i]);
    }

    /** int_{T_0}^{T} y (negative below T_0). */
    public double integral(double temperature) {
        int n = t.length;
        if (temperature <= t[0]) {
            return y[0] * (temperature - t[0]);
        }
        if (temperature >= t[n - 1]) {
            return cumulative[n - 1] + y[n - 1] * (temperature - t[n - 1]);
        }
        int i = segment(temperature);
        double h = temperature - t[i];
        return cumulative[i] + h * (y[i] + 0.5 * h * (y[i + 1] - y[i]) / (t[i + 1] - t[i]));
    }

    /** int_a^b y. */
    public double integral(double a, double b) {
        return integral(b) - integral(a);
    }

    /** Mean of y over [a, b], a &lt; b. */
    public double mean(double a, double b) {
        return integral(a, b) / (b - a);
    }

    /**
     * The temperature T with int_{T_0}^T y = target, for a curve with y &gt; 0 everywhere (then the integral is
     * strictly increasing). Exact: the root of a quadratic on the segment that holds it.
     */
    public double inverseIntegral(double target) {
        int n = t.length;
        if (target <= 0) {
            return t[0] + target / y[0];
        }
        if (target >= cumulative[n - 1]) {
            return t[n - 1] + (target - cumulative[n - 1]) / y[n - 1];
        }
        int i = Arrays.binarySearch(cumulative, target);
        if (i >= 0) {
            return t[i];
        }
        i = -i - 2;
        double r = target - cumulative[i];
        double slope = (y[i + 1] - y[i]) / (t[i + 1] - t[i]);
        // y_i h + slope h^2 / 2 = r; the stable root form avoids cancellation when slope is tiny
        double h = 2 * r / (y[i] + Math.sqrt(y[i] * y[i] + 2 * slope * r));
        return t[i] + h;
    }

    /** The smallest value of the curve. */
    public double minimum() {
        return Arrays.stream(y).min().orElseThrow();
    }

    /** A copy of the temperatures. */
    public double[] temperatures() {
        return t.clone();
    }

    /** A copy of the values. */
    public double[] values() {
        return y.clone();
    }

    private int segment(double temperature) {
        int i = Arrays.binarySearch(t, temperature);
        return i >= 0 ? Math.min(i, t.length - 2) : -i - 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyCurve c && Arrays.equals(t, c.t) && Arrays.equals(y, c.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(t) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("PropertyCurve[");
        for (int i = 0; i < t.length; i++) {
            s.append(i == 0 ? "" : ", ").append('(').append(t[i]).append(", ").append(y[i]).append(')');
        }
        return s.append(']').toString();
    }
}
