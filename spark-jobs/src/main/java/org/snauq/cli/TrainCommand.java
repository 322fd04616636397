package org.snauq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.snauq.als.AlsConfig;
import org.snauq.als.AlsFit;
import org.snauq.als.AlsRegression;
import org.snauq.als.TrainingData;
import org.snauq.model.SnaModel;
import org.snauq.models.Table;
import org.snauq.models.TableReader;
import org.snauq.spark.DistributedAls;
import org.snauq.study.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sna train}: fits an SNA to a data table by ALS ({@link AlsRegression}), prints the fit report and
 * writes the model file.
 *
 * <p>Everything the user gave is checked before the fit, in the order the user would fix it: option values,
 * the output path, the data file, the columns and their values. Any of these is exit 2 with one line and no
 * model file. Defaults come from {@link AlsConfig#defaults()}, except degree and knots: auto (the resolution
 * search of {@link AlsRegression}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = TrainCommand.Defaults.class,
        description = "Fit an SNA to data by alternating least squares; print training and validation errors.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Parquet file or folder of part files, or CSV with a header line.")
    Path data;

    @Option(names = "--response", required = true, paramLabel = "COL", description = "The column to model.")
    String response;

    @Option(names = "--inputs", split = ",", paramLabel = "COL",
            description = "Input columns, in order (default: every column but the response).")
    List<String> inputs;

    @Option(names = "--rank", paramLabel = "R|auto",
            description = "Rank, or auto to choose it by validation error (default: ${DEFAULT-VALUE}).")
    String rank;

    @Option(names = "--degree", paramLabel = "P|auto", description = "B-spline degree, or auto to choose it by"
            + " validation error among cubic splines (plain and lightly smoothed) and polynomials up to degree 15"
            + " (default: ${DEFAULT-VALUE}).")
    String degree;

    @Option(names = "--knots", paramLabel = "N|auto", description = "B-spline atoms per input, or auto to choose"
            + " them by validation error, 4 to 64 (default: ${DEFAULT-VALUE}).")
    String knots;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "Share of rows held out for validation, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the split and the initial factors (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--init", paramLabel = "M.sna", description = "Start from this model's factors (warm start, for"
            + " retraining on new data): same inputs in the same order; auto degree and knots become the model's,"
            + " and finer --knots refine its factors.")
    Path init;

    @Option(names = "--distributed", description = "Train with Spark over a Parquet dataset whose rows stay on the"
            + " executors (never collected to the driver): the same algorithm and, up to the order of sums, the same"
            + " model; needs a fixed --degree and --knots (or --init). The master comes from spark.master"
            + " (e.g. SNA_JAVA_OPTS=-Dspark.master=local[2], or spark-submit).")
    boolean distributed;

    @Option(names = "--output", paramLabel = "M.sna",
            description = "Model file to write (missing folders are created); without it, only the report is printed.")
    Path output;

    @Override
    public Integer call() throws Exception {
        AlsConfig config = config();
        if (output != null) {
            ModelFiles.checkWritable(output, "--output");
        }
        SnaModel start = init == null ? null : ModelFiles.read(init);
        if (distributed && start == null && (config.autoDegree() || config.autoKnots())) {
            throw new UserInputException("--distributed needs a fixed --degree and --knots (or --init): the"
                    + " resolution search runs in memory; run it on a sample of the rows, then train with its choice");
        }
        AlsFit fit = distributed ? fitDistributed(config, start) : fitInMemory(config, start);
        PrintWriter out = spec.commandLine().getOut();
        out.println(fit.report().format());
        if (output == null) {
            out.println("no --output given: the model was not written");
            out.flush();
            return CliErrors.OK;
        }
        SnaModel model = fit.model().withOutput(response).withProvenance(provenance(fit.model()));
        long bytes = ModelFiles.write(model, output);
        out.println("wrote " + output + " (" + bytes + " bytes, rank " + model.rank() + ", "
                + model.parameterCount() + " doubles)");
        out.flush();
        return CliErrors.OK;
    }

    /** The rows read into the driver, then {@link AlsRegression} (with the resolution search when auto). */
    private AlsFit fitInMemory(AlsConfig config, SnaModel start) throws IOException {
        Table table = TableReader.read(data, LocalSpark::session);
        table.column(response); // fails first if the response is missing or not numeric
        List<String> names = inputNames(table.columns());
        int rows = table.rows();
        if (rows == 0) {
            throw new UserInputException(data + ": no data rows");
        }
        double[] y = finiteColumn(table, response);
        double[] x = new double[Math.multiplyExact(rows, names.size())];
        for (int d = 0; d < names.size(); d++) {
            double[] col = finiteColumn(table, names.get(d));
            for (int j = 0; j < rows; j++) {
                x[j * names.size() + d] = col[j];
            }
        }
        checkInit(start, names);
        try {
            return AlsRegression.fit(TrainingData.of(names, x, y), config, start);
        } catch (IllegalArgumentException e) { // the fit's own checks of the data against the options
            throw new UserInputException(data + ": " + e.getMessage(), e);
        }
    }

    /** The rows left where Spark reads them: {@link DistributedAls}. */
    private AlsFit fitDistributed(AlsConfig config, SnaModel start) {
        String name = data.getFileName() == null ? "" : data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            throw new UserInputException("--distributed reads Parquet (a file or a folder of part files), got " + data);
        }
        if (!Files.exists(data)) {
            throw new UserInputException(data + ": no such file or folder");
        }
        Dataset<Row> table;
        try {
            table = LocalSpark.session().read().parquet(data.toString().replaceAll("[\\\\{}\\[\\]*?]", "\\\\$0"));
        } catch (RuntimeException e) { // a path, not a glob, above
            throw new UserInputException(data + ": cannot be read as Parquet: " + String.valueOf(e.getMessage())
                    .strip().lines().findFirst().orElse("unknown error"), e);
        }
        Map<String, DataType> types = new LinkedHashMap<>();
        for (StructField f : table.schema().fields()) {
            types.put(f.name(), f.dataType());
        }
        List<String> columns = List.copyOf(types.keySet());
        List<String> names = inputNames(columns);
        List<String> used = new ArrayList<>(names);
        used.add(response);
        for (String c : used) {
            if (!types.containsKey(c)) {
                throw new UserInputException(data + ": column '" + c + "' not found; columns: "
                        + String.join(", ", columns));
            }
            if (!(types.get(c) instanceof NumericType)) {
                throw new UserInputException(data + ": column '" + c + "' is not numeric (type "
                        + types.get(c).simpleString() + ")");
            }
        }
        checkInit(start, names);
        try {
            return DistributedAls.fit(table, names, response, config, start, Clock.systemUTC());
        } catch (IllegalArgumentException e) { // the fit's own checks of the data against the options
            throw new UserInputException(data + ": " + e.getMessage(), e);
        }
    }

    private void checkInit(SnaModel start, List<String> names) {
        if (start != null && !start.names().equals(names)) {
            throw new UserInputException("--init " + init + ": the model's inputs " + start.names()
                    + " must be the training inputs " + names + ", in that order");
        }
    }

    /** The option values as an ALS configuration; messages name the option. */
    private AlsConfig config() {
        int p = parseAuto("--degree", degree);
        if (p != AlsConfig.AUTO && (p < 1 || p > Limits.MAX_DEGREE)) {
            throw new UserInputException("--degree must be auto or lie in [1, " + Limits.MAX_DEGREE + "], got " + p);
        }
        int n = parseAuto("--knots", knots);
        int least = p == AlsConfig.AUTO ? 2 : p + 1;
        if (n != AlsConfig.AUTO && (n < least || n > Limits.MAX_KNOTS)) {
            throw new UserInputException("--knots must be auto or lie in [degree + 1 = " + least + ", "
                    + Limits.MAX_KNOTS + "], got " + n);
        }
        int r = parseRank(rank);
        if (!(validation > 0 && validation < 1)) { // also rejects NaN
            throw new UserInputException("--validation must be in (0, 1), got " + validation);
        }
        try {
            AlsConfig c = AlsConfig.defaults().withDegree(p).withKnots(n).withRank(r)
                    .withValidationFraction(validation).withSeed(seed);
            return r > c.maxRank() ? c.withMaxRank(r) : c; // a fixed rank above the default search limit
        } catch (IllegalArgumentException e) { // a combination the options' own checks above let through
            throw new UserInputException("sna train: " + e.getMessage(), e);
        }
    }

    /** An integer option that may be "auto" ({@link AlsConfig#AUTO}). */
    static int parseAuto(String option, String text) {
        if ("auto".equalsIgnoreCase(text)) {
            return AlsConfig.AUTO;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UserInputException(option + " must be an integer or 'auto', got '" + text
                    + "' (see 'sna train --help')");
        }
    }

    static int parseRank(String text) {
        if ("auto".equalsIgnoreCase(text)) {
            return AlsConfig.AUTO_RANK;
        }
        int r;
        try {
            r = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UserInputException("--rank must be an integer >= 1 or 'auto', got '" + text + "'");
        }
        if (r < 1 || r > Limits.MAX_RANK) {
            throw new UserInputException("--rank must be 'auto' or an integer in [1, " + Limits.MAX_RANK + "], got "
                    + r);
        }
        return r;
    }

    private List<String> inputNames(List<String> columns) {
        List<String> names;
        if (inputs == null) {
            names = new ArrayList<>(columns);
            names.remove(response);
            if (names.isEmpty()) {
                throw new UserInputException(data + ": no input columns besides the response '" + response + "'");
            }
        } else {
            if (new LinkedHashSet<>(inputs).size() != inputs.size()) {
                throw new UserInputException("--inputs names a column twice: " + String.join(",", inputs));
            }
            if (inputs.contains(response)) {
                throw new UserInputException("--inputs must not contain the response '" + response + "'");
            }
            names = List.copyOf(inputs);
        }
        checkNames(names);
        return names;
    }

    /**
     * The model's coordinate and output names follow the rule of study names (a study names its inputs after
     * them): identifiers, not a result-table column, distinct in any case.
     */
    private void checkNames(List<String> names) {
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(names);
        all.add(response);
        for (String name : all) {
            String problem = Limits.nameProblem(name);
            if (problem != null) {
                throw new UserInputException(data + ": column '" + name + "' cannot name a model "
                        + (name.equals(response) ? "output" : "coordinate") + ": it " + problem);
            }
            String earlier = seen.putIfAbsent(Limits.folded(name), name);
            if (earlier != null) {
                throw new UserInputException(data + ": columns '" + earlier + "' and '" + name + "' differ only in"
                        + " case; a model's names must differ in more than case");
            }
        }
    }

    /** The column, every value finite (NaN and infinities would poison the least squares). */
    private static double[] finiteColumn(Table table, String name) {
        double[] v = table.column(name);
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j])) {
                throw new UserInputException(table.source() + ": column '" + name + "' has "
                        + (Double.isNaN(v[j]) ? "a NaN" : "an infinite") + " value at " + table.rowLabel(j)
                        + "; remove or fix that row");
            }
        }
        return v;
    }

    /** ALS records how it fitted (settings, errors, data hash); the CLI adds where the data came from. */
    private Map<String, Object> provenance(SnaModel fitted) {
        Map<String, Object> p = new LinkedHashMap<>(fitted.provenance());
        p.put("data", data.toString());
        p.put("response", response);
        if (init != null) {
            p.put("init", init.toString());
        }
        if (distributed) {
            p.put("distributed", true);
        }
        p.put("inputs", String.join(",", fitted.names()));
        p.put("command", "sna " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        p.putIfAbsent("software", SnaCli.version());
        p.putIfAbsent("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return p;
    }

    /** Option defaults from {@link AlsConfig#defaults()}, so the CLI and the library agree. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec o)) {
                return null;
            }
            AlsConfig d = AlsConfig.defaults();
            return switch (o.longestName()) {
                case "--rank" -> d.rank() == AlsConfig.AUTO_RANK ? "auto" : Integer.toString(d.rank());
                // auto, unlike the library's fixed defaults: a few seconds buy the accurate model (orders of
                // magnitude on smooth data, see docs/BENCHMARKS.md), and the report lists what was tried
                case "--degree", "--knots" -> "auto";
                case "--validation" -> Double.toString(d.validationFraction());
                case "--seed" -> Long.toString(d.seed());
                default -> null;
            };
        }
    }
}
