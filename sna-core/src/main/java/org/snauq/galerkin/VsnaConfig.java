package org.snauq.galerkin;

/**
 * Settings of a VSNA solve (METHOD.md section 3). Validated on construction; {@link #defaults()} plus withers.
 *
 * @param formulation    Galerkin, least squares, or chosen from the operator ({@link Formulation#AUTO}: Galerkin
 *                       when the PDE is symmetric or nonlinear, least squares when it is linear with advection or a
 *                       time derivative)
 * @param maxRank        greedy enrichment stops at this rank (&gt;= 1)
 * @param rankOneSweeps  ALS sweeps for each new rank-one term, at most (&gt;= 1)
 * @param sweeps         re-sweeps of all terms after each enrichment, at most (&gt;= 0)
 * @param tolerance      stop enriching when the indicator (relative energy increment for Galerkin, relative
 *                       residual for least squares) is below this, in (0, 1)
 * @param sweepTolerance stop sweeping at one rank when the functional changes by less than this, relatively (&gt; 0)
 * @param sourceRank     largest rank of the separated approximation of a non-separable source or coefficient
 * @param sourceTolerance relative weighted L2 error at which that approximation stops, in (0, 1)
 * @param seed           seed of the initial factors of each new term (term r uses seed + r)
 * @param recompressionTolerance relative L2 error allowed when the lifting and solved terms are recompressed before
 *                       saving (a model with lifting terms only), and when a nonlinear iterate is recompressed to
 *                       become a coefficient, in [0, 1) (0: never); the model is kept as solved when the tolerance
 *                       cannot be reached. Boundary and initial data then hold to this accuracy, not exactly
 * @param linearisation  how nonlinear terms are linearised around the previous iterate (ignored for linear PDEs)
 * @param maxOuterIterations most linearisations of a nonlinear PDE (&gt;= 1)
 * @param outerTolerance stop the outer loop when the relative L2 change of the iterate is below this, in (0, 1)
 */
public record VsnaConfig(Formulation formulation, int maxRank, int rankOneSweeps, int sweeps, double tolerance, double sweepTolerance, int sourceRank, double sourceTolerance, long seed, double recompressionTolerance, Linearisation linearisation, int maxOuterIterations, double outerTolerance) {

    /** How the discrete equations are formed. */
    public enum Formulation {
        AUTO, GALERKIN, LEAST_SQUARES
    }

    /** The outer loop of a nonlinear PDE: coefficients at the previous iterate (Picard) or its Jacobian (Newton). */
    public enum Linearisation {
        PICARD, NEWTON
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
        if (!(recompressionTolerance >= 0 && recompressionTolerance < 1)) {
            throw new IllegalArgumentException("recompressionTolerance must be in [0, 1), got "
                    + recompressionTolerance);
        }
        if (linearisation == null) {
            throw new IllegalArgumentException("linearisation must be given");
        }
        if (maxOuterIterations < 1) {
            throw new IllegalArgumentException("maxOuterIterations must be >= 1, got " + maxOuterIterations);
        }
        if (!(outerTolerance > 0 && outerTolerance < 1)) {
            throw new IllegalArgumentException("outerTolerance must be in (0, 1), got " + outerTolerance);
        }
    }

    public static VsnaConfig defaults() {
        return new VsnaConfig(Formulation.AUTO, 20, 8, 4, 1e-6, 1e-10, 40, 1e-8, 1L, 1e-6, Linearisation.NEWTON, 30,
                1e-6);
    }

    public VsnaConfig withFormulation(Formulation v) {
        return new VsnaConfig(v, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed, recompressionTolerance, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withMaxRank(int v) {
        return new VsnaConfig(formulation, v, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed, recompressionTolerance, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withRankOneSweeps(int v) {
        return new VsnaConfig(formulation, maxRank, v, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed, recompressionTolerance, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withSweeps(int v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, v, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed, recompressionTolerance, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withTolerance(double v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, v, sweepTolerance, sourceRank, sourceTolerance, seed, recompressionTolerance, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withSweepTolerance(double v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, v, sourceRank, sourceTolerance, seed, recompressionTolerance, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withSourceRank(int v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, v, sourceTolerance, seed, recompressionTolerance, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withSourceTolerance(double v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, v, seed, recompressionTolerance, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withSeed(long v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, v, recompressionTolerance, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withRecompressionTolerance(double v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed, v, linearisation, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withLinearisation(Linearisation v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed, recompressionTolerance, v, maxOuterIterations, outerTolerance);
    }

    public VsnaConfig withMaxOuterIterations(int v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed, recompressionTolerance, linearisation, v, outerTolerance);
    }

    public VsnaConfig withOuterTolerance(double v) {
        return new VsnaConfig(formulation, maxRank, rankOneSweeps, sweeps, tolerance, sweepTolerance, sourceRank, sourceTolerance, seed, recompressionTolerance, linearisation, maxOuterIterations, v);
    }
}
