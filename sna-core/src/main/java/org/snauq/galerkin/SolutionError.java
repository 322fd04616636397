package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.SpanQuadrature;
import org.snauq.model.SnaModel;

/**
 * Relative L2 error ||u - u_exact|| / ||u_exact|| of a model over its whole box.
 *
 * <p>By tensor Gauss-Legendre quadrature on the model's knot spans (p + 2 points per span) when that grid has at
 * most {@link #MAX_QUADRATURE_POINTS} points, which is exact up to the smoothness of u_exact. Otherwise exactly
 * (up to 1-D quadrature) whenever u_exact is a sum of products of functions of one coordinate each, in
 * any D: with u = sum_r lambda_r prod_d phi_r^d and u_exact = sum_t c_t prod_d e_t^d,
 * ||u - u_exact||^2 = ||u||^2 - 2 (u, u_exact) + ||u_exact||^2 and every inner product is a sum over pairs of
 * products of 1-D integrals (Gauss-Legendre, p + 2 points per knot span of the model), accumulated in log scale so
 * that products of D = 1,000 factors neither under- nor overflow. The subtraction resolves relative errors down to
 * about sqrt(D * 1e-16), 3e-7 at D = 1,000 (hence the grid first when it is small). Otherwise by
 * {@link #SAMPLES} uniform random points, a pure function of the seed, whose relative sampling error in the
 * squared norms is about sqrt(kurtosis / SAMPLES), i.e. a few per cent of the error itself.
 */
public final class SolutionError {

    static final long MAX_QUADRATURE_POINTS = 1_000_000;
    public static final int SAMPLES = 100_000;
    private static final int BATCH = 4096;

    private SolutionError() {
    }

    /** The estimate and how it was obtained ("quadrature, N points", "separated, ..." or "random, N points"). */
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
        if (grid <= MAX_QUADRATURE_POINTS) {
            return quadrature(model, exact, q, (int) grid);
        }
        List<Product> products = expand(exact, model);
        return products != null ? separated(model, products) : sampled(model, exact, seed);
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

    /** Most product terms the separated form may expand into (products of sums multiply their counts). */
    static final int MAX_SEPARATED_TERMS = 4096;

    /** c prod_d e^d, e^d a function of coordinate d or null for 1. */
    private record Product(double scale, Field[] factors) {
    }

    /** u_exact as a sum of products of 1-D functions, or null when some part depends on two coordinates jointly. */
    private static List<Product> expand(Field f, SnaModel model) {
        int dim = model.dimension();
        if (f instanceof Field.Constant c) {
            return List.of(new Product(c.value(), new Field[dim]));
        }
        if (f instanceof Field.Sum s) {
            List<Product> out = new ArrayList<>();
            for (Field part : s.parts()) {
                List<Product> e = expand(part, model);
                if (e == null || out.size() + e.size() > MAX_SEPARATED_TERMS) {
                    return null;
                }
                out.addAll(e);
            }
            return out;
        }
        if (f instanceof Field.Product p) {
            List<Product> acc = List.of(new Product(1.0, new Field[dim]));
            for (Field factor : p.factors()) {
                List<Product> e = expand(factor, model);
                if (e == null || (long) acc.size() * e.size() > MAX_SEPARATED_TERMS) {
                    return null;
                }
                List<Product> next = new ArrayList<>();
                for (Product a : acc) {
                    for (Product b : e) {
                        Field[] fs = a.factors().clone();
                        for (int d = 0; d < dim; d++) {
                            if (b.factors()[d] != null) {
                                fs[d] = fs[d] == null ? b.factors()[d]
                                        : Field.product(List.of(fs[d], b.factors()[d]));
                            }
                        }
                        next.add(new Product(a.scale() * b.scale(), fs));
                    }
                }
                acc = next;
            }
            return acc;
        }
        if (f.variables().size() >= 2) {
            return null;
        }
        Field[] fs = new Field[dim];
        if (f.variables().size() == 1) {
            int d = model.indexOf(f.variables().iterator().next());
            if (d < 0) {
                return null;
            }
            fs[d] = f;
            return List.of(new Product(1.0, fs));
        }
        return List.of(new Product(f.value(new double[dim]), fs));
    }

    private static Estimate separated(SnaModel model, List<Product> exact) {
        int dim = model.dimension();
        int rank = model.rank();
        int terms = exact.size();
        double[] lambda = model.lambda();
        // per coordinate: Gram blocks of model factors (uu), model x exact (ue), exact x exact (ee)
        double[][][] uu = new double[dim][][];
        double[][][] ue = new double[dim][][];
        double[][][] ee = new double[dim][][];
        for (int d = 0; d < dim; d++) {
            AtomQuadrature quad = new AtomQuadrature(model.basis(d));
            double[] wq = quad.weights();
            double[] x = quad.points();
            int nd = quad.atoms();
            double[] factor = model.factor(d);
            double[][] phi = new double[rank][];
            for (int r = 0; r < rank; r++) {
                double[] g = new double[nd];
                for (int i = 0; i < nd; i++) {
                    g[i] = factor[i * rank + r];
                }
                phi[r] = quad.values(g, 0, null);
            }
            double[][] e = new double[terms][];
            double[] z = new double[dim];
            for (int t = 0; t < terms; t++) {
                Field f = exact.get(t).factors()[d];
                if (f != null) {
                    e[t] = new double[x.length];
                    for (int k = 0; k < x.length; k++) {
                        z[d] = x[k];
                        e[t][k] = f.value(z);
                    }
                }
            }
            uu[d] = grams(phi, phi, wq);
            ue[d] = grams(phi, e, wq);
            ee[d] = grams(e, e, wq);
        }
        double[] c = new double[terms];
        for (int t = 0; t < terms; t++) {
            c[t] = exact.get(t).scale();
        }
        LogSum exactNorm = LogSum.of(ee, c, c);
        LogSum modelNorm = LogSum.of(uu, lambda, lambda);
        LogSum cross = LogSum.of(ue, lambda, c);
        double ref = exactNorm.log();
        double rel = modelNorm.relativeTo(ref) - 2 * cross.relativeTo(ref) + 1.0;
        return new Estimate(Math.sqrt(Math.max(rel, 0.0)), "separated, exact up to quadrature (" + terms
                + " exact terms)");
    }

    /** G[a][b] = sum_k w_k x_a(k) y_b(k), null rows meaning the function 1. */
    private static double[][] grams(double[][] x, double[][] y, double[] w) {
        double[][] g = new double[x.length][y.length];
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < y.length; b++) {
                double s = 0;
                for (int k = 0; k < w.length; k++) {
                    s += w[k] * (x[a] == null ? 1.0 : x[a][k]) * (y[b] == null ? 1.0 : y[b][k]);
                }
                g[a][b] = s;
            }
        }
        return g;
    }

    /**
     * sum_{a,b} x_a y_b prod_d G^d[a][b] with every product kept as (sign, log |.|): the parts of a relative error
     * in D = 1,000 are products of 1,000 numbers far from 1.
     */
    private record LogSum(double[] sign, double[] logs) {
        static LogSum of(double[][][] g, double[] x, double[] y) {
            int na = x.length;
            int nb = y.length;
            double[] sign = new double[na * nb];
            double[] log = new double[na * nb];
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    double s = Math.signum(x[a]) * Math.signum(y[b]);
                    double l = Math.log(Math.abs(x[a])) + Math.log(Math.abs(y[b]));
                    for (double[][] gd : g) {
                        double v = gd[a][b];
                        s *= Math.signum(v);
                        l += Math.log(Math.abs(v));
                    }
                    sign[a * nb + b] = s;
                    log[a * nb + b] = l;
                }
            }
            return new LogSum(sign, log);
        }

        /** log |sum| (the sum of a squared norm is positive). */
        double log() {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < logs.length; i++) {
                if (sign[i] != 0) {
                    max = Math.max(max, logs[i]);
                }
            }
            return max + Math.log(Math.abs(relativeTo(max)));
        }

        /** sum / exp(ref). */
        double relativeTo(double ref) {
            double s = 0;
            for (int i = 0; i < logs.length; i++) {
                if (sign[i] != 0) {
                    s += sign[i] * Math.exp(logs[i] - ref);
                }
            }
            return s;
        }
    }
}
