package org.snauq.als;

import org.snauq.basis.BSplineBasis;

/**
 * The non-zero B-spline atoms of a set of data rows, computed once per fit: for row j and coordinate d the
 * p_d + 1 values B_{s-p..s}^d(z_jd) and the first index s - p, so every sweep reads them instead of running
 * Cox-de Boor again. Memory N sum_d (p_d + 2) numbers.
 *
 * <p>Immutable after construction (the arrays are not exposed outside the package).
 */
final class AtomRows {

    final int rows;
    final int dim;
    /** widths[d] = p_d + 1, the atoms per row of coordinate d. */
    final int[] widths;
    /** first[d][j] = index of the first non-zero atom of coordinate d at row j. */
    final int[][] first;
    /**
     * value[d][j * widths[d] + k] = B_{first + k}^d(z_jd): coordinate by coordinate, so a coordinate update reads
     * its atoms as one contiguous stream.
     */
    final double[][] value;

    private AtomRows(int rows, int[] widths) {
        this.rows = rows;
        this.dim = widths.length;
        this.widths = widths;
        this.first = new int[dim][rows];
        this.value = new double[dim][];
        for (int d = 0; d < dim; d++) {
            value[d] = new double[rows * widths[d]];
        }
    }

    /**
     * @param x       read, row-major N x D
     * @param rowIds  read, the rows of x to take, in order
     * @param bases   the atoms of each coordinate
     */
    static AtomRows of(double[] x, int[] rowIds, BSplineBasis[] bases) {
        int dim = bases.length;
        int[] widths = new int[dim];
        int scratchSize = 0;
        for (int d = 0; d < dim; d++) {
            widths[d] = bases[d].degree() + 1;
            scratchSize = Math.max(scratchSize, bases[d].scratchSize());
        }
        AtomRows a = new AtomRows(rowIds.length, widths);
        double[] scratch = new double[scratchSize];
        for (int d = 0; d < dim; d++) {
            BSplineBasis basis = bases[d];
            for (int j = 0; j < rowIds.length; j++) {
                double z = x[rowIds[j] * dim + d];
                int span = basis.findSpan(z);
                a.first[d][j] = span - basis.degree();
                basis.evaluate(z, span, a.value[d], j * widths[d], scratch);
            }
        }
        return a;
    }
}
