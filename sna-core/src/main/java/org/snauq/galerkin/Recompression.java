package org.snauq.galerkin;

/**
 * Rank reduction of a separated function in L2 over the box: the best v = sum_s prod_d y_s^d of low rank for
 * u = sum_r lambda_r prod_d w_r^d, by the same greedy ALS as the PDE solves (METHOD.md section 3) applied to
 *
 * <pre>  min ||u - v||^2 = v^T M v - 2 (M u)^T v + ||u||^2,   M = kron_d M^d (mass matrices),</pre>
 *
 * a least-squares problem whose operator is one Kronecker product and whose load has the R terms
 * lambda_r kron_d M^d w_r^d. The solver's relative residual is then exactly ||u - v|| / ||u||, so enrichment stops
 * at the requested relative L2 tolerance. Used before saving (a lifting of boundary and initial data adds many
 * terms that the solution's own terms largely cancel) and on each nonlinear iterate before it becomes a coefficient.
 * Cost per sweep O(D (R + S) S n p), no grid.
 *
 * <p>Resolution: ||u - v||^2 is J(v) + ||u||^2, a difference of numbers as large as the cancelling terms of u, so
 * tolerances below about 1e-7 are out of reach when the lifting cancels much of the solution; then u is kept.
 */
final class Recompression {

    private Recompression() {
    }

    /**
     * The compressed function, or u itself when compression does not lower the rank.
     *
     * @param quads     the atoms of each coordinate (their mass matrices)
     * @param tolerance relative L2 error allowed, in (0, 1)
     * @param maxRank   largest rank tried
     */
    static SeparatedSum compress(SeparatedSum u, AtomQuadrature[] quads, double tolerance, int maxRank) {
        int dim = u.dimension();
        if (u.rank() <= 1) {
            return u;
        }
        SeparatedSum un = u.normalised(quads);
        double scale = 0;
        for (int r = 0; r < un.rank(); r++) {
            scale = Math.max(scale, Math.abs(un.lambda(r)));
        }
        if (scale == 0) {
            return SeparatedSum.zero(sizes(quads));
        }
        BandedMatrix[] mass = new BandedMatrix[dim];
        for (int d = 0; d < dim; d++) {
            mass[d] = quads[d].mass();
        }
        SeparatedSum scaled = new SeparatedSum(new double[0], new double[dim][0], sizes(quads)).plus(1 / scale, un);
        SeparatedLoad.Builder load = SeparatedLoad.builder(sizes(quads));
        for (int r = 0; r < scaled.rank(); r++) {
            double[][] v = new double[dim][];
            for (int d = 0; d < dim; d++) {
                v[d] = mass[d].multiply(scaled.column(d, r));
            }
            load.add(scaled.lambda(r), v);
        }
        SeparatedOperator op = SeparatedOperator.builder(sizes(quads)).add(1.0, mass).build();
        double norm2 = scaled.inner(scaled, mass);
        VsnaConfig config = VsnaConfig.defaults().withMaxRank(Math.min(maxRank, u.rank() - 1))
                .withTolerance(tolerance).withSweeps(COMPRESSION_SWEEPS).withRankOneSweeps(COMPRESSION_SWEEPS)
                .withSweepTolerance(ALL_SWEEPS);
        VsnaSolver.Solution s = VsnaSolver.solveLeastSquares(op, load.build(), norm2, config);
        if (!(s.report().indicator() <= tolerance)) {
            return u;
        }
        double[] lambda = s.lambda().clone();
        for (int r = 0; r < lambda.length; r++) {
            lambda[r] *= scale;
        }
        return new SeparatedSum(lambda, s.factors(), sizes(quads)).normalised(quads);
    }

    /** Sweep tolerance that never stops sweeping early: the compression error is resolved only in J's last digits
     *  (||u - v||^2 = J(v) + ||u||^2), far below any relative change a sweep tolerance could see. */
    private static final double ALL_SWEEPS = 1e-300;
    /** ALS sweeps per new term and re-sweeps per rank: joint CP-ALS needs about 20 to recover a planted random
     *  rank 3 to 1e-6 (with 6 the greedy ends at rank 5; RecompressionTest); each costs microseconds. */
    private static final int COMPRESSION_SWEEPS = 25;

    private static int[] sizes(AtomQuadrature[] quads) {
        int[] n = new int[quads.length];
        for (int d = 0; d < n.length; d++) {
            n[d] = quads[d].atoms();
        }
        return n;
    }

    /**
     * A load with many terms (a lifting or an iterate times every operator term) as few terms: the Riesz
     * representer g = M^-1 F is approximated in the M norm, i.e. the Galerkin problem with operator kron_d M^d and
     * load F, until the relative energy increment is below {@code tolerance}; the compressed load is M g. Errors in
     * the load of relative size tolerance (in the dual norm) change the solution by as much.
     *
     * @param mass the mass matrix of each coordinate on the load's atoms
     */
    static SeparatedLoad compressLoad(SeparatedLoad load, BandedMatrix[] mass, double tolerance, int maxRank) {
        int dim = mass.length;
        int[] n = new int[dim];
        for (int d = 0; d < dim; d++) {
            n[d] = mass[d].size();
        }
        SeparatedOperator op = SeparatedOperator.builder(n).add(1.0, mass).build();
        VsnaConfig config = VsnaConfig.defaults().withMaxRank(maxRank).withTolerance(tolerance)
                .withSweeps(LOAD_SWEEPS).withRankOneSweeps(LOAD_SWEEPS);
        VsnaSolver.Solution g = VsnaSolver.solve(op, load, config);
        SeparatedLoad.Builder out = SeparatedLoad.builder(n);
        for (int r = 0; r < g.rank(); r++) {
            double[][] v = new double[dim][];
            for (int d = 0; d < dim; d++) {
                double[] col = new double[n[d]];
                for (int i = 0; i < n[d]; i++) {
                    col[i] = g.factors()[d][i * g.rank() + r];
                }
                v[d] = mass[d].multiply(col);
            }
            out.add(g.lambda()[r], v);
        }
        return out.build();
    }

    /** ALS sweeps per term when compressing a load (its energy indicator needs no more). */
    private static final int LOAD_SWEEPS = 4;
}
