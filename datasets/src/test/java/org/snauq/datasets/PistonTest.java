package org.snauq.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PistonTest {

    /** The same formula in another language and evaluation order: a few ulps of a value near 0.5. */
    private static final double TOL = 1e-15;

    @Test
    void value_twoPoints_matchIndependentEvaluation() {
        Piston p = new Piston();
        // Python 3, float64, the formula as printed by Surjanovic and Bingham (piston.html)
        assertEquals(0.4643970224718025, p.value(new double[] {45, 0.0125, 0.006, 3000, 100000, 293, 350}), TOL);
        assertEquals(0.46700283916057495, p.value(new double[] {30, 0.005, 0.002, 1000, 90000, 290, 340}), TOL);
        assertEquals("piston", BenchmarkFunctions.byName("PISTON").name());
    }
}
