package org.snauq.als;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * ALS regression of an SNA from data (METHOD.md section 2): minimise sum_j (u(z_j) - y_j)^2 over the factors of
 * u(z) = sum_r lambda_r prod_d phi_r^d(z_d), one coordinate at a time (each step is a linear least-squares
 * problem, see {@code NormalEquations}).
 *
 * <p>Rank by greedy enrichment: for R = 1, 2, .. fit one rank-one term to the residual of the rank R - 1 model
 * ({@code restarts} starts: constant factors, then random ones; the lowest residual wins), append it and re-sweep
 * all terms jointly. Sweeps stop when the training RMSE changes by less than {@code tolerance} (relative) or
 * after {@code maxSweeps}; after each sweep a line-search extrapolation along the update (Bro 1998) shortens
 * the slow phases ("swamps") of ALS when factors are nearly collinear. With {@code rank: auto} enrichment stops when the validation error has not improved
 * for {@value #PATIENCE} ranks, at {@code maxRank}, or when n R unknowns would exceed the training rows; the
 * rank with the lowest validation error is returned, where a higher rank must beat a lower one by more than
 * the sampling noise of a validation RMSE, 1 / sqrt(2 N_v) relative (the standard error of an RMSE from N_v
 * Gaussian residuals). A fixed rank R fits ranks 1..R and returns rank R.
 *
 * <p>Deterministic: the validation split and the random starts are pure functions of the seed, and all loops run
 * in a fixed order, so the same data and config give a bit-identical model. Cost per sweep
 * O(N D (p+1)^2 R^2 + D (n R)^3), memory O(N D R).
 *
 * <p>API CONTRACT: {@code static AlsFit fit(TrainingData, AlsConfig)}; bad data or settings throw
 * {@link IllegalArgumentException} with a one-line message (e.g. fewer rows than unknowns, NaN values).
 */
public final class AlsRegression {

    /** Ranks without a significant validation improvement before auto-rank enrichment stops. */
    public static final int PATIENCE = 2;

    /** Output name of fitted models; callers rename it with {@link SnaModel#withOutput(String)}. */
    public static final String DEFAULT_OUTPUT = "y";

    private static final long SPLIT_STREAM = -1L;

    /** Degree of the low candidates: cubic, error O(h^4) for smooth targets and local at kinks. */
    static final int LOW_DEGREE = 3;

    /**
     * Roughness weight of the smoothing low-degree candidates. A light curvature penalty keeps a spline with many
     * atoms from bending between sparse rows and at the ends of the data (where an input law's tail puts queries
     * beyond the rows); borehole's searches often choose it. It also biases a fit by about this much (relative;
     * Ishigami reaches 1e-11 without it), so it is a candidate beside the unpenalised spline, not a default:
     * validation chooses.
     */
    static final double SMOOTHING = 1e-6;

    /**
     * Degree of the high candidates. On one span the atoms are the Bernstein polynomials, whose Gram matrix has
     * a condition number near 4^p / sqrt(p), about 3e8 at p = 15: with the relative ridge and double precision
     * the normal equations still resolve errors far below 1e-8 relative; the (p + 1)^2 cost per row of a sweep
     * grows quickly beyond.
     */
    static final int HIGH_DEGREE = 15;

    /** Atom levels of the auto-resolution ladder: about sqrt(2) apart, so each level adds about 40% unknowns. */
    static final int[] ATOMS = {4, 6, 8, 11, 16, 23, 32, 45, 64};

    /**
     * Most atoms per coordinate a candidate may have: the dense solves cost O((n R)^3), about 0.1 s per
     * coordinate at n = 64 and R = 8, and 64 cubic atoms already resolve a smooth factor to about (1/60)^4 ~ 1e-7.
     */
    static final int MAX_ATOMS = 64;

    /** First extrapolation step of the line search is k^(1/3) after sweep k, as in Bro's N-way toolbox. */
    private static final double INITIAL_ROOT = 3.0;

    /**
     * Changes of the training RMSE below this fraction of rms(target) (about 4500 ulps) are rounding noise of the
     * N-term sums and the Cholesky solves, not progress; they end the sweeps whatever the tolerance.
     */
    private static final double ROUNDING_FLOOR = 1e-12;

    private AlsRegression() {
    }

    public static AlsFit fit(TrainingData data, AlsConfig config) {
        return fit(data, config, Clock.systemUTC());
    }

    /** As {@link #fit(TrainingData, AlsConfig)}, with the clock that stamps the creation time (for replay). */
    public static AlsFit fit(TrainingData data, AlsConfig config, Clock clock) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        long start = System.nanoTime();
        int rows = data.rows();
        int[][] split = holdOut(rows, config.validationFraction(), config.seed());
        int[] trainIds = split[0];
        int[] validIds = split[1];
        double sd = standardDeviation(data.y());
        Trial chosen;
        List<FitReport.Candidate> candidates = List.of();
        if (!config.autoDegree() && !config.autoKnots()) {
            checkUnknowns(config, config.knots(), trainIds.length, validIds.length, rows);
            chosen = trial(data, config, config.degree(), config.knots(), split, sd);
        } else {
            List<Trial> tried = selectResolution(data, config, split, sd);
            chosen = tried.get(0);
            for (Trial t : tried) {
                if (t.validationError() < chosen.validationError()) { // strict: ties keep the simpler, earlier one
                    chosen = t;
                }
            }
            List<FitReport.Candidate> list = new ArrayList<>();
            for (Trial t : tried) {
                Snapshot c = t.outcome.chosen;
                list.add(new FitReport.Candidate(t.degree, t.knots, t.roughness, c.rank, c.trainingError,
                        c.validationError, t.millis, t == chosen));
            }
            candidates = list;
        }
        Outcome outcome = chosen.outcome;
        FitReport report = new FitReport(outcome.chosen.rank, outcome.chosen.trainingError,
                outcome.chosen.validationError, outcome.steps, trainIds.length, validIds.length,
                (System.nanoTime() - start) / 1_000_000, outcome.note, candidates);
        Map<String, Object> provenance = provenance(data, config, report, chosen, clock);
        SnaModel model = SnaModel.of(data.names(), List.of(chosen.bases), outcome.chosen.lambda, outcome.chosen.w,
                DEFAULT_OUTPUT, provenance, List.of()).normalized();
        return new AlsFit(model, report);
    }

    private static void checkUnknowns(AlsConfig config, int n, int train, int valid, int rows) {
        int firstRank = config.autoRank() ? 1 : config.rank();
        if (train < (long) n * firstRank) {
            throw new IllegalArgumentException("fewer training rows than unknowns: " + train
                    + " training rows (of " + rows + ", after holding out " + valid
                    + " for validation) but rank " + firstRank + " with " + n + " knots needs n * rank = "
                    + n * firstRank + "; give more rows, fewer knots or a lower rank");
        }
    }

    /** One resolution fitted: its atoms and the outcome of rank enrichment on them. */
    private record Trial(int degree, int knots, double roughness, BSplineBasis[] bases, Outcome outcome,
                         long millis) {
        double validationError() {
            return outcome.chosen.validationError;
        }
    }

    /** Rank enrichment (or the fixed rank) at one resolution: degree p, n atoms per coordinate. */
    private static Trial trial(TrainingData data, AlsConfig config, int degree, int n, int[][] split, double sd) {
        long t0 = System.nanoTime();
        int dim = data.dimension();
        BSplineBasis[] bases = new BSplineBasis[dim];
        NormalEquations[] equations = new NormalEquations[dim];
        int[] counts = new int[dim];
        for (int d = 0; d < dim; d++) {
            bases[d] = CoordinateAtoms.place(data, split[0], d, degree, n);
            equations[d] = new NormalEquations(bases[d]);
            counts[d] = n;
        }
        Problem problem = new Problem(config, equations, counts,
                AtomRows.of(data.x(), split[0], bases), pick(data.y(), split[0]),
                AtomRows.of(data.x(), split[1], bases), pick(data.y(), split[1]), sd);
        Outcome outcome = problem.run();
        return new Trial(degree, n, config.roughness(), bases, outcome, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The resolution ladder (see the class Javadoc). Levels of n atoms per coordinate from {@link #ATOMS}
     * (ascending, up to {@link #atomLimit}); at each level a low-degree spline (degree {@link #LOW_DEGREE}, many
     * spans: robust at kinks) and a high-degree one (degree min(n - 1, {@link #HIGH_DEGREE}), one span while
     * n &lt;= HIGH_DEGREE + 1, i.e. a polynomial: exponential convergence for analytic targets); the low-degree
     * one twice, without and with the curvature penalty {@link #SMOOTHING} (when the configured roughness is 0).
     * Levels stop at the first whose candidates did not lower the best validation error by more than its noise.
     * Within a candidate, rank enrichment runs as in a fixed-resolution fit ({@link #PATIENCE}: one rank stuck in
     * a slow ALS phase does not end it). A fixed degree gives one degree per level; fixed knots n give one level
     * with the degrees {@link #LOW_DEGREE} and min(n - 1, {@link #HIGH_DEGREE}).
     * Atoms are placed by {@link CoordinateAtoms}.
     *
     * @return every trial, in the order tried (at least one)
     */
    private static List<Trial> selectResolution(TrainingData data, AlsConfig config, int[][] split, double sd) {
        int train = split[0].length;
        int valid = split[1].length;
        double margin = 1.0 / Math.sqrt(2.0 * valid);
        int limit = atomLimit(config, train);
        int[] levels = config.autoKnots() ? ATOMS : new int[] {config.knots()};
        List<Trial> tried = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int n : levels) {
            if (n > limit && !tried.isEmpty()) {
                break;
            }
            double levelBest = Double.POSITIVE_INFINITY;
            for (int p : degreesAt(config, n)) {
                checkUnknowns(config, n, train, valid, data.rows());
                for (double roughness : roughnessesAt(config, p)) {
                    Trial t = trial(data, config.withRoughness(roughness), p, n, split, sd);
                    tried.add(t);
                    levelBest = Math.min(levelBest, t.validationError());
                }
            }
            if (!(levelBest < best * (1.0 - margin))) {
                break; // more atoms stopped paying: from here on the extra unknowns fit noise or rounding
            }
            best = levelBest;
        }
        return tried;
    }

    /**
     * The roughness weights tried with degree p: the configured one, and when that is 0 and p is the low degree
     * also {@link #SMOOTHING} (an unpenalised and a smoothing cubic spline).
     */
    private static double[] roughnessesAt(AlsConfig config, int degree) {
        return config.roughness() == 0 && degree == LOW_DEGREE
                ? new double[] {0.0, SMOOTHING} : new double[] {config.roughness()};
    }

    /** The degrees tried with n atoms: the fixed one, or low and high (one of them when they coincide). */
    private static int[] degreesAt(AlsConfig config, int n) {
        if (!config.autoDegree()) {
            return config.degree() < n ? new int[] {config.degree()} : new int[0];
        }
        int high = Math.min(n - 1, HIGH_DEGREE);
        int low = Math.min(LOW_DEGREE, n - 1);
        return high > low ? new int[] {low, high} : new int[] {low};
    }

    /**
     * The most atoms per coordinate a candidate may have: enrichment must be able to reach its highest rank R
     * (maxRank, or the fixed rank) before n R unknowns per solve exceed the training rows, and n &lt;=
     * {@link #MAX_ATOMS} bounds the cost.
     */
    static int atomLimit(AlsConfig config, int trainingRows) {
        int ranks = config.autoRank() ? config.maxRank() : config.rank();
        return Math.min(MAX_ATOMS, trainingRows / ranks);
    }

    /** The state of one rank, kept when it is the best so far. */
    private record Snapshot(int rank, double[] lambda, double[][] w, double trainingError, double validationError) {
    }

    private record Outcome(Snapshot chosen, List<FitReport.RankStep> steps, String note) {
    }

    /** Sweeps to convergence and their count. */
    private record Converged(double sse, int sweeps, List<Double> history) {
    }

    /** One fit's fixed inputs and the greedy loop over ranks. */
    private static final class Problem {
        private final AlsConfig config;
        private final NormalEquations[] equations;
        private final int[] counts;
        private final AtomRows train;
        private final double[] yTrain;
        private final AtomRows valid;
        private final double[] yValid;
        private final double scale;
        private final double[] fitted;

        Problem(AlsConfig config, NormalEquations[] equations, int[] counts, AtomRows train, double[] yTrain,
                AtomRows valid, double[] yValid, double sd) {
            this.config = config;
            this.equations = equations;
            this.counts = counts;
            this.train = train;
            this.yTrain = yTrain;
            this.valid = valid;
            this.yValid = yValid;
            this.scale = sd;
            this.fitted = new double[train.rows];
        }

        Outcome run() {
            boolean auto = config.autoRank();
            int maxRank = auto ? config.maxRank() : config.rank();
            // a validation RMSE from N_v residuals has relative standard error about 1 / sqrt(2 N_v)
            double margin = 1.0 / Math.sqrt(2.0 * valid.rows);
            List<FitReport.RankStep> steps = new ArrayList<>();
            CpTerms model = null;
            Snapshot best = null;
            Snapshot last = null;
            int sinceBest = 0;
            String note = "";
            double[] residual = new double[train.rows];
            double[] predicted = new double[valid.rows];
            for (int rank = 1; rank <= maxRank; rank++) {
                if (train.rows < (long) counts[0] * rank) {
                    note = "stopped at rank " + (rank - 1) + ": rank " + rank + " needs n * rank = "
                            + counts[0] * rank + " unknowns per coordinate, more than the " + train.rows
                            + " training rows";
                    break;
                }
                long t0 = System.nanoTime();
                if (model == null) {
                    System.arraycopy(yTrain, 0, residual, 0, residual.length);
                } else {
                    model.fitted(fitted);
                    for (int j = 0; j < residual.length; j++) {
                        residual[j] = yTrain[j] - fitted[j];
                    }
                }
                CpTerms term = null;
                double termSse = Double.POSITIVE_INFINITY;
                int enrichmentSweeps = 0;
                for (int k = 0; k < config.restarts(); k++) {
                    SplittableRandom rng = k == 0 ? null
                            : new SplittableRandom(streamSeed(config.seed(), (long) rank << 20 | k));
                    CpTerms candidate = CpTerms.rankOne(train, counts, rng);
                    Converged c = converge(candidate, residual);
                    enrichmentSweeps += c.sweeps;
                    if (c.sse < termSse) { // strict: ties keep the earlier start, so the choice is deterministic
                        term = candidate;
                        termSse = c.sse;
                    }
                }
                if (model == null) {
                    model = term;
                } else {
                    model.append(term);
                }
                Converged joint = converge(model, yTrain);
                double trainingError = Math.sqrt(joint.sse / train.rows) / scale;
                model.predict(valid, predicted);
                double validationError = rmse(predicted, yValid) / scale;
                List<Double> sweepErrors = new ArrayList<>();
                for (double rootSse : joint.history) {
                    sweepErrors.add(rootSse / Math.sqrt(train.rows) / scale);
                }
                steps.add(new FitReport.RankStep(rank, trainingError, validationError, enrichmentSweeps,
                        joint.sweeps, (System.nanoTime() - t0) / 1_000_000, sweepErrors));
                last = new Snapshot(rank, model.lambda(), model.factors(), trainingError, validationError);
                if (best == null || validationError < best.validationError * (1.0 - margin)) {
                    best = last;
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                if (auto && sinceBest >= PATIENCE) {
                    note = String.format(Locale.ROOT, "stopped at rank %d: no rank after %d lowered the validation"
                            + " error by more than %.1f%%", rank, best.rank, 100 * margin);
                    break;
                }
            }
            if (auto && note.isEmpty()) {
                note = "stopped at maxRank " + maxRank;
            }
            return new Outcome(auto ? best : last, steps, note);
        }

        /**
         * Sweeps until the training RMSE changes by less than the tolerance (relative) or maxSweeps. After each
         * sweep k &gt;= 2 the state is extrapolated along the sweep's update by the factor k^(1/root) and kept if
         * that lowers the error (Bro 1998 line search); a rejected extrapolation makes later steps shorter.
         */
        private Converged converge(CpTerms terms, double[] target) {
            double previous = Math.sqrt(terms.sse(target, fitted));
            double sse = previous * previous;
            double root = INITIAL_ROOT;
            double floor = ROUNDING_FLOOR * Math.sqrt(sumOfSquares(target, new double[target.length]) / target.length);
            int sweeps = 0;
            List<Double> history = new ArrayList<>();
            while (sweeps < config.maxSweeps()) {
                double[] lambdaBefore = terms.lambda();
                double[][] wBefore = terms.factors();
                sse = terms.sweep(target, equations, config.ridge(), config.roughness(), fitted);
                sweeps++;
                if (sweeps >= 2) {
                    double[] lambdaAfter = terms.lambda();
                    double[][] wAfter = terms.factors();
                    terms.extrapolate(lambdaBefore, wBefore, Math.pow(sweeps, 1.0 / root));
                    double trial = terms.sse(target, fitted);
                    if (trial < sse) {
                        sse = trial;
                    } else {
                        terms.restore(lambdaAfter, wAfter);
                        root += 1.0;
                    }
                }
                double error = Math.sqrt(sse);
                history.add(error);
                if (!(Math.abs(previous - error) > config.tolerance() * previous + floor)) { // also stops at 0 error
                    break;
                }
                previous = error;
            }
            return new Converged(sse, sweeps, history);
        }
    }

    /**
     * Validation split, a pure function of (rows, fraction, seed): a seeded Fisher-Yates shuffle puts
     * round(fraction * rows) rows (at least 1, at most rows - 1) in the validation set. Both sets keep the
     * original row order.
     *
     * @return {training row ids, validation row ids}
     */
    static int[][] holdOut(int rows, double fraction, long seed) {
        int nValid = (int) Math.min(rows - 1, Math.max(1, Math.round(fraction * rows)));
        int[] perm = new int[rows];
        for (int j = 0; j < rows; j++) {
            perm[j] = j;
        }
        SplittableRandom rng = new SplittableRandom(streamSeed(seed, SPLIT_STREAM));
        for (int j = rows - 1; j > 0; j--) {
            int k = rng.nextInt(j + 1);
            int t = perm[j];
            perm[j] = perm[k];
            perm[k] = t;
        }
        boolean[] isValid = new boolean[rows];
        for (int j = 0; j < nValid; j++) {
            isValid[perm[j]] = true;
        }
        int[] train = new int[rows - nValid];
        int[] valid = new int[nValid];
        int t = 0;
        int v = 0;
        for (int j = 0; j < rows; j++) {
            if (isValid[j]) {
                valid[v++] = j;
            } else {
                train[t++] = j;
            }
        }
        return new int[][] {train, valid};
    }

    /** Seed of an independent stream: the SplitMix64 finaliser of (seed, stream). */
    static long streamSeed(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double[] pick(double[] y, int[] ids) {
        double[] out = new double[ids.length];
        for (int j = 0; j < ids.length; j++) {
            out[j] = y[ids[j]];
        }
        return out;
    }

    private static double sumOfSquares(double[] a, double[] b) {
        double s = 0.0;
        for (int j = 0; j < a.length; j++) {
            double e = a[j] - b[j];
            s += e * e;
        }
        return s;
    }

    private static double rmse(double[] a, double[] b) {
        return Math.sqrt(sumOfSquares(a, b) / a.length);
    }

    /** Population standard deviation, two-pass for accuracy. Positive: TrainingData rejects constant responses. */
    private static double standardDeviation(double[] y) {
        double mean = 0.0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double ss = 0.0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / y.length);
    }

    private static Map<String, Object> provenance(TrainingData data, AlsConfig config, FitReport report, Trial chosen,
                                                  Clock clock) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("degree", config.autoDegree() ? (Object) "auto" : (Object) config.degree());
        c.put("knots", config.autoKnots() ? (Object) "auto" : (Object) config.knots());
        c.put("rank", config.rankText());
        c.put("maxRank", config.maxRank());
        c.put("maxSweeps", config.maxSweeps());
        c.put("tolerance", config.tolerance());
        c.put("ridge", config.ridge());
        c.put("roughness", config.roughness());
        c.put("validationFraction", config.validationFraction());
        c.put("restarts", config.restarts());
        long seed = config.seed();
        // the smallest integer type, as JSON readers return it, so a model read back from its file is equal
        c.put("seed", seed == (int) seed ? (Object) (int) seed : (Object) seed);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", "als");
        p.put("config", c);
        p.put("rows", data.rows());
        p.put("trainingRows", report.trainingRows());
        p.put("validationRows", report.validationRows());
        p.put("dataSha256", dataHash(data));
        p.put("errorMeasure", "relative RMSE = RMSE / sd(y)");
        p.put("trainingError", report.trainingError());
        p.put("validationError", report.validationError());
        p.put("chosenRank", report.chosenRank());
        if (!report.candidates().isEmpty()) {
            p.put("chosenDegree", chosen.degree);
            p.put("chosenKnots", chosen.knots);
            p.put("chosenRoughness", chosen.roughness);
            List<Object> list = new ArrayList<>();
            for (FitReport.Candidate k : report.candidates()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("degree", k.degree());
                m.put("knots", k.knots());
                m.put("roughness", k.roughness());
                m.put("rank", k.rank());
                m.put("validationError", k.validationError());
                list.add(m);
            }
            p.put("candidates", list);
        }
        p.put("created", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        String version = AlsRegression.class.getPackage().getImplementationVersion();
        if (version != null) {
            p.put("version", version);
        }
        return p;
    }

    /** SHA-256 of the names, domain, inputs and responses (doubles as little-endian IEEE bits), in hex. */
    static String dataHash(TrainingData data) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        for (String name : data.names()) {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        ByteBuffer buf = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] block : Arrays.asList(data.lower(), data.upper(), data.x(), data.y())) {
            for (double v : block) {
                if (!buf.hasRemaining()) {
                    digest.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putDouble(v);
            }
        }
        digest.update(buf.array(), 0, buf.position());
        return HexFormat.of().formatHex(digest.digest());
    }
}
