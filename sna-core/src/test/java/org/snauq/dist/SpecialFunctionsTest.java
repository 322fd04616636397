package org.snauq.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/** The allocation-free incomplete functions against Commons Math's (an independent implementation). */
class SpecialFunctionsTest {

    /** Both sides converge to ~1e-15 relative; the exp(a ln x - x - lnGamma) front loses ~|a ln x| ulps. */
    private static final double REL_TOL = 1e-12;

    @Test
    void gammaTail_grid_matchesCommonsMath() {
        for (double a : new double[] {0.3, 1, 2.5, 17, 150}) {
            double logGamma = Gamma.logGamma(a);
            for (double x : new double[] {1e-8, 0.01, 0.5, 1, 2, 5, 10, 40, 140, 200}) {
                double p = Gamma.regularizedGammaP(a, x);
                double q = Gamma.regularizedGammaQ(a, x);
                assertEquals(p, SpecialFunctions.gammaTail(a, x, logGamma, false), REL_TOL * p + 1e-300, "P(" + a + ", " + x + ")");
                assertEquals(q, SpecialFunctions.gammaTail(a, x, logGamma, true), REL_TOL * q + 1e-300, "Q(" + a + ", " + x + ")");
            }
        }
    }

    @Test
    void betaTail_grid_matchesCommonsMath() {
        double[][] shapes = {{0.5, 0.5}, {2, 5}, {30, 0.7}, {1, 1}, {8, 8}};
        for (double[] s : shapes) {
            double logBeta = Beta.logBeta(s[0], s[1]);
            for (double x : new double[] {1e-10, 1e-3, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999, 1 - 1e-10}) {
                double lower = Beta.regularizedBeta(x, s[0], s[1]);
                double upper = Beta.regularizedBeta(1 - x, s[1], s[0]); // 1 - I_x(a, b) = I_{1-x}(b, a)
                assertEquals(lower, SpecialFunctions.betaTail(s[0], s[1], x, logBeta, false), REL_TOL * lower + 1e-300,
                        "I_" + x + "(" + s[0] + ", " + s[1] + ")");
                assertEquals(upper, SpecialFunctions.betaTail(s[0], s[1], x, logBeta, true), REL_TOL * upper + 1e-15,
                        "1 - I_" + x + "(" + s[0] + ", " + s[1] + ")");
            }
        }
    }
}
