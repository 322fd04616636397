package org.snauq.design;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

class InputTransformTest {

    private static final List<Distribution> MARGINALS = List.of(
            Distributions.of(new InputSpec("a", "normal", Map.of("mean", 1.0, "sd", 2.0))),
            Distributions.of(new InputSpec("b", "constant", Map.of("value", 0.5))),
            Distributions.of(new InputSpec("c", "gamma", Map.of("shape", 2.0, "scale", 3.0))));

    @Test
    void apply_inPlaceOrCopy_equalsMarginalQuantiles() {
        int count = 100;
        double[] u = new double[count * 3];
        new LatinHypercubeDesign(3, count, 1).fill(0, count, u);
        double[] copy = new double[u.length + 5];
        InputTransform transform = InputTransform.of(MARGINALS);
        transform.apply(u, 0, count, copy, 5);
        double[] inPlace = u.clone();
        transform.apply(inPlace, count);
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < 3; d++) {
                double expected = MARGINALS.get(d).inverseCdf(u[i * 3 + d]);
                assertEquals(expected, copy[5 + i * 3 + d], 0.0);
                assertEquals(expected, inPlace[i * 3 + d], 0.0);
            }
        }
    }

    @Test
    void twice_pickFreezeRow_mapsBothHalves() {
        InputTransform both = InputTransform.of(MARGINALS).twice();
        assertEquals(6, both.dimension());
        double[] row = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        double[] x = new double[6];
        both.apply(row, 0, 1, x, 0);
        for (int d = 0; d < 6; d++) {
            assertEquals(MARGINALS.get(d % 3).inverseCdf(row[d]), x[d], 0.0);
        }
    }
}
