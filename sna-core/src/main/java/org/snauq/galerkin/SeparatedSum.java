package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * A function on the atoms of every coordinate in separated form, u = sum_r lambda_r prod_d sum_i W^d[i, r] B_i^d,
 * with factors row-major n_d x R (the working form of a VSNA solution, its lifting and a nonlinear iterate before
 * they become an {@link SnaModel}).
 *
 * <p>{@link #normalised} puts every column at unit L2 norm (its coordinate's mass matrix) with the scale in lambda,
 * combined in log scale: the L2 norm of a product of D functions is the product of their norms, which stays in
 * range at D = 1,000 where a Euclidean normalisation would need lambda of about (n/2)^(D/2). Inner products then
 * multiply Gram entries of modulus at most 1.
 *
 * <p>Immutable: arrays are copied in and out.
 */
final class SeparatedSum {

    private final double[] lambda;
    private final double[][] w;
    private final int[] n;

    SeparatedSum(double[] lambda, double[][] w, int[] n) {
        this.lambda = lambda.clone();
        this.n = n.clone();
        this.w = new double[w.length][];
        for (int d = 0; d < w.length; d++) {
            assert w[d].length == n[d] * lambda.length;
            this.w[d] = w[d].clone();
        }
    }

    static SeparatedSum zero(int[] n) {
        return new SeparatedSum(new double[0], new double[n.length][0], n);
    }

    static SeparatedSum of(SnaModel model) {
        int dim = model.dimension();
        double[][] w = new double[dim][];
        int[] n = new int[dim];
        for (int d = 0; d < dim; d++) {
            w[d] = model.factor(d);
            n[d] = model.basis(d).count();
        }
        return new SeparatedSum(model.lambda(), w, n);
    }

    int rank() {
        return lambda.length;
    }

    int dimension() {
        return n.length;
    }

    double lambda(int r) {
        return lambda[r];
    }

    /** Column r of coordinate d's factor (a copy). */
    double[] column(int d, int r) {
        double[] c = new double[n[d]];
        int rank = lambda.length;
        for (int i = 0; i < n[d]; i++) {
            c[i] = w[d][i * rank + r];
        }
        return c;
    }

    /** this + c * other. */
    SeparatedSum plus(double c, SeparatedSum other) {
        int r1 = rank();
        int r2 = other.rank();
        int rank = r1 + r2;
        double[] lam = Arrays.copyOf(lambda, rank);
        for (int r = 0; r < r2; r++) {
            lam[r1 + r] = c * other.lambda[r];
        }
        double[][] f = new double[n.length][];
        for (int d = 0; d < n.length; d++) {
            f[d] = new double[n[d] * rank];
            for (int i = 0; i < n[d]; i++) {
                System.arraycopy(w[d], i * r1, f[d], i * rank, r1);
                System.arraycopy(other.w[d], i * r2, f[d], i * rank + r1, r2);
            }
        }
        return new SeparatedSum(lam, f, n);
    }

    /** The same function with unit L2 columns (mass matrices of {@code quads}); zero terms are dropped. */
    SeparatedSum normalised(AtomQuadrature[] quads) {
        int rank = rank();
        double[] logScale = new double[rank];
        double[][] f = new double[n.length][];
        boolean[] zero = new boolean[rank];
        for (int r = 0; r < rank; r++) {
            logScale[r] = Math.log(Math.abs(lambda[r]));
            zero[r] = lambda[r] == 0;
        }
        for (int d = 0; d < n.length; d++) {
            BandedMatrix m = quads[d].mass();
            f[d] = w[d].clone();
            for (int r = 0; r < rank; r++) {
                double s = Math.sqrt(m.bilinear(column(d, r), column(d, r)));
                if (!(s > 0)) {
                    zero[r] = true;
                    continue;
                }
                logScale[r] += Math.log(s);
                for (int i = 0; i < n[d]; i++) {
                    f[d][i * rank + r] /= s;
                }
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < rank; r++) {
            if (!zero[r]) {
                keep.add(r);
            }
        }
        double[] lam = new double[keep.size()];
        double[][] g = new double[n.length][];
        for (int k = 0; k < keep.size(); k++) {
            int r = keep.get(k);
            lam[k] = Math.signum(lambda[r]) * Math.exp(logScale[r]);
        }
        for (int d = 0; d < n.length; d++) {
            g[d] = new double[n[d] * keep.size()];
            for (int i = 0; i < n[d]; i++) {
                for (int k = 0; k < keep.size(); k++) {
                    g[d][i * keep.size() + k] = f[d][i * rank + keep.get(k)];
                }
            }
        }
        return new SeparatedSum(lam, g, n);
    }

    /** (this, other) in L2 over the box: sum_{r,q} lambda_r mu_q prod_d (w_r^d)^T M^d v_q^d. */
    double inner(SeparatedSum other, BandedMatrix[] mass) {
        double total = 0;
        int r1 = rank();
        int r2 = other.rank();
        double[] prod = new double[r1 * r2];
        for (int r = 0; r < r1; r++) {
            for (int q = 0; q < r2; q++) {
                prod[r * r2 + q] = lambda[r] * other.lambda[q];
            }
        }
        for (int d = 0; d < n.length; d++) {
            double[] mv = new double[n[d] * r2];
            mass[d].multiply(other.w[d], r2, mv);
            for (int r = 0; r < r1; r++) {
                for (int q = 0; q < r2; q++) {
                    double s = 0;
                    for (int i = 0; i < n[d]; i++) {
                        s += w[d][i * r1 + r] * mv[i * r2 + q];
                    }
                    prod[r * r2 + q] *= s;
                }
            }
        }
        for (double v : prod) {
            total += v;
        }
        return total;
    }

    /** Values at each coordinate's quadrature points of D^order[d] of the factors, one separated term per r. */
    SeparatedValues values(AtomQuadrature[] quads, int[] order) {
        List<SeparatedValues.Term> terms = new ArrayList<>();
        for (int r = 0; r < rank(); r++) {
            if (lambda[r] == 0) {
                continue;
            }
            double[][] v = new double[n.length][];
            for (int d = 0; d < n.length; d++) {
                v[d] = quads[d].values(column(d, r), order[d], null);
            }
            terms.add(new SeparatedValues.Term(lambda[r], v));
        }
        return new SeparatedValues(terms);
    }

    /** The model with these factors. */
    SnaModel toModel(List<String> names, List<BSplineBasis> bases, String output) {
        double[] lam = lambda.length == 0 ? new double[1] : lambda;
        double[][] f = new double[n.length][];
        for (int d = 0; d < n.length; d++) {
            f[d] = lambda.length == 0 ? new double[n[d]] : w[d];
        }
        return SnaModel.of(names, bases, lam, f, output);
    }
}
