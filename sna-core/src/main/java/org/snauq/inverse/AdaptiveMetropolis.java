package org.snauq.inverse;

import java.util.SplittableRandom;

/**
 * Posterior samples by random-walk Metropolis with a Gaussian proposal of covariance (2.38^2 / p) Sigma, the
 * optimal scaling for near-Gaussian targets (Roberts, Gelman and Gilks, Ann. Appl. Probab. 7 (1997) 110), Sigma
 * starting at the Laplace covariance and re-estimated from the chains' own draws twice during burn-in (adaptive
 * Metropolis, Haario, Saksman and Tamminen, Bernoulli 7 (2001) 223), then frozen so that the kept draws come from a
 * fixed Markov kernel. M chains start over-dispersed around the MAP (1.5 Laplace sds); proposals outside the box
 * are rejected (the posterior is zero there). The chains advance in lockstep (they share the adapted proposal),
 * chain c drawing from a generator seeded by (seed, c): the same seed gives the same samples.
 *
 * <p>Cost: one forward prediction (no Jacobian) per draw. Workspace per instance; one per thread.
 */
public final class AdaptiveMetropolis {

    /** Added to the adapted covariance's diagonal, in squared box units: keeps it positive definite. */
    private static final double JITTER = 1e-12;

    private final InverseProblem problem;
    private final int p;
    private final double[] prediction;

    /** The kept draws, samples[c][i][j], and the acceptance rate after burn-in. */
    public record Chains(double[][][] samples, double acceptance) {
        /** The draws of unknown j as chains[c][i], for {@link ChainDiagnostics}. */
        public double[][] of(int j) {
            double[][] out = new double[samples.length][];
            for (int c = 0; c < samples.length; c++) {
                out[c] = new double[samples[c].length];
                for (int i = 0; i < out[c].length; i++) {
                    out[c][i] = samples[c][i][j];
                }
            }
            return out;
        }
    }

    public AdaptiveMetropolis(InverseProblem problem) {
        this.problem = problem;
        this.p = problem.parameters();
        this.prediction = new double[problem.observations()];
    }

    /**
     * @param map     the MAP (read)
     * @param laplace its Laplace approximation (an invalid one falls back to (box width / 10)^2 on the diagonal)
     * @param chains  M &gt;= 1
     * @param kept    draws kept per chain, &gt;= 1
     * @param burnIn  draws discarded per chain (adaptation happens at 1/2 and 3/4 of it)
     * @param seed    the generator seed
     */
    public Chains sample(double[] map, Laplace laplace, int chains, int kept, int burnIn, long seed) {
        double[] sigma = new double[p * p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                sigma[j * p + k] = laplace.valid() ? laplace.covariance()[j * p + k]
                        : j == k ? sq(problem.scale(j) / 10) : 0;
            }
        }
        double[] l = proposalFactor(sigma);
        double[][][] samples = new double[chains][kept][];
        double[][] history = new double[chains * burnIn][];
        int accepted = 0;
        double[] z = new double[p];
        double[] proposal = new double[p];
        SplittableRandom[] rng = new SplittableRandom[chains];
        double[][] state = new double[chains][];
        double[] logPost = new double[chains];
        for (int c = 0; c < chains; c++) {
            rng[c] = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + c);
            state[c] = overdispersed(map, l, rng[c], z);
            logPost[c] = -problem.cost(state[c], prediction, null);
        }
        int[] adaptAt = {burnIn / 2, 3 * burnIn / 4};
        int stored = 0;
        for (int step = 0; step < burnIn + kept; step++) {
            if (step > 0 && (step == adaptAt[0] || step == adaptAt[1]) && stored > 2 * p) {
                l = proposalFactor(covariance(history, stored / 2, stored)); // the later half of burn-in so far
            }
            for (int c = 0; c < chains; c++) {
                for (int j = 0; j < p; j++) {
                    z[j] = rng[c].nextGaussian();
                }
                for (int j = 0; j < p; j++) {
                    double s = 0;
                    for (int k = 0; k <= j; k++) {
                        s += l[j * p + k] * z[k];
                    }
                    proposal[j] = state[c][j] + s;
                }
                double u = rng[c].nextDouble();
                double lp = problem.inside(proposal) ? -problem.cost(proposal, prediction, null)
                        : Double.NEGATIVE_INFINITY;
                boolean accept = lp - logPost[c] >= Math.log(u);
                if (accept) {
                    state[c] = proposal.clone();
                    logPost[c] = lp;
                }
                if (step < burnIn) {
                    history[stored++] = state[c];
                } else {
                    samples[c][step - burnIn] = state[c];
                    if (accept) {
                        accepted++;
                    }
                }
            }
        }
        return new Chains(samples, accepted / (double) (chains * (long) kept));
    }

    /** MAP + 1.5 L z, pulled back towards the MAP until it is inside the box with a finite posterior. */
    private double[] overdispersed(double[] map, double[] l, SplittableRandom rng, double[] z) {
        for (int j = 0; j < p; j++) {
            z[j] = 1.5 * rng.nextGaussian();
        }
        double[] x = new double[p];
        for (double shrink = 1; shrink > 1e-3; shrink /= 2) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k <= j; k++) {
                    s += l[j * p + k] * z[k];
                }
                x[j] = map[j] + shrink * s / (2.38 / Math.sqrt(p));
            }
            if (problem.inside(x) && Double.isFinite(problem.cost(x, prediction, null))) {
                return x;
            }
        }
        return map.clone();
    }

    /** Cholesky factor of (2.38^2 / p) sigma (+ jitter). */
    private double[] proposalFactor(double[] sigma) {
        double[] a = new double[p * p];
        double f = 2.38 * 2.38 / p;
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                a[j * p + k] = f * sigma[j * p + k];
            }
            a[j * p + j] += JITTER * sq(problem.scale(j));
        }
        if (!DenseSpd.cholesky(a, p)) {
            java.util.Arrays.fill(a, 0);
            for (int j = 0; j < p; j++) {
                a[j * p + j] = Math.sqrt(f) * problem.scale(j) / 10;
            }
        }
        return a;
    }

    private double[] covariance(double[][] draws, int from, int to) {
        double[] mean = new double[p];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < p; j++) {
                mean[j] += draws[i][j];
            }
        }
        int n = to - from;
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[] cov = new double[p * p];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    cov[j * p + k] += (draws[i][j] - mean[j]) * (draws[i][k] - mean[k]) / (n - 1);
                }
            }
        }
        return cov;
    }

    private static double sq(double v) {
        return v * v;
    }
}
