package org.snauq.als;

import org.snauq.basis.BSplineBasis;

/**
 * The non-zero B-spline atoms of a set of data rows, computed once per fit: for row j and coordinate d the
 * p + 1 values B_{s-p..s}^d(z_jd) and the first index s - p, so every sweep reads them instead of running
 * Cox-de Boor again. Memory N D (p + 2) numbers.
 *
 * <p>Immutable after construction (the arrays are not exposed outside the package).
 */
final class AtomRows {

    final int rows;
    final int dim;
    /** p + 1, the atoms per row and coordinate. */
    final int width;
    /** first[j * dim + d] = index of the first non-zero atom of coordinate d at row j. */
    final int[] first;
    /** value[(j * dim + d) * width + k] = B_{first + k}^d(z_jd). */
    final double[] value;

    private AtomRows(int rows, int dim, int width) {
        this.rows = rows;
        this.dim = dim;
        this.width = width;
        this.first = new int[rows * dim];
        this.value = new double[rows * dim * width];
    }

    /**
     * @param x       read, row-major N x D
     * @param rowIds  read, the rows of x to take, in order
     * @param bases   the atoms of each coordinate, all of one degree
     */
    static AtomRows of(double[] x, int[] rowIds, BSplineBasis[] bases) {
        int dim = bases.length;
        int p = bases[0].degree();
        AtomRows a = new AtomRows(rowIds.length, dim, p + 1);
        double[] scratch = new double[bases[0].scratchSize()];
        for (int j = 0; j < rowIds.length; j++) {
            for (int d = 0; d < dim; d++) {
                BSplineBasis basis = bases[d];
                double z = x[rowIds[j] * dim + d];
                int span = basis.findSpan(z);
                a.first[j * dim + d] = span - p;
                basis.evaluate(z, span, a.value, (j * dim + d) * a.width, scratch);
            }
        }
        return a;
    }
}
