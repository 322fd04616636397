package org.snauq.uq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.snauq.model.SnaModel;

class ClosedFormUqTest {

    /**
     * Closed form versus brute-force tensor quadrature of u itself: both exact for piecewise polynomials up to
     * rounding of sums of ~10^4 terms of size E[u^2]; the brief's 1e-10.
     */
    private static final double EXACT_TOL = 1e-10;

    /**
     * Normal inputs: 16-point Gauss per knot span against the Gaussian density (spans are at most 0.6 sd
     * wide, so the rule's error is far below 1e-12) plus the exact tail masses; the brief's 1e-10.
     */
    private static final double NORMAL_TOL = 1e-10;

    static SnaModel randomModel(int dim, int rank, int atoms, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        List<BSplineBasis> bases = new ArrayList<>();
        double[][] w = new double[dim][];
        for (int d = 0; d < dim; d++) {
            names.add("z" + d);
            bases.add(BSplineBasis.clampedUniform(3, atoms, -1.0 - 0.5 * d, 1.5 + d));
            w[d] = new double[atoms * rank];
            for (int i = 0; i < w[d].length; i++) {
                w[d][i] = rng.nextDouble(-1, 1) + (i % rank == 0 ? 1.5 : 0.0); // a non-zero mean
            }
        }
        double[] lambda = new double[rank];
        for (int r = 0; r < rank; r++) {
            lambda[r] = rng.nextDouble(0.5, 2);
        }
        return SnaModel.of(names, bases, lambda, w, "u");
    }

    /** A 1-D rule: nodes and weights (weights include the density). */
    record Rule(double[] x, double[] w) {
    }

    /** Composite Gauss-Legendre with {@code points} per piece over consecutive breakpoints, times the density. */
    static Rule composite(double[] breaks, int points, Distribution law) {
        GaussIntegrator g = new GaussIntegratorFactory().legendre(points);
        int pieces = breaks.length - 1;
        double[] x = new double[pieces * points];
        double[] w = new double[pieces * points];
        for (int k = 0; k < pieces; k++) {
            double half = 0.5 * (breaks[k + 1] - breaks[k]);
            double mid = 0.5 * (breaks[k + 1] + breaks[k]);
            for (int q = 0; q < points; q++) {
                x[k * points + q] = mid + half * g.getPoint(q);
                w[k * points + q] = half * g.getWeight(q) * law.density(x[k * points + q]);
            }
        }
        return new Rule(x, w);
    }

    /** Sorted union of the knots inside (lo, hi) with lo and hi. */
    static double[] breaks(BSplineBasis b, double lo, double hi) {
        return java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.of(lo, hi),
                java.util.Arrays.stream(b.knots().breakpoints()).filter(t -> t > lo && t < hi))
                .sorted().distinct().toArray();
    }

    /** Brute force for D = 3: u on the tensor grid, then the four expectations of METHOD.md section 4. */
    static double[] bruteForce(SnaModel model, Rule[] rules) {
        int n0 = rules[0].x.length;
        int n1 = rules[1].x.length;
        int n2 = rules[2].x.length;
        double[] pts = new double[n0 * n1 * n2 * 3];
        int c = 0;
        for (int i = 0; i < n0; i++) {
            for (int j = 0; j < n1; j++) {
                for (int k = 0; k < n2; k++) {
                    pts[c++] = rules[0].x[i];
                    pts[c++] = rules[1].x[j];
                    pts[c++] = rules[2].x[k];
                }
            }
        }
        double[] u = new double[n0 * n1 * n2];
        model.evaluate(pts, u.length, u, model.newWorkspace()); // clamps: the convention under test
        int[] size = {n0, n1, n2};
        double mean = 0;
        double second = 0;
        for (int i = 0; i < n0; i++) {
            for (int j = 0; j < n1; j++) {
                for (int k = 0; k < n2; k++) {
                    double wt = rules[0].w[i] * rules[1].w[j] * rules[2].w[k];
                    double v = u[(i * n1 + j) * n2 + k];
                    mean += wt * v;
                    second += wt * v * v;
                }
            }
        }
        double var = second - mean * mean;
        double[] out = new double[2 + 6];
        out[0] = mean;
        out[1] = var;
        for (int d = 0; d < 3; d++) {
            // E[E[u|X_d]^2]: condition on coordinate d
            double[] cond = new double[size[d]];
            // E[E[u|X_~d]^2]: condition on the other two
            int o1 = (d + 1) % 3;
            int o2 = (d + 2) % 3;
            double[] condRest = new double[size[o1] * size[o2]];
            int[] idx = new int[3];
            for (idx[0] = 0; idx[0] < n0; idx[0]++) {
                for (idx[1] = 0; idx[1] < n1; idx[1]++) {
                    for (idx[2] = 0; idx[2] < n2; idx[2]++) {
                        double v = u[(idx[0] * n1 + idx[1]) * n2 + idx[2]];
                        cond[idx[d]] += rules[o1].w[idx[o1]] * rules[o2].w[idx[o2]] * v;
                        condRest[idx[o1] * size[o2] + idx[o2]] += rules[d].w[idx[d]] * v;
                    }
                }
            }
            double e1 = 0;
            for (int i = 0; i < size[d]; i++) {
                e1 += rules[d].w[i] * cond[i] * cond[i];
            }
            double e2 = 0;
            for (int a = 0; a < size[o1]; a++) {
                for (int b = 0; b < size[o2]; b++) {
                    double cr = condRest[a * size[o2] + b];
                    e2 += rules[o1].w[a] * rules[o2].w[b] * cr * cr;
                }
            }
            out[2 + d] = (e1 - mean * mean) / var;
            out[5 + d] = 1 - (e2 - mean * mean) / var;
        }
        return out;
    }

    static void assertMatches(double[] truth, ClosedFormResult r, double tol) {
        assertEquals(truth[0], r.mean(), tol * Math.max(1, Math.abs(truth[0])), "mean");
        assertEquals(truth[1], r.variance(), tol * Math.max(1, truth[1]), "variance");
        for (int d = 0; d < 3; d++) {
            assertEquals(truth[2 + d], r.firstOrder(d), tol, "S" + d);
            assertEquals(truth[5 + d], r.total(d), tol, "ST" + d);
        }
    }

    @Test
    void analyze_uniformInputsInsideDomain_matchTensorQuadrature() {
        SnaModel model = randomModel(3, 4, 9, 81);
        // uniform laws whose ends are not knots: the density jumps inside a span
        double[][] range = {{-0.83, 1.37}, {-1.5, 2.5}, {-1.9, 0.7}};
        List<Distribution> laws = new ArrayList<>();
        Rule[] rules = new Rule[3];
        for (int d = 0; d < 3; d++) {
            Distribution law = uniform(range[d][0], range[d][1]);
            laws.add(law);
            // B-spline products are polynomials of degree 6 per piece: 4 points are exact
            rules[d] = composite(breaks(model.basis(d), range[d][0], range[d][1]), 4, law);
        }
        assertMatches(bruteForce(model, rules), ClosedFormUq.analyze(model, laws), EXACT_TOL);
    }

    @Test
    void analyze_normalInputsClampedAtDomainEnds_matchQuadratureOfClampedModel() {
        SnaModel model = randomModel(3, 3, 8, 82);
        double[][] law = {{0.3, 0.8}, {1.2, 1.0}, {-0.5, 2.5}}; // mass outside every domain
        List<Distribution> laws = new ArrayList<>();
        Rule[] rules = new Rule[3];
        for (int d = 0; d < 3; d++) {
            Distribution normal = normal(law[d][0], law[d][1]);
            laws.add(normal);
            Rule inner = composite(breaks(model.basis(d), model.lower(d), model.upper(d)), 16, normal);
            // outside the domain u is constant (the model clamps), so one node anywhere out there, carrying
            // the tail probability, integrates it exactly; the model is evaluated at that outside point
            int m = inner.x.length;
            double[] x = java.util.Arrays.copyOf(inner.x, m + 2);
            double[] w = java.util.Arrays.copyOf(inner.w, m + 2);
            x[m] = model.lower(d) - law[d][1];
            w[m] = normal.cdf(model.lower(d));
            x[m + 1] = model.upper(d) + law[d][1];
            w[m + 1] = 1 - normal.cdf(model.upper(d));
            rules[d] = new Rule(x, w);
        }
        ClosedFormResult r = ClosedFormUq.analyze(model, laws);
        assertMatches(bruteForce(model, rules), r, NORMAL_TOL);
    }

    @Test
    void coordinateMoments_anyLaw_partitionOfUnityAndRowSums() {
        BSplineBasis basis = BSplineBasis.clampedUniform(3, 12, 0, 1);
        for (Distribution law : List.of(uniform(0, 1), normal(0.4, 0.3),
                triangular(0.1, 0.33, 0.9), constant(0.71), constant(7.0))) {
            CoordinateMoments cm = CoordinateMoments.of(basis, law);
            double total = 0;
            for (int i = 0; i < cm.count(); i++) {
                total += cm.mu(i);
                double row = 0;
                for (int j = 0; j < cm.count(); j++) {
                    row += cm.g(i, j);
                }
                // sum_j B_i B_j = B_i (partition of unity) -> sum_j G_ij = mu_i
                assertEquals(cm.mu(i), row, 1e-13);
            }
            assertEquals(1.0, total, 1e-12, "total probability of " + law);
        }
    }

    @Test
    void coordinateMoments_triangularKinkInsideSpan_matchesExactPiecewiseRule() {
        BSplineBasis basis = BSplineBasis.clampedUniform(3, 7, 0, 1);
        Distribution tri = triangular(0.05, 0.37, 0.93);
        CoordinateMoments cm = CoordinateMoments.of(basis, tri);
        // density and atoms are polynomials between the knots, the ends and the mode: Gauss is exact there
        double[] br = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(breaks(basis, 0.05, 0.93)),
                java.util.stream.DoubleStream.of(0.37)).sorted().distinct().toArray();
        Rule rule = composite(br, 6, tri);
        for (int i = 0; i < basis.count(); i++) {
            double mu = 0;
            for (int q = 0; q < rule.x.length; q++) {
                int span = basis.findSpan(rule.x[q]);
                double[] v = basis.evaluate(rule.x[q]);
                int k = i - (span - basis.degree());
                if (k >= 0 && k <= basis.degree()) {
                    mu += rule.w[q] * v[k];
                }
            }
            assertEquals(mu, cm.mu(i), 1e-12, "mu_" + i);
        }
    }

    @Test
    void analyze_constantInput_zeroIndices() {
        SnaModel model = randomModel(3, 2, 6, 83);
        ClosedFormResult r = ClosedFormUq.analyze(model, List.of(uniform(-1, 1.5),
                constant(0.2), uniform(-2, 3.5)));
        assertEquals(0.0, r.firstOrder(1), 1e-13);
        assertEquals(0.0, r.total(1), 1e-13);
        assertTrue(r.variance() > 0);
    }

    @Test
    void analyze_wrongDistributionCount_throws() {
        SnaModel model = randomModel(2, 2, 6, 84);
        assertThrows(IllegalArgumentException.class, () -> ClosedFormUq.analyze(model,
                List.of(uniform(0, 1))));
    }

    private static Distribution uniform(double lower, double upper) {
        return Distributions.of(new InputSpec("x", "uniform", Map.of("lower", lower, "upper", upper)));
    }

    private static Distribution normal(double mean, double sd) {
        return Distributions.of(new InputSpec("x", "normal", Map.of("mean", mean, "sd", sd)));
    }

    private static Distribution triangular(double lower, double mode, double upper) {
        return Distributions.of(new InputSpec("x", "triangular",
                Map.of("lower", lower, "mode", mode, "upper", upper)));
    }

    private static Distribution constant(double value) {
        return Distributions.of(new InputSpec("x", "constant", Map.of("value", value)));
    }

    /**
     * A lognormal input over its 1e-9 quantile domain (four decades, as a model trained for it has): the
     * adaptive quadrature must end (it once bisected every branch to depth 50 once its halved target fell under
     * rounding) and still be exact. E[u] of u = sum_i B_i = 1 (partition of unity) and E[X] through the atoms'
     * linear reproduction x = sum_i xi_i B_i (Greville abscissae) give two exact references; the second is the
     * clamped mean E[min(X, b)] = e^(mu + sigma^2 / 2) Phi(z_b - sigma) + b P(X &gt; b), z_b = (ln b - mu) / sigma
     * (the lower end is the support's, 0). Tolerance 1e-12 relative: the quadrature's 1e-14 per span, and
     * Commons Math's Phi (about 1e-15).
     */
    @Test
    void analyze_lognormalOverItsTailDomain_endsAndIsExact() {
        InputSpec spec = new InputSpec("r", "lognormal", Map.of("mu", 7.71, "sigma", 1.0056));
        Distribution law = Distributions.of(spec);
        double[] domain = Distributions.domainFor(law);
        for (int p : new int[] {3, 15}) {
            BSplineBasis basis = BSplineBasis.clampedUniform(p, p + 1, domain[0], domain[1]);
            double[] ones = new double[p + 1];
            double[] greville = new double[p + 1];
            for (int i = 0; i <= p; i++) {
                ones[i] = 1.0;
                for (int k = 1; k <= p; k++) {
                    greville[i] += basis.knots().knot(i + k) / p;
                }
            }
            SnaModel constant = SnaModel.of(List.of("r"), List.of(basis), new double[] {1.0},
                    new double[][] {ones}, "y", Map.of(), List.of()).withInputs(List.of(spec));
            SnaModel identity = SnaModel.of(List.of("r"), List.of(basis), new double[] {1.0},
                    new double[][] {greville}, "y", Map.of(), List.of()).withInputs(List.of(spec));
            ClosedFormResult one = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(20), () -> ClosedFormUq.analyze(constant));
            assertEquals(1.0, one.mean(), 1e-13, "E[1], p = " + p);
            double sigma = 1.0056;
            double zb = (Math.log(domain[1]) - 7.71) / sigma;
            double clamped = law.mean() * new org.apache.commons.math3.distribution.NormalDistribution()
                    .cumulativeProbability(zb - sigma) + domain[1] * (1.0 - law.cdf(domain[1]));
            assertEquals(clamped, ClosedFormUq.analyze(identity).mean(), 1e-12 * clamped, "E[min(X, b)], p = " + p);
        }
    }
}
