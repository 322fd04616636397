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

/**
 * Reads a study's {@code model} block (DESIGN.md section 3, docs/SIMULATORS.md) into a {@link ModelSource}: exactly
 * one of {@link #KEYS}. External models (simulators: {@link #EXTERNAL_KEYS}) are read by {@link #external}, both as a
 * model and as the simulator of {@code train}; a new external kind adds its key there and one case to that method,
 * and reads the shared keys with {@link ExternalSpec#parse}.
 */
final class ModelSection {

    /** Models that are simulators: run outside sna's own code, on the executors. */
    static final List<String> EXTERNAL_KEYS = List.of("command", "java", UmBridgeSpec.KEY);
    static final List<String> KEYS = keys(List.of("function", "expression", "sna", "train", "solve"), EXTERNAL_KEYS);
    static final List<String> FIT_KEYS = List.of("response", "rank", "degree", "knots", "validation", "max-error",
            "init");
    static final List<String> COMMAND_KEYS = keys(List.of("run", "format", "worker", "files"), ExternalSpec.KEYS);
    static final List<String> JAVA_KEYS = List.of("class", "jar");
    /** Training design keys beside the simulator. */
    static final List<String> SIMULATE_KEYS = List.of("design", "n", "seed");
    /** A Java binary class name: dot-separated identifiers ({@code $} for nested classes). */
    static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    /** The line protocols of command models, the default first (models.LineFormat speaks them). */
    static final List<String> COMMAND_FORMATS = List.of("csv", "jsonl");
    /** Training runs of a simulator: the rows are fitted on the driver, in memory. */
    static final long MAX_TRAINING_RUNS = 1L << 24;

    private ModelSection() {
    }

    private static List<String> keys(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    static ModelSource parse(YamlFields top, Path baseDir) {
        YamlFields m = top.mapping("model", KEYS);
        String key = onlyKey(m, KEYS, "model");
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
            case "train" -> {
                return train(m, baseDir);
            }
            default -> {
                return external(m, key, baseDir);
            }
        }
    }

    /** The one key of {@code m}, which must be one of {@code allowed}. */
    private static String onlyKey(YamlFields m, List<String> allowed, String what) {
        List<String> given = new ArrayList<>(m.keys());
        if (given.size() != 1) {
            throw new StudyException(m.file() + ": " + what + " must have exactly one of " + String.join(", ", allowed)
                    + ", got " + (given.isEmpty() ? "none" : String.join(", ", given)));
        }
        return given.get(0);
    }

    /** An external model under {@code key} of {@code m}: {@code command}, {@code java}. */
    static ModelSource external(YamlFields m, String key, Path baseDir) {
        return switch (key) {
            case "command" -> command(m, baseDir);
            case "java" -> java(m.mapping("java", JAVA_KEYS), baseDir);
            case UmBridgeSpec.KEY -> new ModelSource.UmBridge(UmBridgeSpec.parse(m));
            default -> throw m.error(key, "is not a simulator (one of " + String.join(", ", EXTERNAL_KEYS) + ")");
        };
    }

    /**
     * {@code command: [program, args...]} (one output {@code y}, the defaults), or {@code command: {run: [...],
     * outputs, format, worker, files, timeout, retries, batch}}. A program given as a path (it has a {@code /}) is
     * resolved against the base folder; a bare name is looked up on the PATH of each machine.
     */
    private static ModelSource.Command command(YamlFields m, Path baseDir) {
        YamlFields c;
        List<Object> run;
        if (m.raw("command") instanceof List<?>) {
            c = null;
            run = m.list("command");
        } else {
            c = m.mapping("command", COMMAND_KEYS);
            run = c.list("run");
        }
        YamlFields at = c == null ? m : c;
        String runKey = c == null ? "command" : "run";
        if (run.isEmpty()) {
            throw at.error(runKey, "must name the program (then its arguments)");
        }
        if (run.size() > Limits.MAX_LIST) {
            throw at.error(runKey, "must have at most " + Limits.MAX_LIST + " words", run.size() + " words");
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            Object w = run.get(i);
            String key = runKey + "[" + i + "]";
            if (!(w instanceof String || w instanceof Integer || w instanceof Long)) {
                throw at.error(key, "must be text (quote it: '...')", w);
            }
            String word = String.valueOf(w);
            if (word.isEmpty() || word.indexOf('\u0000') >= 0) {
                throw at.error(key, "must be a non-empty word without NUL characters", w);
            }
            words.add(i == 0 && word.contains("/") ? baseDir.resolve(word).normalize().toString() : word);
        }
        if (c == null) {
            return new ModelSource.Command(words, List.of(), COMMAND_FORMATS.get(0), false,
                    ExternalSpec.of(List.of(ModelSource.Expression.DEFAULT_OUTPUT)));
        }
        String format = c.string("format", COMMAND_FORMATS.get(0));
        if (!COMMAND_FORMATS.contains(format)) {
            throw c.error("format", "must be one of " + String.join(", ", COMMAND_FORMATS), format);
        }
        boolean worker = c.bool("worker", false);
        List<Path> files = new ArrayList<>();
        if (c.has("files")) {
            List<Object> items = c.list("files");
            if (items.size() > Limits.MAX_LIST) {
                throw c.error("files", "must list at most " + Limits.MAX_LIST + " files", items.size() + " files");
            }
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof String f) || f.isEmpty()) {
                    throw c.error("files[" + i + "]", "must be a path", items.get(i));
                }
                files.add(baseDir.resolve(f).normalize());
            }
        }
        ExternalSpec spec = ExternalSpec.parse(c, List.of(ModelSource.Expression.DEFAULT_OUTPUT));
        return new ModelSource.Command(words, files, format, worker, spec);
    }

    private static ModelSource.Java java(YamlFields j, Path baseDir) {
        String className = j.string("class");
        if (!CLASS_NAME.matcher(className).matches() || className.length() > 1000) {
            throw j.error("class", "must be a Java class name such as com.example.MyModel", className);
        }
        Path jar = j.has("jar") ? baseDir.resolve(j.string("jar")).normalize() : null;
        return new ModelSource.Java(className, jar);
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
            StudyParser.checkName(e, output, output, seen, "output");
            String formula = e.string(output);
            if (formula.isBlank()) {
                throw e.error(output, "is empty");
            }
            formulas.put(output, formula);
        }
        return new ModelSource.Expression(formulas);
    }

    /**
     * {@code train: {data: FILE, response: y | [a, b], ...}} or {@code train: {simulator: {command: ...}, design: lhs,
     * n: 500, seed: 1, response: ..., ...}}, with the fit's keys (rank, degree, knots, validation, max-error,
     * init).
     */
    private static ModelSource train(YamlFields m, Path baseDir) {
        Object raw = m.raw("train");
        boolean simulated = raw instanceof Map<?, ?> map && map.containsKey("simulator");
        List<String> allowed = new ArrayList<>(FIT_KEYS);
        allowed.addAll(simulated ? List.of("simulator") : List.of("data"));
        if (simulated) {
            allowed.addAll(SIMULATE_KEYS);
        }
        YamlFields t = m.mapping("train", allowed);
        List<String> responses = responses(t, !simulated);
        ModelSource.Fit fit = fit(t, baseDir);
        if (!simulated) {
            return new ModelSource.Train(baseDir.resolve(t.string("data")).normalize(), responses, fit);
        }
        YamlFields s = t.mapping("simulator", EXTERNAL_KEYS);
        ModelSource simulator = external(s, onlyKey(s, EXTERNAL_KEYS, "model.train.simulator"), baseDir);
        String design = t.string("design", "lhs").toLowerCase(Locale.ROOT);
        if (!SamplingDesigns.NAMES.contains(design)) {
            throw t.error("design", "must be one of " + String.join(", ", SamplingDesigns.NAMES), t.raw("design"));
        }
        long n = t.integer("n");
        if (n > MAX_TRAINING_RUNS) {
            throw t.error("n", "must be <= " + MAX_TRAINING_RUNS + " (2^24: the runs are fitted in the driver's"
                    + " memory)", n);
        }
        Sampling sampling;
        try {
            sampling = new Sampling(design, n, t.integer("seed", StudyParser.DEFAULT_SEED));
        } catch (BadInputException e) {
            throw new StudyException(t.file() + ": " + t.pathOf(e.getMessage()), e); // "n must be ..."
        }
        return new ModelSource.Simulate(simulator, sampling, responses, fit);
    }

    /** {@code response: y} or {@code [a, b]}; required with data, else optional (empty: every output). */
    private static List<String> responses(YamlFields t, boolean required) {
        return !required && !t.has("response") ? List.of() : StudyParser.outputNames(t, "response");
    }

    private static ModelSource.Fit fit(YamlFields t, Path baseDir) {
        int rank = 0;
        if (t.has("rank") && !"auto".equals(t.raw("rank"))) {
            rank = t.smallInteger("rank", 0);
            if (rank < 1 || rank > Limits.MAX_RANK) {
                throw t.error("rank", "must be auto or lie in [1, " + Limits.MAX_RANK + "]", t.raw("rank"));
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
        double validation = t.number("validation", ModelSource.Fit.VALIDATION);
        if (!(validation > 0 && validation < 1)) {
            throw t.error("validation", "must lie in (0, 1)", t.raw("validation"));
        }
        double maxError = Double.POSITIVE_INFINITY;
        if (t.has("max-error")) {
            maxError = t.number("max-error");
            if (!(maxError > 0)) {
                throw t.error("max-error", "must be > 0 (a relative RMSE on the validation rows)",
                        t.raw("max-error"));
            }
        }
        // read by the trainer, before the data or the simulator runs: the file's problems are the model's
        Path init = t.has("init") ? baseDir.resolve(t.string("init")).normalize() : null;
        return new ModelSource.Fit(rank, degree, knots, validation, maxError, init);
    }

    /** An integer key of {@code train:} that may also be {@code auto} (or absent): {@link AlsConfig#AUTO}. */
    private static int autoOrInteger(YamlFields t, String key) {
        if (!t.has(key) || "auto".equals(t.raw(key))) {
            return AlsConfig.AUTO;
        }
        return t.smallInteger(key, AlsConfig.AUTO);
    }
}
