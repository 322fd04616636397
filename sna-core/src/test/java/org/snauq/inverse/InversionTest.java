package org.snauq.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.dist.InputSpec;

class InversionTest {

    private static final double[] XS = {0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95};
    private static final double SIGMA = 0.1;
    /** The MAP and Laplace of a linear-Gaussian problem are exact: rounding of LM's last step, ~1e-12. */
    private static final double EXACT = 1e-9;
    /** Monte Carlo: 4 sd of a mean from ESS >= 1,000 draws, in posterior sds. */
    private static final double MC_MEAN = 4 / Math.sqrt(1000);
    /** The sample sd from ESS >= 1,000 draws: relative sd ~ 1 / sqrt(2 ESS) ~ 0.022; 4 of those. */
    private static final double MC_SD = 0.09;

    @Test
    void run_linearGaussian_mapLaplaceAndSamplesMatchTheClosedForm() {
        LinearGaussian lg = new LinearGaussian(XS);
        double[] y = lg.observe(1.7, -0.4);
        y[2] += 0.05; // not on the model: the posterior mean is not the truth
        InverseProblem problem = new InverseProblem(List.of("a", "b"), LinearGaussian.priors(), lg.forward(), y,
                filled(SIGMA, XS.length));
        Inversion.Result r = Inversion.run(problem, InversionConfig.defaults());
        double[] exact = lg.posterior(y, SIGMA);
        assertEquals(MapStatus.CONVERGED, r.map().status());
        assertEquals(exact[0], r.map().theta()[0], EXACT);
        assertEquals(exact[1], r.map().theta()[1], EXACT);
        assertArrayEquals(new double[] {exact[2], exact[3], exact[3], exact[4]}, r.laplace().covariance(), EXACT);
        for (int j = 0; j < 2; j++) {
            double sd = Math.sqrt(exact[2 + 2 * j]);
            assertTrue(r.ess()[j] >= 1000, "ESS " + r.ess()[j]);
            assertEquals(1.0, r.rhat()[j], 0.01, "R-hat");
            assertEquals(exact[j], r.mean()[j], MC_MEAN * sd, "mean " + j);
            assertEquals(sd, r.sd()[j], MC_SD * sd, "sd " + j);
            // the 95 % interval of a normal: mean -+ 1.96 sd
            assertEquals(exact[j] - 1.959964 * sd, r.quantiles()[j][0], 3 * MC_MEAN * sd, "2.5 %");
            assertEquals(exact[j] + 1.959964 * sd, r.quantiles()[j][2], 3 * MC_MEAN * sd, "97.5 %");
        }
    }

    @Test
    void run_sameSeed_sameDraws_otherSeed_otherDraws() {
        LinearGaussian lg = new LinearGaussian(XS);
        InverseProblem problem = new InverseProblem(List.of("a", "b"), LinearGaussian.priors(), lg.forward(),
                lg.observe(0.8, 0.9), filled(SIGMA, XS.length));
        InversionConfig c = InversionConfig.defaults().withSamples(400);
        Inversion.Result a = Inversion.run(problem, c);
        Inversion.Result b = Inversion.run(problem, c);
        Inversion.Result other = Inversion.run(problem, c.withSeed(2));
        assertArrayEquals(a.chains().of(0)[3], b.chains().of(0)[3]);
        assertNotEquals(a.mean()[0], other.mean()[0]);
    }

    @Test
    void estimate_dataBeyondTheBox_mapOnTheBound() {
        LinearGaussian lg = new LinearGaussian(XS);
        // a uniform prior on [0, 2] for a while the data want a = 3.5
        List<Prior> priors = List.of(Prior.of(new InputSpec("a", "uniform", Map.of("lower", 0.0, "upper", 2.0))),
                LinearGaussian.priors().get(1));
        InverseProblem problem = new InverseProblem(List.of("a", "b"), priors, lg.forward(), lg.observe(3.5, 0.2),
                filled(SIGMA, XS.length));
        MapEstimate m = new LevenbergMarquardt(problem).estimate(4, 100);
        assertEquals(MapStatus.CONVERGED, m.status());
        assertEquals(2.0, m.theta()[0], 0.0); // projected onto the bound exactly
        assertTrue(m.theta()[1] > 0.2, "b compensates: " + m.theta()[1]);
    }

    @Test
    void estimate_oneIteration_reportsMaxIterations() {
        LinearGaussian lg = new LinearGaussian(XS);
        InverseProblem problem = new InverseProblem(List.of("a", "b"), LinearGaussian.priors(), lg.forward(),
                lg.observe(-2.5, 3.0), filled(SIGMA, XS.length));
        assertEquals(MapStatus.MAX_ITERATIONS, new LevenbergMarquardt(problem).estimate(1, 1).status());
    }

    /**
     * Calibration: truths drawn from the prior, data from the model plus noise: the exact posterior's 95 % intervals
     * cover the truth in 95 % of the sets. 200 sets: binomial sd 1.5 %; the band 89-99 % is 4 sd.
     */
    @Test
    void run_truthsFromThePrior_credibleIntervalsCover95Percent() {
        LinearGaussian lg = new LinearGaussian(XS);
        int sets = 200;
        int covered = 0;
        SplittableRandom rng = new SplittableRandom(7);
        InversionConfig c = new InversionConfig(2, 100, 2000, 4, 500, 11);
        for (int k = 0; k < sets; k++) {
            double a = LinearGaussian.PRIOR_MEAN[0] + LinearGaussian.PRIOR_SD[0] * rng.nextGaussian();
            double b = LinearGaussian.PRIOR_MEAN[1] + LinearGaussian.PRIOR_SD[1] * rng.nextGaussian();
            double[] y = lg.observe(a, b);
            for (int i = 0; i < y.length; i++) {
                y[i] += SIGMA * rng.nextGaussian();
            }
            InverseProblem problem = new InverseProblem(List.of("a", "b"), LinearGaussian.priors(), lg.forward(), y,
                    filled(SIGMA, XS.length));
            Inversion.Result r = Inversion.run(problem, c.withSeed(k));
            if (r.quantiles()[0][0] <= a && a <= r.quantiles()[0][2]) {
                covered++;
            }
        }
        assertTrue(covered >= 178 && covered <= 198, "covered " + covered + " of " + sets);
    }

    @Test
    void problem_nonPositiveNoise_namesTheObservation() {
        LinearGaussian lg = new LinearGaussian(XS);
        double[] sd = filled(SIGMA, XS.length);
        sd[3] = 0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InverseProblem(
                List.of("a", "b"), LinearGaussian.priors(), lg.forward(), lg.observe(1, 1), sd));
        assertEquals("observations[3]: noise sd must be > 0, got 0.0", e.getMessage());
    }

    @Test
    void problem_priorOutsideTheDomain_rejected() {
        LinearGaussian lg = new LinearGaussian(XS);
        List<Prior> priors = List.of(Prior.of(new InputSpec("a", "uniform", Map.of("lower", 7.0, "upper", 9.0))),
                LinearGaussian.priors().get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InverseProblem(
                List.of("a", "b"), priors, lg.forward(), lg.observe(1, 1), filled(SIGMA, XS.length)));
        assertEquals("unknown a: the prior has no mass in the model's domain [-4.0, 6.0]", e.getMessage());
    }

    static double[] filled(double v, int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
