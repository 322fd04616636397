package org.snauq.galerkin;

/**
 * Settings of a VSNA solve (METHOD.md section 3). Validated on construction; {@link #defaults()} plus withers.
 *
 * @param formulation    Galerkin, least squares, or chosen from the operator ({@link Formulation#AUTO}: Galerkin
 *                       when the PDE is symmetric, least squares when it has advection or a time derivative)
 * @param maxRank        greedy enrichment stops at this rank (&gt;= 1)
 * @param rankOneSweeps  ALS sweeps for each new rank-one term, at most (&gt;= 1)
 * @param sweeps         re-sweeps of all terms after each enrichment, at most (&gt;= 0)
 * @param tolerance      stop enriching when the indicator (relative energy increment for Galerkin, relative
 *                       residual for least squares) is below this, in (0, 1)
 * @param sweepTolerance stop sweeping at one rank when the functional changes by less than this, relatively (&gt; 0)
 * @param sourceRank     largest rank of the separated approximation of a non-separable source or coefficient
 * @param sourceTolerance relative weighted L2 error at which that approximation stops, in (0, 1)
 * @param seed           seed of the initial factors of each new term (term r uses seed + r)
 */
public record VsnaConfig(Formulation formulation, int maxRank, int rankOneSweeps, int sweeps, double tolerance,
                         double sweepTolerance, int sourceRank, double sourceTolerance, long seed) {

    /** How the discrete equations are formed. */
    public enum Formulation {
        AUTO, GALERKIN, LEAST_SQUARES
    }

    public VsnaConfig {
        if (formulation == null) {
            throw new IllegalArgumentException("formulation must be given");
        }
        if (maxRank < 1) {
            throw new IllegalArgumentException("maxRank must be >= 1, got " + maxRank);
        }
        if (rankOneSweeps < 1) {
            throw new IllegalArgumentException("rankOneSweeps must be >= 1, got " + rankOneSweeps);
        }
        if (sweeps < 0) {
            throw new IllegalArgumentException("sweeps must be >= 0, got " + sweeps);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
        if (!(sweepTolerance > 0)) {
            throw new IllegalArgumentException("sweepTolerance must be > 0, got " + sweepTolerance);
        }
        if (sourceRank < 1) {
            throw new IllegalArgumentException("sourceRank must be >= 1, got " + sourceRank);
        }
        if (!(sourceTolerance > 0 && sourceTolerance < 1)) {
            throw new IllegalArgumentException("sourceTolerance must be in (0, 1), got " + sourceTolerance);
        }
    }

    public static VsnaConfig defaults() {
        return new VsnaConfig(Formulation.AUTO, 20, 8, 4, 1e-6, 1e-10, 40, 1e-8, 1L);
    }

    public VsnaConfig withFormulation(Formulation v) {
        return new VsnaConfig(v, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed);
    }

    public VsnaConfig withMaxRank(int v) {
        return new VsnaConfig(formulation, v, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed);
    }

    public VsnaConfig withRankOneSweeps(int v) {
        return new VsnaConfig(formulation, maxRank, v, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed);
    }

    public VsnaConfig withSweeps(int v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, v, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed);
    }

    public VsnaConfig withTolerance(double v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, v, sweepTolerance, sourceRank, sourceTolerance, seed);
    }

    public VsnaConfig withSweepTolerance(double v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, v, sourceRank, sourceTolerance, seed);
    }

    public VsnaConfig withSourceRank(int v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, v, sourceTolerance, seed);
    }

    public VsnaConfig withSourceTolerance(double v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, v, seed);
    }

    public VsnaConfig withSeed(long v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, v);
    }
}
