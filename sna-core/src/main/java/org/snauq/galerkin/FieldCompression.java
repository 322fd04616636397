package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.snauq.als.AlsConfig;
import org.snauq.als.AlsRegression;
import org.snauq.als.TrainingData;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * Turns a {@link Field} into separated form on the quadrature points of each coordinate (METHOD.md section 3:
 * "a non-separable source is first compressed to low rank, then projected").
 *
 * <p>Constants, functions of one coordinate, sums and products are separated exactly, part by part. A function of
 * k &gt;= 2 coordinates is sampled on the tensor grid of those coordinates' Gauss points and approximated by a
 * canonical (CP) sum sum_s prod_e f_s^e minimising the quadrature-weighted L2 error, i.e. a discrete L2 projection
 * onto separated functions: greedy rank-one terms by ALS on the residual (started from the fibres through the
 * largest residual entry), each followed by two joint ALS sweeps over all terms, until the relative weighted L2
 * error is below the tolerance or the rank reaches its maximum. Cost per sweep O(k S G) for G grid points.
 * Values at the quadrature points are all the solver needs: the projection onto the atoms happens when load vectors
 * and matrices are integrated.
 *
 * <p>We prefer this to ALS regression on random samples: on the tensor grid the weighted least-squares problem is
 * the exact discrete L2 projection the Galerkin load needs, with no sampling error. Only when the grid would exceed
 * {@link #MAX_GRID} points (a function of many coordinates jointly) do we fall back to {@link AlsRegression} on
 * random samples of the involved coordinates.
 */
final class FieldCompression {

    /** Largest tensor grid sampled for one function (about 32 MB of doubles for values and weights). */
    static final int MAX_GRID = 2_000_000;
    private static final int RANK_ONE_SWEEPS = 25;
    private static final int JOINT_SWEEPS = 2;
    /** Atoms per coordinate of the sampled fallback fit (its rows grow with atoms x rank). */
    static final int MAX_SAMPLED_ATOMS = 24;
    private static final long SAMPLE_SEED = 20_260_514L;

    /** Most separated terms of a power u0^k of the iterate taken exactly (R^k terms); beyond, the grid fit. */
    private static final int MAX_POWER_TERMS = 4096;

    private final List<String> names;
    private final AtomQuadrature[] quads;
    private final int maxRank;
    private final double tolerance;
    /** The solution's name and the iterate u0 that replaces it (null: no field may depend on it). */
    private final String solution;
    private final SnaModel iterate;
    private SeparatedValues iterateValues;

    FieldCompression(List<String> names, AtomQuadrature[] quads, int maxRank, double tolerance) {
        this(names, quads, maxRank, tolerance, null, null);
    }

    /**
     * A compression in which fields may depend on {@code solution}, evaluated at {@code iterate}: u itself and a
     * function of u alone that is a polynomial ({@link SolutionDependence#polynomial}) become sum_k a_k u0^k exactly, in
     * separated form; any other dependence g(z, u0(z)) is compressed on the grid of all coordinates like a
     * non-separable source.
     */
    FieldCompression(List<String> names, AtomQuadrature[] quads, int maxRank, double tolerance, String solution,
                     SnaModel iterate) {
        this.names = names;
        this.quads = quads;
        this.maxRank = maxRank;
        this.tolerance = tolerance;
        this.solution = solution;
        this.iterate = iterate;
    }

    /** The separated form of f (what = a label for error messages). */
    SeparatedValues compress(Field f, String what) {
        int dim = names.size();
        if (f instanceof Field.Constant c) {
            return c.value() == 0.0 ? SeparatedValues.zero()
                    : new SeparatedValues(List.of(new SeparatedValues.Term(c.value(), new double[dim][])));
        }
        if (f instanceof Field.Sum s) {
            SeparatedValues acc = SeparatedValues.zero();
            for (Field part : s.parts()) {
                acc = acc.plus(compress(part, what));
            }
            return acc;
        }
        if (f instanceof Field.Product p) {
            SeparatedValues acc = new SeparatedValues(List.of(new SeparatedValues.Term(1.0, new double[dim][])));
            for (Field part : p.factors()) {
                acc = acc.times(compress(part, what));
            }
            return acc;
        }
        if (f instanceof Field.Solution && iterate != null) {
            return iterateValues();
        }
        if (solution != null && f.variables().contains(solution)) {
            return compressWithSolution(f, what);
        }
        int[] modes = f.variables().stream().mapToInt(v -> {
            int d = names.indexOf(v);
            if (d < 0) {
                throw new IllegalArgumentException(what + ": unknown coordinate '" + v + "'; coordinates: " + names);
            }
            return d;
        }).sorted().toArray();
        double[] z = midpoint();
        if (modes.length == 0) {
            return compress(Field.constant(f.value(z)), what);
        }
        if (modes.length == 1) {
            int d = modes[0];
            double[] x = quads[d].points();
            double[] v = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                z[d] = x[i];
                v[i] = checkFinite(f.value(z), what, z);
            }
            double[][] values = new double[dim][];
            values[d] = v;
            return new SeparatedValues(List.of(new SeparatedValues.Term(1.0, values)));
        }
        return compressGrid(f, modes, what);
    }

    /** u0 at the quadrature points, one term per term of u0. */
    private SeparatedValues iterateValues() {
        if (iterateValues == null) {
            iterateValues = SeparatedSum.of(iterate).values(quads, new int[names.size()]);
        }
        return iterateValues;
    }

    private SeparatedValues compressWithSolution(Field f, String what) {
        if (iterate == null) {
            throw new IllegalArgumentException(what + ": depends on the solution '" + solution + "', which is not"
                    + " available here");
        }
        int dim = names.size();
        iterateValues();
        double[] poly = f.variables().size() == 1 ? SolutionDependence.polynomial(f, dim) : null;
        if (poly != null && Math.pow(iterateValues.rank(), poly.length - 1) <= MAX_POWER_TERMS) {
            // sum_k a_k u0^k: powers of the separated u0, exactly
            SeparatedValues sum = SeparatedValues.zero();
            SeparatedValues power = new SeparatedValues(List.of(new SeparatedValues.Term(1.0, new double[dim][])));
            for (int k = 0; k < poly.length; k++) {
                if (k > 0) {
                    power = power.times(iterateValues);
                }
                if (poly[k] != 0) {
                    List<SeparatedValues.Term> scaled = new ArrayList<>();
                    for (SeparatedValues.Term t : power.terms()) {
                        scaled.add(new SeparatedValues.Term(poly[k] * t.scale(), t.values()));
                    }
                    sum = sum.plus(new SeparatedValues(scaled));
                }
            }
            return sum;
        }
        // g(z, u0(z)) depends on every coordinate through u0
        SnaModel u0 = iterate;
        Set<String> all = new LinkedHashSet<>(names);
        Field substituted = Field.of(all, z -> {
            double[] y = Arrays.copyOf(z, dim + 1);
            y[dim] = u0.value(Arrays.copyOf(z, dim));
            return f.value(y);
        });
        return compressGrid(substituted, java.util.stream.IntStream.range(0, dim).toArray(), what);
    }

    private double[] midpoint() {
        double[] z = new double[names.size()];
        for (int d = 0; d < z.length; d++) {
            z[d] = 0.5 * (quads[d].basis().lower() + quads[d].basis().upper());
        }
        return z;
    }

    private double checkFinite(double v, String what, double[] z) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is not finite (" + v + ") at " + Arrays.toString(z));
        }
        return v;
    }

    private SeparatedValues compressGrid(Field f, int[] modes, String what) {
        int k = modes.length;
        int[] m = new int[k];
        double[][] wt = new double[k][];
        double[][] pts = new double[k][];
        long grid = 1;
        for (int e = 0; e < k; e++) {
            pts[e] = quads[modes[e]].points();
            wt[e] = quads[modes[e]].weights();
            m[e] = pts[e].length;
            grid *= m[e];
        }
        if (grid > MAX_GRID) {
            return compressSampled(f, modes, what);
        }
        int size = (int) grid;
        double[] t = new double[size];
        double[] w = new double[size];
        double[] z = midpoint();
        int[] idx = new int[k];
        for (int flat = 0; flat < size; flat++) {
            double wf = 1;
            for (int e = 0; e < k; e++) {
                z[modes[e]] = pts[e][idx[e]];
                wf *= wt[e][idx[e]];
            }
            t[flat] = checkFinite(f.value(z), what, z);
            w[flat] = wf;
            for (int e = k - 1; e >= 0; e--) {
                if (++idx[e] < m[e]) {
                    break;
                }
                idx[e] = 0;
            }
        }
        List<double[][]> factors = new TensorCp(m, wt, t, w).fit(maxRank, tolerance);
        List<SeparatedValues.Term> terms = new ArrayList<>();
        for (double[][] fac : factors) {
            double[][] values = new double[names.size()][];
            for (int e = 0; e < k; e++) {
                values[modes[e]] = fac[e];
            }
            terms.add(new SeparatedValues.Term(1.0, values));
        }
        return new SeparatedValues(terms);
    }

    /**
     * A function of so many coordinates that its tensor grid is too large: ALS regression
     * ({@link AlsRegression#fit}) on {@link #samples} uniform random points of those coordinates (a pure function of
     * the seed), with cubic atoms as fine as the finest involved coordinate (at most {@link #MAX_SAMPLED_ATOMS}) and
     * the rank chosen by validation error; its factors are then read at the quadrature points.
     */
    private SeparatedValues compressSampled(Field f, int[] modes, String what) {
        int k = modes.length;
        int atoms = 4;
        List<String> vars = new ArrayList<>();
        double[] lower = new double[k];
        double[] upper = new double[k];
        for (int e = 0; e < k; e++) {
            vars.add(names.get(modes[e]));
            lower[e] = quads[modes[e]].basis().lower();
            upper[e] = quads[modes[e]].basis().upper();
            atoms = Math.max(atoms, Math.min(MAX_SAMPLED_ATOMS, quads[modes[e]].atoms()));
        }
        int rows = samples(k, atoms);
        SplittableRandom rng = new SplittableRandom(SAMPLE_SEED);
        double[] x = new double[rows * k];
        double[] y = new double[rows];
        double[] z = midpoint();
        for (int j = 0; j < rows; j++) {
            for (int e = 0; e < k; e++) {
                double v = lower[e] + (upper[e] - lower[e]) * rng.nextDouble();
                x[j * k + e] = v;
                z[modes[e]] = v;
            }
            y[j] = checkFinite(f.value(z), what, z);
        }
        AlsConfig config = AlsConfig.defaults().withDegree(3).withKnots(atoms).withRank(AlsConfig.AUTO_RANK)
                .withMaxRank(maxRank).withTolerance(1e-10).withSeed(SAMPLE_SEED);
        SnaModel model = AlsRegression.fit(TrainingData.of(vars, x, y, lower, upper), config).model();
        int rank = model.rank();
        double[] lambda = model.lambda();
        List<SeparatedValues.Term> terms = new ArrayList<>();
        double[][][] values = new double[k][][];
        for (int e = 0; e < k; e++) {
            values[e] = factorValues(model, e, quads[modes[e]].points());
        }
        for (int r = 0; r < rank; r++) {
            double[][] v = new double[names.size()][];
            for (int e = 0; e < k; e++) {
                v[modes[e]] = values[e][r];
            }
            terms.add(new SeparatedValues.Term(lambda[r], v));
        }
        return new SeparatedValues(terms);
    }

    /** Rows for the sampled fit: enough for every rank up to maxRank to be well determined. */
    private int samples(int k, int atoms) {
        return (int) Math.min(200_000, Math.max(20_000, 40L * k * atoms * maxRank));
    }

    /** values[r][q] = phi_r^e(x_q) for the factor e of a fitted model. */
    private static double[][] factorValues(SnaModel model, int e, double[] points) {
        BSplineBasis b = model.basis(e);
        int p = b.degree();
        int rank = model.rank();
        double[] w = model.factor(e);
        double[][] out = new double[rank][points.length];
        double[] vals = new double[p + 1];
        double[] scratch = new double[b.scratchSize()];
        for (int q = 0; q < points.length; q++) {
            double xq = Math.min(Math.max(points[q], b.lower()), b.upper());
            int span = b.findSpan(xq);
            b.evaluate(xq, span, vals, 0, scratch);
            for (int j = 0; j <= p; j++) {
                int row = (span - p + j) * rank;
                for (int r = 0; r < rank; r++) {
                    out[r][q] += vals[j] * w[row + r];
                }
            }
        }
        return out;
    }

    /** Weighted CP approximation of a small dense tensor (last mode fastest). */
    static final class TensorCp {
        private final int k;
        private final int[] m;
        private final double[][] wt;
        private final double[] t;
        private final double[] w;

        TensorCp(int[] m, double[][] wt, double[] t, double[] w) {
            this.k = m.length;
            this.m = m;
            this.wt = wt;
            this.t = t;
            this.w = w;
        }

        List<double[][]> fit(int maxRank, double tolerance) {
            double norm2 = weightedNorm2(t);
            List<double[][]> terms = new ArrayList<>();
            if (norm2 == 0) {
                return terms;
            }
            double[] res = t.clone();
            while (terms.size() < maxRank && weightedNorm2(res) > tolerance * tolerance * norm2) {
                terms.add(rankOne(res));
                for (int it = 0; it < JOINT_SWEEPS && terms.size() > 1; it++) {
                    jointSweep(terms);
                }
                residual(terms, res);
            }
            return terms;
        }

        private double weightedNorm2(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += w[i] * x[i] * x[i];
            }
            return s;
        }

        /** The best rank-one term for x by ALS, started from the fibres through the largest |x|. */
        private double[][] rankOne(double[] x) {
            int best = 0;
            for (int i = 1; i < x.length; i++) {
                if (Math.abs(x[i]) > Math.abs(x[best])) {
                    best = i;
                }
            }
            int[] at = new int[k];
            for (int e = k - 1, rem = best; e >= 0; e--) {
                at[e] = rem % m[e];
                rem /= m[e];
            }
            double[][] f = new double[k][];
            for (int e = 0; e < k; e++) {
                f[e] = new double[m[e]];
                int stride = 1;
                for (int e2 = k - 1; e2 > e; e2--) {
                    stride *= m[e2];
                }
                int base = best - at[e] * stride;
                for (int i = 0; i < m[e]; i++) {
                    f[e][i] = x[base + i * stride];
                }
            }
            double previous = Double.NaN;
            List<double[][]> one = new ArrayList<>();
            one.add(f);
            for (int it = 0; it < RANK_ONE_SWEEPS; it++) {
                for (int e = 0; e < k; e++) {
                    updateMode(one, e, x);
                }
                double size = 1;
                for (int e = 0; e < k; e++) {
                    size *= norm(f[e]);
                }
                if (Math.abs(size - previous) <= 1e-10 * size) {
                    break;
                }
                previous = size;
            }
            return f;
        }

        private static double norm(double[] v) {
            double s = 0;
            for (double a : v) {
                s += a * a;
            }
            return Math.sqrt(s);
        }

        private void jointSweep(List<double[][]> terms) {
            for (int e = 0; e < k; e++) {
                updateMode(terms, e, t);
            }
        }

        /** Solves for mode e of all terms against the tensor x: f^e(a, :) = rhs(a, :) G^-1. */
        private void updateMode(List<double[][]> terms, int e, double[] x) {
            int s = terms.size();
            DMatrixRMaj g = new DMatrixRMaj(s, s);
            for (int r = 0; r < s; r++) {
                for (int c = 0; c < s; c++) {
                    double prod = 1;
                    for (int e2 = 0; e2 < k; e2++) {
                        if (e2 != e) {
                            double dot = 0;
                            double[] a = terms.get(r)[e2];
                            double[] b = terms.get(c)[e2];
                            for (int i = 0; i < m[e2]; i++) {
                                dot += wt[e2][i] * a[i] * b[i];
                            }
                            prod *= dot;
                        }
                    }
                    g.set(r, c, prod);
                }
            }
            double maxDiag = 0;
            for (int r = 0; r < s; r++) {
                maxDiag = Math.max(maxDiag, g.get(r, r));
            }
            for (int r = 0; r < s; r++) {
                g.add(r, r, 1e-13 * maxDiag); // terms may be nearly dependent; far below the tolerance
            }
            double[] rhs = new double[m[e] * s];
            contract(x, e, terms, rhs);
            DMatrixRMaj b = DMatrixRMaj.wrap(m[e], s, rhs);
            DMatrixRMaj sol = new DMatrixRMaj(m[e], s);
            DMatrixRMaj gInv = new DMatrixRMaj(s, s);
            if (!CommonOps_DDRM.invert(g, gInv)) {
                return;
            }
            CommonOps_DDRM.mult(b, gInv, sol);
            for (int r = 0; r < s; r++) {
                double[] f = terms.get(r)[e];
                for (int a = 0; a < m[e]; a++) {
                    f[a] = sol.get(a, r);
                }
            }
        }

        /** out[a * S + r] = sum over points with index a in mode e of W_{-e} x prod_{e' != e} f_r^{e'}. */
        private void contract(double[] x, int e, List<double[][]> terms, double[] out) {
            int s = terms.size();
            double[][] pre = new double[k + 1][s];
            Arrays.fill(pre[0], 1.0);
            recurse(0, 0, 0, x, e, terms, pre, out);
        }

        private void recurse(int level, int offset, int a, double[] x, int e, List<double[][]> terms, double[][] pre,
                             double[] out) {
            int s = terms.size();
            if (level == k - 1) {
                double[] p = pre[level];
                int base = offset * m[level];
                for (int i = 0; i < m[level]; i++) {
                    double v = x[base + i];
                    if (level == e) {
                        for (int r = 0; r < s; r++) {
                            out[i * s + r] += v * p[r];
                        }
                    } else {
                        double wv = v * wt[level][i];
                        for (int r = 0; r < s; r++) {
                            out[a * s + r] += wv * p[r] * terms.get(r)[level][i];
                        }
                    }
                }
                return;
            }
            for (int i = 0; i < m[level]; i++) {
                double[] next = pre[level + 1];
                if (level == e) {
                    System.arraycopy(pre[level], 0, next, 0, s);
                    recurse(level + 1, offset * m[level] + i, i, x, e, terms, pre, out);
                } else {
                    for (int r = 0; r < s; r++) {
                        next[r] = pre[level][r] * wt[level][i] * terms.get(r)[level][i];
                    }
                    recurse(level + 1, offset * m[level] + i, a, x, e, terms, pre, out);
                }
            }
        }

        /** res = t - sum_s prod_e f_s^e. */
        private void residual(List<double[][]> terms, double[] res) {
            int s = terms.size();
            double[] prod = new double[s];
            int[] idx = new int[k];
            for (int flat = 0; flat < t.length; flat++) {
                double v = t[flat];
                for (int r = 0; r < s; r++) {
                    double pr = 1;
                    double[][] f = terms.get(r);
                    for (int e = 0; e < k; e++) {
                        pr *= f[e][idx[e]];
                    }
                    v -= pr;
                }
                res[flat] = v;
                for (int e = k - 1; e >= 0; e--) {
                    if (++idx[e] < m[e]) {
                        break;
                    }
                    idx[e] = 0;
                }
            }
            assert prod.length == s;
        }
    }
}
