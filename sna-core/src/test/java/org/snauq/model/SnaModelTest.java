package org.snauq.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

class SnaModelTest {

    /** Relative tolerance for sums of D * R * (p+1) products of O(1) terms. */
    private static final double SUM_TOL = 1e-12;

    static SnaModel randomModel(int dim, int rank, int atoms, long seed) {
        List<BSplineBasis> bases = new java.util.ArrayList<>();
        for (int d = 0; d < dim; d++) {
            bases.add(BSplineBasis.clampedUniform(3, atoms, -1 - d, 2 + d));
        }
        return randomModel(bases, rank, seed);
    }

    /** Coordinates z0, z1, .. on the given atoms; factors uniform in [-1, 1], weights in [0.5, 2), by seed. */
    static SnaModel randomModel(List<BSplineBasis> bases, int rank, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> names = new java.util.ArrayList<>();
        double[][] w = new double[bases.size()][];
        for (int d = 0; d < w.length; d++) {
            names.add("z" + d);
            w[d] = new double[bases.get(d).count() * rank];
            for (int i = 0; i < w[d].length; i++) {
                w[d][i] = rng.nextDouble(-1, 1);
            }
        }
        double[] lambda = new double[rank];
        for (int r = 0; r < rank; r++) {
            lambda[r] = rng.nextDouble(0.5, 2);
        }
        return SnaModel.of(names, bases, lambda, w, "y");
    }

    /** Direct formula: sum_r lambda_r prod_d sum_i W[i,r] B_i(z_d) with every atom evaluated. */
    static double naive(SnaModel m, double[] z) {
        double u = 0;
        double[] lambda = m.lambda();
        for (int r = 0; r < m.rank(); r++) {
            double prod = lambda[r];
            for (int d = 0; d < m.dimension(); d++) {
                BSplineBasis b = m.basis(d);
                int span = b.findSpan(z[d]);
                double[] v = b.evaluate(z[d]);
                double[] w = m.factor(d);
                double phi = 0;
                for (int k = 0; k <= b.degree(); k++) {
                    phi += v[k] * w[(span - b.degree() + k) * m.rank() + r];
                }
                prod *= phi;
            }
            u += prod;
        }
        return u;
    }

    @Test
    void evaluate_batch_equalsPointwiseFormula() {
        SnaModel m = randomModel(5, 4, 9, 7);
        SplittableRandom rng = new SplittableRandom(8);
        int count = 50;
        double[] pts = new double[count * 5];
        for (int j = 0; j < count; j++) {
            for (int d = 0; d < 5; d++) {
                pts[j * 5 + d] = rng.nextDouble(m.lower(d), m.upper(d));
            }
        }
        double[] out = new double[count];
        m.evaluate(pts, count, out, m.newWorkspace());
        for (int j = 0; j < count; j++) {
            double[] z = java.util.Arrays.copyOfRange(pts, j * 5, j * 5 + 5);
            double expected = naive(m, z);
            assertEquals(expected, out[j], SUM_TOL * Math.max(1, Math.abs(expected)));
            assertEquals(out[j], m.value(z), 0.0);
        }
    }

    @Test
    void gradient_anyPoint_matchesCentralDifferences() {
        SnaModel m = randomModel(4, 3, 8, 11);
        double[] z = {0.1, 0.7, 1.3, -0.4};
        double[] g = new double[4];
        double u = m.gradient(z, g);
        assertEquals(m.value(z), u, 1e-12 * Math.abs(u));
        double h = 1e-6;
        for (int d = 0; d < 4; d++) {
            double[] zp = z.clone();
            double[] zm = z.clone();
            zp[d] += h;
            zm[d] -= h;
            double fd = (m.value(zp) - m.value(zm)) / (2 * h);
            assertEquals(fd, g[d], 1e-6 * Math.max(1, Math.abs(fd)), "du/dz" + d);
        }
    }

    @Test
    void normalized_anyModel_sameFunctionUnitColumns() {
        SnaModel m = randomModel(3, 2, 6, 3);
        SnaModel n = m.normalized();
        double[] z = {0.2, 0.5, 1.5};
        assertEquals(m.value(z), n.value(z), 1e-12);
        for (int d = 0; d < 3; d++) {
            double[] w = n.factor(d);
            for (int r = 0; r < 2; r++) {
                double s = 0;
                for (int i = 0; i < 6; i++) {
                    s += w[i * 2 + r] * w[i * 2 + r];
                }
                assertEquals(1.0, s, 1e-14);
            }
        }
    }

    @Test
    void value_outsideDomain_namesCoordinate() {
        SnaModel m = randomModel(2, 1, 5, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.value(new double[] {0, 9}));
        assertEquals("z1 = 9.0 is outside the model's domain [-2.0, 3.0]", e.getMessage());
    }

    @Test
    void of_invalidParts_refusedNamingTheField() {
        SnaModel m = randomModel(2, 2, 5, 1);
        List<BSplineBasis> bases = List.of(m.basis(0), m.basis(1));
        double[][] w = {m.factor(0), m.factor(1)};
        assertEquals("coordinates[1].name must match [A-Za-z_][A-Za-z0-9_]*, got 'a b'", assertThrows(
                IllegalArgumentException.class, () -> SnaModel.of(List.of("z0", "a b"), bases, m.lambda(), w, "y"))
                .getMessage());
        assertEquals("output must match [A-Za-z_][A-Za-z0-9_]*, got '../y'", assertThrows(
                IllegalArgumentException.class, () -> SnaModel.of(m.names(), bases, m.lambda(), w, "../y"))
                .getMessage());
        assertEquals("lambda[1] must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> SnaModel.of(m.names(), bases, new double[] {1, Double.NaN}, w, "y")).getMessage());
        double[][] inf = {m.factor(0), m.factor(1)};
        inf[1][3] = Double.NEGATIVE_INFINITY;
        assertEquals("factor of z1[3] must be finite, got -Infinity", assertThrows(IllegalArgumentException.class,
                () -> SnaModel.of(m.names(), bases, m.lambda(), inf, "y")).getMessage());
        List<BSplineBasis> high = List.of(m.basis(0), BSplineBasis.clampedUniform(SnaModel.MAX_DEGREE + 1,
                SnaModel.MAX_DEGREE + 2, 0, 1));
        double[][] wHigh = {m.factor(0), new double[(SnaModel.MAX_DEGREE + 2) * 2]};
        assertEquals("coordinates[1].degree must be <= 64, got 65", assertThrows(IllegalArgumentException.class,
                () -> SnaModel.of(m.names(), high, m.lambda(), wHigh, "y")).getMessage());
    }

    @Test
    void withInputs_lawsByTheStudyRules_checked() {
        SnaModel m = randomModel(2, 1, 5, 1);
        assertEquals("inputs[0].parameters (z1, gamma): shape must be > 0, got 0.0", assertThrows(
                IllegalArgumentException.class, () -> m.withInputs(List.of(
                        new InputSpec("z1", "gamma", Map.of("shape", 0.0, "scale", 1.0))))).getMessage());
        assertEquals("inputs[0].dist must be one of " + String.join(", ", Distributions.families())
                + ", got 'Normal\\n'", assertThrows(IllegalArgumentException.class,
                () -> m.withInputs(List.of(new InputSpec("z1", "Normal\n", Map.of())))).getMessage());
        assertEquals("inputs[0].parameters (z0, normal): missing parameter 'sd' for normal; expected: mean, sd",
                assertThrows(IllegalArgumentException.class, () -> m.withInputs(List.of(
                        new InputSpec("z0", "normal", Map.of("mean", 0.0))))).getMessage());
        // a subset of the coordinates is fine (a sweep's design inputs have no law)
        assertEquals(1, m.withInputs(List.of(new InputSpec("z0", "constant", Map.of("value", 0.5)))).inputs().size());
    }
}
