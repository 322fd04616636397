package org.snauq.inverse;

/**
 * Settings of one inversion.
 *
 * @param starts        MAP starts (&gt;= 1): the prior median and Kronecker points inside the box
 * @param maxIterations Levenberg-Marquardt iterations per start (&gt;= 1)
 * @param samples       posterior draws kept in all (&gt;= 0; 0 = MAP and Laplace only), split evenly over the chains
 * @param chains        MCMC chains (&gt;= 2 for R-hat)
 * @param burnIn        draws discarded per chain
 * @param seed          the MCMC seed
 */
public record InversionConfig(int starts, int maxIterations, int samples, int chains, int burnIn, long seed) {

    public InversionConfig {
        if (starts < 1) {
            throw new IllegalArgumentException("starts must be >= 1, got " + starts);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        }
        if (chains < 2) {
            throw new IllegalArgumentException("chains must be >= 2 (split R-hat compares them), got " + chains);
        }
        if (samples > 0 && samples % chains != 0) {
            throw new IllegalArgumentException("samples must be a multiple of chains = " + chains + ", got " + samples);
        }
        if (burnIn < 0) {
            throw new IllegalArgumentException("burnIn must be >= 0, got " + burnIn);
        }
    }

    /** 4 starts, 100 iterations, 10,000 draws over 4 chains after 1,000 burn-in draws each, seed 1. */
    public static InversionConfig defaults() {
        return new InversionConfig(4, 100, 10_000, 4, 1_000, 1);
    }

    public InversionConfig withSamples(int n) {
        return new InversionConfig(starts, maxIterations, n, chains, burnIn, seed);
    }

    public InversionConfig withSeed(long s) {
        return new InversionConfig(starts, maxIterations, samples, chains, burnIn, s);
    }

    public InversionConfig withStarts(int s) {
        return new InversionConfig(s, maxIterations, samples, chains, burnIn, seed);
    }
}
