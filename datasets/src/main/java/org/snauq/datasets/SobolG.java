package org.snauq.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.snauq.dist.InputSpec;

/**
 * Sobol' G-function g = prod_i (|4 x_i - 2| + a_i) / (1 + a_i), X_i ~ U(0, 1) (Saltelli and Sobol' 1995).
 * Each factor has mean 1 and variance V_i = 1 / (3 (1 + a_i)^2), so E[g] = 1, V = prod (1 + V_i) - 1,
 * S_i = V_i / V and ST_i = V_i prod_{j != i} (1 + V_j) / V. Small a_i means an important input.
 */
public final class SobolG implements BenchmarkFunction {

    private final double[] a;

    public SobolG(double... a) {
        if (a.length < 1) {
            throw new IllegalArgumentException("the G-function needs at least one coefficient");
        }
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] >= 0)) {
                throw new IllegalArgumentException("G-function coefficient a[" + i + "] must be >= 0, got " + a[i]);
            }
        }
        this.a = a.clone();
    }

    /** The common 8-input case a = (0, 1, 4.5, 9, 99, 99, 99, 99). */
    public static SobolG standard() {
        return new SobolG(0, 1, 4.5, 9, 99, 99, 99, 99);
    }

    @Override
    public String name() {
        return "sobol-g";
    }

    @Override
    public List<InputSpec> inputs() {
        List<InputSpec> in = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            in.add(new InputSpec("x" + (i + 1), "uniform", Map.of("lower", 0.0, "upper", 1.0)));
        }
        return in;
    }

    @Override
    public double value(double[] x) {
        double g = 1.0;
        for (int i = 0; i < a.length; i++) {
            g *= (Math.abs(4.0 * x[i] - 2.0) + a[i]) / (1.0 + a[i]);
        }
        return g;
    }

    private double partial(int i) {
        return 1.0 / (3.0 * (1.0 + a[i]) * (1.0 + a[i]));
    }

    @Override
    public OptionalDouble mean() {
        return OptionalDouble.of(1.0);
    }

    @Override
    public OptionalDouble variance() {
        double prod = 1.0;
        for (int i = 0; i < a.length; i++) {
            prod *= 1.0 + partial(i);
        }
        return OptionalDouble.of(prod - 1.0);
    }

    @Override
    public double[] firstOrder() {
        double v = variance().getAsDouble();
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = partial(i) / v;
        }
        return s;
    }

    @Override
    public double[] total() {
        double v = variance().getAsDouble();
        double all = v + 1.0;
        double[] st = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            st[i] = partial(i) * all / (1.0 + partial(i)) / v;
        }
        return st;
    }
}
