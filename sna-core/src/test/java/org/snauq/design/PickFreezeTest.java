package org.snauq.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PickFreezeTest {

    @Test
    void expand_designRows_givesABAndMixedPoints() {
        int inputs = 3;
        int count = 50;
        double[] rows = new double[count * 2 * inputs];
        new SobolDesign(2 * inputs, 64, 3, 4).fill(0, count, rows);
        int per = PickFreeze.pointsPerSample(inputs);
        double[] out = new double[7 + count * per * inputs];
        PickFreeze.expand(rows, 0, count, inputs, out, 7);
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < inputs; d++) {
                double a = rows[i * 2 * inputs + d];
                double b = rows[i * 2 * inputs + inputs + d];
                assertEquals(a, out[7 + (i * per + PickFreeze.A) * inputs + d], 0.0);
                assertEquals(b, out[7 + (i * per + PickFreeze.B) * inputs + d], 0.0);
                for (int j = 0; j < inputs; j++) {
                    double expected = d == j ? b : a;
                    assertEquals(expected, out[7 + (i * per + PickFreeze.mixed(j)) * inputs + d], 0.0,
                            "sample " + i + " A_B^(" + j + ") coordinate " + d);
                }
            }
        }
    }

    @Test
    void expand_shortOutput_namesSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PickFreeze.expand(new double[8], 0, 2, 2, new double[15], 0));
        assertEquals("rows must hold 8 values from 0 and out 16 values from 0, got lengths 8 and 15", e.getMessage());
    }
}
