package org.snauq.als;

import java.util.List;
import org.snauq.basis.BSplineBasis;

/**
 * Scratch of the row-by-row passes ({@link CoordinatePass}, {@link ResidualPass}) for one thread: the located
 * atoms of a row and the factor values of up to two sets of terms. Built once per task and reused for every row,
 * so the per-row loops never allocate. Not thread safe.
 */
public final class AlsWorkspace {

    final BSplineBasis[] bases;
    /** first[e] = index of the row's first non-zero atom of coordinate e. */
    final int[] first;
    /** atoms[e][k] = B_{first[e] + k}^e(z_e). */
    final double[][] atoms;
    private final double[] scratch;
    /** Factor values phi[e][r] of the terms being fitted, and of the offset. */
    final double[][] phi;
    final double[][] phiOffset;
    final double[] c;
    final double[] a;

    AlsWorkspace(List<BSplineBasis> bases, int rank, int offsetRank) {
        int dim = bases.size();
        this.bases = bases.toArray(new BSplineBasis[0]);
        this.first = new int[dim];
        this.atoms = new double[dim][];
        this.phi = new double[dim][rank];
        this.phiOffset = new double[dim][offsetRank];
        int scratchSize = 0;
        int widest = 0;
        for (int e = 0; e < dim; e++) {
            atoms[e] = new double[this.bases[e].degree() + 1];
            scratchSize = Math.max(scratchSize, this.bases[e].scratchSize());
            widest = Math.max(widest, atoms[e].length);
        }
        this.scratch = new double[scratchSize];
        this.c = new double[rank];
        this.a = new double[widest * rank];
    }

    /** Locates the row x[off .. off + D) and evaluates its atoms. */
    void locate(double[] x, int off) {
        for (int e = 0; e < bases.length; e++) {
            BSplineBasis basis = bases[e];
            double z = x[off + e];
            int span = basis.findSpan(z);
            first[e] = span - basis.degree();
            basis.evaluate(z, span, atoms[e], 0, scratch);
        }
    }

    /** out[e][r] = phi_r^e at the located row, for every e but {@code skip} (-1: all). */
    void factors(CpFactors f, double[][] out, int skip) {
        for (int e = 0; e < bases.length; e++) {
            if (e != skip) {
                RowKernels.factor(atoms[e], 0, atoms[e].length, first[e], f.w[e], f.rank, out[e], 0);
            }
        }
    }

    /** The value of the terms f at the located row (0 when f is null), using {@code buffer} for phi. */
    double value(CpFactors f, double[][] buffer) {
        if (f == null) {
            return 0.0;
        }
        factors(f, buffer, -1);
        return RowKernels.value(f.lambda, buffer, 0, f.rank);
    }
}
