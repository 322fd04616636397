package org.snauq.datasets;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.snauq.dist.InputSpec;

/**
 * Ishigami function f = sin(x1) + a sin(x2)^2 + b x3^4 sin(x1), X_i ~ U(-pi, pi) (Ishigami and Homma 1990).
 * With s = b pi^4 / 5: mean a/2; V1 = (1 + s)^2 / 2, V2 = a^2/8, V13 = 8 b^2 pi^8 / 225, V3 = 0
 * (Sudret 2008, RESS 93, eq. 43-45). It is exactly rank 2 in separated form:
 * sin(x1) (1 + b x3^4) + a sin(x2)^2.
 */
public final class Ishigami implements BenchmarkFunction {

    private final double a;
    private final double b;

    public Ishigami(double a, double b) {
        this.a = a;
        this.b = b;
    }

    /** The standard parameters a = 7, b = 0.1. */
    public static Ishigami standard() {
        return new Ishigami(7.0, 0.1);
    }

    @Override
    public String name() {
        return "ishigami";
    }

    @Override
    public List<InputSpec> inputs() {
        Map<String, Double> u = Map.of("lower", -Math.PI, "upper", Math.PI);
        return List.of(new InputSpec("x1", "uniform", u), new InputSpec("x2", "uniform", u),
                new InputSpec("x3", "uniform", u));
    }

    @Override
    public double value(double[] x) {
        double s2 = Math.sin(x[1]);
        double x3 = x[2] * x[2];
        return Math.sin(x[0]) * (1.0 + b * x3 * x3) + a * s2 * s2;
    }

    private double v1() {
        double s = b * Math.pow(Math.PI, 4) / 5.0;
        return 0.5 * (1.0 + s) * (1.0 + s);
    }

    private double v2() {
        return a * a / 8.0;
    }

    private double v13() {
        return 8.0 * b * b * Math.pow(Math.PI, 8) / 225.0;
    }

    @Override
    public OptionalDouble mean() {
        return OptionalDouble.of(a / 2.0);
    }

    @Override
    public OptionalDouble variance() {
        return OptionalDouble.of(v1() + v2() + v13());
    }

    @Override
    public double[] firstOrder() {
        double v = variance().getAsDouble();
        return new double[] {v1() / v, v2() / v, 0.0};
    }

    @Override
    public double[] total() {
        double v = variance().getAsDouble();
        return new double[] {(v1() + v13()) / v, v2() / v, v13() / v};
    }
}
