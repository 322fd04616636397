package org.snauq.design;

import java.util.List;
import org.snauq.dist.Distribution;
import org.snauq.dist.GaussianCopula;

/**
 * Maps design uniforms to inputs: first the inputs' dependence, u -&gt; u' by a {@link GaussianCopula} (none for
 * independent inputs), then coordinate by coordinate x_d = F_d^{-1}(u'_d) (the probability integral transform), so
 * a point uniform on (0, 1)^D becomes a point with marginals F_1..F_D and the copula's dependence. Each row is a
 * pure function of its own uniforms, so every design keeps its index-addressable determinism.
 *
 * <p>Rows are row-major with {@link #dimension()} values each; the map runs column by column (one distribution
 * per inner loop), in place or into another array. Immutable, thread safe, allocation-free.
 */
public final class InputTransform {

    private final Distribution[] marginals;
    private final GaussianCopula copula;
    /** Copies of the copula side by side (1, or 2 for pick-freeze rows (A, B)). */
    private final int copies;

    private InputTransform(Distribution[] marginals, GaussianCopula copula, int copies) {
        this.marginals = marginals;
        this.copula = copula;
        this.copies = copies;
    }

    /** The transform through {@code marginals} in order (read, copied), independent inputs. */
    public static InputTransform of(List<? extends Distribution> marginals) {
        if (marginals.isEmpty()) {
            throw new IllegalArgumentException("marginals must not be empty");
        }
        return of(marginals, GaussianCopula.independent(marginals.size()));
    }

    /**
     * The transform through {@code copula}, then {@code marginals} in order (read, copied).
     *
     * @throws IllegalArgumentException when the copula's dimension is not the number of marginals
     */
    public static InputTransform of(List<? extends Distribution> marginals, GaussianCopula copula) {
        if (marginals.isEmpty()) {
            throw new IllegalArgumentException("marginals must not be empty");
        }
        if (copula.dimension() != marginals.size()) {
            throw new IllegalArgumentException("correlation must have one row per input (" + marginals.size()
                    + "), got " + copula.dimension());
        }
        return new InputTransform(marginals.toArray(new Distribution[0]), copula, 1);
    }

    /**
     * The transform of a pick-freeze row (A, B): the marginals twice, for a 2D-dimensional design; A and B each get
     * the copula, independently of each other.
     */
    public InputTransform twice() {
        Distribution[] both = new Distribution[2 * marginals.length];
        System.arraycopy(marginals, 0, both, 0, marginals.length);
        System.arraycopy(marginals, 0, both, marginals.length, marginals.length);
        return new InputTransform(both, copula, 2 * copies);
    }

    /** The inputs' dependence (the independence copula when none was given), for one copy of the inputs. */
    public GaussianCopula copula() {
        return copula;
    }

    public int dimension() {
        return marginals.length;
    }

    /** Marginal {@code d}. */
    public Distribution marginal(int d) {
        return marginals[d];
    }

    /**
     * x[row, d] = F_d^{-1}(u'[row, d]) for {@code count} rows, u' the copula's map of u.
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
        double[] v = u;
        int vOffset = uOffset;
        if (!copula.isIndependent()) {
            if (x != u || xOffset != uOffset) {
                System.arraycopy(u, uOffset, x, xOffset, (int) need); // u is only read
            }
            for (int c = 0; c < copies; c++) {
                copula.apply(x, xOffset, count, dim, c * copula.dimension());
            }
            v = x;
            vOffset = xOffset;
        }
        for (int d = 0; d < dim; d++) {
            Distribution f = marginals[d];
            for (int i = 0, p = d; i < count; i++, p += dim) {
                x[xOffset + p] = f.inverseCdf(v[vOffset + p]);
            }
        }
    }

    /** {@link #apply(double[], int, int, double[], int)} in place from offset 0. */
    public void apply(double[] values, int count) {
        apply(values, 0, count, values, 0);
    }
}
