package org.snauq.models;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snauq.als.AlsConfig;
import org.snauq.als.AlsFit;
import org.snauq.als.AlsRegression;
import org.snauq.als.FitReport;
import org.snauq.als.TrainingData;
import org.snauq.als.ValidationSplit;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.snauq.galerkin.SolveReport;
import org.snauq.galerkin.Vsna;
import org.snauq.model.SnaFormatException;
import org.snauq.model.MultiSnaModel;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.study.BadInputException;
import org.snauq.study.ModelSource;
import org.snauq.study.ProblemFile;
import org.snauq.study.Study;
import org.snauq.study.StudyException;

/**
 * How {@code sna run} obtains SNA models and runs simulators: reads {@code .sna} files, trains inline by ALS (on a
 * data file, or on runs of a simulator drawn from the study's inputs), solves PDE problem files by VSNA, and ships
 * external models' files to the executors. Messages name the study file and the model key.
 *
 * <p>Inline training: the columns are the study's input names plus the responses (one SNA each, over the same
 * coordinates); the model's domain in each coordinate is the union of the data's range and, for a bounded input, its
 * support, so sampling never steps outside a model trained on data that does not reach the ends of the support. A
 * validation error above {@code max-error} stops the run (exit 2).
 */
public final class StudyModels implements ModelLoader.SnaBuilder {

    /** The model-report key of the per-rank convergence history (a map; see {@link #alsConvergence}). */
    public static final String CONVERGENCE = "convergence";
    /** Key of the per-sweep history inside the convergence object. */
    public static final String PER_SWEEP = "per_sweep";
    /** The model-report key of the fit's validation rows per response (see {@link #validationPoints}). */
    public static final String VALIDATION = "validation";
    /** Validation points kept per response for the report: a scatter of 2,000 reads well, the manifest stays small. */
    public static final int MAX_VALIDATION_POINTS = 2000;

    private final Simulations simulations;

    /** Without executors: no simulator can be run (files are not shipped). */
    public StudyModels() {
        this(Simulations.NONE);
    }

    /** @param simulations ships simulators' files and runs training designs on the executors */
    public StudyModels(Simulations simulations) {
        this.simulations = simulations;
    }

    @Override
    public MultiSnaModel read(Study study, ModelSource.SnaFile source) {
        return readFile(study.fileName() + ": model.sna: ", source.path());
    }

    /** A model file; its problems are one-line study errors prefixed with {@code where}. */
    private static MultiSnaModel readFile(String where, Path path) {
        if (java.nio.file.Files.exists(path) && !java.nio.file.Files.isRegularFile(path)) {
            throw new StudyException(where + path + " is not a regular file (a folder, pipe or device)");
        }
        try {
            return SnaModelFile.readMulti(path);
        } catch (NoSuchFileException e) {
            throw new StudyException(where + "no such file " + path);
        } catch (SnaFormatException e) {
            throw new StudyException(where + oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new StudyException(where + "cannot read " + path + ": " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * The warm start of each response ({@code model.train.init}, as {@code sna train --init}): the init file's
     * output of that name, whose inputs must be the study's, in its order; null for a cold start. Read before the
     * data or the simulator, so a bad file stops the run before Spark starts.
     */
    private static SnaModel[] initModels(Study study, ModelSource.Fit fit, List<String> responses, String where) {
        if (fit.init() == null) {
            return null;
        }
        String at = where + ".init: ";
        MultiSnaModel file = readFile(at, fit.init());
        if (!file.names().equals(study.inputNames())) {
            throw new StudyException(at + fit.init() + ": the model's inputs " + file.names() + " must be the study's"
                    + " inputs " + study.inputNames() + ", in that order");
        }
        AlsConfig config = alsConfig(fit, where);
        SnaModel[] init = new SnaModel[responses.size()];
        for (int k = 0; k < init.length; k++) {
            int o = file.outputNames().indexOf(responses.get(k));
            if (o < 0) {
                throw new StudyException(at + fit.init() + " has no output '" + responses.get(k) + "' to start "
                        + responses.get(k) + " from; its outputs are " + String.join(", ", file.outputNames()));
            }
            init[k] = file.output(o);
            try {
                AlsRegression.resolutionOf(config, init[k]); // the file's degree against the study's knots
            } catch (IllegalArgumentException e) {
                throw new StudyException(at + fit.init() + ": " + oneLine(e.getMessage()), e);
            }
        }
        return init;
    }

    @Override
    public void ship(UqModel model) {
        if (model instanceof ShippedModel s) {
            simulations.ship(s);
        }
    }

    @Override
    public LoadedModel train(Study study, ModelSource.Train source, ModelLoader.TableReader reader) {
        String where = study.fileName() + ": model.train";
        List<String> names = study.inputNames();
        List<String> columns = new ArrayList<>(names);
        columns.addAll(source.responses());
        SnaModel[] init = initModels(study, source.fit(), source.responses(), where);
        double[][] data;
        try {
            data = reader.read(source.data(), columns);
        } catch (BadInputException e) {
            throw new StudyException(where + ": " + oneLine(e.getMessage()), e);
        }
        int dim = names.size();
        int rows = data[dim].length;
        double[] x = new double[Math.multiplyExact(rows, dim)];
        for (int d = 0; d < dim; d++) {
            for (int j = 0; j < rows; j++) {
                x[j * dim + d] = data[d][j];
            }
        }
        double[][] y = java.util.Arrays.copyOfRange(data, dim, data.length);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("trained_from", source.data().toString());
        return fit(study, x, y, source.responses(), source.fit(), init, where, "trained on "
                + source.data().getFileName(), report);
    }

    @Override
    public LoadedModel simulate(Study study, ModelSource.Simulate source) {
        String where = study.fileName() + ": model.train";
        LoadedModel simulator = ModelLoader.external(study, source.simulator(), where + ".simulator");
        UqModel sim = simulator.model();
        List<String> responses = source.responses().isEmpty() ? sim.outputs() : source.responses();
        for (int k = 0; k < responses.size(); k++) {
            if (!sim.outputs().contains(responses.get(k))) {
                throw new StudyException(where + ".response" + (source.responses().size() > 1 ? "[" + k + "]" : "")
                        + ": '" + responses.get(k) + "' is not an output of the simulator (" + sim.description()
                        + "); its outputs are " + String.join(", ", sim.outputs()));
            }
        }
        SnaModel[] init = initModels(study, source.fit(), responses, where);
        ship(sim);
        Simulations.Runs runs = simulations.run(study, sim, source.design(), where + ".simulator");
        double[][] y = new double[responses.size()][];
        for (int k = 0; k < y.length; k++) {
            y[k] = runs.y()[sim.outputs().indexOf(responses.get(k))];
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("description", sim.description());
        facts.put("hash", simulator.hash());
        facts.putAll(simulator.report());
        facts.put("design", source.design().design());
        facts.put("runs", source.design().n());
        facts.put("seed", source.design().seed());
        facts.put("failed_runs", runs.failed());
        facts.put("wall_ms", runs.millis());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("simulator", facts);
        return fit(study, runs.x(), y, responses, source.fit(), init, where, "trained on " + y[0].length + " runs of "
                + sim.description(), report);
    }

    /**
     * Fits one SNA per response to the rows (x row-major in study order, y[k] per response) and checks the
     * validation errors against {@code max-error}.
     *
     * @param init   the warm start of each response, or null
     * @param report what obtaining the data reported; the fit's facts are added
     */
    private static LoadedModel fit(Study study, double[] x, double[][] y, List<String> responses, ModelSource.Fit fit,
                                   SnaModel[] init, String where, String origin, Map<String, Object> report) {
        List<String> names = study.inputNames();
        int dim = names.size();
        int rows = y[0].length;
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        for (int d = 0; d < dim; d++) {
            InputSpec spec = study.inputs().get(d);
            Distribution dist = Distributions.of(spec);
            if (dist.isConstant()) {
                throw new StudyException(where + ": input " + spec.name() + " is constant; train on varying inputs"
                        + " only (or use a model that does not take it)");
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < rows; j++) {
                double v = x[j * dim + d];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double[] cover = Distributions.domainFor(dist); // the model is queried wherever the study samples
            lower[d] = Math.min(lo, cover[0]);
            upper[d] = Math.max(hi, cover[1]);
        }
        AlsConfig config = alsConfig(fit, where);
        long start = System.nanoTime();
        List<SnaModel> models = new ArrayList<>();
        Map<String, Object> perOutput = new LinkedHashMap<>();
        FitReport first = null;
        Map<String, Object> validation = new LinkedHashMap<>();
        for (int k = 0; k < responses.size(); k++) {
            AlsFit f;
            try {
                f = AlsRegression.fit(TrainingData.of(names, x, y[k], lower, upper), config,
                        init == null ? null : init[k]);
            } catch (IllegalArgumentException e) {
                throw new StudyException(where + ": " + responses.get(k) + ": " + oneLine(e.getMessage()), e);
            }
            FitReport r = f.report();
            if (r.validationError() > fit.maxError()) {
                throw new StudyException(String.format(java.util.Locale.ROOT, "%s: the validation error of %s is"
                        + " %.3g (relative RMSE on %d held-out of %d rows, rank %d), above max-error %s; train on"
                        + " more rows or raise max-error", where, responses.get(k), r.validationError(),
                        Math.round(rows * fit.validation()), rows, r.chosenRank(), fit.maxError()));
            }
            first = first == null ? r : first;
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rank", r.chosenRank());
            o.put("training_error", r.trainingError());
            o.put("validation_error", r.validationError());
            o.put("sweeps", r.totalSweeps()); // every candidate and rank: what a warm start saves
            perOutput.put(responses.get(k), o);
            validation.put(responses.get(k), validationPoints(f, x, y[k], dim, config));
            models.add(f.model().withOutput(responses.get(k)).withInputs(study.inputs()));
        }
        if (fit.init() != null) {
            report.put("init", fit.init().toString());
        }
        report.put("training_rows", rows);
        report.put("validation_fraction", fit.validation());
        if (Double.isFinite(fit.maxError())) {
            report.put("max_error", fit.maxError());
        }
        report.put("fit_ms", (System.nanoTime() - start) / 1_000_000);
        report.put(VALIDATION, validation);
        if (models.size() == 1) {
            report.putAll((Map<String, Object>) perOutput.get(responses.get(0)));
            report.put(CONVERGENCE, alsConvergence(first));
            return ModelLoader.sna(study, models.get(0), "SNA " + origin + " (rank " + first.chosenRank()
                    + ", validation rel. RMSE " + String.format(java.util.Locale.ROOT, "%.2e", first.validationError())
                    + ")", report);
        }
        report.put("fits", perOutput); // not "outputs": the manifest keeps that key for the output names
        return ModelLoader.multi(study, MultiSnaModel.of(models), "SNA " + origin + " (" + models.size()
                + " outputs)", report);
    }

    /** The ALS settings of the study's {@code train} keys; a combination the core refuses is a study error. */
    private static AlsConfig alsConfig(ModelSource.Fit fit, String where) {
        try {
            AlsConfig config = AlsConfig.defaults().withDegree(fit.degree()).withKnots(fit.knots())
                    .withRank(fit.rank()).withValidationFraction(fit.validation());
            return fit.rank() > config.maxRank() ? config.withMaxRank(fit.rank()) : config;
        } catch (IllegalArgumentException e) {
            throw new StudyException(where + ": " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * The fit on its validation rows, for the report's parity plot and residual histogram ({@link #VALIDATION}):
     * {@code rows} held out, their {@code q2}, {@code one_minus_q2} and {@code rmse} (all of them, from the fit),
     * and the predicted and
     * observed values of at most {@link #MAX_VALIDATION_POINTS} of them, evenly strided over the held-out rows
     * (deterministic, spread over the data's order).
     */
    static Map<String, Object> validationPoints(AlsFit f, double[] x, double[] y, int dim, AlsConfig config) {
        int[] held = ValidationSplit.of(config).split(y.length)[1]; // the rows the fit held out
        int shown = Math.min(held.length, MAX_VALIDATION_POINTS);
        List<Double> predicted = new ArrayList<>(shown);
        List<Double> observed = new ArrayList<>(shown);
        double[] z = new double[dim];
        for (int i = 0; i < shown; i++) {
            int j = held[(int) ((long) i * held.length / shown)];
            System.arraycopy(x, j * dim, z, 0, dim);
            predicted.add(f.model().value(z));
            observed.add(y[j]);
        }
        FitReport.Residuals r = f.report().validation();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("rows", r.rows());
        v.put("q2", r.q2());
        v.put("one_minus_q2", r.unexplained()); // exact where q2 rounds to 1
        v.put("rmse", r.rmse());
        v.put("predicted", predicted);
        v.put("observed", observed);
        return v;
    }

    @Override
    public LoadedModel solve(Study study, ModelSource.Solve source) {
        return SolveCache.solved(study, source.problem(), () -> solveNow(study, source)); // solved once per content
    }

    /** Solves the study's problem by VSNA (what {@link SolveCache} keeps). */
    LoadedModel solveNow(Study study, ModelSource.Solve source) {
        String where = study.fileName() + ": model.solve: ";
        Vsna.Result result = solveProblem(where, source.problem());
        SnaModel model = result.model().withInputs(study.inputs());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("solved_from", source.problem().toString());
        report.put("rank", model.rank());
        if (result.error() != null) {
            report.put("relative_l2_error", result.error().value());
        }
        report.put(CONVERGENCE, vsnaConvergence(result.report()));
        return ModelLoader.sna(study, model, "SNA solved by VSNA from " + source.problem().getFileName() + " (rank "
                + model.rank() + ")", report);
    }

    /**
     * ALS history for the report: per rank of the chosen resolution, relative RMSE on the training and held-out
     * rows, the sweeps spent and the rank kept ({@code measure} names the y axis, {@code rank} the x axis, each other list is
     * one series).
     */
    static Map<String, Object> alsConvergence(FitReport fit) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("measure", "relative RMSE");
        c.put("rank", fit.steps().stream().map(FitReport.RankStep::rank).toList());
        c.put("training", fit.steps().stream().map(FitReport.RankStep::trainingError).toList());
        c.put("validation", fit.steps().stream().map(FitReport.RankStep::validationError).toList());
        c.put("sweeps", fit.steps().stream().map(s -> s.enrichmentSweeps() + s.sweeps()).toList());
        c.put("chosen", fit.chosenRank());
        List<Integer> sweep = new ArrayList<>();
        List<Integer> rank = new ArrayList<>();
        List<Double> training = new ArrayList<>();
        for (FitReport.RankStep step : fit.steps()) {
            for (double e : step.sweepErrors()) {
                sweep.add(sweep.size() + 1);
                rank.add(step.rank());
                training.add(e);
            }
        }
        c.put(PER_SWEEP, perSweep(sweep, rank, "training", training));
        return c;
    }

    /** A history per sweep ({@code per_sweep}): the cumulative sweep, the rank being fitted, one series. */
    private static Map<String, Object> perSweep(List<Integer> sweep, List<Integer> rank, String series,
                                                List<Double> values) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("sweep", sweep);
        h.put("rank", rank);
        h.put(series, values);
        return h;
    }

    /** VSNA history for the report: the residual indicator after each rank of the enrichment. */
    static Map<String, Object> vsnaConvergence(SolveReport solve) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("measure", solve.indicatorName());
        c.put("rank", solve.ranks().stream().map(SolveReport.Rank::rank).toList());
        c.put("indicator", solve.ranks().stream().map(SolveReport.Rank::indicator).toList());
        c.put("sweeps", solve.ranks().stream().map(SolveReport.Rank::sweeps).toList());
        c.put("chosen", solve.rank());
        List<Integer> sweep = new ArrayList<>();
        List<Integer> rank = new ArrayList<>();
        List<Double> indicator = new ArrayList<>();
        for (SolveReport.Sweep s : solve.sweeps()) {
            sweep.add(sweep.size() + 1);
            rank.add(s.rank());
            indicator.add(s.indicator());
        }
        c.put(PER_SWEEP, perSweep(sweep, rank, "indicator", indicator));
        return c;
    }

    /**
     * Reads a problem file and solves it by VSNA; file and value problems become one-line errors prefixed with
     * {@code where}.
     */
    public static Vsna.Result solveProblem(String where, Path problem) {
        ProblemFile file;
        try {
            file = ProblemFile.read(problem);
        } catch (IOException e) {
            throw new StudyException(where + "cannot read " + problem + ": " + oneLine(e.getMessage()), e);
        } catch (BadInputException e) {
            throw new StudyException(where + oneLine(e.getMessage()), e);
        }
        Vsna.Result result;
        try {
            result = Vsna.solve(file.problem(), file.solver());
        } catch (IllegalArgumentException e) { // the solver's check of the problem's values
            throw new StudyException(where + problem.getFileName() + ": " + oneLine(e.getMessage()), e);
        }
        if (result.report().diverged()) { // its last iterate is no solution: never propagated as one
            throw new StudyException(where + problem.getFileName() + ": solver: the nonlinear solve "
                    + oneLine(result.report().outerStop()));
        }
        return result;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
