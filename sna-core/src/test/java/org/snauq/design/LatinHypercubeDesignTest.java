package org.snauq.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatinHypercubeDesignTest {

    @Test
    void fill_anyN_onePointPerStratumPerCoordinate() {
        for (long n : new long[] {2, 3, 5, 1000, 4096, 10007}) {
            LatinHypercubeDesign design = new LatinHypercubeDesign(4, n, n * 31);
            double[] all = new double[(int) n * 4];
            design.fill(0, (int) n, all);
            for (int d = 0; d < 4; d++) {
                boolean[] seen = new boolean[(int) n];
                for (int k = 0; k < n; k++) {
                    int stratum = (int) Math.floor(all[k * 4 + d] * n);
                    assertEquals(design.stratum(k, d), stratum, "n " + n + " point " + k + " coordinate " + d);
                    assertTrue(!seen[stratum], "n " + n + " coordinate " + d + " stratum " + stratum + " twice");
                    seen[stratum] = true;
                }
            }
        }
    }

    @Test
    void stratum_coordinates_differentPermutations() {
        LatinHypercubeDesign design = new LatinHypercubeDesign(2, 1000, 4);
        int same = 0;
        for (int k = 0; k < 1000; k++) {
            same += design.stratum(k, 0) == design.stratum(k, 1) ? 1 : 0;
        }
        // Two independent random permutations agree in Poisson(1) places: more than 8 has probability ~1e-6.
        assertTrue(same <= 8, "coordinates share " + same + " strata");
    }
}
