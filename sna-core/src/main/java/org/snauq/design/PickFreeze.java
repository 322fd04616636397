package org.snauq.design;

/**
 * The pick-freeze points of a Sobol'-index study with D inputs, from rows of a 2D-dimensional design: row k
 * gives A_k (coordinates 0..D-1) and B_k (coordinates D..2D-1), and the D + 2 points of base sample k are
 * A_k, B_k and A_B^(j)_k (A_k with coordinate j taken from B_k), j = 0..D-1 (Saltelli et al., "Variance based
 * sensitivity analysis of model output", Comput. Phys. Commun. 181, 2010, doi:10.1016/j.cpc.2009.09.018).
 *
 * <p>A and B are the two halves of one 2D-dimensional point, never two stretches of a D-dimensional sequence
 * (those are correlated and bias the indices). The rows may be uniforms or inputs already mapped through their
 * distributions (mapping commutes with the column swap, and mapping the 2D-row costs 2D instead of D(D+2)
 * inverse CDFs; see {@link InputTransform#twice()}). Allocation-free; stateless.
 */
public final class PickFreeze {

    /** Row of A_k within a sample's D + 2 points. */
    public static final int A = 0;
    /** Row of B_k within a sample's D + 2 points. */
    public static final int B = 1;

    private PickFreeze() {
    }

    /** D + 2: the points evaluated per base sample. */
    public static int pointsPerSample(int inputs) {
        return inputs + 2;
    }

    /** Row of A_B^(j) within a sample's D + 2 points. */
    public static int mixed(int j) {
        return 2 + j;
    }

    /**
     * Expands {@code count} design rows of 2D coordinates into count * (D + 2) points of D coordinates,
     * sample-major: point m (A, B or mixed(j)) of sample i starts at {@code out[outOffset + (i * (D + 2) + m) * D]}.
     *
     * @param rows   read, not modified: count rows of 2D values from {@code rowOffset}
     * @param out    written: count * (D + 2) * D values from {@code outOffset}; must not overlap {@code rows}
     * @param inputs D &gt;= 1
     */
    public static void expand(double[] rows, int rowOffset, int count, int inputs, double[] out, int outOffset) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
        }
        int stride = 2 * inputs;
        long need = (long) count * (inputs + 2) * inputs;
        if (rowOffset < 0 || (long) rowOffset + (long) count * stride > rows.length
                || outOffset < 0 || outOffset + need > out.length) {
            throw new IllegalArgumentException("rows must hold " + (long) count * stride + " values from "
                    + rowOffset + " and out " + need + " values from " + outOffset + ", got lengths "
                    + rows.length + " and " + out.length);
        }
        int pos = outOffset;
        for (int i = 0; i < count; i++) {
            int a = rowOffset + i * stride;
            int b = a + inputs;
            System.arraycopy(rows, a, out, pos, inputs);
            pos += inputs;
            System.arraycopy(rows, b, out, pos, inputs);
            pos += inputs;
            for (int j = 0; j < inputs; j++) {
                System.arraycopy(rows, a, out, pos, inputs);
                out[pos + j] = rows[b + j];
                pos += inputs;
            }
        }
    }
}
