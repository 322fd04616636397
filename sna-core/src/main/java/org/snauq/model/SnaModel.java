package org.snauq.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snauq.basis.BSplineBasis;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

/**
 * A Separable Neural Architecture: u(z) = sum_{r<R} lambda_r prod_{d<D} phi_r^d(z_d), with
 * phi_r^d(z_d) = sum_{i<n_d} W^d[i, r] B_i^d(z_d) on B-spline atoms B^d over [a_d, b_d] (METHOD.md section 1).
 *
 * <p>Factors are stored row-major, {@code w[d][i * rank + r]}, so the p + 1 rows touched at a point are
 * contiguous. A query costs O(D R (p + 1)) after locating D knot spans; the model holds
 * R (1 + sum_d n_d) doubles.
 *
 * <p>Immutable (arrays are copied in and out), so it is safe to share between threads and to broadcast.
 * The batch kernel {@link #evaluate(double[], int, double[], Workspace)} writes only into caller-owned
 * arrays and allocates nothing.
 */
public final class SnaModel {

    /**
     * Largest B-spline degree: the evaluation tables hold (p + 1) doubles per stored one and derivatives need
     * (p + 1)^2 scratch, so this bounds the memory a small file can demand; the library's fits use p <= 15.
     */
    public static final int MAX_DEGREE = 64;

    private final String[] names;
    private final BSplineBasis[] bases;
    private final double[] lambda;
    private final double[][] w;
    private final String output;
    private final Map<String, Object> provenance;
    private final List<InputSpec> inputs;

    private SnaModel(String[] names, BSplineBasis[] bases, double[] lambda, double[][] w, String output,
                     Map<String, Object> provenance, List<InputSpec> inputs) {
        this.names = names;
        this.bases = bases;
        this.lambda = lambda;
        this.w = w;
        this.output = output;
        this.provenance = provenance;
        this.inputs = inputs;
    }

    /**
     * A model from its parts (all arrays are copied).
     *
     * @param names   coordinate names, distinct, one per coordinate
     * @param bases   the atoms of each coordinate
     * @param lambda  the R weights
     * @param factors factors[d] has n_d * R entries, row-major: factors[d][i * R + r] = W^d[i, r]
     * @param output  the name of the modelled quantity
     */
    public static SnaModel of(List<String> names, List<BSplineBasis> bases, double[] lambda, double[][] factors,
                              String output) {
        return of(names, bases, lambda, factors, output, Map.of(), List.of());
    }

    /**
     * As {@link #of(List, List, double[], double[][], String)}, with provenance and input distributions.
     *
     * <p>Checks everything a model file must satisfy, with messages that name the header field: names by
     * {@link ModelNames#IDENTIFIER} and distinct, degree at most {@link #MAX_DEGREE}, every weight and factor
     * entry finite, and each stored input law valid (known family, valid parameters) for a distinct coordinate.
     *
     * @throws IllegalArgumentException if a part breaks one of these rules
     */
    public static SnaModel of(List<String> names, List<BSplineBasis> bases, double[] lambda, double[][] factors,
                              String output, Map<String, Object> provenance, List<InputSpec> inputs) {
        int dim = names.size();
        if (dim < 1) {
            throw new IllegalArgumentException("a model needs at least one coordinate");
        }
        if (bases.size() != dim || factors.length != dim) {
            throw new IllegalArgumentException("coordinates: " + dim + " names but " + bases.size() + " bases and "
                    + factors.length + " factors");
        }
        for (int d = 0; d < dim; d++) {
            ModelNames.check("coordinates[" + d + "].name", names.get(d));
            if (names.indexOf(names.get(d)) != d) {
                throw new IllegalArgumentException("coordinates[" + d + "].name repeats an earlier coordinate, got '"
                        + names.get(d) + "'");
            }
            int p = bases.get(d).degree();
            if (p > MAX_DEGREE) {
                throw new IllegalArgumentException("coordinates[" + d + "].degree must be <= " + MAX_DEGREE
                        + ", got " + p);
            }
        }
        ModelNames.check("output", output);
        int rank = lambda.length;
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        }
        checkFinite(lambda, "lambda");
        double[][] w = new double[dim][];
        for (int d = 0; d < dim; d++) {
            int expected = bases.get(d).count() * rank;
            if (factors[d].length != expected) {
                throw new IllegalArgumentException("factor of " + names.get(d) + " must have n * rank = " + expected
                        + " entries, got " + factors[d].length);
            }
            checkFinite(factors[d], "factor of " + names.get(d));
            w[d] = factors[d].clone();
        }
        return new SnaModel(names.toArray(String[]::new), bases.toArray(BSplineBasis[]::new), lambda.clone(), w,
                output, Collections.unmodifiableMap(new LinkedHashMap<>(provenance)), checkInputs(names, inputs));
    }

    private static void checkFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] must be finite, got " + v[i]);
            }
        }
    }

    /**
     * Stored input laws by the study's rules (DESIGN.md section 3): each names a distinct coordinate (a subset is
     * fine: a sweep's design inputs have no law), has a known family and valid parameters.
     */
    private static List<InputSpec> checkInputs(List<String> names, List<InputSpec> inputs) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputSpec in = inputs.get(i);
            String where = "inputs[" + i + "]";
            if (!names.contains(in.name())) {
                throw new IllegalArgumentException(where + ".name must be one of the coordinates " + names + ", got "
                        + ModelNames.quote(in.name()));
            }
            if (seen.contains(in.name())) {
                throw new IllegalArgumentException(where + ".name repeats an earlier input, got '" + in.name() + "'");
            }
            seen.add(in.name());
            if (!Distributions.families().contains(in.dist())) {
                throw new IllegalArgumentException(where + ".dist must be one of "
                        + String.join(", ", Distributions.families()) + ", got " + ModelNames.quote(in.dist()));
            }
            try {
                Distributions.of(in);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".parameters (" + in.name() + ", " + in.dist() + "): "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(inputs);
    }

    /** The same model with new provenance entries (replacing the old ones). */
    public SnaModel withProvenance(Map<String, Object> newProvenance) {
        return new SnaModel(names, bases, lambda, w, output,
                Collections.unmodifiableMap(new LinkedHashMap<>(newProvenance)), inputs);
    }

    /** The same model with input distributions attached (stored in the model file). */
    public SnaModel withInputs(List<InputSpec> newInputs) {
        return new SnaModel(names, bases, lambda, w, output, provenance, checkInputs(names(), newInputs));
    }

    /** The same model with another output name. */
    public SnaModel withOutput(String newOutput) {
        ModelNames.check("output", newOutput);
        return new SnaModel(names, bases, lambda, w, newOutput, provenance, inputs);
    }

    /**
     * The same function with every factor column scaled to unit Euclidean norm and the scale moved into
     * lambda_r (METHOD.md section 1). A zero column leaves its lambda_r at zero.
     */
    public SnaModel normalized() {
        int rank = rank();
        double[] lam = lambda.clone();
        double[][] f = new double[w.length][];
        for (int d = 0; d < w.length; d++) {
            f[d] = w[d].clone();
            int n = bases[d].count();
            for (int r = 0; r < rank; r++) {
                double norm = 0.0;
                for (int i = 0; i < n; i++) {
                    norm = Math.hypot(norm, f[d][i * rank + r]); // hypot: no overflow for huge factors
                }
                if (norm > 0) {
                    for (int i = 0; i < n; i++) {
                        f[d][i * rank + r] /= norm;
                    }
                }
                lam[r] *= norm;
            }
        }
        return new SnaModel(names, bases, lam, f, output, provenance, inputs);
    }

    public int dimension() {
        return names.length;
    }

    public int rank() {
        return lambda.length;
    }

    public List<String> names() {
        return List.of(names);
    }

    public String name(int d) {
        return names[d];
    }

    /** Index of the coordinate called {@code name}, or -1. */
    public int indexOf(String name) {
        for (int d = 0; d < names.length; d++) {
            if (names[d].equals(name)) {
                return d;
            }
        }
        return -1;
    }

    public BSplineBasis basis(int d) {
        return bases[d];
    }

    public double lower(int d) {
        return bases[d].lower();
    }

    public double upper(int d) {
        return bases[d].upper();
    }

    /** A copy of the R weights lambda_r. */
    public double[] lambda() {
        return lambda.clone();
    }

    /** A copy of the factor of coordinate d, row-major n_d x R. */
    public double[] factor(int d) {
        return w[d].clone();
    }

    public String output() {
        return output;
    }

    public Map<String, Object> provenance() {
        return provenance;
    }

    /** Input distributions stored with the model (empty when none). */
    public List<InputSpec> inputs() {
        return inputs;
    }

    /** Number of stored doubles, R (1 + sum_d n_d). */
    public int parameterCount() {
        int n = 1;
        for (BSplineBasis b : bases) {
            n += b.count();
        }
        return rank() * n;
    }

    /**
     * The first coordinate of z = point[off..off+D) outside its domain, or -1 when all are inside.
     * NaN counts as outside.
     */
    public int firstOutOfDomain(double[] point, int off) {
        for (int d = 0; d < names.length; d++) {
            double x = point[off + d];
            if (!(x >= bases[d].lower() && x <= bases[d].upper())) {
                return d;
            }
        }
        return -1;
    }

    /**
     * u(z) at one point.
     *
     * @param z read, length D
     * @throws IllegalArgumentException if z has the wrong length or a coordinate lies outside its domain
     */
    public double value(double[] z) {
        checkPoint(z);
        double[] out = new double[1];
        evaluate(z, 1, out, newWorkspace());
        return out[0];
    }

    /** Throws when z has the wrong length or a coordinate lies outside its domain (NaN included). */
    void checkPoint(double[] z) {
        if (z.length != names.length) {
            throw new IllegalArgumentException("point must have " + names.length + " coordinates, got " + z.length);
        }
        int d = firstOutOfDomain(z, 0);
        if (d >= 0) {
            throw new IllegalArgumentException(names[d] + " = " + z[d] + " is outside the model's domain ["
                    + bases[d].lower() + ", " + bases[d].upper() + "]");
        }
    }

    /** Scratch for the batch kernel, holding this model's per-span polynomial tables; one per thread. */
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * Batch evaluation: out[j] = u(points[j*D .. j*D + D)) for j &lt; count. Coordinates outside a domain
     * are clamped to it (callers apply their domain policy first, see {@link #firstOutOfDomain}); NaN gives NaN.
     *
     * <p>On each knot span s, phi_r^d is a polynomial of degree p in t = (z_d - m_s) / h_s (m_s the midpoint,
     * h_s the width, so |t| &lt;= 1/2). The workspace holds its Taylor coefficients
     * g[m][r] = sum_k W^d[s-p+k, r] B_{s-p+k}^{(m)}(m_s) h_s^m / m!, so a point costs one span lookup (O(1) on
     * uniform knots) and a Horner step of p multiply-adds per term and coordinate: D R p in all, with the inner
     * loop over r contiguous. lambda is folded into coordinate 0. Cubic models take a register-blocked path.
     *
     * @param points read, row-major count x D
     * @param out    written, length &gt;= count; must not alias points
     * @param ws     written (scratch) from {@link #newWorkspace()} of this model
     * @throws IllegalArgumentException if ws was made by another model
     */
    public void evaluate(double[] points, int count, double[] out, Workspace ws) {
        if (ws.model != this) {
            throw new IllegalArgumentException("workspace was made by another model; use newWorkspace() of this one");
        }
        if (ws.cubic) {
            evaluateCubic(points, count, out, ws);
        } else {
            evaluateAnyDegree(points, count, out, ws);
        }
    }

    /**
     * Cubic path. Terms go in blocks of four whose running products stay in registers while the inner loop runs
     * over the coordinates: four independent Horner chains per step, no per-term array traffic. Measured faster
     * than a loop over r per coordinate, which C2 cannot vectorise well for short R (docs/BENCHMARKS.md).
     */
    private void evaluateCubic(double[] points, int count, double[] out, Workspace ws) {
        int dim = names.length;
        int rank = lambda.length;
        double[][] poly = ws.poly;
        int[] off = ws.offset;
        double[] tt = ws.local;
        int r1 = rank;
        int r2 = 2 * rank;
        int r3 = 3 * rank;
        int blocked = rank & ~3;
        for (int j = 0; j < count; j++) {
            int base = j * dim;
            for (int d = 0; d < dim; d++) {
                off[d] = ws.locate(d, points[base + d]) * 4 * rank;
                tt[d] = ws.t;
            }
            double sum = 0.0;
            for (int r = 0; r < blocked; r += 4) {
                double p0 = 1.0;
                double p1 = 1.0;
                double p2 = 1.0;
                double p3 = 1.0;
                for (int d = 0; d < dim; d++) {
                    double[] g = poly[d];
                    int o = off[d] + r;
                    double t = tt[d];
                    p0 *= ((g[o + r3] * t + g[o + r2]) * t + g[o + r1]) * t + g[o];
                    p1 *= ((g[o + r3 + 1] * t + g[o + r2 + 1]) * t + g[o + r1 + 1]) * t + g[o + 1];
                    p2 *= ((g[o + r3 + 2] * t + g[o + r2 + 2]) * t + g[o + r1 + 2]) * t + g[o + 2];
                    p3 *= ((g[o + r3 + 3] * t + g[o + r2 + 3]) * t + g[o + r1 + 3]) * t + g[o + 3];
                }
                sum += (p0 + p1) + (p2 + p3);
            }
            for (int r = blocked; r < rank; r++) {
                double p0 = 1.0;
                for (int d = 0; d < dim; d++) {
                    double[] g = poly[d];
                    int o = off[d] + r;
                    double t = tt[d];
                    p0 *= ((g[o + r3] * t + g[o + r2]) * t + g[o + r1]) * t + g[o];
                }
                sum += p0;
            }
            out[j] = sum;
        }
    }

    private void evaluateAnyDegree(double[] points, int count, double[] out, Workspace ws) {
        int dim = names.length;
        int rank = lambda.length;
        double[] prod = ws.prod;
        double[] phi = ws.phi;
        for (int j = 0; j < count; j++) {
            int base = j * dim;
            for (int d = 0; d < dim; d++) {
                int p = bases[d].degree();
                double[] g = ws.poly[d];
                int s = ws.locate(d, points[base + d]);
                double t = ws.t;
                int o = s * (p + 1) * rank;
                for (int r = 0; r < rank; r++) {
                    // one chain in a register: the loop over the p powers is long enough for C2 to unroll, where
                    // a loop over a few terms per power cost more in overhead than in arithmetic (1.7x at R = 2)
                    int c = o + r;
                    double a = g[c + p * rank];
                    for (int m = p - 1; m >= 0; m--) {
                        a = a * t + g[c + m * rank];
                    }
                    phi[r] = a;
                }
                if (d == 0) {
                    System.arraycopy(phi, 0, prod, 0, rank);
                } else {
                    for (int r = 0; r < rank; r++) {
                        prod[r] *= phi[r];
                    }
                }
            }
            double sum = 0.0;
            for (int r = 0; r < rank; r++) {
                sum += prod[r];
            }
            out[j] = sum;
        }
    }

    /**
     * The gradient du/dz at z, from B-spline derivatives at the cost of one evaluation per coordinate:
     * du/dz_d = sum_r lambda_r phi_r^d'(z_d) prod_{e != d} phi_r^e(z_e).
     *
     * @param z    read, length D, inside the domain
     * @param grad written, length D
     * @return u(z)
     * @throws IllegalArgumentException if z has the wrong length or a coordinate lies outside its domain
     */
    public double gradient(double[] z, double[] grad) {
        checkPoint(z);
        return derivatives(z, null, grad, null);
    }

    /**
     * The Hessian-vector product (d^2u/dz^2) v at z, analytic from the factors' first and second derivatives
     * (no differencing), at the cost of about three evaluations:
     * <pre>
     *   (H v)_d = sum_r lambda_r [ phi_r^d''(z_d) v_d P_rd + phi_r^d'(z_d) sum_{e != d} v_e phi_r^e'(z_e) P_rde ]
     * </pre>
     * with P_rd = prod_{f != d} phi_r^f(z_f) and P_rde the product without d and e. The inner sum is the
     * derivative part of the dual-number product prod_{f != d} (phi_r^f + eps v_f phi_r^f'), formed from prefix
     * and suffix products, so no factor is divided out (it may be zero) and the cost is O(D R (p + 1)^2).
     * On a knot, the second derivative is that of the span to its right (the last span at the upper end),
     * as {@link BSplineBasis#findSpan} picks it; it jumps there when p &lt;= 2.
     *
     * @param z  read, length D, inside the domain
     * @param v  read, length D
     * @param hv written, length D; must not alias z or v
     * @return u(z)
     * @throws IllegalArgumentException if z or v has the wrong length or a coordinate lies outside its domain
     */
    public double hessianVector(double[] z, double[] v, double[] hv) {
        checkPoint(z);
        if (v.length != names.length) {
            throw new IllegalArgumentException("vector must have " + names.length + " entries, got " + v.length);
        }
        return derivatives(z, v, null, hv);
    }

    /** u(z), and du/dz into grad and (d^2u/dz^2) v into hv when they are not null. */
    private double derivatives(double[] z, double[] v, double[] grad, double[] hv) {
        int dim = names.length;
        int rank = lambda.length;
        int order = hv == null ? 1 : 2;
        // phi[k][d * rank + r] = k-th derivative of phi_r^d at z_d
        double[][] phi = new double[order + 1][dim * rank];
        for (int d = 0; d < dim; d++) {
            BSplineBasis basis = bases[d];
            int p = basis.degree();
            int span = basis.findSpan(z[d]);
            double[] ders = new double[(order + 1) * (p + 1)];
            basis.derivatives(z[d], span, order, ders, new double[basis.derivativeScratchSize()]);
            for (int k = 0; k <= order; k++) {
                for (int j = 0; j <= p; j++) {
                    double b = ders[k * (p + 1) + j];
                    int row = (span - p + j) * rank;
                    for (int r = 0; r < rank; r++) {
                        phi[k][d * rank + r] += b * w[d][row + r];
                    }
                }
            }
        }
        if (grad != null) {
            Arrays.fill(grad, 0, dim, 0.0);
        }
        if (hv != null) {
            Arrays.fill(hv, 0, dim, 0.0);
        }
        double value = 0.0;
        // prefix products of the dual numbers a_f + eps b_f with a = phi, b = v phi' (b unused without hv)
        double[] preA = new double[dim + 1];
        double[] preB = new double[dim + 1];
        for (int r = 0; r < rank; r++) {
            preA[0] = lambda[r];
            preB[0] = 0.0;
            for (int d = 0; d < dim; d++) {
                double a = phi[0][d * rank + r];
                double b = hv == null ? 0.0 : v[d] * phi[1][d * rank + r];
                preB[d + 1] = preB[d] * a + preA[d] * b;
                preA[d + 1] = preA[d] * a;
            }
            value += preA[dim];
            double sufA = 1.0;
            double sufB = 0.0;
            for (int d = dim - 1; d >= 0; d--) {
                double without = preA[d] * sufA; // lambda_r prod_{f != d} phi_r^f
                double d1 = phi[1][d * rank + r];
                if (grad != null) {
                    grad[d] += d1 * without;
                }
                if (hv != null) {
                    double withoutB = preA[d] * sufB + preB[d] * sufA;
                    hv[d] += phi[2][d * rank + r] * v[d] * without + d1 * withoutB;
                }
                double a = phi[0][d * rank + r];
                double b = hv == null ? 0.0 : v[d] * d1;
                sufB = sufB * a + sufA * b;
                sufA *= a;
            }
        }
        return value;
    }

    /**
     * Caller-owned scratch for the batch kernel of one model: the per-span Taylor coefficients of every factor
     * (sum_d (n_d - p_d) (p_d + 1) R doubles, built once, read-only afterwards) and a few R-length buffers.
     * Not thread safe: one per thread.
     */
    public static final class Workspace {
        final SnaModel model;
        final boolean cubic;
        /** poly[d][(s * (p+1) + m) * R + r]: coefficient of t^m of lambda-free phi_r^d on span s (lambda in d = 0). */
        final double[][] poly;
        final double[][] mid;
        final double[][] invWidth;
        final boolean[] uniform;
        final double[] lower;
        final double[] upper;
        final double[] invStep;
        final int[] spans;
        final double[] prod;
        final double[] phi;
        /** Per coordinate of the current point: table offset of its span, and its local coordinate t. */
        final int[] offset;
        final double[] local;
        /** The local coordinate of the last {@link #locate} call. */
        double t;

        private Workspace(SnaModel model) {
            this.model = model;
            int dim = model.names.length;
            int rank = model.rank();
            boolean allCubic = true;
            this.poly = new double[dim][];
            this.mid = new double[dim][];
            this.invWidth = new double[dim][];
            this.uniform = new boolean[dim];
            this.lower = new double[dim];
            this.upper = new double[dim];
            this.invStep = new double[dim];
            this.spans = new int[dim];
            for (int d = 0; d < dim; d++) {
                BSplineBasis basis = model.bases[d];
                int p = basis.degree();
                allCubic &= p == 3;
                int count = basis.knots().spanCount();
                spans[d] = count;
                uniform[d] = basis.knots().isUniform();
                lower[d] = basis.lower();
                upper[d] = basis.upper();
                invStep[d] = count / (upper[d] - lower[d]);
                mid[d] = new double[count];
                invWidth[d] = new double[count];
                poly[d] = new double[count * (p + 1) * rank];
                double[] ders = new double[(p + 1) * (p + 1)];
                double[] scratch = new double[basis.derivativeScratchSize()];
                double[] w = model.w[d];
                for (int s = 0; s < count; s++) {
                    int span = p + s;
                    double a = basis.knots().knot(span);
                    double b = basis.knots().knot(span + 1);
                    double h = b - a;
                    double m0 = 0.5 * (a + b);
                    mid[d][s] = m0;
                    invWidth[d][s] = 1.0 / h;
                    basis.derivatives(m0, span, p, ders, scratch);
                    double hm = 1.0; // h^m / m!
                    for (int m = 0; m <= p; m++) {
                        int o = (s * (p + 1) + m) * rank;
                        for (int k = 0; k <= p; k++) {
                            double c = ders[m * (p + 1) + k] * hm;
                            int row = (span - p + k) * rank;
                            for (int r = 0; r < rank; r++) {
                                poly[d][o + r] += c * w[row + r];
                            }
                        }
                        hm *= h / (m + 1);
                    }
                }
                if (d == 0) {
                    for (int q = 0; q < poly[0].length; q++) {
                        poly[0][q] *= model.lambda[q % rank];
                    }
                }
            }
            this.cubic = allCubic;
            this.prod = new double[rank];
            this.phi = new double[rank];
            this.offset = new int[dim];
            this.local = new double[dim];
        }

        /**
         * The span index s (0-based, s &lt; n - p) of x clamped to the domain; sets {@link #t} to its local
         * coordinate (x - m_s) / h_s. On uniform knots this is arithmetic: a point that rounding puts in the
         * neighbouring span is evaluated with that span's polynomial just outside |t| &lt;= 1/2, which agrees to
         * rounding because the spline is continuous there.
         */
        int locate(int d, double x) {
            double z = Math.min(Math.max(x, lower[d]), upper[d]); // NaN stays NaN
            int s;
            if (uniform[d]) {
                double u = (z - lower[d]) * invStep[d];
                s = (int) u; // NaN -> 0
                if (s >= spans[d]) {
                    s = spans[d] - 1;
                }
                t = u - s - 0.5;
            } else {
                s = model.bases[d].findSpan(z) - model.bases[d].degree();
                t = (z - mid[d][s]) * invWidth[d][s];
            }
            return s;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SnaModel m)) {
            return false;
        }
        return Arrays.equals(names, m.names) && Arrays.equals(bases, m.bases) && Arrays.equals(lambda, m.lambda)
                && Arrays.deepEquals(w, m.w) && output.equals(m.output) && provenance.equals(m.provenance)
                && inputs.equals(m.inputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(names), Arrays.hashCode(lambda), Arrays.deepHashCode(w), output);
    }

    @Override
    public String toString() {
        List<String> coords = new ArrayList<>();
        for (int d = 0; d < names.length; d++) {
            coords.add(names[d] + " in [" + lower(d) + ", " + upper(d) + "] (p=" + bases[d].degree() + ", n="
                    + bases[d].count() + ")");
        }
        return "SnaModel[" + output + ", rank " + rank() + ", " + coords + "]";
    }
}
