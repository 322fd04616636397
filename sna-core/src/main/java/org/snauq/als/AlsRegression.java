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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;

/**
 * ALS regression of an SNA from data (METHOD.md section 2): minimise sum_j (u(z_j) - y_j)^2 over the factors of
 * u(z) = sum_r lambda_r prod_d phi_r^d(z_d), one coordinate at a time (each step is a linear least-squares
 * problem, see {@code NormalEquations}).
 *
 * <p>Rank by greedy enrichment: for R = 1, 2, .. fit one rank-one term to the residual of the rank R - 1 model
 * ({@code restarts} starts: constant factors, then random ones; the lowest residual wins), append it and re-sweep
 * all terms jointly. Sweeps stop when the training RMSE changes by less than {@code tolerance} (relative), when
 * it fell by less than a share of the validation noise over the last sweeps ({@code RankEnrichment}), or after
 * {@code maxSweeps}; after each sweep a line-search extrapolation along the update (Bro 1998) shortens the slow
 * phases ("swamps") of ALS when factors are nearly collinear. With {@code rank: auto} enrichment stops when the
 * validation error has not improved for {@value #PATIENCE} ranks, at {@code maxRank}, or when n R unknowns would
 * exceed the training rows; the rank with the lowest validation error is returned, where a higher rank must beat
 * a lower one by more than the sampling noise of a validation RMSE, 1 / sqrt(2 N_v) relative (the standard error
 * of an RMSE from N_v Gaussian residuals). A fixed rank R fits ranks 1..R and returns rank R. The degree and the
 * atoms may be chosen too ({@link AlsConfig#withAutoResolution()}, {@link ResolutionSearch}).
 *
 * <p>Warm start ({@link #fit(TrainingData, AlsConfig, SnaModel, Clock)}): the fit starts from a model's factors,
 * moved onto atoms placed on the new data ({@link Prolongation}), at the model's rank. An auto degree or auto
 * knots are then the model's own (no search), and an unset roughness the one its search chose.
 *
 * <p>The rows are seen only through {@link AlsPasses}: in memory here, or spread over executors by a caller of
 * {@link #fit(AlsPasses, List, AlsConfig, SnaModel, Clock)}, with the same algorithm. Validation rows are chosen
 * by {@link ValidationSplit}. Validation: relative RMSE, Q2 and a residual summary of the returned model, and
 * k-fold cross-validation of its settings when {@link AlsConfig#folds()} is set; all in the model's provenance.
 *
 * <p>Deterministic: the validation split and the random starts are pure functions of the seed, and all loops run
 * in a fixed order, so the same data and config give a bit-identical model. Cost per sweep
 * O(N D (p+1)^2 R^2 + D (n R)^3), memory O(N D R).
 *
 * <p>API CONTRACT: {@code static AlsFit fit(TrainingData, AlsConfig)}, the warm-start and the passes forms below;
 * bad data or settings throw {@link IllegalArgumentException} with a one-line message (e.g. fewer rows than
 * unknowns, NaN values, an init model with other coordinates).
 */
public final class AlsRegression {

    /** Ranks without a significant validation improvement before auto-rank enrichment stops. */
    public static final int PATIENCE = 2;

    /** Output name of fitted models; callers rename it with {@link SnaModel#withOutput(String)}. */
    public static final String DEFAULT_OUTPUT = "y";

    private AlsRegression() {
    }

    public static AlsFit fit(TrainingData data, AlsConfig config) {
        return fit(data, config, null, Clock.systemUTC());
    }

    /** As {@link #fit(TrainingData, AlsConfig)}, with the clock that stamps the creation time (for replay). */
    public static AlsFit fit(TrainingData data, AlsConfig config, Clock clock) {
        return fit(data, config, null, clock);
    }

    /** As {@link #fit(TrainingData, AlsConfig, SnaModel, Clock)} with the system clock. */
    public static AlsFit fit(TrainingData data, AlsConfig config, SnaModel init) {
        return fit(data, config, init, Clock.systemUTC());
    }

    /**
     * Fits data, starting from {@code init}'s factors when it is not null (a warm start: same coordinate names in
     * the same order; its atoms may differ from the new fit's).
     */
    public static AlsFit fit(TrainingData data, AlsConfig config, SnaModel init, Clock clock) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        long start = System.nanoTime();
        int[][] split = ValidationSplit.of(config).split(data.rows());
        double sd = standardDeviation(data.y());
        Fitter fitter = new Fitter(data, config, split, sd);
        ResolutionSearch.Trial chosen;
        List<ResolutionSearch.Trial> tried;
        AlsConfig used = config;
        if (init != null) {
            used = resolutionOf(config, init);
            chosen = fitter.warm(used, init);
            tried = List.of(chosen);
        } else if (!config.autoDegree() && !config.autoKnots()) {
            checkUnknowns(config.knots(), firstRank(config), split, data.rows());
            chosen = fitter.fit(config.degree(), config.knots(), config.roughness(), config.ridge(), null);
            tried = List.of(chosen);
        } else {
            checkUnknowns(config.autoKnots() ? ResolutionSearch.ATOMS[0] : config.knots(), firstRank(config), split,
                    data.rows());
            tried = new ResolutionSearch(fitter, config, split[0].length, split[1].length).run();
            chosen = tried.get(0);
            for (ResolutionSearch.Trial t : tried) {
                if (t.validationError() < chosen.validationError()) { // strict: ties keep the simpler, earlier one
                    chosen = t;
                }
            }
        }
        List<FitReport.Candidate> candidates = List.of();
        if (init == null && (config.autoDegree() || config.autoKnots())) {
            List<FitReport.Candidate> list = new ArrayList<>();
            for (ResolutionSearch.Trial t : tried) {
                RankEnrichment.Snapshot c = t.outcome().chosen();
                list.add(new FitReport.Candidate(t.degree(), t.knots(), t.roughness(), c.rank(), c.trainingError(),
                        c.validationError(), t.millis(), t.outcome().sweeps(), t.warm(), t == chosen));
            }
            candidates = list;
        }
        long sweeps = 0;
        for (ResolutionSearch.Trial t : tried) {
            sweeps += t.outcome().sweeps();
        }
        FitReport.CrossValidation cv = null;
        if (config.folds() > 0) {
            CrossValidation.Result r = CrossValidation.run(data, settingsOf(used, chosen), sd);
            cv = r.summary();
            sweeps += r.sweeps();
        }
        RankEnrichment.Outcome outcome = chosen.outcome();
        RankEnrichment.Snapshot best = outcome.chosen();
        FitReport report = new FitReport(best.rank(), best.trainingError(), best.validationError(), outcome.steps(),
                split[0].length, split[1].length, (System.nanoTime() - start) / 1_000_000, outcome.note(),
                candidates, FitReport.Residuals.of(best.validation(), sd), cv, sweeps);
        Map<String, Object> provenance = provenance(config, report, chosen, init != null, clock);
        provenance.put("rows", data.rows());
        provenance.put("dataSha256", dataHash(data));
        return new AlsFit(model(data.names(), chosen.bases(), best.terms(), provenance), report);
    }

    /**
     * Fits at the resolution of {@code passes} (its atoms), the rows wherever the passes find them: the driver's
     * side of a distributed fit. Runs the algorithm of the in-memory fit at fixed resolution (rank auto or fixed,
     * warm start from {@code init} when not null); {@code config}'s degree and knots are not used (the passes'
     * atoms are), nor {@code folds}. The provenance records the rows counted by the passes but no data hash.
     *
     * @param names the coordinates, in the order of the passes' atoms and the rows' inputs
     */
    public static AlsFit fit(AlsPasses passes, List<String> names, AlsConfig config, SnaModel init, Clock clock) {
        Objects.requireNonNull(passes, "passes");
        Objects.requireNonNull(config, "config");
        long start = System.nanoTime();
        BSplineBasis[] bases = passes.bases().toArray(new BSplineBasis[0]);
        if (names.size() != bases.length) {
            throw new IllegalArgumentException("names must list the " + bases.length + " coordinates, got " + names);
        }
        ResidualAccumulator train = passes.trainingResiduals(null, null);
        ResidualAccumulator valid = passes.validationResiduals(null, null);
        if (train.count() < 1 || valid.count() < 1) {
            throw new IllegalArgumentException("passes must have training and validation rows, got "
                    + train.count() + " and " + valid.count());
        }
        ResidualAccumulator all = train.copy().combine(valid);
        double sd = Math.sqrt(all.responseMoments().centralMomentSum(2) / all.count());
        CpFactors warm = init == null ? null : initialFactors(init, names, bases, config);
        RankEnrichment.Outcome outcome = new RankEnrichment(config, passes, equationsOf(bases), sd,
                (int) train.count(), (int) valid.count()).run(warm);
        ResolutionSearch.Trial chosen = new ResolutionSearch.Trial(bases[0].degree(), bases[0].count(),
                config.roughness(), bases, outcome, (System.nanoTime() - start) / 1_000_000, warm != null);
        RankEnrichment.Snapshot best = outcome.chosen();
        FitReport report = new FitReport(best.rank(), best.trainingError(), best.validationError(), outcome.steps(),
                (int) train.count(), (int) valid.count(), (System.nanoTime() - start) / 1_000_000, outcome.note(),
                List.of(), FitReport.Residuals.of(best.validation(), sd), null, outcome.sweeps());
        Map<String, Object> provenance = provenance(config, report, chosen, init != null, clock);
        provenance.put("rows", jsonInteger(train.count() + valid.count()));
        return new AlsFit(model(names, bases, best.terms(), provenance), report);
    }

    private static SnaModel model(List<String> names, BSplineBasis[] bases, CpFactors terms,
                                  Map<String, Object> provenance) {
        double[][] factors = new double[terms.dimension()][];
        for (int d = 0; d < factors.length; d++) {
            factors[d] = terms.factor(d);
        }
        return SnaModel.of(names, List.of(bases), terms.lambda(), factors, DEFAULT_OUTPUT, provenance, List.of())
                .normalized();
    }

    /** The roughness matrices of each coordinate's atoms. */
    static NormalEquations[] equationsOf(BSplineBasis[] bases) {
        NormalEquations[] equations = new NormalEquations[bases.length];
        for (int d = 0; d < bases.length; d++) {
            equations[d] = new NormalEquations(bases[d]);
        }
        return equations;
    }

    /**
     * The config of a warm start: an auto degree or auto knots become the init model's (of coordinate 0; fits
     * use one degree and atom count for all), an unset roughness the one its search chose. Public for the
     * distributed fit, which places the atoms itself.
     */
    public static AlsConfig resolutionOf(AlsConfig config, SnaModel init) {
        AlsConfig c = config;
        if (c.autoDegree()) {
            c = c.withDegree(init.basis(0).degree());
        }
        if (c.autoKnots()) {
            c = c.withKnots(init.basis(0).count());
        }
        if (c.degree() >= c.knots()) {
            throw new IllegalArgumentException("knots must be >= degree + 1 = " + (c.degree() + 1) + ", got "
                    + c.knots() + " (from the init model)");
        }
        if (c.roughness() == 0 && init.provenance().get("chosenRoughness") instanceof Number r) {
            c = c.withRoughness(r.doubleValue());
        }
        return c;
    }

    /**
     * The init model's factors on the new atoms, as many terms as the fit starts with: all of them, or the
     * {@code rank} largest by |lambda| when a fixed rank is lower.
     */
    static CpFactors initialFactors(SnaModel init, List<String> names, BSplineBasis[] bases, AlsConfig config) {
        if (!init.names().equals(names)) {
            throw new IllegalArgumentException("init model must have the coordinates " + names + ", got "
                    + init.names());
        }
        double[][] w = new double[bases.length][];
        BSplineBasis[] from = new BSplineBasis[bases.length];
        for (int d = 0; d < bases.length; d++) {
            w[d] = init.factor(d);
            from[d] = init.basis(d);
        }
        CpFactors f = Prolongation.of(CpFactors.of(init.lambda(), w), from, bases);
        if (!config.autoRank() && config.rank() < f.rank) {
            double[] lam = f.lambda;
            Integer[] order = new Integer[f.rank];
            for (int r = 0; r < order.length; r++) {
                order[r] = r;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer r) -> -Math.abs(lam[r])));
            int[] keep = new int[config.rank()];
            for (int k = 0; k < keep.length; k++) {
                keep[k] = order[k];
            }
            Arrays.sort(keep);
            f = f.select(keep);
        }
        return f;
    }

    /** The returned settings as a fixed config: its degree, atoms, roughness and rank. */
    private static AlsConfig settingsOf(AlsConfig config, ResolutionSearch.Trial chosen) {
        return config.withDegree(chosen.degree()).withKnots(chosen.knots()).withRoughness(chosen.roughness())
                .withRank(chosen.outcome().chosen().rank());
    }

    /** Places the atoms of a resolution on the training rows and runs rank enrichment on them. */
    static final class Fitter implements ResolutionSearch.Fitter {
        private final TrainingData data;
        private final AlsConfig config;
        private final int[][] split;
        private final double sd;

        Fitter(TrainingData data, AlsConfig config, int[][] split, double sd) {
            this.data = data;
            this.config = config;
            this.split = split;
            this.sd = sd;
        }

        @Override
        public ResolutionSearch.Trial fit(int degree, int knots, double roughness, double ridge,
                                          ResolutionSearch.Trial from) {
            long t0 = System.nanoTime();
            BSplineBasis[] bases = place(degree, knots);
            CpFactors warm = from == null ? null
                    : Prolongation.of(from.outcome().chosen().terms(), from.bases(), bases);
            return run(config.withRoughness(roughness).withRidge(ridge), degree, knots, bases, warm, t0,
                    warm != null);
        }

        @Override
        public ResolutionSearch.Trial refit(ResolutionSearch.Trial from, double roughness) {
            long t0 = System.nanoTime();
            RankEnrichment.Snapshot start = from.outcome().chosen();
            return run(config.withRoughness(roughness).withRank(start.rank()), from.degree(), from.knots(),
                    from.bases(), start.terms(), t0, true);
        }

        /** A fit at the resolution of {@code c} from the init model's factors. */
        ResolutionSearch.Trial warm(AlsConfig c, SnaModel init) {
            long t0 = System.nanoTime();
            BSplineBasis[] bases = place(c.degree(), c.knots());
            CpFactors warm = initialFactors(init, data.names(), bases, c);
            checkUnknowns(c.knots(), warm.rank, split, data.rows());
            return run(c, c.degree(), c.knots(), bases, warm, t0, false);
        }

        private BSplineBasis[] place(int degree, int knots) {
            BSplineBasis[] bases = new BSplineBasis[data.dimension()];
            for (int d = 0; d < bases.length; d++) {
                bases[d] = CoordinateAtoms.place(data, split[0], d, degree, knots);
            }
            return bases;
        }

        /** @param searching whether this is a warm candidate of the search (relative-progress stop) */
        private ResolutionSearch.Trial run(AlsConfig c, int degree, int knots, BSplineBasis[] bases, CpFactors warm,
                                           long t0, boolean searching) {
            LocalPasses passes = new LocalPasses(List.of(bases), data.x(), data.y(), split);
            RankEnrichment enrichment = new RankEnrichment(c, passes, equationsOf(bases), sd, passes.trainingRows(),
                    passes.validationRows());
            RankEnrichment.Outcome outcome = (searching ? enrichment.withProgressStop() : enrichment).run(warm);
            return new ResolutionSearch.Trial(degree, knots, c.roughness(), bases, outcome,
                    (System.nanoTime() - t0) / 1_000_000, warm != null);
        }
    }

    private static int firstRank(AlsConfig config) {
        return config.autoRank() ? 1 : config.rank();
    }

    /** Rejects a first rank whose n * rank unknowns per coordinate exceed the training rows. */
    private static void checkUnknowns(int n, int firstRank, int[][] split, int rows) {
        int train = split[0].length;
        if (train < (long) n * firstRank) {
            throw new IllegalArgumentException("fewer training rows than unknowns: " + train
                    + " training rows (of " + rows + ", after holding out " + split[1].length
                    + " for validation) but rank " + firstRank + " with " + n + " knots needs n * rank = "
                    + n * firstRank + "; give more rows, fewer knots or a lower rank");
        }
    }

    /**
     * The most atoms per coordinate a candidate may have: enrichment must be able to reach its highest rank R
     * (maxRank, or the fixed rank) before n R unknowns per solve exceed the training rows, and n &lt;=
     * {@link ResolutionSearch#MAX_ATOMS} bounds the cost.
     */
    static int atomLimit(AlsConfig config, int trainingRows) {
        int ranks = config.autoRank() ? config.maxRank() : config.rank();
        return Math.min(ResolutionSearch.MAX_ATOMS, trainingRows / ranks);
    }

    /** Seed of an independent stream: the SplitMix64 finaliser of (seed, stream). */
    static long streamSeed(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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

    private static Map<String, Object> provenance(AlsConfig config, FitReport report, ResolutionSearch.Trial chosen,
                                                  boolean warm, Clock clock) {
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
        c.put("seed", jsonInteger(config.seed()));
        if (config.folds() > 0) {
            c.put("folds", config.folds());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", "als");
        p.put("config", c);
        if (warm) {
            p.put("warmStart", true);
        }
        p.put("trainingRows", report.trainingRows());
        p.put("validationRows", report.validationRows());
        p.put("errorMeasure", "relative RMSE = RMSE / sd(y)");
        p.put("trainingError", report.trainingError());
        p.put("validationError", report.validationError());
        p.put("chosenRank", report.chosenRank());
        p.put("validation", report.validation().toMap());
        if (report.crossValidation() != null) {
            p.put("crossValidation", report.crossValidation().toMap());
        }
        p.put("sweeps", jsonInteger(report.totalSweeps()));
        if (!report.candidates().isEmpty() || warm) {
            p.put("chosenDegree", chosen.degree());
            p.put("chosenKnots", chosen.knots());
            p.put("chosenRoughness", chosen.roughness());
        }
        if (!report.candidates().isEmpty()) {
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

    /** The smallest integer type, as JSON readers return it, so a model read back from its file is equal. */
    static Object jsonInteger(long v) {
        return v == (int) v ? (Object) (int) v : (Object) v;
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
