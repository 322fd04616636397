package org.snauq.design;

import java.util.List;
import org.snauq.dist.Distribution;

/**
 * Maps design uniforms to inputs, coordinate by coordinate: x_d = F_d^{-1}(u_d) (the probability integral
 * transform), so a point uniform on (0, 1)^D becomes a point with independent marginals F_1..F_D.
 *
 * <p>Rows are row-major with {@link #dimension()} values each; the map runs column by column (one distribution
 * per inner loop), in place or into another array. Immutable, thread safe, allocation-free.
 */
public final class InputTransform {

    private final Distribution[] marginals;

    private InputTransform(Distribution[] marginals) {
        this.marginals = marginals;
    }

    /** The transform through {@code marginals} in order (read, copied). */
    public static InputTransform of(List<? extends Distribution> marginals) {
        if (marginals.isEmpty()) {
            throw new IllegalArgumentException("marginals must not be empty");
        }
        return new InputTransform(marginals.toArray(new Distribution[0]));
    }

    /** The transform of a pick-freeze row (A, B): the marginals twice, for a 2D-dimensional design. */
    public InputTransform twice() {
        Distribution[] both = new Distribution[2 * marginals.length];
        System.arraycopy(marginals, 0, both, 0, marginals.length);
        System.arraycopy(marginals, 0, both, marginals.length, marginals.length);
        return new InputTransform(both);
    }

    public int dimension() {
        return marginals.length;
    }

    /** Marginal {@code d}. */
    public Distribution marginal(int d) {
        return marginals[d];
    }

    /**
     * x[row, d] = F_d^{-1}(u[row, d]) for {@code count} rows.
     *
     * @param u read: count * dimension() values from {@code uOffset}
     * @param x written: count * dimension() values from {@code xOffset}; may be {@code u} at the same offset
     */
    public void apply(double[] u, int uOffset, int count, double[] x, int xOffset) {
        int dim = marginals.length;
        long need = (long) count * dim;
        if (count < 0 || uOffset < 0 || xOffset < 0 || uOffset + need > u.length || xOffset + need > x.length) {
            throw new IllegalArgumentException("u and x must hold count * dimension = " + need
                    + " values from offsets " + uOffset + " and " + xOffset + ", got lengths " + u.length
                    + " and " + x.length);
        }
        for (int d = 0; d < dim; d++) {
            Distribution f = marginals[d];
            for (int i = 0, p = d; i < count; i++, p += dim) {
                x[xOffset + p] = f.inverseCdf(u[uOffset + p]);
            }
        }
    }

    /** {@link #apply(double[], int, int, double[], int)} in place from offset 0. */
    public void apply(double[] values, int count) {
        apply(values, 0, count, values, 0);
    }
}
