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
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.snauq.galerkin.SolveReport;
import org.snauq.galerkin.Vsna;
import org.snauq.model.SnaFormatException;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.study.BadInputException;
import org.snauq.study.ModelSource;
import org.snauq.study.ProblemFile;
import org.snauq.study.Study;
import org.snauq.study.StudyException;

/**
 * How {@code sna run} obtains SNA models: reads {@code .sna} files, trains inline by ALS, and solves PDE
 * problem files by VSNA. Messages name the study file and the model key.
 *
 * <p>Inline training: the columns are the study's input names plus the response; the model's domain in each
 * coordinate is the union of the data's range and, for a bounded input, its support, so sampling never steps
 * outside a model trained on data that does not reach the ends of the support.
 */
public final class StudyModels implements ModelLoader.SnaBuilder {

    /** The model-report key of the per-rank convergence history (a map; see {@link #alsConvergence}). */
    public static final String CONVERGENCE = "convergence";
    /** Key of the per-sweep history inside the convergence object. */
    public static final String PER_SWEEP = "per_sweep";

    @Override
    public SnaModel read(Study study, ModelSource.SnaFile source) {
        String where = study.fileName() + ": model.sna: ";
        if (java.nio.file.Files.exists(source.path()) && !java.nio.file.Files.isRegularFile(source.path())) {
            throw new StudyException(where + source.path() + " is not a regular file (a folder, pipe or device)");
        }
        try {
            return SnaModelFile.read(source.path());
        } catch (NoSuchFileException e) {
            throw new StudyException(where + "no such file " + source.path());
        } catch (SnaFormatException e) {
            throw new StudyException(where + oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new StudyException(where + "cannot read " + source.path() + ": " + oneLine(e.getMessage()), e);
        }
    }

    @Override
    public LoadedModel train(Study study, ModelSource.Train source, ModelLoader.TableReader reader) {
        String where = study.fileName() + ": model.train: ";
        List<String> names = study.inputNames();
        List<String> columns = new ArrayList<>(names);
        columns.add(source.response());
        double[][] data;
        try {
            data = reader.read(source.data(), columns);
        } catch (BadInputException e) {
            throw new StudyException(where + oneLine(e.getMessage()), e);
        }
        int dim = names.size();
        int rows = data[dim].length;
        double[] x = new double[Math.multiplyExact(rows, dim)];
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        for (int d = 0; d < dim; d++) {
            InputSpec spec = study.inputs().get(d);
            Distribution dist = Distributions.of(spec);
            if (dist.isConstant()) {
                throw new StudyException(where + "input " + spec.name() + " is constant; train on varying inputs"
                        + " only (or use a model that does not take it)");
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < rows; j++) {
                double v = data[d][j];
                x[j * dim + d] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double[] cover = Distributions.domainFor(dist); // the model is queried wherever the study samples
            lo = Math.min(lo, cover[0]);
            hi = Math.max(hi, cover[1]);
            lower[d] = lo;
            upper[d] = hi;
        }
        AlsConfig config = AlsConfig.defaults().withDegree(source.degree()).withKnots(source.knots())
                .withRank(source.rank());
        if (source.rank() > config.maxRank()) {
            config = new AlsConfig(config.degree(), config.knots(), config.rank(), source.rank(), config.maxSweeps(),
                    config.tolerance(), config.ridge(), config.roughness(), config.validationFraction(),
                    config.restarts(), config.seed());
        }
        AlsFit fit;
        try {
            fit = AlsRegression.fit(TrainingData.of(names, x, data[dim], lower, upper), config);
        } catch (IllegalArgumentException e) {
            throw new StudyException(where + oneLine(e.getMessage()), e);
        }
        SnaModel model = fit.model().withOutput(source.response()).withInputs(study.inputs());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("trained_from", source.data().toString());
        report.put("training_rows", rows);
        report.put("rank", fit.report().chosenRank());
        report.put("training_error", fit.report().trainingError());
        report.put("validation_error", fit.report().validationError());
        report.put(CONVERGENCE, alsConvergence(fit.report()));
        return ModelLoader.sna(study, model, "SNA trained on " + source.data().getFileName() + " (rank "
                + fit.report().chosenRank() + ", validation rel. RMSE " + String.format(java.util.Locale.ROOT,
                "%.2e", fit.report().validationError()) + ")", report);
    }

    @Override
    public LoadedModel solve(Study study, ModelSource.Solve source) {
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
        try {
            return Vsna.solve(file.problem(), file.solver());
        } catch (IllegalArgumentException e) { // the solver's check of the problem's values
            throw new StudyException(where + problem.getFileName() + ": " + oneLine(e.getMessage()), e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
