package org.snauq.datasets;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.snauq.dist.InputSpec;

/**
 * Borehole water flow (Harper and Gupta 1983; Surjanovic and Bingham's virtual library):
 * f = 2 pi Tu (Hu - Hl) / (ln(r/rw) (1 + 2 L Tu / (ln(r/rw) rw^2 Kw) + Tu / Tl)), in m^3/yr.
 * Inputs as in the usual UQ studies: rw ~ N(0.10, 0.0161812), r ~ LN(7.71, 1.0056), the rest uniform.
 * No closed-form moments or Sobol indices are known.
 */
public final class Borehole implements BenchmarkFunction {

    @Override
    public String name() {
        return "borehole";
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of(
                new InputSpec("rw", "normal", Map.of("mean", 0.10, "sd", 0.0161812)),
                new InputSpec("r", "lognormal", Map.of("mu", 7.71, "sigma", 1.0056)),
                new InputSpec("Tu", "uniform", Map.of("lower", 63070.0, "upper", 115600.0)),
                new InputSpec("Hu", "uniform", Map.of("lower", 990.0, "upper", 1110.0)),
                new InputSpec("Tl", "uniform", Map.of("lower", 63.1, "upper", 116.0)),
                new InputSpec("Hl", "uniform", Map.of("lower", 700.0, "upper", 820.0)),
                new InputSpec("L", "uniform", Map.of("lower", 1120.0, "upper", 1680.0)),
                new InputSpec("Kw", "uniform", Map.of("lower", 9855.0, "upper", 12045.0)));
    }

    @Override
    public double value(double[] x) {
        double rw = x[0];
        double logRatio = Math.log(x[1] / rw);
        double tu = x[2];
        return 2.0 * Math.PI * tu * (x[3] - x[5])
                / (logRatio * (1.0 + 2.0 * x[6] * tu / (logRatio * rw * rw * x[7]) + tu / x[4]));
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
