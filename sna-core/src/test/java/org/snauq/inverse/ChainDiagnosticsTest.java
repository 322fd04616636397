package org.snauq.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChainDiagnosticsTest {

    /** ESS of an AR(1) chain is N (1 - rho) / (1 + rho) (integrated autocorrelation time (1 + rho) / (1 - rho));
     *  the estimate from 4 x 20,000 draws scatters by a few percent: 10 %. */
    private static final double ESS_TOLERANCE = 0.10;

    @Test
    void ess_ar1Chains_matchesTheIntegratedAutocorrelationTime() {
        double rho = 0.6;
        double[][] chains = ar1(4, 20_000, rho, 0, 3);
        double expected = 4 * 20_000 * (1 - rho) / (1 + rho);
        assertEquals(expected, ChainDiagnostics.ess(chains), ESS_TOLERANCE * expected);
        assertEquals(1.0, ChainDiagnostics.splitRhat(chains), 0.01);
    }

    @Test
    void splitRhat_oneChainShifted_flagsIt() {
        double[][] chains = ar1(4, 2_000, 0.5, 0, 5);
        for (int i = 0; i < chains[2].length; i++) {
            chains[2][i] += 2; // two stationary sds off
        }
        assertTrue(ChainDiagnostics.splitRhat(chains) > 1.1, "R-hat " + ChainDiagnostics.splitRhat(chains));
    }

    @Test
    void splitRhat_trendingChains_flagsTheTrend() {
        double[][] chains = ar1(4, 2_000, 0.5, 0, 9);
        for (double[] c : chains) {
            for (int i = 0; i < c.length; i++) {
                c[i] += 4.0 * i / c.length; // drifting: both halves of each chain disagree
            }
        }
        assertTrue(ChainDiagnostics.splitRhat(chains) > 1.1, "R-hat " + ChainDiagnostics.splitRhat(chains));
    }

    /** Stationary AR(1) chains x_t = rho x_{t-1} + sqrt(1 - rho^2) e_t, unit variance. */
    private static double[][] ar1(int m, int n, double rho, double shift, long seed) {
        double[][] out = new double[m][n];
        SplittableRandom rng = new SplittableRandom(seed);
        double s = Math.sqrt(1 - rho * rho);
        for (int c = 0; c < m; c++) {
            double x = rng.nextGaussian();
            for (int i = 0; i < n; i++) {
                x = rho * x + s * rng.nextGaussian();
                out[c][i] = x + shift;
            }
        }
        return out;
    }
}
