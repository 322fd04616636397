package org.snauq.galerkin;

import java.util.SplittableRandom;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.SpanQuadrature;
import org.snauq.model.SnaModel;

/**
 * Relative L2 error ||u - u_exact|| / ||u_exact|| of a model over its whole box.
 *
 * <p>By tensor Gauss-Legendre quadrature on the model's knot spans (p + 2 points per span) when that grid has at
 * most {@link #MAX_QUADRATURE_POINTS} points, which is exact up to the smoothness of u_exact; otherwise by
 * {@link #SAMPLES} uniform random points, a pure function of the seed, whose relative sampling error in the
 * squared norms is about sqrt(kurtosis / SAMPLES), i.e. a few per cent of the error itself.
 */
public final class SolutionError {

    static final long MAX_QUADRATURE_POINTS = 1_000_000;
    public static final int SAMPLES = 100_000;
    private static final int BATCH = 4096;

    private SolutionError() {
    }

    /** The estimate and how it was obtained ("quadrature, N points" or "random, N points"). */
    public record Estimate(double value, String method) {
    }

    public static Estimate relativeL2(SnaModel model, Field exact, long seed) {
        int dim = model.dimension();
        SpanQuadrature[] q = new SpanQuadrature[dim];
        long grid = 1;
        for (int d = 0; d < dim; d++) {
            BSplineBasis b = model.basis(d);
            q[d] = b.quadrature(b.degree() + 2);
            grid *= q[d].size();
            if (grid > MAX_QUADRATURE_POINTS) {
                break;
            }
        }
        return grid <= MAX_QUADRATURE_POINTS ? quadrature(model, exact, q, (int) grid)
                : sampled(model, exact, seed);
    }

    private static Estimate quadrature(SnaModel model, Field exact, SpanQuadrature[] q, int grid) {
        int dim = model.dimension();
        double[] points = new double[BATCH * dim];
        double[] weights = new double[BATCH];
        double[] out = new double[BATCH];
        SnaModel.Workspace ws = model.newWorkspace();
        int[] idx = new int[dim];
        double err = 0;
        double norm = 0;
        double[] z = new double[dim];
        int filled = 0;
        for (int flat = 0; flat < grid; flat++) {
            double w = 1;
            for (int d = 0; d < dim; d++) {
                points[filled * dim + d] = q[d].x()[idx[d]];
                w *= q[d].weight()[idx[d]];
            }
            weights[filled++] = w;
            if (filled == BATCH || flat == grid - 1) {
                model.evaluate(points, filled, out, ws);
                for (int j = 0; j < filled; j++) {
                    System.arraycopy(points, j * dim, z, 0, dim);
                    double e = exact.value(z);
                    err += weights[j] * (out[j] - e) * (out[j] - e);
                    norm += weights[j] * e * e;
                }
                filled = 0;
            }
            for (int d = dim - 1; d >= 0; d--) {
                if (++idx[d] < q[d].size()) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new Estimate(Math.sqrt(err / norm), "quadrature, " + grid + " points");
    }

    private static Estimate sampled(SnaModel model, Field exact, long seed) {
        int dim = model.dimension();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] points = new double[BATCH * dim];
        double[] out = new double[BATCH];
        double[] z = new double[dim];
        SnaModel.Workspace ws = model.newWorkspace();
        double err = 0;
        double norm = 0;
        for (int done = 0; done < SAMPLES; done += BATCH) {
            int count = Math.min(BATCH, SAMPLES - done);
            for (int j = 0; j < count; j++) {
                for (int d = 0; d < dim; d++) {
                    points[j * dim + d] = model.lower(d) + (model.upper(d) - model.lower(d)) * rng.nextDouble();
                }
            }
            model.evaluate(points, count, out, ws);
            for (int j = 0; j < count; j++) {
                System.arraycopy(points, j * dim, z, 0, dim);
                double e = exact.value(z);
                err += (out[j] - e) * (out[j] - e);
                norm += e * e;
            }
        }
        return new Estimate(Math.sqrt(err / norm), "random, " + SAMPLES + " points");
    }
}
