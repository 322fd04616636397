package org.snauq.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snauq.als.AlsConfig;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a study file (DESIGN.md section 3) into a {@link Study}, checking every key before anything runs:
 * unknown, missing and mistyped keys, impossible values (sd &lt;= 0, lower &gt;= upper, probabilities outside
 * (0, 1), n &lt; 2, a Sobol' n that is not a power of two), names, and that the model block has exactly one
 * source. Whether the inputs match the model is checked when the model is obtained ({@link org.snauq.models.ModelLoader}).
 *
 * <p>Relative paths in the study (model files, data, output) resolve against a base folder, the working
 * directory of the command. YAML is read with SnakeYAML's safe constructor (plain maps, lists and scalars).
 */
public final class StudyParser {

    /** Study names become folder names and table values. */
    static final Pattern STUDY_NAME = Pattern.compile("[a-z0-9_-]+");

    /** Input names become expression variables and Parquet columns. */
    static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The default seed, so that a study without one is still reproducible. */
    static final long DEFAULT_SEED = 42L;

    /** Exact quantiles keep every sample; beyond this many (32 MiB of doubles) use the sketch. */
    public static final long EXACT_QUANTILE_LIMIT = 1L << 22;

    static final List<String> TOP_KEYS = List.of("name", "model", "inputs", "sampling", "statistics", "output",
            "domain-policy", "spark", "sweep");
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
        return parse(String.valueOf(file.getFileName()), readText(file), baseDir, file);
    }

    /**
     * Only the {@code inputs} list of a study file (for {@code sna generate --inputs}); the other keys must be
     * known study keys but are not checked further.
     */
    public static List<InputSpec> parseInputs(Path file) {
        String name = String.valueOf(file.getFileName());
        Object root = load(name, readText(file));
        if (root == null) {
            throw new StudyException(name + ": the file is empty");
        }
        return inputs(YamlFields.of(name, "", root, TOP_KEYS));
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StudyException(file + ": no such file");
        } catch (IOException e) {
            throw new StudyException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses study text; {@code fileName} prefixes the messages. */
    static Study parse(String fileName, String text, Path baseDir, Path file) {
        Object root = load(fileName, text);
        if (root == null) {
            throw new StudyException(fileName + ": the file is empty");
        }
        YamlFields top = YamlFields.of(fileName, "", root, TOP_KEYS);

        String studyName = top.string("name");
        if (!STUDY_NAME.matcher(studyName).matches()) {
            throw top.error("name", "must match " + STUDY_NAME.pattern(), studyName);
        }
        ModelSource model = model(top, baseDir);
        List<InputSpec> inputs = inputs(top);
        Sampling sampling = sampling(top);
        StatisticsSpec statistics = statistics(top, sampling);
        String output = Study.resolveOutput(top.string("output", "results/" + studyName), baseDir);
        DomainPolicy policy = domainPolicy(top);
        SparkSettings spark = spark(top);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) root;
        return new Study(file, studyName, model, inputs, sampling, statistics, output, policy, spark, parsed);
    }

    private static Object load(String fileName, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10); // a study has no use for alias bombs
        try {
            Yaml yaml = new Yaml(new SafeConstructor(options));
            List<Object> docs = new ArrayList<>();
            for (Object doc : yaml.loadAll(text)) {
                docs.add(doc);
            }
            if (docs.size() > 1) {
                throw new StudyException(fileName + ": holds " + docs.size() + " YAML documents, expected one");
            }
            return docs.isEmpty() ? null : docs.get(0);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new StudyException(fileName + ": malformed YAML" + where + ": " + oneLine(problem), e);
        } catch (YAMLException e) {
            throw new StudyException(fileName + ": malformed YAML: " + oneLine(e.getMessage()), e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
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
                String expr = m.string("expression");
                if (expr.isBlank()) {
                    throw m.error("expression", "is empty");
                }
                return new ModelSource.Expression(expr);
            }
            case "sna" -> {
                return new ModelSource.SnaFile(baseDir.resolve(m.string("sna")).normalize());
            }
            case "solve" -> {
                return new ModelSource.Solve(baseDir.resolve(m.string("solve")).normalize());
            }
            default -> {
                YamlFields t = m.mapping("train", TRAIN_KEYS);
                Path data = baseDir.resolve(t.string("data")).normalize();
                String response = t.string("response");
                int rank = 0;
                if (t.has("rank")) {
                    Object r = t.raw("rank");
                    if (!"auto".equals(r)) {
                        rank = t.smallInteger("rank", 0);
                        if (rank < 1) {
                            throw t.error("rank", "must be >= 1 or auto", r);
                        }
                    }
                }
                // absent or "auto": chosen by validation error (AlsRegression's resolution search)
                int degree = autoOrInteger(t, "degree");
                if (degree != AlsConfig.AUTO && degree < 1) {
                    throw t.error("degree", "must be >= 1", degree);
                }
                int knots = autoOrInteger(t, "knots");
                int least = degree == AlsConfig.AUTO ? 2 : degree + 1;
                if (knots != AlsConfig.AUTO && knots < least) {
                    throw t.error("knots", "must be >= degree + 1 = " + least, knots);
                }
                return new ModelSource.Train(data, response, rank, degree, knots);
            }
        }
    }

    private static List<InputSpec> inputs(YamlFields top) {
        List<Object> items = top.list("inputs");
        if (items.isEmpty()) {
            throw new StudyException(top.file() + ": inputs must list at least one input");
        }
        List<InputSpec> inputs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "inputs[" + i + "]";
            Object item = items.get(i);
            // the keys allowed depend on the family, so look at dist before checking keys
            String family = item instanceof Map<?, ?> raw && raw.get("dist") instanceof String s ? s : null;
            List<String> params = family == null ? null : InputFamilies.PARAMETERS.get(family);
            List<String> allowed = new ArrayList<>(List.of("name", "dist"));
            if (params != null) {
                allowed.addAll(params);
            } else if (item instanceof Map<?, ?> raw) {
                raw.keySet().forEach(k -> allowed.add(String.valueOf(k))); // dist is reported below
            }
            YamlFields in = YamlFields.of(top.file(), path, item, allowed);
            String name = in.string("name");
            if (!INPUT_NAME.matcher(name).matches()) {
                throw in.error("name", "must match " + INPUT_NAME.pattern(), name);
            }
            if (!seen.add(name)) {
                throw in.error("name", "repeats an earlier input", name);
            }
            String dist = in.string("dist");
            if (params == null) {
                throw in.error("dist", "must be one of " + String.join(", ", InputFamilies.PARAMETERS.keySet()), dist);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String p : params) {
                values.put(p, in.number(p));
            }
            InputSpec spec = new InputSpec(name, dist, values);
            try {
                Distributions.of(spec);
            } catch (IllegalArgumentException e) {
                throw new StudyException(top.file() + ": " + path + paramMessage(e.getMessage(), params, name), e);
            }
            inputs.add(spec);
        }
        return inputs;
    }

    /** Joins a distribution's message to the key path: ".sd must be > 0" or " (x2): ..." when it names no key. */
    private static String paramMessage(String message, List<String> params, String name) {
        String msg = oneLine(message);
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
        if (!Sampling.DESIGNS.contains(design)) {
            throw s.error("design", "must be one of " + String.join(", ", Sampling.DESIGNS), s.raw("design"));
        }
        long n = s.integer("n");
        if (n < 2) {
            throw s.error("n", "must be >= 2", n);
        }
        if (design.equals("sobol") && Long.bitCount(n) != 1) {
            throw s.error("n", "must be a power of two for the sobol design (e.g. " + Long.highestOneBit(n) + " or "
                    + (Long.highestOneBit(n) << 1) + ")", n);
        }
        long seed = s.integer("seed", DEFAULT_SEED);
        return new Sampling(design, n, seed);
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

    private static SparkSettings spark(YamlFields top) {
        if (!top.has("spark")) {
            return SparkSettings.defaults();
        }
        YamlFields s = top.mapping("spark", List.of("partitions"));
        int partitions = s.smallInteger("partitions", 0);
        if (partitions < 0) {
            throw s.error("partitions", "must be >= 0 (0 = automatic)", partitions);
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
