package org.snauq.als;

import java.util.ArrayList;
import java.util.List;
import org.snauq.basis.BSplineBasis;

/**
 * The automatic resolution search of {@link AlsRegression}: the degree p and atoms n per coordinate chosen by
 * validation error.
 *
 * <p>Candidates come in families, each climbing its own ladder of atom levels ({@link #ATOMS}, up to
 * {@link AlsRegression#atomLimit}): cubic splines (degree {@link #LOW_DEGREE}, many spans: robust at kinks), each
 * level also fitted with the curvature penalty {@link #SMOOTHING} when the configured roughness is 0 (the
 * smoothing twin, warm from the unpenalised fit; the better of the two is the level's result), and high-degree
 * splines (degree min(n - 1, {@link #HIGH_DEGREE}), one span while n &lt;= HIGH_DEGREE + 1, i.e. polynomials:
 * exponential convergence for analytic targets). A fixed degree gives its own family; fixed knots one level.
 * <ul>
 *   <li>Warm starts: the first cubic level runs rank enrichment from scratch; every later candidate starts from
 *       its family's previous model, prolonged onto the new atoms ({@link Prolongation}), at its rank, and tries
 *       one rank below and above ({@link RankEnrichment}). The one-span cubic of the first level is a polynomial,
 *       the high family's degree-3 member: that family starts from it (degree elevation is exact).</li>
 *   <li>A family stops at its first level that does not lower its own validation error by more than the noise of
 *       a validation RMSE, 1 / sqrt(2 N_v) relative.</li>
 *   <li>A family is abandoned when it cannot beat the best candidate so far even if every remaining level gained
 *       as much as its best level so far: the cubic family of an analytic target stops before the last level,
 *       the polynomials of a target they do not suit after their first level.</li>
 * </ul>
 * Knots are placed by {@link CoordinateAtoms}.
 */
final class ResolutionSearch {

    /** Degree of the low candidates: cubic, error O(h^4) for smooth targets and local at kinks. */
    static final int LOW_DEGREE = 3;

    /**
     * Roughness weight of the smoothing twins. A light curvature penalty keeps a spline with many atoms from
     * bending between sparse rows and at the ends of the data (where an input law's tail puts queries beyond the
     * rows); borehole's searches often choose it. It also biases a fit by about this much (relative; Ishigami
     * reaches 1e-15 without it), so it is a candidate beside the unpenalised spline, not a default: validation
     * chooses.
     */
    static final double SMOOTHING = 1e-6;

    /**
     * Degree of the high candidates. On one span the atoms are the Bernstein polynomials, whose Gram matrix has
     * a condition number near 4^p / sqrt(p), about 3e8 at p = 15: with the relative ridge and double precision
     * the normal equations still resolve errors far below 1e-8 relative; the (p + 1)^2 cost per row of a sweep
     * grows quickly beyond.
     */
    static final int HIGH_DEGREE = 15;

    /**
     * Atom levels of the ladder, doubling: a warm-started level converges in few sweeps, so half as many levels as
     * a sqrt(2) ladder (4, 6, 8, 11, ..) halve the search; each level's gain is then larger than the validation
     * noise more often, which keeps a family climbing (borehole from 2,000 rows: 1.0e-4 on the sqrt(2) ladder,
     * 3.7e-5 on this one, both warm-started).
     */
    static final int[] ATOMS = {4, 8, 16, 32, 64};

    /**
     * Most atoms per coordinate a candidate may have: the dense solves cost O((n R)^3), about 0.1 s per
     * coordinate at n = 64 and R = 8, and 64 cubic atoms already resolve a smooth factor to about (1/60)^4 ~ 1e-7.
     */
    static final int MAX_ATOMS = 64;

    /**
     * Ridge of the search's cold starts. Greedy enrichment from scratch on few rows (400 borehole rows in 8
     * inputs) can make terms 2 and 3 degenerate: large and nearly cancelling on the rows, blowing up between them
     * (validation errors of 1 to 20 relative), so rank 1 wins and the search ends there (4e-2 against 1e-3 in 4 of
     * 14 training seeds at ridge 1e-13). A ridge of 1e-11 damps such terms (all 14 seeds reach rank 3 to 5); the
     * warm candidates that follow refine with the configured ridge, so the final accuracy keeps it (Ishigami
     * 2e-13).
     */
    static final double COLD_RIDGE = 1e-11;

    /** Marks the high-degree family, whose degree follows the atoms. */
    private static final int HIGH = -1;

    /** One resolution fitted: its atoms and the outcome of rank enrichment on them. */
    record Trial(int degree, int knots, double roughness, BSplineBasis[] bases, RankEnrichment.Outcome outcome,
                 long millis, boolean warm) {
        double validationError() {
            return outcome.chosen().validationError();
        }
    }

    /** A family of candidates: a degree rule and a roughness, its best trial and gains so far. */
    private static final class Family {
        final int degree;
        final double roughness;
        /** Whether each level also tries the {@link #SMOOTHING} twin, warm from the unpenalised fit. */
        final boolean smoothTwin;
        Trial best;
        double bestGain = 1.0;
        int trials;
        boolean done;

        Family(int degree, double roughness, boolean smoothTwin) {
            this.degree = degree;
            this.roughness = roughness;
            this.smoothTwin = smoothTwin;
        }

        /** The degree at n atoms, or -1 when the family has no candidate there. */
        int degreeAt(int n) {
            if (degree == HIGH) {
                int p = Math.min(n - 1, HIGH_DEGREE);
                return p > LOW_DEGREE ? p : -1;
            }
            return degree < n ? degree : -1;
        }
    }

    private final Fitter fitter;
    private final AlsConfig config;
    private final int trainingRows;
    private final double margin;

    /** Fits one resolution, cold or warm from an earlier trial. */
    interface Fitter {
        Trial fit(int degree, int knots, double roughness, double ridge, Trial from);

        /** The model of {@code from} refitted with another roughness at its own atoms and rank. */
        Trial refit(Trial from, double roughness);
    }

    ResolutionSearch(Fitter fitter, AlsConfig config, int trainingRows, int validationRows) {
        this.fitter = fitter;
        this.config = config;
        this.trainingRows = trainingRows;
        this.margin = 1.0 / Math.sqrt(2.0 * validationRows);
    }

    /** @return every trial, in the order tried (at least one) */
    List<Trial> run() {
        int limit = AlsRegression.atomLimit(config, trainingRows);
        int[] levels = config.autoKnots() ? ATOMS : new int[] {config.knots()};
        List<Family> families = families();
        List<Trial> tried = new ArrayList<>();
        Trial best = null;
        for (int level = 0; level < levels.length; level++) {
            int n = levels[level];
            if (n > limit && !tried.isEmpty()) {
                break;
            }
            for (Family f : families) {
                int p = f.done ? -1 : f.degreeAt(n);
                if (p < 0) {
                    continue;
                }
                Trial from = warmSource(f.best);
                Trial t = fitter.fit(p, n, f.roughness,
                        from == null ? Math.max(config.ridge(), COLD_RIDGE) : config.ridge(), from);
                tried.add(t);
                if (f.smoothTwin) {
                    Trial smooth = fitter.refit(t, SMOOTHING);
                    tried.add(smooth);
                    t = smooth.validationError() < t.validationError() ? smooth : t;
                }
                f.trials++;
                Family high = families.get(families.size() - 1);
                if (high.degree == HIGH && high.best == null && n == p + 1) {
                    high.best = t; // one span: the polynomial that starts the high-degree family
                    high.trials = 1;
                }
                if (f.best == null || t.validationError() < f.best.validationError() * (1.0 - margin)) {
                    if (f.best != null) {
                        f.bestGain = Math.max(f.bestGain, f.best.validationError() / t.validationError());
                    }
                    f.best = t;
                } else {
                    f.done = true; // more atoms stopped paying: the extra unknowns fit noise or rounding
                }
                if (best == null || t.validationError() < best.validationError()) {
                    best = t;
                }
            }
            for (Family f : families) {
                if (!f.done && f.trials >= 2 && f.best != best && cannotBeat(f, best, levels, level, limit)) {
                    f.done = true;
                }
            }
            if (families.stream().allMatch(f -> f.done)) {
                break;
            }
        }
        return tried;
    }

    /**
     * The trial a candidate starts from, or null for a cold start: a rank-1 model carries no structure between
     * terms, and starting from it would inherit its rank (a warm start explores one rank up), while cold
     * enrichment tries two more ranks from scratch: with 400 borehole rows, a first level stuck at rank 1 (its
     * ranks 2 and 3 blow up between the rows) otherwise kept every later level at rank 1 (4e-2 against 1e-3).
     */
    private Trial warmSource(Trial best) {
        return best != null && config.autoRank() && best.outcome().chosen().rank() == 1 ? null : best;
    }

    private List<Family> families() {
        List<Family> list = new ArrayList<>();
        int low = config.autoDegree() ? LOW_DEGREE : config.degree();
        list.add(new Family(low, config.roughness(), config.roughness() == 0 && low == LOW_DEGREE));
        if (config.autoDegree()) {
            list.add(new Family(HIGH, config.roughness(), false));
        }
        return list;
    }

    /**
     * Whether family f, gaining its best gain so far again at every remaining level up to the limit, stays above
     * the best error.
     */
    private static boolean cannotBeat(Family f, Trial best, int[] levels, int level, int limit) {
        double projected = f.best.validationError();
        for (int next = level + 1; next < levels.length && levels[next] <= limit; next++) {
            projected /= f.bestGain;
        }
        return projected > best.validationError();
    }
}
