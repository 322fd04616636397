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

    /** Exact quantiles keep every sample; beyond this many (32 MiB of doubles) use the sketch. */
    public static final long EXACT_QUANTILE_LIMIT = 1L << 22;

    static final List<String> TOP_KEYS = List.of("name", "model", "inputs", "sampling", "statistics", "output",
            "domain-policy", "on-failure", "spark", "sweep");
    static final List<String> MODEL_KEYS = List.of("function", "expression", "sna", "train", "solve");
    static final List<String> TRAIN_KEYS = List.of("data", "response", "rank", "degree", "knots");
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
     * Only the {@code inputs} list of a study file (for {@code sna generate --inputs}); the other keys must be
     * known study keys but are not checked further.
     */
    public static List<InputSpec> parseInputs(Path file) {
        String name = String.valueOf(file.getFileName());
        return inputs(top(name, YamlLoader.read(file)));
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
        ModelSource model = model(top, baseDir);
        List<InputSpec> inputs = inputs(top);
        checkModelNames(top, model, inputs);
        Sampling sampling = sampling(top);
        SweepSpec sweep = top.has("sweep")
                ? SweepSpec.parse(top.mapping("sweep", SweepSpec.KEYS), names(inputs), sampling.n()) : null;
        if (sweep != null && top.has("statistics")) {
            throw top.error("statistics", "does not apply to a sweep, whose statistics are fixed (QoI moments,"
                    + " quantiles 5/50/95 % and the window probability): remove it");
        }
        StatisticsSpec statistics = statistics(top, sampling);
        String output = Study.resolveOutput(top.string("output", "results/" + studyName), baseDir);
        DomainPolicy policy = domainPolicy(top);
        FailurePolicy onFailure = failurePolicy(top, statistics);
        SparkSettings spark = spark(top);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) root;
        return new Study(file, studyName, model, inputs, sampling, statistics, output, policy, spark, parsed,
                onFailure, sweep);
    }

    private static ModelSource model(YamlFields top, Path baseDir) {
        YamlFields m = top.mapping("model", MODEL_KEYS);
        List<String> given = new ArrayList<>(m.keys());
        if (given.size() != 1) {
            throw new StudyException(m.file() + ": model must have exactly one of " + String.join(", ", MODEL_KEYS)
                    + ", got " + (given.isEmpty() ? "none" : String.join(", ", given)));
        }
        String key = given.get(0);
        switch (key) {
            case "function" -> {
                return new ModelSource.Function(m.string("function"));
            }
            case "expression" -> {
                return expression(m);
            }
            case "sna" -> {
                return new ModelSource.SnaFile(baseDir.resolve(m.string("sna")).normalize());
            }
            case "solve" -> {
                return new ModelSource.Solve(baseDir.resolve(m.string("solve")).normalize());
            }
            default -> {
                return train(m.mapping("train", TRAIN_KEYS), baseDir);
            }
        }
    }

    /** {@code expression: "formula"} (output y) or {@code expression: {out1: "formula", ...}}. */
    private static ModelSource.Expression expression(YamlFields m) {
        if (m.raw("expression") instanceof String text) {
            if (text.isBlank()) {
                throw m.error("expression", "is empty");
            }
            return new ModelSource.Expression(text);
        }
        if (!(m.raw("expression") instanceof Map<?, ?> raw)) {
            throw m.error("expression", "must be a formula or a mapping of output names to formulas",
                    m.raw("expression"));
        }
        YamlFields e = m.mapping("expression", raw.keySet().stream().map(String::valueOf).toList());
        if (e.keys().isEmpty()) {
            throw m.error("expression", "must name at least one output");
        }
        if (e.keys().size() > Limits.MAX_OUTPUTS) {
            throw m.error("expression", "must have at most " + Limits.MAX_OUTPUTS + " outputs", e.keys().size());
        }
        Map<String, String> formulas = new LinkedHashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (String output : e.keys()) {
            checkName(e, output, output, seen, "output");
            String formula = e.string(output);
            if (formula.isBlank()) {
                throw e.error(output, "is empty");
            }
            formulas.put(output, formula);
        }
        return new ModelSource.Expression(formulas);
    }

    private static ModelSource.Train train(YamlFields t, Path baseDir) {
        Path data = baseDir.resolve(t.string("data")).normalize();
        String response = t.string("response");
        checkName(t, "response", response, new HashMap<>(), "output");
        int rank = 0;
        if (t.has("rank")) {
            Object r = t.raw("rank");
            if (!"auto".equals(r)) {
                rank = t.smallInteger("rank", 0);
                if (rank < 1 || rank > Limits.MAX_RANK) {
                    throw t.error("rank", "must be auto or lie in [1, " + Limits.MAX_RANK + "]", r);
                }
            }
        }
        // absent or "auto": chosen by validation error (AlsRegression's resolution search)
        int degree = autoOrInteger(t, "degree");
        if (degree != AlsConfig.AUTO && (degree < 1 || degree > Limits.MAX_DEGREE)) {
            throw t.error("degree", "must be auto or lie in [1, " + Limits.MAX_DEGREE + "]", degree);
        }
        int knots = autoOrInteger(t, "knots");
        int least = degree == AlsConfig.AUTO ? 2 : degree + 1;
        if (knots != AlsConfig.AUTO && (knots < least || knots > Limits.MAX_KNOTS)) {
            throw t.error("knots", "must be auto or lie in [degree + 1 = " + least + ", " + Limits.MAX_KNOTS + "]",
                    knots);
        }
        return new ModelSource.Train(data, response, rank, degree, knots);
    }

    private static List<InputSpec> inputs(YamlFields top) {
        List<Object> items = top.list("inputs");
        if (items.isEmpty()) {
            throw new StudyException(top.file() + ": inputs must list at least one input");
        }
        if (items.size() > Limits.MAX_INPUTS) {
            throw top.error("inputs", "must list at most " + Limits.MAX_INPUTS + " inputs", items.size());
        }
        List<InputSpec> inputs = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "inputs[" + i + "]";
            Object item = items.get(i);
            // the keys allowed depend on the family, so look at dist before checking keys
            String name = item instanceof Map<?, ?> raw && raw.get("dist") instanceof String s ? s : null;
            DistributionFamily family = name != null && Distributions.families().contains(name)
                    ? Distributions.family(name) : null;
            List<String> allowed = new ArrayList<>(List.of("name", "dist"));
            if (family != null) {
                allowed.addAll(family.parameters());
            } else if (item instanceof Map<?, ?> raw) {
                raw.keySet().forEach(k -> allowed.add(String.valueOf(k))); // dist is reported below
            }
            YamlFields in = YamlFields.of(top.file(), path, item, allowed);
            String inputName = in.string("name");
            checkName(in, "name", inputName, seen, "input");
            String dist = in.string("dist");
            if (family == null || family.fromData()) {
                throw in.error("dist", "must be one of " + String.join(", ", Distributions.families().stream()
                        .filter(f -> !Distributions.family(f).fromData()).toList()), dist);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String p : family.parameters()) {
                if (in.has(p) || family.requiredParameters().contains(p)) {
                    values.put(p, in.number(p));
                }
            }
            InputSpec spec = new InputSpec(inputName, dist, values);
            try {
                Distributions.of(spec);
            } catch (IllegalArgumentException e) {
                throw new StudyException(top.file() + ": " + path + paramMessage(e.getMessage(), family.parameters(),
                        inputName), e);
            }
            inputs.add(spec);
        }
        return inputs;
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
        if (!(model instanceof ModelSource.Train t)) {
            return;
        }
        for (int i = 0; i < inputs.size(); i++) {
            String name = inputs.get(i).name();
            if (Limits.folded(t.response()).equals(Limits.folded(name))) {
                throw new StudyException(top.file() + ": model.train.response '" + t.response() + "' is also"
                        + " inputs[" + i + "] ('" + name + "'); the response cannot be an input");
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
        QuantileMethod method = d.quantileMethod();
        if (s.has("quantile-method")) {
            String m = s.string("quantile-method");
            method = switch (m) {
                case "sketch" -> QuantileMethod.SKETCH;
                case "exact" -> QuantileMethod.EXACT;
                default -> throw s.error("quantile-method", "must be sketch or exact", m);
            };
        }
        if (method == QuantileMethod.EXACT && sampling.n() > EXACT_QUANTILE_LIMIT) {
            throw s.error("quantile-method", "exact keeps every sample and allows n <= " + EXACT_QUANTILE_LIMIT
                    + " (use sketch)", sampling.n());
        }
        List<Double> exceedance = s.numbers("exceedance", d.exceedance());
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
        boolean analytic = s.bool("analytic", d.analytic());
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

    /** An integer key of {@code train:} that may also be {@code auto} (or absent): {@link AlsConfig#AUTO}. */
    private static int autoOrInteger(YamlFields t, String key) {
        if (!t.has(key) || "auto".equals(t.raw(key))) {
            return AlsConfig.AUTO;
        }
        return t.smallInteger(key, AlsConfig.AUTO);
    }
}
