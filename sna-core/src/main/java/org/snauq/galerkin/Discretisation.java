package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snauq.basis.BSplineBasis;
import org.snauq.galerkin.PdeProblem.Advection;
import org.snauq.galerkin.PdeProblem.Diffusion;
import org.snauq.galerkin.PdeProblem.Dirichlet;
import org.snauq.galerkin.PdeProblem.FluxDerivative;
import org.snauq.galerkin.PdeProblem.Reaction;
import org.snauq.galerkin.PdeProblem.Source;
import org.snauq.galerkin.PdeProblem.TimeDerivative;

/**
 * The discrete form of a {@link PdeProblem} (METHOD.md section 3): the atoms and their quadrature, the lifting of the
 * boundary and initial data with the atoms it fixes, and, for a given set of terms (the PDE itself, or its
 * linearisation around an iterate), the separated operator and load and their ALS solution.
 *
 * <ul>
 * <li>Galerkin: a(u, v) = sum of products of 1-D forms, e.g. diffusion gives int k_s^d B_i' B_j' along z_d times
 * int k_s^e B_i B_j along every other z_e. Least squares (linear advection, time): L = sum_m prod_d c_m^d D^{o_m^d}
 * and the normal operator sum_{m,m'} kron_d int (c_m^d D^o B_i)(c_m'^d D^o' B_j), with load
 * sum_{m,s} kron_d int f_s^d c_m^d D^o B_i.</li>
 * <li>Lifting: the unknown drops the boundary atoms (clamped atoms: only the end atom is non-zero at an end), and a
 * separable u_L = sum_t prod_d G_t^d carries the data: the initial value (L2-projected per coordinate) times the
 * first time atom, then for each Dirichlet end its value times that end's atom, after zeroing the end atom's
 * coefficient in the earlier lifting terms (so each end takes its value and corners take the later condition's
 * value). The load becomes F - A u_L, still separated.</li>
 * <li>Linearisation (nonlinear PDEs, Galerkin only) around an iterate u0, with g_u = dg/du:
 * Picard freezes every coefficient at u0; Newton adds the Jacobian's extra terms and load:
 * advection a(u) u_d gives + (a_u(u0) u0_d) u and load a_u(u0) u0 u0_d; reaction c(u) u gives + (c_u(u0) u0) u and
 * load c_u(u0) u0^2; diffusion -(k(u) u_d)_d gives + int k_u(u0) u0_d u v_d and load int k_u(u0) u0 u0_d v_d; a flux
 * derivative f(u)_d is the advection f_u(u) u_d.</li>
 * </ul>
 *
 * <p>Nothing of size prod_d n_d is ever formed: cost and memory are linear in D apart from the tensor grids of
 * non-separable fields, which cover only the coordinates each such field depends on.
 */
final class Discretisation {

    /** Relative step of the central difference for dk/dz when a diffusion coefficient varies along its own
     *  coordinate (least squares needs the strong form -k u'' - k' u'); error O(h^2) ~ 1e-10 relative. */
    private static final double DERIVATIVE_STEP = 1e-5;

    /** Galerkin loads with more terms than this are compressed before the solve: a sweep costs O(terms) per
     *  coordinate, and a linearised PDE's load (the iterate times each operator term) has hundreds. */
    private static final int LOAD_TERMS = 32;
    /** Relative (energy) accuracy of that compression: far below the solves' tolerances. */
    private static final double LOAD_TOLERANCE = 1e-6;

    /** One product of 1-D differential factors: scale * prod_d c^d(z_d) D^{order[d]}. */
    private record Strong(double scale, int[] order, double[][] coef) {
    }

    /** One product of 1-D bilinear forms: scale * prod_d int (c_test D^a B_i)(c_trial D^b B_j). */
    private record Bilinear(double scale, int[] testOrder, double[][] testCoef, int[] trialOrder,
                            double[][] trialCoef) {
    }

    /** A load int f (D^order v) along {@code coordinate} (order 0: the plain source), f in separated form. */
    private record Load(SeparatedValues values, int coordinate, int order) {
    }

    /** The discrete terms: strong factors (least squares), weak forms (Galerkin) and loads. */
    record Terms(List<Strong> strong, List<Bilinear> weak, List<Load> loads) {
        int sourceRank() {
            return loads.stream().mapToInt(l -> l.values().rank()).sum();
        }
    }

    /** A solve: u = base + v on all atoms, the solved part v, the ALS report and the number of source terms. */
    record Solved(SeparatedSum u, SeparatedSum v, VsnaSolver.Solution solution, int sourceRank) {
    }

    /** Cache key: coefficient arrays compared by content, so equal factors (of different origin) give one shared
     *  matrix, and terms that share matrices can be merged. */
    private record MatrixKey(int testOrder, double[] testCoef, int trialOrder, double[] trialCoef) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MatrixKey k && k.testOrder == testOrder && k.trialOrder == trialOrder
                    && Arrays.equals(k.testCoef, testCoef) && Arrays.equals(k.trialCoef, trialCoef);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * testOrder + Arrays.hashCode(testCoef)) + trialOrder) + Arrays.hashCode(trialCoef);
        }
    }

    private final PdeProblem problem;
    private final VsnaConfig config;
    private final List<String> names;
    private final int dim;
    private final AtomQuadrature[] quads;
    private final int[] n;
    private final boolean leastSquares;
    private final List<double[][]> lift = new ArrayList<>();
    private final List<Double> liftScale = new ArrayList<>();
    private final int[] dropLower;
    private final int[] dropUpper;
    private final int[] reduced;

    Discretisation(PdeProblem problem, VsnaConfig config) {
        this.problem = problem;
        this.config = config;
        this.names = problem.names();
        this.dim = names.size();
        this.quads = new AtomQuadrature[dim];
        this.n = new int[dim];
        for (int d = 0; d < dim; d++) {
            quads[d] = new AtomQuadrature(problem.coordinates().get(d).basis());
            n[d] = quads[d].atoms();
        }
        String nonlinear = problem.firstNonlinearTerm();
        this.leastSquares = switch (config.formulation()) {
            case GALERKIN -> false;
            case LEAST_SQUARES -> true;
            // flux conditions are natural only in the weak form, and nonlinear problems are linearised in it
            case AUTO -> !problem.isSymmetric() && problem.fluxes().isEmpty() && nonlinear == null;
        };
        if (leastSquares && !problem.fluxes().isEmpty()) {
            throw new IllegalArgumentException("solver.formulation: flux conditions need formulation galerkin (or auto),"
                    + " got least-squares");
        }
        if (leastSquares && nonlinear != null) {
            throw new IllegalArgumentException("solver.formulation: unsupported nonlinear term: " + nonlinear
                    + " depends on the solution '" + problem.output() + "', which needs formulation galerkin (or"
                    + " auto), got least-squares");
        }
        this.dropLower = new int[dim];
        this.dropUpper = new int[dim];
        FieldCompression data = compression(null);
        if (problem.initial() != null) {
            int t = timeCoordinate(problem);
            addLifting(data.compress(problem.initial(), "initial"), t, 0);
            dropLower[t] = 1;
        }
        for (Dirichlet b : problem.boundary()) {
            int d = names.indexOf(b.coordinate());
            if (b.lower() != null) {
                addLifting(data.compress(b.lower(), "boundary " + b.coordinate() + ".lower"), d, 0);
                dropLower[d] = 1;
            }
            if (b.upper() != null) {
                addLifting(data.compress(b.upper(), "boundary " + b.coordinate() + ".upper"), d, n[d] - 1);
                dropUpper[d] = 1;
            }
        }
        this.reduced = new int[dim];
        for (int d = 0; d < dim; d++) {
            reduced[d] = n[d] - dropLower[d] - dropUpper[d];
            if (reduced[d] < 1) {
                throw new IllegalArgumentException("coordinates: '" + names.get(d) + "' has " + n[d]
                        + " atoms, all fixed by its conditions; use more atoms");
            }
        }
    }

    AtomQuadrature[] quads() {
        return quads.clone();
    }

    int[] sizes() {
        return n.clone();
    }

    int liftingRank() {
        return lift.size();
    }

    String formulation() {
        return leastSquares ? "least-squares" : "galerkin";
    }

    /** Field compression on the atoms' quadrature points, with the iterate u0 for solution-dependent fields. */
    FieldCompression compression(SeparatedSum iterate) {
        return new FieldCompression(names, quads, config.sourceRank(), config.sourceTolerance(), problem.output(),
                iterate == null ? null : iterate.toModel(names, bases(), problem.output()));
    }

    List<BSplineBasis> bases() {
        List<BSplineBasis> bases = new ArrayList<>();
        problem.coordinates().forEach(c -> bases.add(c.basis()));
        return bases;
    }

    /**
     * The discrete terms of the PDE, linearised around {@code iterate} when it is not null ({@code newton}: with
     * the Jacobian's extra terms; otherwise Picard).
     */
    Terms terms(SeparatedSum iterate, boolean newton) {
        FieldCompression compression = compression(iterate);
        List<Strong> strong = new ArrayList<>();
        List<Bilinear> weak = new ArrayList<>();
        List<Load> loads = new ArrayList<>();
        SeparatedValues u0 = iterate == null ? null : iterate.values(quads, new int[dim]);
        String u = problem.output();
        for (int i = 0; i < problem.terms().size(); i++) {
            PdeProblem.Term term = problem.terms().get(i);
            String where = "terms[" + i + "]";
            if (term instanceof FluxDerivative t) {
                term = new Advection(t.coordinate(), SolutionDependence.derivative(t.flux(), u, dim));
                where += ".flux'";
            }
            if (term instanceof Diffusion t) {
                int d = names.indexOf(t.coordinate());
                for (SeparatedValues.Term c : compression.compress(t.coefficient(), where + ".coefficient").terms()) {
                    strong.add(strong(-c.scale(), d, 2, c.values()));
                    weak.add(weak(c.scale(), d, 1, 1, c.values()));
                }
                if (leastSquares && t.coefficient().variables().contains(t.coordinate())) {
                    Field dk = derivative(t.coefficient(), d, quads[d].basis());
                    for (SeparatedValues.Term c : compression.compress(dk, where + ".coefficient'").terms()) {
                        strong.add(strong(-c.scale(), d, 1, c.values()));
                    }
                }
                if (newton && t.coefficient().variables().contains(u)) {
                    addNewton(compression.compress(SolutionDependence.derivative(t.coefficient(), u, dim),
                            where + ".coefficient_u").times(derivativeOf(iterate, d)), d, 1, u0, weak, loads);
                }
            } else if (term instanceof Advection t) {
                int d = names.indexOf(t.coordinate());
                for (SeparatedValues.Term c : compression.compress(t.velocity(), where + ".velocity").terms()) {
                    strong.add(strong(c.scale(), d, 1, c.values()));
                    weak.add(weak(c.scale(), d, 0, 1, c.values()));
                }
                if (newton && t.velocity().variables().contains(u)) {
                    addNewton(compression.compress(SolutionDependence.derivative(t.velocity(), u, dim),
                            where + ".velocity_u").times(derivativeOf(iterate, d)), d, 0, u0, weak, loads);
                }
            } else if (term instanceof Reaction t) {
                for (SeparatedValues.Term c : compression.compress(t.coefficient(), where + ".coefficient").terms()) {
                    strong.add(strong(c.scale(), 0, 0, c.values()));
                    weak.add(weak(c.scale(), 0, 0, 0, c.values()));
                }
                if (newton && t.coefficient().variables().contains(u)) {
                    addNewton(compression.compress(SolutionDependence.derivative(t.coefficient(), u, dim),
                            where + ".coefficient_u").times(u0), 0, 0, u0, weak, loads);
                }
            } else if (term instanceof TimeDerivative t) {
                int d = names.indexOf(t.coordinate());
                strong.add(strong(1.0, d, 1, new double[dim][]));
                weak.add(weak(1.0, d, 0, 1, new double[dim][]));
            } else if (term instanceof Source t) {
                loads.add(new Load(compression.compress(t.value(), where + ".value"), 0, 0));
            }
        }
        return new Terms(strong, weak, loads);
    }

    /**
     * Newton's extra bilinear term int c u (D^order v) along d and load int c u0 (D^order v), for the coefficient
     * c = g_u(u0) m of the Jacobian (m = du0/dz_d for advection and diffusion, u0 for a reaction).
     */
    private void addNewton(SeparatedValues c, int d, int testOrder, SeparatedValues u0, List<Bilinear> weak,
                           List<Load> loads) {
        for (SeparatedValues.Term t : c.terms()) {
            weak.add(weak(t.scale(), d, testOrder, 0, t.values()));
        }
        loads.add(new Load(c.times(u0), d, testOrder));
    }

    /** du0/dz_d at the quadrature points, in separated form. */
    private SeparatedValues derivativeOf(SeparatedSum iterate, int d) {
        int[] order = new int[dim];
        order[d] = 1;
        return iterate.values(quads, order);
    }

    /** The lifting of the boundary and initial data, on all atoms. */
    SeparatedSum lifting() {
        double[] lambda = new double[lift.size()];
        double[][] factors = new double[dim][];
        for (int d = 0; d < dim; d++) {
            factors[d] = new double[n[d] * lift.size()];
        }
        for (int t = 0; t < lift.size(); t++) {
            lambda[t] = liftScale.get(t);
            for (int d = 0; d < dim; d++) {
                for (int i = 0; i < n[d]; i++) {
                    factors[d][i * lift.size() + t] = lift.get(t)[d][i];
                }
            }
        }
        return new SeparatedSum(lambda, factors, n);
    }

    /**
     * Assembles the separated operator and load of {@code terms} and solves by ALS for u = base + v, v zero on the
     * atoms fixed by the conditions: base is the lifting for a plain solve, or a previous iterate that carries the
     * conditions (then v is its correction and the load F - A base is the iterate's residual).
     */
    Solved solve(Terms terms, SeparatedSum base) {
        List<Bilinear> forms = new ArrayList<>();
        if (leastSquares) {
            for (Strong a : terms.strong()) {
                for (Strong b : terms.strong()) {
                    forms.add(new Bilinear(a.scale() * b.scale(), a.order(), a.coef(), b.order(), b.coef()));
                }
            }
        } else {
            forms = terms.weak();
        }

        // 1-D matrices, shared between terms that use the same pieces
        List<Map<MatrixKey, BandedMatrix>> cache = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            cache.add(new HashMap<>());
        }
        BandedMatrix[][] full = new BandedMatrix[forms.size()][dim];
        for (int k = 0; k < forms.size(); k++) {
            Bilinear b = forms.get(k);
            for (int d = 0; d < dim; d++) {
                final int dd = d;
                full[k][d] = cache.get(d).computeIfAbsent(
                        new MatrixKey(b.testOrder()[d], b.testCoef()[d], b.trialOrder()[d], b.trialCoef()[d]),
                        key -> quads[dd].matrix(b.testOrder()[dd], b.testCoef()[dd], b.trialOrder()[dd],
                                b.trialCoef()[dd]));
            }
        }

        // the reduced operator and load: F - A u_L
        Map<BandedMatrix, BandedMatrix> restricted = new IdentityHashMap<>();
        SeparatedOperator.Builder ob = SeparatedOperator.builder(reduced);
        for (int k = 0; k < forms.size(); k++) {
            BandedMatrix[] mats = new BandedMatrix[dim];
            for (int d = 0; d < dim; d++) {
                final int dd = d;
                mats[d] = restricted.computeIfAbsent(full[k][d], a -> a.restrict(dropLower[dd], dropUpper[dd]));
            }
            ob.add(forms.get(k).scale(), mats);
        }
        SeparatedOperator operator = ob.build();
        SeparatedLoad.Builder lb = SeparatedLoad.builder(reduced);
        List<Strong> tests = leastSquares ? terms.strong() : List.of(new Strong(1.0, new int[dim], new double[dim][]));
        for (Strong m : tests) {
            for (Load load : terms.loads()) {
                for (SeparatedValues.Term s : load.values().terms()) {
                    double[][] v = new double[dim][];
                    for (int d = 0; d < dim; d++) {
                        int order = m.order()[d] + (d == load.coordinate() ? load.order() : 0);
                        v[d] = cut(quads[d].load(s.values()[d], order, m.coef()[d]), dropLower[d], dropUpper[d]);
                    }
                    lb.add(m.scale() * s.scale(), v);
                }
            }
        }
        for (PdeProblem.Neumann f : problem.fluxes()) {
            addFluxLoad(f, lb);
        }
        for (int k = 0; k < forms.size(); k++) {
            for (int t = 0; t < base.rank(); t++) {
                double[][] v = new double[dim][];
                for (int d = 0; d < dim; d++) {
                    v[d] = cut(full[k][d].multiply(base.column(d, t)), dropLower[d], dropUpper[d]);
                }
                lb.add(-forms.get(k).scale() * base.lambda(t), v);
            }
        }
        SeparatedLoad load = lb.build();
        if (!leastSquares && load.termCount() > LOAD_TERMS) {
            BandedMatrix[] mass = new BandedMatrix[dim];
            for (int d = 0; d < dim; d++) {
                mass[d] = quads[d].mass().restrict(dropLower[d], dropUpper[d]);
            }
            load = Recompression.compressLoad(load, mass, LOAD_TOLERANCE, load.termCount());
        }

        VsnaSolver.Solution sol;
        if (leastSquares) {
            double f2 = residualNormSquared(terms, base);
            sol = VsnaSolver.solveLeastSquares(operator, load, f2, config);
        } else {
            sol = VsnaSolver.solve(operator, load, config);
        }
        SeparatedSum v = expand(sol);
        return new Solved(base.plus(1, v), v, sol, terms.sourceRank());
    }

    /** The solved terms on all atoms (zero on the dropped ones). */
    private SeparatedSum expand(VsnaSolver.Solution sol) {
        int rank = sol.rank();
        double[][] factors = new double[dim][];
        for (int d = 0; d < dim; d++) {
            factors[d] = new double[n[d] * rank];
            for (int i = 0; i < reduced[d]; i++) {
                System.arraycopy(sol.factors()[d], i * rank, factors[d], (i + dropLower[d]) * rank, rank);
            }
        }
        return new SeparatedSum(sol.lambda(), factors, n);
    }

    private static int timeCoordinate(PdeProblem problem) {
        for (PdeProblem.Term t : problem.terms()) {
            if (t instanceof TimeDerivative td) {
                return problem.indexOf(td.coordinate());
            }
        }
        throw new IllegalStateException("validated: an initial condition comes with a time derivative");
    }

    private Strong strong(double scale, int d, int order, double[][] coef) {
        int[] o = new int[dim];
        o[d] = order;
        return new Strong(scale, o, coef.clone());
    }

    private Bilinear weak(double scale, int d, int testOrder, int trialOrder, double[][] coef) {
        int[] a = new int[dim];
        int[] b = new int[dim];
        a[d] = testOrder;
        b[d] = trialOrder;
        return new Bilinear(scale, a, new double[dim][], b, coef.clone());
    }

    private static Field derivative(Field k, int d, BSplineBasis basis) {
        double h = DERIVATIVE_STEP * (basis.upper() - basis.lower());
        return Field.of(k.variables(), z -> {
            double[] y = z.clone();
            y[d] = z[d] + h;
            double up = k.value(y);
            y[d] = z[d] - h;
            return (up - k.value(y)) / (2 * h);
        });
    }

    /**
     * Adds data prod_e g_s^e on the face where coordinate d sits at atom {@code atom}: each earlier term loses its
     * coefficient at that atom (so the face carries exactly the new data), then the data is L2-projected per
     * coordinate and multiplied by the unit vector of the atom.
     */
    private void addLifting(SeparatedValues data, int d, int atom) {
        for (double[][] g : lift) {
            g[d][atom] = 0.0;
        }
        for (SeparatedValues.Term s : data.terms()) {
            double[][] g = new double[dim][];
            for (int e = 0; e < dim; e++) {
                if (e == d) {
                    g[e] = new double[n[e]];
                    g[e][atom] = 1.0;
                } else if (s.values()[e] == null) {
                    g[e] = new double[n[e]];
                    Arrays.fill(g[e], 1.0); // the atoms sum to one
                } else {
                    g[e] = quads[e].project(s.values()[e]);
                }
            }
            lift.add(g);
            liftScale.add(s.scale());
        }
    }

    /**
     * The weak form's boundary term int_face g v for a flux condition k du/dn = g at an end of coordinate d: g is
     * compressed over the other coordinates, each factor becomes the load int g_s^e B_i, and the factor along d is
     * the atoms' values at that end, B_i(a_d) = delta_{i,0} (or B_i(b_d) = delta_{i,n-1}) for clamped atoms.
     */
    private void addFluxLoad(PdeProblem.Neumann f, SeparatedLoad.Builder lb) {
        int d = names.indexOf(f.coordinate());
        int atom = f.end() == PdeProblem.End.LOWER ? 0 : n[d] - 1;
        String where = "boundary " + f.coordinate() + "." + f.end().name().toLowerCase() + ".flux";
        for (SeparatedValues.Term s : compression(null).compress(f.flux(), where).terms()) {
            double[][] v = new double[dim][];
            for (int e = 0; e < dim; e++) {
                if (e == d) {
                    v[e] = new double[n[e]];
                    v[e][atom] = 1.0;
                } else {
                    v[e] = quads[e].load(s.values()[e], 0, null);
                }
                v[e] = cut(v[e], dropLower[e], dropUpper[e]);
            }
            lb.add(s.scale(), v);
        }
    }

    private static double[] cut(double[] v, int lower, int upper) {
        return Arrays.copyOfRange(v, lower, v.length - upper);
    }

    /** ||f - L u_L||^2 over the box, from the separated values of f and of every L_m u_L term. */
    private double residualNormSquared(Terms terms, SeparatedSum base) {
        List<double[][]> values = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        for (Load load : terms.loads()) {
            assert load.order() == 0 : "least squares has plain sources only";
            for (SeparatedValues.Term s : load.values().terms()) {
                values.add(s.values());
                scales.add(s.scale());
            }
        }
        for (Strong m : terms.strong()) {
            for (int t = 0; t < base.rank(); t++) {
                double[][] v = new double[dim][];
                for (int d = 0; d < dim; d++) {
                    v[d] = quads[d].values(base.column(d, t), m.order()[d], m.coef()[d]);
                }
                values.add(v);
                scales.add(-m.scale() * base.lambda(t));
            }
        }
        double total = 0;
        for (int a = 0; a < values.size(); a++) {
            for (int b = a; b < values.size(); b++) {
                double prod = scales.get(a) * scales.get(b) * (a == b ? 1 : 2);
                for (int d = 0; d < dim && prod != 0; d++) {
                    prod *= quads[d].inner(values.get(a)[d], values.get(b)[d]);
                }
                total += prod;
            }
        }
        return total;
    }
}
