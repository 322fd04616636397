package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snauq.basis.BSplineBasis;
import org.snauq.galerkin.PdeProblem.Advection;
import org.snauq.galerkin.PdeProblem.Diffusion;
import org.snauq.galerkin.PdeProblem.Dirichlet;
import org.snauq.galerkin.PdeProblem.Reaction;
import org.snauq.galerkin.PdeProblem.Source;
import org.snauq.galerkin.PdeProblem.TimeDerivative;
import org.snauq.model.SnaModel;

/**
 * VSNA: builds an SNA directly from a {@link PdeProblem} (METHOD.md section 3).
 *
 * <ol>
 * <li>Fields (coefficients, sources, boundary and initial data) are put in separated form on each coordinate's
 * Gauss points ({@code FieldCompression}).</li>
 * <li>Galerkin (symmetric problems): a(u, v) = sum of products of 1-D forms, e.g. diffusion gives
 * int k_s^d B_i' B_j' along z_d times int k_s^e B_i B_j along every other z_e. Least squares (advection, time):
 * L = sum_m prod_d c_m^d D^{o_m^d} and the normal operator sum_{m,m'} kron_d int (c_m^d D^o B_i)(c_m'^d D^o' B_j),
 * with load sum_{m,s} kron_d int f_s^d c_m^d D^o B_i.</li>
 * <li>Boundary and initial conditions: the unknown drops the boundary atoms (clamped atoms: only the end atom is
 * non-zero at an end), and a separable lifting u_L = sum_t prod_d G_t^d carries the data: the initial value
 * (L2-projected per coordinate) times the first time atom, then for each Dirichlet end its value times that end's
 * atom, after zeroing the end atom's coefficient in the earlier lifting terms (so each end takes its value and
 * corners take the later condition's value). The load becomes F - A u_L, still separated.</li>
 * <li>ALS with greedy enrichment ({@link VsnaSolver}); the model is u_L + v, normalised, with provenance.</li>
 * </ol>
 *
 * <p>Nothing of size prod_d n_d is ever formed: cost and memory are linear in D apart from the tensor grids of
 * non-separable fields, which cover only the coordinates each such field depends on.
 */
public final class Vsna {

    /** Relative step of the central difference for dk/dz when a diffusion coefficient varies along its own
     *  coordinate (least squares needs the strong form -k u'' - k' u'); error O(h^2) ~ 1e-10 relative. */
    private static final double DERIVATIVE_STEP = 1e-5;

    private Vsna() {
    }

    /** The model and the report of a solve. */
    public record Result(SnaModel model, SolveReport report, SolutionError.Estimate error) {
    }

    /** One product of 1-D differential factors: scale * prod_d c^d(z_d) D^{order[d]}. */
    private record Strong(double scale, int[] order, double[][] coef) {
    }

    /** One product of 1-D bilinear forms: scale * prod_d int (c_test D^a B_i)(c_trial D^b B_j). */
    private record Bilinear(double scale, int[] testOrder, double[][] testCoef, int[] trialOrder,
                            double[][] trialCoef) {
    }

    /** Cache key: coefficient arrays compared by identity so shared factors give shared matrices. */
    private record MatrixKey(int testOrder, Object testCoef, int trialOrder, Object trialCoef) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MatrixKey k && k.testOrder == testOrder && k.trialOrder == trialOrder
                    && k.testCoef == testCoef && k.trialCoef == trialCoef;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * testOrder + System.identityHashCode(testCoef)) + trialOrder)
                    + System.identityHashCode(trialCoef);
        }
    }

    /** Solves the problem; errors against {@code problem.exact()} when it is given. */
    public static Result solve(PdeProblem problem, VsnaConfig config) {
        long start = System.nanoTime();
        List<String> names = problem.names();
        int dim = names.size();
        AtomQuadrature[] quads = new AtomQuadrature[dim];
        int[] n = new int[dim];
        for (int d = 0; d < dim; d++) {
            quads[d] = new AtomQuadrature(problem.coordinates().get(d).basis());
            n[d] = quads[d].atoms();
        }
        FieldCompression compression = new FieldCompression(names, quads, config.sourceRank(),
                config.sourceTolerance());
        boolean leastSquares = switch (config.formulation()) {
            case GALERKIN -> false;
            case LEAST_SQUARES -> true;
            // flux conditions are natural only in the weak form: they pick Galerkin
            case AUTO -> !problem.isSymmetric() && problem.fluxes().isEmpty();
        };
        if (leastSquares && !problem.fluxes().isEmpty()) {
            throw new IllegalArgumentException("solver.formulation: flux conditions need formulation galerkin (or auto),"
                    + " got least-squares");
        }

        // 1. operator pieces and sources in separated form
        List<Strong> strong = new ArrayList<>();
        List<Bilinear> weak = new ArrayList<>();
        SeparatedValues source = SeparatedValues.zero();
        for (int i = 0; i < problem.terms().size(); i++) {
            PdeProblem.Term term = problem.terms().get(i);
            String where = "terms[" + i + "]";
            if (term instanceof Diffusion t) {
                int d = names.indexOf(t.coordinate());
                for (SeparatedValues.Term c : compression.compress(t.coefficient(), where + ".coefficient").terms()) {
                    strong.add(strong(dim, -c.scale(), d, 2, c.values()));
                    weak.add(weak(dim, c.scale(), d, 1, 1, c.values()));
                }
                if (leastSquares && t.coefficient().variables().contains(t.coordinate())) {
                    Field dk = derivative(t.coefficient(), d, quads[d].basis());
                    for (SeparatedValues.Term c : compression.compress(dk, where + ".coefficient'").terms()) {
                        strong.add(strong(dim, -c.scale(), d, 1, c.values()));
                    }
                }
            } else if (term instanceof Advection t) {
                int d = names.indexOf(t.coordinate());
                for (SeparatedValues.Term c : compression.compress(t.velocity(), where + ".velocity").terms()) {
                    strong.add(strong(dim, c.scale(), d, 1, c.values()));
                    weak.add(weak(dim, c.scale(), d, 0, 1, c.values()));
                }
            } else if (term instanceof Reaction t) {
                for (SeparatedValues.Term c : compression.compress(t.coefficient(), where + ".coefficient").terms()) {
                    strong.add(strong(dim, c.scale(), 0, 0, c.values()));
                    weak.add(weak(dim, c.scale(), 0, 0, 0, c.values()));
                }
            } else if (term instanceof TimeDerivative t) {
                int d = names.indexOf(t.coordinate());
                strong.add(strong(dim, 1.0, d, 1, new double[dim][]));
                weak.add(weak(dim, 1.0, d, 0, 1, new double[dim][]));
            } else if (term instanceof Source t) {
                source = source.plus(compression.compress(t.value(), where + ".value"));
            }
        }
        List<Bilinear> forms = new ArrayList<>();
        if (leastSquares) {
            for (Strong a : strong) {
                for (Strong b : strong) {
                    forms.add(new Bilinear(a.scale() * b.scale(), a.order(), a.coef(), b.order(), b.coef()));
                }
            }
        } else {
            forms = weak;
        }

        // 2. 1-D matrices, shared between terms that use the same pieces
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

        // 3. lifting of the initial and boundary data; dropped atoms
        int[] dropLower = new int[dim];
        int[] dropUpper = new int[dim];
        List<double[][]> lift = new ArrayList<>();
        List<Double> liftScale = new ArrayList<>();
        if (problem.initial() != null) {
            int t = timeCoordinate(problem);
            addLifting(compression.compress(problem.initial(), "initial"), quads, t, 0, lift, liftScale);
            dropLower[t] = 1;
        }
        for (Dirichlet b : problem.boundary()) {
            int d = names.indexOf(b.coordinate());
            if (b.lower() != null) {
                addLifting(compression.compress(b.lower(), "boundary " + b.coordinate() + ".lower"), quads, d, 0,
                        lift, liftScale);
                dropLower[d] = 1;
            }
            if (b.upper() != null) {
                addLifting(compression.compress(b.upper(), "boundary " + b.coordinate() + ".upper"), quads, d,
                        n[d] - 1, lift, liftScale);
                dropUpper[d] = 1;
            }
        }
        int[] reduced = new int[dim];
        for (int d = 0; d < dim; d++) {
            reduced[d] = n[d] - dropLower[d] - dropUpper[d];
            if (reduced[d] < 1) {
                throw new IllegalArgumentException("coordinates: '" + names.get(d) + "' has " + n[d]
                        + " atoms, all fixed by its conditions; use more atoms");
            }
        }

        // 4. the reduced operator and load: F - A u_L
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
        List<Strong> tests = leastSquares ? strong : List.of(new Strong(1.0, new int[dim], new double[dim][]));
        for (Strong m : tests) {
            for (SeparatedValues.Term s : source.terms()) {
                double[][] v = new double[dim][];
                for (int d = 0; d < dim; d++) {
                    v[d] = cut(quads[d].load(s.values()[d], m.order()[d], m.coef()[d]), dropLower[d], dropUpper[d]);
                }
                lb.add(m.scale() * s.scale(), v);
            }
        }
        for (PdeProblem.Neumann f : problem.fluxes()) {
            addFluxLoad(f, names, compression, quads, dropLower, dropUpper, lb);
        }
        for (int k = 0; k < forms.size(); k++) {
            for (int t = 0; t < lift.size(); t++) {
                double[][] v = new double[dim][];
                for (int d = 0; d < dim; d++) {
                    v[d] = cut(full[k][d].multiply(lift.get(t)[d]), dropLower[d], dropUpper[d]);
                }
                lb.add(-forms.get(k).scale() * liftScale.get(t), v);
            }
        }
        SeparatedLoad load = lb.build();

        // 5. ALS
        VsnaSolver.Solution sol;
        if (leastSquares) {
            double f2 = residualNormSquared(source, strong, lift, liftScale, quads);
            sol = VsnaSolver.solveLeastSquares(operator, load, f2, config);
        } else {
            sol = VsnaSolver.solve(operator, load, config);
        }

        // 6. the model u_L + v
        int rank = lift.size() + sol.rank();
        double[] lambda = new double[rank];
        double[][] factors = new double[dim][];
        for (int d = 0; d < dim; d++) {
            factors[d] = new double[n[d] * rank];
        }
        for (int t = 0; t < lift.size(); t++) {
            lambda[t] = liftScale.get(t);
            for (int d = 0; d < dim; d++) {
                for (int i = 0; i < n[d]; i++) {
                    factors[d][i * rank + t] = lift.get(t)[d][i];
                }
            }
        }
        for (int r = 0; r < sol.rank(); r++) {
            int col = lift.size() + r;
            lambda[col] = sol.lambda()[r];
            for (int d = 0; d < dim; d++) {
                for (int i = 0; i < reduced[d]; i++) {
                    factors[d][(i + dropLower[d]) * rank + col] = sol.factors()[d][i * sol.rank() + r];
                }
            }
        }
        List<BSplineBasis> bases = new ArrayList<>();
        problem.coordinates().forEach(c -> bases.add(c.basis()));
        // the solved terms are each a greedy step the tolerance asked for; the lifting's terms are not
        SeparatedSum solved = new SeparatedSum(lambda, factors, n);
        SeparatedSum saved = lift.isEmpty() || config.recompressionTolerance() == 0 ? solved
                : Recompression.compress(solved, quads, config.recompressionTolerance(), rank);
        SnaModel model = saved.normalised(quads).toModel(names, bases, problem.output());
        SolveReport report = sol.report();
        report = new SolveReport(report.formulation(), report.indicatorName(), report.sweeps(), report.ranks(),
                report.stopReason(), (System.nanoTime() - start) * 1e-9);
        SolutionError.Estimate error = problem.exact() == null ? null
                : SolutionError.relativeL2(model, problem.exact(), config.seed());
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("method", "vsna");
        provenance.put("problem", problem.name());
        provenance.put("formulation", report.formulation());
        provenance.put("rank", model.rank());
        provenance.put("rank-before-recompression", rank);
        provenance.put("recompression-tolerance", config.recompressionTolerance());
        provenance.put("solved-rank", sol.rank());
        provenance.put("lifting-rank", lift.size());
        provenance.put("source-rank", source.rank());
        List<Integer> ranks = new ArrayList<>();
        List<Double> indicators = new ArrayList<>();
        for (SolveReport.Rank r : report.ranks()) {
            ranks.add(r.rank());
            indicators.add(r.indicator());
        }
        provenance.put("ranks", ranks);
        provenance.put("indicator", report.indicatorName());
        provenance.put("indicators", indicators);
        provenance.put("stop", report.stopReason());
        provenance.put("seconds", report.seconds());
        if (error != null) {
            provenance.put("relative-l2-error", error.value());
            provenance.put("error-method", error.method());
        }
        return new Result(model.withProvenance(provenance), report, error);
    }

    private static int timeCoordinate(PdeProblem problem) {
        for (PdeProblem.Term t : problem.terms()) {
            if (t instanceof TimeDerivative td) {
                return problem.indexOf(td.coordinate());
            }
        }
        throw new IllegalStateException("validated: an initial condition comes with a time derivative");
    }

    private static Strong strong(int dim, double scale, int d, int order, double[][] coef) {
        int[] o = new int[dim];
        o[d] = order;
        return new Strong(scale, o, coef.clone());
    }

    private static Bilinear weak(int dim, double scale, int d, int testOrder, int trialOrder, double[][] coef) {
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
    private static void addLifting(SeparatedValues data, AtomQuadrature[] quads, int d, int atom,
                                   List<double[][]> lift, List<Double> liftScale) {
        for (double[][] g : lift) {
            g[d][atom] = 0.0;
        }
        for (SeparatedValues.Term s : data.terms()) {
            double[][] g = new double[quads.length][];
            for (int e = 0; e < quads.length; e++) {
                if (e == d) {
                    g[e] = new double[quads[e].atoms()];
                    g[e][atom] = 1.0;
                } else if (s.values()[e] == null) {
                    g[e] = new double[quads[e].atoms()];
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
    private static void addFluxLoad(PdeProblem.Neumann f, List<String> names, FieldCompression compression,
                                    AtomQuadrature[] quads, int[] dropLower, int[] dropUpper,
                                    SeparatedLoad.Builder lb) {
        int dim = quads.length;
        int d = names.indexOf(f.coordinate());
        int atom = f.end() == PdeProblem.End.LOWER ? 0 : quads[d].atoms() - 1;
        String where = "boundary " + f.coordinate() + "." + f.end().name().toLowerCase() + ".flux";
        for (SeparatedValues.Term s : compression.compress(f.flux(), where).terms()) {
            double[][] v = new double[dim][];
            for (int e = 0; e < dim; e++) {
                if (e == d) {
                    v[e] = new double[quads[e].atoms()];
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
    private static double residualNormSquared(SeparatedValues source, List<Strong> strong, List<double[][]> lift,
                                              List<Double> liftScale, AtomQuadrature[] quads) {
        int dim = quads.length;
        List<double[][]> values = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        for (SeparatedValues.Term s : source.terms()) {
            values.add(s.values());
            scales.add(s.scale());
        }
        for (Strong m : strong) {
            for (int t = 0; t < lift.size(); t++) {
                double[][] v = new double[dim][];
                for (int d = 0; d < dim; d++) {
                    v[d] = quads[d].values(lift.get(t)[d], m.order()[d], m.coef()[d]);
                }
                values.add(v);
                scales.add(-m.scale() * liftScale.get(t));
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
