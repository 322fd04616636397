package org.snauq.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.dist.InputSpec;

class MultiSnaModelTest {

    /** Exact identities in floating point: the same sums in another order. */
    private static final double SUM_TOL = 1e-12;

    /**
     * Three outputs over z0 in [-1, 2], z1 in [-2, 3], z2 in [-3, 4], each with its own rank, degree and knots (the
     * third graded), and shared input laws.
     */
    static MultiSnaModel threeOutputs() {
        SnaModel a = SnaModelDerivativesTest.model(new int[] {3, 3, 3}, 2, 7, 1).withOutput("depth");
        SnaModel b = SnaModelDerivativesTest.model(new int[] {5, 2, 3}, 4, 9, 2).withOutput("width");
        SnaModel c0 = SnaModelDerivativesTest.model(new int[] {1, 4, 3}, 1, 6, 3);
        double[][] w = {c0.factor(0), c0.factor(1), new double[] {0.5, -1, 2, 0.25, 1, -0.5}};
        Map<String, Object> provenance = new java.util.LinkedHashMap<>(); // Map.of would order keys per JVM run
        provenance.put("method", "test");
        provenance.put("rank", 1);
        SnaModel c = SnaModel.of(c0.names(), List.of(c0.basis(0), c0.basis(1),
                new BSplineBasis(org.snauq.basis.KnotVector.clamped(3, new double[] {-3, -2.5, 1, 4}))),
                c0.lambda(), w, "peak", provenance, List.of());
        return MultiSnaModel.of(List.of(a, b, c)).withInputs(List.of(
                new InputSpec("z0", "uniform", Map.of("lower", -1.0, "upper", 2.0)),
                new InputSpec("z2", "normal", Map.of("mean", 0.5, "sd", 1.0))));
    }

    @Test
    void evaluate_batch_equalsEachOutputsOwnKernel() {
        MultiSnaModel m = threeOutputs();
        SplittableRandom rng = new SplittableRandom(4);
        int count = 37;
        double[] points = new double[count * 3];
        for (int j = 0; j < count; j++) {
            for (int d = 0; d < 3; d++) {
                points[j * 3 + d] = rng.nextDouble(m.lower(d), m.upper(d));
            }
        }
        double[] out = new double[count * 3];
        MultiSnaModel.Workspace ws = m.newWorkspace();
        m.evaluate(points, 1, out, ws); // a smaller batch first: the buffer grows
        m.evaluate(points, count, out, ws);
        for (int k = 0; k < 3; k++) {
            double[] expected = new double[count];
            m.output(k).evaluate(points, count, expected, m.output(k).newWorkspace());
            for (int j = 0; j < count; j++) {
                assertEquals(expected[j], out[j * 3 + k], 0.0, "output " + k + ", point " + j);
            }
        }
    }

    @Test
    void jacobianAndHessianVector_equalTheOutputsDerivatives() {
        MultiSnaModel m = threeOutputs();
        double[] z = {0.3, -1.1, 2.2};
        double[] jac = new double[9];
        m.jacobian(z, jac);
        double[] sens = {0.5, -2, 0};
        double[] v = {1, -0.5, 0.25};
        double[] hv = new double[3];
        m.hessianVector(z, sens, v, hv);
        double[] expected = new double[3];
        for (int k = 0; k < 3; k++) {
            double[] g = new double[3];
            m.output(k).gradient(z, g);
            assertArrayEquals(g, java.util.Arrays.copyOfRange(jac, 3 * k, 3 * k + 3), 0.0);
            double[] h = new double[3];
            m.output(k).hessianVector(z, v, h);
            for (int d = 0; d < 3; d++) {
                expected[d] += sens[k] * h[d];
            }
        }
        assertArrayEquals(expected, hv, SUM_TOL);
    }

    @Test
    void of_outputsThatDoNotShareCoordinates_refusedNamingTheField() {
        MultiSnaModel m = threeOutputs();
        SnaModel a = m.output(0);
        assertEquals("outputs[1].output repeats outputs[0].output, got 'depth'", assertThrows(
                IllegalArgumentException.class, () -> MultiSnaModel.of(List.of(a, m.output(1).withOutput("depth"))))
                .getMessage());
        SnaModel twoCoords = SnaModelDerivativesTest.model(new int[] {3, 3}, 1, 5, 9).withOutput("w");
        assertEquals("outputs[1].coordinates must be named [z0, z1, z2] as in outputs[0], got [z0, z1]", assertThrows(
                IllegalArgumentException.class, () -> MultiSnaModel.of(List.of(a, twoCoords))).getMessage());
        SnaModel shifted = SnaModel.of(a.names(), List.of(a.basis(0), BSplineBasis.clampedUniform(3, 7, -2, 3.5),
                a.basis(2)), a.lambda(), new double[][] {a.factor(0), a.factor(1), a.factor(2)}, "w");
        assertEquals("outputs[1].coordinates[1] must have the domain [-2.0, 3.0] of outputs[0], got [-2.0, 3.5]",
                assertThrows(IllegalArgumentException.class, () -> MultiSnaModel.of(List.of(a, shifted)))
                        .getMessage());
        assertEquals("outputs[1] stores other input laws than outputs[0]", assertThrows(IllegalArgumentException.class,
                () -> MultiSnaModel.of(List.of(a, m.output(1).withInputs(List.of())))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiSnaModel.of(List.of()));
    }

    @Test
    void hessianVector_outsideTheDomainWithZeroWeights_stillRefused() {
        MultiSnaModel m = threeOutputs();
        assertThrows(IllegalArgumentException.class,
                () -> m.hessianVector(new double[] {9, 0, 0}, new double[3], new double[3], new double[3]));
    }
}
