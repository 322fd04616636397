package org.snauq.datasets;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.snauq.dist.InputSpec;

/**
 * Piston simulation: the cycle time of a piston in a cylinder (Kenett and Zacks 1998; Surjanovic and Bingham's
 * virtual library): C = 2 pi sqrt(M / (k + S^2 P0 V0 Ta / (T0 V^2))), in seconds, with
 * V = S / (2 k) (sqrt(A^2 + 4 k P0 V0 Ta / T0) - A) and A = P0 S + 19.62 M - k V0 / S. Every input uniform on its
 * usual range. No closed-form moments or Sobol indices are known.
 */
public final class Piston implements BenchmarkFunction {

    @Override
    public String name() {
        return "piston";
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of(
                new InputSpec("M", "uniform", Map.of("lower", 30.0, "upper", 60.0)),
                new InputSpec("S", "uniform", Map.of("lower", 0.005, "upper", 0.020)),
                new InputSpec("V0", "uniform", Map.of("lower", 0.002, "upper", 0.010)),
                new InputSpec("k", "uniform", Map.of("lower", 1000.0, "upper", 5000.0)),
                new InputSpec("P0", "uniform", Map.of("lower", 90000.0, "upper", 110000.0)),
                new InputSpec("Ta", "uniform", Map.of("lower", 290.0, "upper", 296.0)),
                new InputSpec("T0", "uniform", Map.of("lower", 340.0, "upper", 360.0)));
    }

    @Override
    public double value(double[] x) {
        double m = x[0];
        double s = x[1];
        double v0 = x[2];
        double k = x[3];
        double p0 = x[4];
        double ta = x[5];
        double t0 = x[6];
        double a = p0 * s + 19.62 * m - k * v0 / s;
        double gas = p0 * v0 * ta / t0; // P0 V0 Ta / T0
        double v = s / (2 * k) * (Math.sqrt(a * a + 4 * k * gas) - a);
        return 2 * Math.PI * Math.sqrt(m / (k + s * s * gas / (v * v)));
    }

    @Override
    public OptionalDouble mean() {
        return OptionalDouble.empty();
    }

    @Override
    public OptionalDouble variance() {
        return OptionalDouble.empty();
    }

    @Override
    public double[] firstOrder() {
        return null;
    }

    @Override
    public double[] total() {
        return null;
    }
}
