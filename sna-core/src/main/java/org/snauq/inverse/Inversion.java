package org.snauq.inverse;

import java.util.Arrays;

/**
 * One Bayesian inversion: MAP by {@link LevenbergMarquardt}, its {@link Laplace} covariance, and posterior draws by
 * {@link AdaptiveMetropolis} with split R-hat and ESS per unknown ({@link ChainDiagnostics}). Deterministic for a
 * seed. The problem's forward model keeps scratch, so one inversion runs on one thread.
 */
public final class Inversion {

    /** Posterior quantiles reported per unknown. */
    public static final double[] PROBABILITIES = {0.025, 0.5, 0.975};

    private Inversion() {
    }

    /**
     * The outcome.
     *
     * @param names      the unknowns
     * @param map        the MAP estimate and its status
     * @param laplace    the Laplace approximation at the MAP
     * @param prediction F(MAP), one per observation
     * @param chains     the draws (null when no samples were asked for)
     * @param mean       posterior mean per unknown (NaN without samples)
     * @param sd         posterior sd per unknown
     * @param quantiles  quantiles[j][q] at {@link #PROBABILITIES}
     * @param rhat       split R-hat per unknown
     * @param ess        effective sample size per unknown
     */
    public record Result(java.util.List<String> names, MapEstimate map, Laplace laplace, double[] prediction,
                         AdaptiveMetropolis.Chains chains, double[] mean, double[] sd, double[][] quantiles,
                         double[] rhat, double[] ess) {
    }

    public static Result run(InverseProblem problem, InversionConfig config) {
        int p = problem.parameters();
        MapEstimate map = new LevenbergMarquardt(problem).estimate(config.starts(), config.maxIterations());
        double[] prediction = new double[problem.observations()];
        Laplace laplace;
        if (map.status() == MapStatus.FAILED) {
            Arrays.fill(prediction, Double.NaN);
            double[] nan = new double[p * p];
            Arrays.fill(nan, Double.NaN);
            laplace = new Laplace(map.theta().clone(), nan);
        } else {
            problem.cost(map.theta(), prediction, null);
            laplace = Laplace.at(problem, map.theta());
        }
        double[] mean = nans(p);
        double[] sd = nans(p);
        double[] rhat = nans(p);
        double[] ess = nans(p);
        double[][] quantiles = new double[p][PROBABILITIES.length];
        for (double[] q : quantiles) {
            Arrays.fill(q, Double.NaN);
        }
        AdaptiveMetropolis.Chains chains = null;
        if (config.samples() > 0 && map.status() != MapStatus.FAILED) {
            chains = new AdaptiveMetropolis(problem).sample(map.theta(), laplace, config.chains(),
                    config.samples() / config.chains(), config.burnIn(), config.seed());
            for (int j = 0; j < p; j++) {
                double[][] c = chains.of(j);
                rhat[j] = ChainDiagnostics.splitRhat(c);
                ess[j] = ChainDiagnostics.ess(c);
                double[] all = Arrays.stream(c).flatMapToDouble(Arrays::stream).toArray();
                double s = 0;
                for (double v : all) {
                    s += v;
                }
                mean[j] = s / all.length;
                double ss = 0;
                for (double v : all) {
                    ss += (v - mean[j]) * (v - mean[j]);
                }
                sd[j] = Math.sqrt(ss / (all.length - 1));
                Arrays.sort(all);
                for (int q = 0; q < PROBABILITIES.length; q++) {
                    quantiles[j][q] = quantile(all, PROBABILITIES[q]);
                }
            }
        }
        return new Result(problem.names(), map, laplace, prediction, chains, mean, sd, quantiles, rhat, ess);
    }

    /** The q-quantile of sorted values, linear between order statistics (type 7 of Hyndman and Fan, 1996). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }
}
