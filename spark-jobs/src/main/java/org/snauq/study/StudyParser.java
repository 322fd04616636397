package org.snauq.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.snauq.als.AlsConfig;
import org.snauq.design.SamplingDesigns;
import org.snauq.dist.DistributionFamily;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;

/**
 * Reads a study file (DESIGN.md section 3) into a {@link Study}, checking every key before anything runs:
 * unknown, missing and mistyped keys, impossible values (sd &lt;= 0, lower &gt;= upper, probabilities outside
 * (0, 1), n &lt; 2, a Sobol' n that is not a power of two), the {@link Limits} the code can honour, names (valid,
 * distinct in any case, not a reserved column, a training response that is not an input), the sweep block, and that the model block has exactly one source. Whether the
 * inputs match the model is checked when the model is obtained ({@code org.snauq.models.ModelLoader}).
 *
 * <p>Relative paths in the study (model files, data, output) resolve against a base folder, the working
 * directory of the command. The file is read by {@link YamlLoader}. Families and designs come from sna-core
 * ({@link Distributions#family(String)}, {@link SamplingDesigns}).
 */
public final class StudyParser {

    /** Study names become folder names and table values. */
    static final Pattern STUDY_NAME = Pattern.compile("[a-z0-9_-]+");

    /** The default seed, so that a study without one is still reproducible. */
    static final long DEFAULT_SEED = 42L;

    /** Exact quantiles keep every sample; beyond this many (32 MiB of doubles) use two-pass. */
    public static final long EXACT_QUANTILE_LIMIT = 1L << 22;

    static final List<String> TOP_KEYS = List.of("name", "model", "inputs", "sampling", "statistics", "output",
            "domain-policy", "on-failure", "spark", "sweep", "correlation", Units.MAPPING);
    static final List<String> SAMPLING_KEYS = List.of("design", "n", "seed");
    static final List<String> STATISTICS_KEYS = List.of("moments", "quantiles", "quantile-method", "exceedance",
            "histogram", "sobol", "analytic", "keep-samples");

    private StudyParser() {
    }

    /**
     * Parses and validates {@code file}.
     *
     * @param file    the study file
     * @param baseDir the folder relative paths resolve against (the working directory)
     * @throws StudyException with a one-line message naming the file and the key
     */
    public static Study parse(Path file, Path baseDir) {
        return parse(String.valueOf(file.getFileName()), YamlLoader.readText(file), baseDir, file);
    }

    /**
     * Only the {@code inputs} list of a study file and their {@code correlation} (for {@code sna generate --inputs});
     * the other keys must be known study keys but are not checked further.
     *
     * @param baseDir the folder the data files of inputs built from data resolve against
     */
    public static Inputs parseInputs(Path file, Path baseDir) {
        String name = String.valueOf(file.getFileName());
        YamlFields top = top(name, YamlLoader.read(file));
        List<DataColumn> data = new ArrayList<>();
        List<InputSpec> inputs = inputs(top, baseDir, data);
        return new Inputs(inputs, Correlation.parse(top, inputs), data);
    }

    /**
     * Only the {@code model} section of a study file (for {@code sna generate --inputs} without a model option),
     * checked as {@link #parse} checks it; the other keys must be known study keys but are not checked further.
     *
     * @param baseDir the folder the model's files resolve against
     * @return the model, or null when the file has no {@code model} section
     */
    public static ModelSource parseModel(Path file, Path baseDir) {
        YamlFields top = top(String.valueOf(file.getFileName()), YamlLoader.read(file));
        if (!top.has("model")) {
            return null;
        }
        ModelSource model = ModelSection.parse(top, baseDir);
        checkModelNames(top, model, inputs(top, baseDir, new ArrayList<>()));
        return model;
    }

    /**
     * A study's inputs without the rest of it.
     *
     * @param inputs      the inputs, in order
     * @param correlation their dependence, or null when independent
     * @param dataColumns where inputs built from data take their values
     */
    public record Inputs(List<InputSpec> inputs, Correlation correlation, List<DataColumn> dataColumns) {
    }

    private static YamlFields top(String fileName, Object root) {
        if (root == null) {
            throw new StudyException(fileName + ": the file is empty");
        }
        return YamlFields.of(fileName, "", root, TOP_KEYS);
    }

    /** Parses study text; {@code fileName} prefixes the messages. */
    static Study parse(String fileName, String text, Path baseDir, Path file) {
        Object root = YamlLoader.load(fileName, text);
        YamlFields top = top(fileName, root);

        String studyName = top.string("name");
        if (!STUDY_NAME.matcher(studyName).matches() || studyName.length() > Limits.MAX_NAME_LENGTH) {
            throw top.error("name", "must match " + STUDY_NAME.pattern() + " with at most " + Limits.MAX_NAME_LENGTH
                    + " characters", studyName);
        }
        ModelSource model = ModelSection.parse(top, baseDir);
        List<DataColumn> dataColumns = new ArrayList<>();
        List<InputSpec> inputs = inputs(top, baseDir, dataColumns);
        Correlation correlation = Correlation.parse(top, inputs);
        Units.check(top);
        checkModelNames(top, model, inputs);
        Sampling sampling = sampling(top);
        SweepSpec sweep = top.has("sweep")
                ? SweepSpec.parse(top.mapping("sweep", SweepSpec.KEYS), names(inputs), sampling.n(), baseDir) : null;
        if (sweep != null && top.has("statistics")) {
            throw top.error("statistics", "does not apply to a sweep, whose statistics are fixed (QoI moments,"
                    + " quantiles 5/50/95 % and the window probability): remove it");
        }
        StatisticsSpec statistics = statistics(top, sampling);
        statistics = checkDependence(top, correlation, statistics, sweep);
        String output = Study.resolveOutput(top.string("output", "results/" + studyName), baseDir);
        DomainPolicy policy = domainPolicy(top);
        FailurePolicy onFailure = failurePolicy(top, statistics);
        SparkSettings spark = spark(top);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) root;
        return new Study(file, studyName, model, inputs, sampling, statistics, output, policy, spark, parsed,
                onFailure, sweep, correlation, dataColumns);
    }

    /**
     * Dependent inputs: Sobol' indices (pick-freeze, and closed-form rows) assume independent inputs, and are not
     * defined otherwise; a sweep adds its design inputs to the inputs the matrix was written for. The closed-form rows,
     * on by default, are then off unless asked for (which is refused).
     */
    private static StatisticsSpec checkDependence(YamlFields top, Correlation correlation, StatisticsSpec statistics,
                                                  SweepSpec sweep) {
        if (correlation == null) {
            return statistics;
        }
        if (statistics.sobol()) {
            throw new StudyException(top.file() + ": statistics.sobol: Sobol' indices assume independent inputs and"
                    + " are not defined with a correlation (remove one of them)");
        }
        if (statistics.analyticRows() == StatisticsSpec.Analytic.REQUIRED) {
            throw new StudyException(top.file() + ": statistics.analytic: the closed-form rows assume independent"
                    + " inputs, and the study has a correlation (remove one of them)");
        }
        if (sweep != null) {
            throw new StudyException(top.file() + ": correlation: a sweep cannot correlate its inputs yet (remove"
                    + " the correlation)");
        }
        return new StatisticsSpec(statistics.moments(), statistics.quantiles(), statistics.quantileMethod(),
                statistics.exceedance(), statistics.histogramBins(), statistics.sobol(), statistics.confidence(),
                StatisticsSpec.Analytic.OFF, statistics.keepSamples());
    }

    private static List<InputSpec> inputs(YamlFields top, Path baseDir, List<DataColumn> dataColumns) {
        return inputList(top, "inputs", "input", baseDir, dataColumns);
    }

    /**
     * The list under {@code key} of named laws written as the study's inputs (an inversion's {@code unknowns}
     * too); {@code noun} names one entry in messages. An entry built from data ({@code empirical}, {@code kde})
     * names its {@code file} (resolved against {@code baseDir}) and {@code column} (default: its name), added to
     * {@code dataColumns}; its values are read later, so its InputSpec has no data yet.
     */
    static List<InputSpec> inputList(YamlFields top, String key, String noun, Path baseDir,
                                     List<DataColumn> dataColumns) {
        List<Object> items = top.list(key);
        if (items.isEmpty()) {
            throw new StudyException(top.file() + ": " + key + " must list at least one " + noun);
        }
        if (items.size() > Limits.MAX_INPUTS) {
            throw top.error(key, "must list at most " + Limits.MAX_INPUTS + " " + noun + "s", items.size());
        }
        List<InputSpec> inputs = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = key + "[" + i + "]";
            Object item = items.get(i);
            // the keys allowed depend on the family, so look at dist before checking keys
            String name = item instanceof Map<?, ?> raw && raw.get("dist") instanceof String s ? s : null;
            DistributionFamily family = name != null && Distributions.families().contains(name)
                    ? Distributions.family(name) : null;
            List<String> allowed = new ArrayList<>(List.of("name", "dist", Units.KEY));
            if (family != null) {
                allowed.addAll(family.parameters());
                if (family.fromData()) {
                    allowed.addAll(DataColumn.KEYS);
                }
            } else if (item instanceof Map<?, ?> raw) {
                raw.keySet().forEach(k -> allowed.add(String.valueOf(k))); // dist is reported below
            }
            YamlFields in = YamlFields.of(top.file(), path, item, allowed);
            String inputName = in.string("name");
            checkName(in, "name", inputName, seen, noun);
            String dist = in.string("dist");
            Units.unit(in, Units.KEY);
            if (family == null) {
                throw in.error("dist", "must be one of " + String.join(", ", Distributions.families()), dist);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String p : family.parameters()) {
                if (in.has(p) || family.requiredParameters().contains(p)) {
                    values.put(p, in.number(p));
                }
            }
            InputSpec spec = new InputSpec(inputName, dist, values);
            try {
                if (family.fromData()) {
                    family.check(values); // the values are read later
                    String column = in.string("column", inputName);
                    if (column.isEmpty()) {
                        throw in.error("column", "must name a column");
                    }
                    dataColumns.add(new DataColumn(i, baseDir.resolve(in.string("file")).normalize(), column));
                } else {
                    Distributions.of(spec);
                }
            } catch (IllegalArgumentException e) {
                throw new StudyException(top.file() + ": " + path + paramMessage(e.getMessage(), family.parameters(),
                        inputName), e);
            }
            inputs.add(spec);
        }
        return inputs;
    }

    /** A statistic's keys are a table's keys: a repeated value would give two identical rows. */
    private static void checkDistinct(YamlFields s, String key, List<Double> values) {
        for (int i = 0; i < values.size(); i++) {
            int first = values.indexOf(values.get(i));
            if (first < i) {
                throw s.error(key + "[" + i + "]", "repeats " + key + "[" + first + "]", values.get(i));
            }
        }
    }

    /**
     * Output names under {@code key}: one name, or a list of at most {@link Limits#MAX_OUTPUTS}, each checked by
     * {@link #checkName} (a response or an external model's outputs).
     */
    static List<String> outputNames(YamlFields f, String key) {
        Object raw = f.require(key);
        List<Object> items = raw instanceof List<?> l ? new ArrayList<>(l) : List.of(raw);
        if (items.isEmpty()) {
            throw f.error(key, "must name at least one output");
        }
        if (items.size() > Limits.MAX_OUTPUTS) {
            throw f.error(key, "must name at most " + Limits.MAX_OUTPUTS + " outputs", items.size());
        }
        List<String> names = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String at = raw instanceof List<?> ? key + "[" + i + "]" : key;
            if (!(items.get(i) instanceof String name)) {
                throw f.error(at, "must be a name", items.get(i));
            }
            checkName(f, at, name, seen, "output");
            names.add(name);
        }
        return names;
    }

    /**
     * Checks an input or output name: an identifier of at most {@link Limits#MAX_NAME_LENGTH} characters, not a
     * reserved column, and distinct in any case from the names in {@code seen} (folded name to the name as
     * written), to which it is added.
     */
    static void checkName(YamlFields f, String key, String name, Map<String, String> seen, String what) {
        String problem = Limits.nameProblem(name);
        if (problem != null) {
            throw f.error(key, problem, name);
        }
        String earlier = seen.putIfAbsent(Limits.folded(name), name);
        if (earlier != null) {
            throw f.error(key, earlier.equals(name) ? "repeats an earlier " + what
                    : "differs from the earlier " + what + " '" + earlier + "' only in case", name);
        }
    }

    /**
     * A training response that is also an input (in any case) is refused here, before any data is read; the other
     * outputs are checked against the inputs when the model is obtained, for every model source.
     */
    private static void checkModelNames(YamlFields top, ModelSource model, List<InputSpec> inputs) {
        List<String> responses = model instanceof ModelSource.Train t ? t.responses()
                : model instanceof ModelSource.Simulate s ? s.responses() : List.of();
        for (String response : responses) {
            for (int i = 0; i < inputs.size(); i++) {
                String name = inputs.get(i).name();
                if (Limits.folded(response).equals(Limits.folded(name))) {
                    throw new StudyException(top.file() + ": model.train.response '" + response + "' is also"
                            + " inputs[" + i + "] ('" + name + "'); the response cannot be an input");
                }
            }
        }
    }

    static List<String> names(List<InputSpec> inputs) {
        return inputs.stream().map(InputSpec::name).toList();
    }

    /** Joins a distribution's message to the key path: ".sd must be > 0" or " (x2): ..." when it names no key. */
    private static String paramMessage(String message, List<String> params, String name) {
        String msg = YamlLoader.oneLine(message);
        for (String p : params) {
            if (msg.startsWith(p + " ")) {
                return "." + msg;
            }
        }
        return " (" + name + "): " + msg;
    }

    private static Sampling sampling(YamlFields top) {
        YamlFields s = top.mapping("sampling", SAMPLING_KEYS);
        String design = s.string("design").toLowerCase(Locale.ROOT);
        if (!SamplingDesigns.NAMES.contains(design)) {
            throw s.error("design", "must be one of " + String.join(", ", SamplingDesigns.NAMES), s.raw("design"));
        }
        long n = s.integer("n");
        long seed = s.integer("seed", DEFAULT_SEED);
        try {
            return new Sampling(design, n, seed);
        } catch (BadInputException e) {
            throw new StudyException(s.file() + ": " + s.pathOf(e.getMessage()), e); // "n must be ..."
        }
    }

    private static StatisticsSpec statistics(YamlFields top, Sampling sampling) {
        StatisticsSpec d = StatisticsSpec.defaults();
        if (!top.has("statistics")) {
            return d;
        }
        YamlFields s = top.mapping("statistics", STATISTICS_KEYS);
        boolean moments = s.bool("moments", d.moments());
        List<Double> quantiles = s.numbers("quantiles", d.quantiles());
        for (int i = 0; i < quantiles.size(); i++) {
            double p = quantiles.get(i);
            if (!(p > 0 && p < 1)) {
                throw s.error("quantiles[" + i + "]", "must lie in (0, 1)", p);
            }
        }
        checkDistinct(s, "quantiles", quantiles);
        QuantileMethod method = d.quantileMethod();
        if (s.has("quantile-method")) {
            String m = s.string("quantile-method");
            method = QuantileMethod.ofKey(m);
            if (method == null) {
                throw s.error("quantile-method", "must be one of " + String.join(", ", QuantileMethod.keys()), m);
            }
        }
        if (method == QuantileMethod.EXACT && sampling.n() > EXACT_QUANTILE_LIMIT) {
            throw s.error("quantile-method", "exact keeps every sample and allows n <= " + EXACT_QUANTILE_LIMIT
                    + " (two-pass, the default, is exact at any n)", sampling.n());
        }
        List<Double> exceedance = s.numbers("exceedance", d.exceedance());
        checkDistinct(s, "exceedance", exceedance);
        int bins = d.histogramBins();
        if (s.has("histogram")) {
            Object h = s.raw("histogram");
            if (Boolean.FALSE.equals(h)) {
                bins = 0;
            } else if (!Boolean.TRUE.equals(h)) {
                YamlFields hf = s.mapping("histogram", List.of("bins"));
                bins = hf.smallInteger("bins", d.histogramBins());
                if (bins < 1 || bins > 100_000) {
                    throw hf.error("bins", "must lie in [1, 100000]", bins);
                }
            }
        }
        boolean sobol = d.sobol();
        double confidence = d.confidence();
        if (s.has("sobol")) {
            Object v = s.raw("sobol");
            if (v instanceof Boolean b) {
                sobol = b;
            } else {
                YamlFields sf = s.mapping("sobol", List.of("enabled", "confidence"));
                sobol = sf.bool("enabled", true);
                confidence = sf.number("confidence", confidence);
                if (!(confidence > 0 && confidence < 1)) {
                    throw sf.error("confidence", "must lie in (0, 1)", confidence);
                }
            }
        }
        StatisticsSpec.Analytic analytic = !s.has("analytic") ? d.analyticRows() : s.bool("analytic", true)
                ? StatisticsSpec.Analytic.REQUIRED : StatisticsSpec.Analytic.OFF;
        boolean keep = s.bool("keep-samples", d.keepSamples());
        return new StatisticsSpec(moments, quantiles, method, exceedance, bins, sobol, confidence, analytic, keep);
    }

    private static DomainPolicy domainPolicy(YamlFields top) {
        String v = top.string("domain-policy", "error");
        return switch (v) {
            case "error" -> DomainPolicy.ERROR;
            case "clamp" -> DomainPolicy.CLAMP;
            default -> throw top.error("domain-policy", "must be error or clamp", v);
        };
    }

    /** {@code on-failure: error | skip}; skipping is refused for Sobol' indices (a hole breaks pick-freeze). */
    private static FailurePolicy failurePolicy(YamlFields top, StatisticsSpec statistics) {
        String v = top.string("on-failure", "error");
        FailurePolicy policy = switch (v) {
            case "error" -> FailurePolicy.ERROR;
            case "skip" -> FailurePolicy.SKIP;
            default -> throw top.error("on-failure", "must be error or skip", v);
        };
        if (policy == FailurePolicy.SKIP && statistics.sobol()) {
            throw top.error("on-failure", "skip cannot be used with statistics.sobol: a sample left out breaks the"
                    + " pick-freeze estimator (use on-failure: error)");
        }
        return policy;
    }

    private static SparkSettings spark(YamlFields top) {
        if (!top.has("spark")) {
            return SparkSettings.defaults();
        }
        YamlFields s = top.mapping("spark", List.of("partitions"));
        int partitions = s.smallInteger("partitions", 0);
        if (partitions < 0 || partitions > Limits.MAX_PARTITIONS) {
            throw s.error("partitions", "must lie in [0, " + Limits.MAX_PARTITIONS + "] (0 = automatic)",
                    s.raw("partitions"));
        }
        return new SparkSettings(partitions);
    }
}
