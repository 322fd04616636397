package org.snauq.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snauq.dist.InputSpec;

class PriorTest {

    /** Central differences of log density with step 1e-4 of the scale: error ~ h^2 f''' ~ 1e-8, rounding
     *  ~1e-16 / 1e-4 ~ 1e-12 of the scale; 1e-6 relative to the derivative's size plus 1e-6. */
    private static final double FD = 1e-6;

    @Test
    void slopeAndCurvature_everyFamily_matchFiniteDifferences() {
        Object[][] cases = {
            {"normal", new double[] {1.5, 0.7}, 1.2},
            {"truncated-normal", new double[] {0.3, 0.2, 0.0, 1.0}, 0.45},
            {"lognormal", new double[] {0.2, 0.5}, 1.7},
            {"beta", new double[] {2.5, 3.5, 1.0, 3.0}, 1.6},
            {"triangular", new double[] {0.0, 1.0, 4.0}, 2.5},
            {"gamma", new double[] {3.0, 1.5}, 2.2},
            {"weibull", new double[] {2.2, 1.3}, 0.9},
            {"uniform", new double[] {0.0, 1.0}, 0.3}};
        for (Object[] c : cases) {
            String family = (String) c[0];
            double[] v = (double[]) c[1];
            Map<String, Double> params = new LinkedHashMap<>();
            var keys = org.snauq.dist.Distributions.parameters(family);
            for (int i = 0; i < v.length; i++) {
                params.put(keys.get(i), v[i]);
            }
            Prior prior = Prior.of(new InputSpec("t", family, params));
            double x = (double) c[2];
            double h = 1e-4 * Math.max(1, Math.abs(x));
            double slope = (prior.logDensity(x + h) - prior.logDensity(x - h)) / (2 * h);
            double curvature = (prior.logDensity(x + h) - 2 * prior.logDensity(x) + prior.logDensity(x - h)) / (h * h);
            assertEquals(slope, prior.logDensitySlope(x), FD * (1 + Math.abs(slope)), family + " slope");
            assertEquals(curvature, prior.logDensityCurvature(x), 1e3 * FD * (1 + Math.abs(curvature)),
                    family + " curvature"); // the second difference loses 3 more digits to rounding
        }
    }

    @Test
    void of_constant_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Prior.of(new InputSpec("t", "constant", Map.of("value", 1.0))));
        assertEquals("the prior of an unknown cannot be constant", e.getMessage());
    }
}
