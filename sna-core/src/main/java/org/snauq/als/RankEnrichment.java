package org.snauq.als;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * ALS at one resolution (METHOD.md section 2), on rows seen only through {@link AlsPasses}: greedy rank
 * enrichment with joint re-sweeps, as described in {@link AlsRegression}. Optionally starts from given terms (a
 * warm start): they are swept jointly first, as rank R0 (with an auto rank R0 - 1 before them, see {@link #run}),
 * and enrichment continues from R0 + 1 with patience {@link #WARM_PATIENCE}.
 *
 * <p>Deterministic: the random starts are pure functions of (seed, rank, restart), and every loop runs in a fixed
 * order. One instance per fit; not thread safe.
 */
final class RankEnrichment {

    /** First extrapolation step of the line search is k^(1/3) after sweep k, as in Bro's N-way toolbox. */
    private static final double INITIAL_ROOT = 3.0;

    /**
     * Changes of the training RMSE below this fraction of rms(target) (about 4.5 ulps) are rounding noise of the
     * N-term sums, not progress; they end the sweeps whatever the tolerance. (The correction-form solve brings
     * noise-free fits down to a few ulps: Ishigami reaches 6e-16.)
     */
    private static final double ROUNDING_FLOOR = 1e-15;

    /**
     * A training error (relative to sd(y)) below this ends enrichment: the residual left is rounding noise, which
     * another term can only fit, not explain.
     */
    private static final double ROUNDING_STOP = 100 * ROUNDING_FLOOR;

    /** Sweeps over which the relative-progress test measures the fall of the training error. */
    static final int WINDOW = 10;

    /**
     * A warm candidate of the resolution search ({@link #withProgressStop()}) stops sweeping when the last
     * {@link #WINDOW} sweeps lowered the training RMSE by less than this many times the noise of a validation RMSE,
     * 1 / sqrt(2 N_v) (relative): at that pace a gain the validation could tell from noise costs more sweeps than
     * trying another rank or level, and the warm start of the next level continues the slow convergence anyway. Borehole from 10,000 rows: 0.5 took 2,900 sweeps to 2.4e-5, 2
     * took 1,400 to 2.7e-5 (before the smoothing twins). Cold starts keep their maxSweeps: a second term often
     * sits in a slow ALS phase for tens of sweeps before it escapes (borehole from 400 rows ended at rank 1,
     * 4e-2 instead of 1e-3, when cold starts stopped too); so do fits outside a search, which have no next level.
     */
    static final double PROGRESS_SHARE = 2.0;

    /**
     * Patience of a warm start: the ranks below the start were explored at the coarser resolution it comes from,
     * and R0 - 1 is tried as well, so one rank above the best is enough to see that more terms stopped paying.
     */
    static final int WARM_PATIENCE = 1;

    private final AlsConfig config;
    private final double progress;
    /** Whether the relative-progress stop applies (see {@link #PROGRESS_SHARE}). */
    private boolean progressStop;
    private final AlsPasses passes;
    private final NormalEquations[] equations;
    private final int[] counts;
    /** max_d n_d: the largest solve has n_d R unknowns, which the training rows must exceed. */
    private final int mostAtoms;
    private final double scale;
    private final int trainingRows;
    private final int validationRows;

    /**
     * @param scale sd(y) of all rows: errors are reported relative to it
     */
    RankEnrichment(AlsConfig config, AlsPasses passes, NormalEquations[] equations, double scale, int trainingRows,
                   int validationRows) {
        this.config = config;
        this.passes = passes;
        this.equations = equations;
        this.counts = new int[equations.length];
        int most = 0;
        for (int d = 0; d < counts.length; d++) {
            counts[d] = passes.bases().get(d).count();
            most = Math.max(most, counts[d]);
        }
        this.mostAtoms = most;
        this.scale = scale;
        this.trainingRows = trainingRows;
        this.validationRows = validationRows;
        this.progress = PROGRESS_SHARE / Math.sqrt(2.0 * validationRows);
    }

    /** A rank's state, kept when it is the best so far. */
    record Snapshot(int rank, CpFactors terms, double trainingError, double validationError,
                    ResidualAccumulator validation) {
    }

    /** What enrichment did: the returned rank, every rank's step, why it stopped, and the sweeps spent. */
    record Outcome(Snapshot chosen, List<FitReport.RankStep> steps, String note) {
        /** Sweeps of every rank: enrichment restarts and joint sweeps. */
        long sweeps() {
            long s = 0;
            for (FitReport.RankStep step : steps) {
                s += step.enrichmentSweeps() + step.sweeps();
            }
            return s;
        }
    }

    /** Sweeps to convergence: the state, its training SSE, the sweeps and the training RMSE after each. */
    private record Converged(CpFactors terms, double sse, int sweeps, List<Double> history) {
    }

    /**
     * Stops sweeping on slow progress, as the warm candidates of a resolution search do: the next level takes the
     * convergence up again.
     */
    RankEnrichment withProgressStop() {
        progressStop = true;
        return this;
    }

    /**
     * Enrichment from rank 1, or from the starting terms of a warm start. With an auto rank, a warm start of rank
     * R0 &gt; 1 first tries R0 - 1 terms (its weakest term, smallest |lambda|, dropped): terms a coarser
     * resolution needed can be superfluous on finer atoms, and a higher rank is only kept when it beats a lower
     * one by more than the validation noise.
     *
     * @param init the starting terms (warm start), or null for a cold start at rank 1
     */
    Outcome run(CpFactors init) {
        Ranks ranks = new Ranks(init == null ? AlsRegression.PATIENCE : WARM_PATIENCE);
        CpFactors model = null;
        int rank = 1;
        if (init != null) {
            if (config.autoRank() && init.rank > 1) {
                ranks.add(System.nanoTime(), 0, converge(init.select(withoutWeakest(init)), null));
            }
            model = ranks.add(System.nanoTime(), 0, converge(init, null));
            rank = init.rank + 1;
        }
        for (; rank <= ranks.maxRank && !ranks.stopped(); rank++) {
            if (trainingRows < (long) mostAtoms * rank) {
                ranks.note = "stopped at rank " + (rank - 1) + ": rank " + rank + " needs n * rank = "
                        + mostAtoms * rank + " unknowns per coordinate, more than the " + trainingRows
                        + " training rows";
                break;
            }
            long t0 = System.nanoTime();
            int enrichmentSweeps = 0;
            CpFactors term = null;
            double termSse = Double.POSITIVE_INFINITY;
            for (int k = 0; k < config.restarts(); k++) {
                SplittableRandom rng = k == 0 ? null
                        : new SplittableRandom(AlsRegression.streamSeed(config.seed(), (long) rank << 20 | k));
                Converged c = converge(CpFactors.rankOne(counts, rng), model);
                enrichmentSweeps += c.sweeps;
                if (c.sse < termSse) { // strict: ties keep the earlier start, so the choice is deterministic
                    term = c.terms;
                    termSse = c.sse;
                }
            }
            model = ranks.add(t0, enrichmentSweeps, converge(model == null ? term : model.append(term), null));
        }
        return ranks.outcome();
    }

    /** The indices of all terms but the one with the smallest |lambda| (the first of ties), ascending. */
    private static int[] withoutWeakest(CpFactors f) {
        int weakest = 0;
        for (int r = 1; r < f.rank; r++) {
            if (Math.abs(f.lambda[r]) < Math.abs(f.lambda[weakest])) {
                weakest = r;
            }
        }
        int[] keep = new int[f.rank - 1];
        for (int r = 0, k = 0; r < f.rank; r++) {
            if (r != weakest) {
                keep[k++] = r;
            }
        }
        return keep;
    }

    /** The ranks fitted so far: their steps, the best by validation error, and when to stop. */
    private final class Ranks {
        final boolean auto = config.autoRank();
        final int maxRank = auto ? config.maxRank() : config.rank();
        // a validation RMSE from N_v residuals has relative standard error about 1 / sqrt(2 N_v)
        final double margin = 1.0 / Math.sqrt(2.0 * validationRows);
        final List<FitReport.RankStep> steps = new ArrayList<>();
        final int patience;
        Snapshot best;
        Snapshot last;
        int sinceBest;
        String note = "";

        Ranks(int patience) {
            this.patience = patience;
        }

        /** Records a converged rank (its validation error computed here); returns its terms. */
        CpFactors add(long t0, int enrichmentSweeps, Converged joint) {
            CpFactors model = joint.terms;
            double trainingError = Math.sqrt(joint.sse / trainingRows) / scale;
            ResidualAccumulator validation = passes.validationResiduals(model, null);
            double validationError = validation.rmse() / scale;
            List<Double> sweepErrors = new ArrayList<>();
            for (double rootSse : joint.history) {
                sweepErrors.add(rootSse / Math.sqrt(trainingRows) / scale);
            }
            steps.add(new FitReport.RankStep(model.rank, trainingError, validationError, enrichmentSweeps,
                    joint.sweeps, (System.nanoTime() - t0) / 1_000_000, sweepErrors));
            last = new Snapshot(model.rank, model, trainingError, validationError, validation);
            if (best == null || validationError < best.validationError * (1.0 - margin)) {
                best = last;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            if (auto && sinceBest >= patience) {
                note = String.format(Locale.ROOT, "stopped at rank %d: no rank after %d lowered the validation"
                        + " error by more than %.1f%%", model.rank, best.rank, 100 * margin);
            } else if (auto && trainingError < ROUNDING_STOP) {
                note = String.format(Locale.ROOT, "stopped at rank %d: training error %.1e is rounding noise",
                        model.rank, trainingError);
            }
            return model;
        }

        boolean stopped() {
            return !note.isEmpty();
        }

        Outcome outcome() {
            if (auto && note.isEmpty()) {
                note = "stopped at maxRank " + maxRank;
            }
            return new Outcome(auto ? best : last, steps, note);
        }
    }

    /**
     * Sweeps until the training RMSE changes by less than the tolerance (relative) or maxSweeps. After each
     * sweep k &gt;= 2 the state is extrapolated along the sweep's update by the factor k^(1/root) and kept if
     * that lowers the error (Bro 1998 line search); a rejected extrapolation makes later steps shorter.
     *
     * @param offset fixed terms the target excludes (y - offset), or null
     */
    private Converged converge(CpFactors terms, CpFactors offset) {
        double previous = Math.sqrt(passes.trainingResiduals(terms, offset).sse());
        double sse = previous * previous;
        double root = INITIAL_ROOT;
        double floor = ROUNDING_FLOOR * Math.sqrt(passes.trainingResiduals(null, offset).sse() / trainingRows);
        int sweeps = 0;
        List<Double> history = new ArrayList<>();
        while (sweeps < config.maxSweeps()) {
            CpFactors before = terms;
            terms = sweep(terms, offset);
            sse = passes.trainingResiduals(terms, offset).sse();
            sweeps++;
            if (sweeps >= 2) {
                CpFactors trial = CpFactors.extrapolate(before, terms, Math.pow(sweeps, 1.0 / root));
                double trialSse = passes.trainingResiduals(trial, offset).sse();
                if (trialSse < sse) {
                    terms = trial;
                    sse = trialSse;
                } else {
                    root += 1.0;
                }
            }
            double error = Math.sqrt(sse);
            history.add(error);
            if (!(Math.abs(previous - error) > config.tolerance() * previous + floor)) { // also stops at 0 error
                break;
            }
            if (progressStop && history.size() > WINDOW
                    && history.get(history.size() - 1 - WINDOW) - error < progress * error) {
                break;
            }
            previous = error;
        }
        return new Converged(terms, sse, sweeps, history);
    }

    /** One ALS sweep over the coordinates in order d = 0..D-1 (Gauss-Seidel). */
    private CpFactors sweep(CpFactors terms, CpFactors offset) {
        for (int d = 0; d < equations.length; d++) {
            NormalEquationsAccumulator sums = passes.normalEquations(d, terms, offset);
            double[] v0 = RowKernels.scaled(terms.w[d], terms.lambda, terms.rank);
            terms = terms.withCoordinate(d, equations[d].solve(sums, v0, terms.rank, config.ridge(),
                    config.roughness(), d));
        }
        return terms;
    }
}
