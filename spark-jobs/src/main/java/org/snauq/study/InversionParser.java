package org.snauq.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snauq.dist.InputSpec;
import org.snauq.inverse.Prior;

/**
 * Reads an inversion file of {@code sna invert} into an {@link InversionSpec}, checking every key before anything
 * runs: unknown, missing and mistyped keys; the unknowns' priors (any law of the study's inputs but constant);
 * names (identifiers, distinct in any case, an input either unknown or known); each observation is a melt-pool QoI
 * (with a {@code material} only) or a point, its noise an sd &gt; 0 or a relative error &gt; 0; the inversion
 * settings and their limits. File layout (README, conf/inversions/):
 *
 * <pre>
 * name: inconel718-absorptivity
 * material: inconel718                 # optional: the LPBF case (inputs eta, s, P, v, rb, beta)
 * unknowns:                            # priors: any law of the study's inputs
 *   - {name: eta, dist: uniform, lower: 0.25, upper: 0.45}
 * known: {s: 1, P: 285, v: 0.96, rb: 5.0e-5, beta: 0}
 * noise: {relative: 0.01}              # the default noise: {sd: S} or {relative: R}
 * model-error: {relative: 0.005}       # optional: the model's own error, added to the noise in quadrature
 * observations:
 *   - {name: peak, qoi: peak, value: 11924}                        # K; lengths in m
 *   - {name: t1, at: {x: -22, y: 0, z: 0}, value: 1021, noise: {sd: 10}}
 * inversion: {starts: 4, max-iterations: 100, samples: 10000, chains: 4, burn-in: 1000, seed: 42,
 *             keep-samples: true}
 * output: results/inconel718-absorptivity
 * spark: {partitions: 0}
 * </pre>
 *
 * Relative paths resolve against the working folder, as in study files.
 */
public final class InversionParser {

    static final List<String> TOP_KEYS = List.of("name", "material", "unknowns", "known", "noise", "model-error",
            "observations", "inversion", "output", "spark");
    static final List<String> OBSERVATION_KEYS = List.of("name", "qoi", "at", "value", "noise", "model-error");
    static final List<String> NOISE_KEYS = List.of("sd", "relative");
    static final List<String> SETTINGS_KEYS = List.of("starts", "max-iterations", "samples", "chains", "burn-in",
            "seed", "keep-samples");
    /** Columns of the posterior table beside the unknowns'. */
    static final List<String> POSTERIOR_KEYS = List.of(InversionSpec.OBSERVATION_ID, "chain", "draw");
    /** Posterior draws per observation set: one set's draws are held on the driver as table rows. */
    public static final int MAX_SAMPLES = 1_000_000;
    static final int MAX_STARTS = 1000;
    static final int MAX_ITERATIONS = 100_000;
    static final int MAX_CHAINS = 64;
    static final int MAX_BURN_IN = 1_000_000;
    /** 4 starts, 100 iterations, 10,000 draws over 4 chains after 1,000 burn-in draws each (phase 1's defaults). */
    static final InversionSpec.Settings DEFAULTS = new InversionSpec.Settings(4, 100, 10_000, 4, 1_000,
            StudyParser.DEFAULT_SEED, true);

    private InversionParser() {
    }

    /**
     * Parses and validates {@code file}.
     *
     * @param baseDir the folder relative paths resolve against (the working directory)
     * @throws StudyException with a one-line message naming the file and the key
     */
    public static InversionSpec parse(Path file, Path baseDir) {
        String fileName = String.valueOf(file.getFileName());
        Object root = YamlLoader.load(fileName, YamlLoader.readText(file));
        if (root == null) {
            throw new StudyException(fileName + ": the file is empty");
        }
        YamlFields top = YamlFields.of(fileName, "", root, TOP_KEYS);
        String name = top.string("name");
        if (!StudyParser.STUDY_NAME.matcher(name).matches() || name.length() > Limits.MAX_NAME_LENGTH) {
            throw top.error("name", "must match " + StudyParser.STUDY_NAME.pattern() + " with at most "
                    + Limits.MAX_NAME_LENGTH + " characters", name);
        }
        MaterialSpec material = top.has("material") ? MaterialSpec.parse(top, "material", baseDir) : null;
        List<DataColumn> dataLaws = new ArrayList<>();
        List<InputSpec> unknowns = StudyParser.inputList(top, "unknowns", "unknown", baseDir, dataLaws);
        if (!dataLaws.isEmpty()) {
            int i = dataLaws.get(0).input();
            throw new StudyException(fileName + ": unknowns[" + i + "].dist: a prior must be a parametric law, got '"
                    + unknowns.get(i).dist() + "'");
        }
        for (int i = 0; i < unknowns.size(); i++) {
            if (POSTERIOR_KEYS.contains(Limits.folded(unknowns.get(i).name()))) {
                throw new StudyException(fileName + ": unknowns[" + i + "].name is a column of the posterior table ("
                        + String.join(", ", POSTERIOR_KEYS) + "), got '" + unknowns.get(i).name() + "'");
            }
            try {
                Prior.of(unknowns.get(i));
            } catch (IllegalArgumentException e) {
                throw new StudyException(fileName + ": unknowns[" + i + "].dist: " + e.getMessage(), e);
            }
        }
        Map<String, String> seen = new HashMap<>();
        unknowns.forEach(u -> seen.put(Limits.folded(u.name()), u.name()));
        Map<String, Double> known = known(top, seen);
        double[] noise = top.has("noise") ? noise(top, "noise") : null;
        double[] modelError = top.has("model-error") ? noise(top, "model-error") : new double[] {Double.NaN,
            Double.NaN};
        List<InversionSpec.Observation> observations = observations(top, noise, modelError, material != null);
        InversionSpec.Settings settings = top.has("inversion") ? settings(top.mapping("inversion", SETTINGS_KEYS))
                : DEFAULTS;
        String output = Study.resolveOutput(top.string("output", "results/" + name), baseDir);
        SparkSettings spark = SparkSettings.defaults();
        if (top.has("spark")) {
            YamlFields s = top.mapping("spark", List.of("partitions"));
            int partitions = s.smallInteger("partitions", 0);
            if (partitions < 0 || partitions > Limits.MAX_PARTITIONS) {
                throw s.error("partitions", "must lie in [0, " + Limits.MAX_PARTITIONS + "] (0 = automatic)",
                        s.raw("partitions"));
            }
            spark = new SparkSettings(partitions);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) root;
        return new InversionSpec(file, name, material, unknowns, known, observations, settings, output, spark,
                parsed);
    }

    /** {@code known: {name: value, ...}}: inputs that are not unknown, each a finite number. */
    private static Map<String, Double> known(YamlFields top, Map<String, String> seen) {
        Map<String, Double> known = new LinkedHashMap<>();
        if (!top.has("known")) {
            return known;
        }
        Object raw = top.require("known");
        if (!(raw instanceof Map<?, ?> m)) {
            throw top.error("known", "must be a mapping of input names to values", raw);
        }
        YamlFields k = top.mapping("known", m.keySet().stream().map(String::valueOf).toList());
        for (String name : k.keys()) {
            String earlier = seen.get(Limits.folded(name));
            if (earlier != null) {
                throw k.error(name, "is also an unknown" + (earlier.equals(name) ? "" : " ('" + earlier + "')")
                        + "; an input is either unknown or known");
            }
            StudyParser.checkName(k, name, name, seen, "input");
            known.put(name, k.number(name));
        }
        return known;
    }

    /** {@code key: {sd: S} | {relative: R}} as {sd, relative}: exactly one finite and &gt; 0, the other NaN. */
    private static double[] noise(YamlFields parent, String key) {
        YamlFields n = parent.mapping(key, NOISE_KEYS);
        if (n.has("sd") == n.has("relative")) {
            throw parent.error(key, "must give exactly one of sd (Gaussian, absolute) or relative (sd = relative"
                    + " x |observed|)");
        }
        String which = n.has("sd") ? "sd" : "relative";
        double v = n.number(which);
        if (!(v > 0)) {
            throw n.error(which, "must be > 0", v);
        }
        return which.equals("sd") ? new double[] {v, Double.NaN} : new double[] {Double.NaN, v};
    }

    private static List<InversionSpec.Observation> observations(YamlFields top, double[] defaultNoise,
                                                                double[] defaultModelError, boolean lpbf) {
        List<Object> items = top.list("observations");
        if (items.isEmpty()) {
            throw new StudyException(top.file() + ": observations must list at least one observation");
        }
        if (items.size() > Limits.MAX_LIST) {
            throw top.error("observations", "must list at most " + Limits.MAX_LIST + " observations", items.size());
        }
        List<InversionSpec.Observation> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        seen.put(InversionSpec.OBSERVATION_ID, InversionSpec.OBSERVATION_ID);
        for (int i = 0; i < items.size(); i++) {
            YamlFields o = YamlFields.of(top.file(), "observations[" + i + "]", items.get(i), OBSERVATION_KEYS);
            String name = o.string("name");
            StudyParser.checkName(o, "name", name, seen, "observation (or the table's " + InversionSpec.OBSERVATION_ID
                    + " column)");
            if (o.has("qoi") == o.has("at")) {
                throw new StudyException(top.file() + ": observations[" + i + "] must give exactly one of qoi (a"
                        + " melt-pool QoI) or at (a point of the model)");
            }
            String qoi = null;
            Map<String, Double> at = null;
            if (o.has("qoi")) {
                qoi = o.string("qoi");
                if (!InversionSpec.QOIS.contains(qoi)) {
                    throw o.error("qoi", "must be one of " + String.join(", ", InversionSpec.QOIS), qoi);
                }
                if (!lpbf) {
                    throw o.error("qoi", "needs a material (the LPBF case: melt-pool QoIs of the moving-source"
                            + " model)");
                }
            } else {
                Object raw = o.require("at");
                if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) {
                    throw o.error("at", "must be a mapping of coordinate names to values", raw);
                }
                YamlFields a = o.mapping("at", m.keySet().stream().map(String::valueOf).toList());
                at = new LinkedHashMap<>();
                for (String c : a.keys()) {
                    at.put(c, a.number(c));
                }
            }
            double[] noise = o.has("noise") ? noise(o, "noise") : defaultNoise;
            double[] modelError = o.has("model-error") ? noise(o, "model-error") : defaultModelError;
            if (noise == null) {
                throw new StudyException(top.file() + ": observations[" + i + "].noise is missing and there is no"
                        + " default noise (a top-level noise: {sd: S} or {relative: R})");
            }
            double value = o.has("value") ? o.number("value") : Double.NaN;
            if (!Double.isNaN(noise[1]) && Double.isNaN(modelError[0]) && value == 0) {
                throw o.error("value", "must be != 0 under relative noise (sd = relative x |value| would be 0)",
                        value);
            }
            out.add(new InversionSpec.Observation(name, qoi, at, value, noise[0], noise[1], modelError));
        }
        long withValue = out.stream().filter(ob -> !Double.isNaN(ob.value())).count();
        if (withValue != 0 && withValue != out.size()) {
            throw new StudyException(top.file() + ": observations: give a value for every observation, or for none"
                    + " (the values then come from --observations TABLE)");
        }
        return out;
    }

    private static InversionSpec.Settings settings(YamlFields s) {
        InversionSpec.Settings d = DEFAULTS;
        int starts = bounded(s, "starts", d.starts(), 1, MAX_STARTS);
        int iterations = bounded(s, "max-iterations", d.maxIterations(), 1, MAX_ITERATIONS);
        int samples = bounded(s, "samples", d.samples(), 0, MAX_SAMPLES);
        int chains = bounded(s, "chains", d.chains(), 2, MAX_CHAINS);
        int burnIn = bounded(s, "burn-in", d.burnIn(), 0, MAX_BURN_IN);
        if (samples % chains != 0) {
            throw s.error("samples", "must be a multiple of chains = " + chains + " (the draws are split evenly)",
                    samples);
        }
        if (samples > 0 && samples / chains < 4) {
            throw s.error("samples", "must give each chain at least 4 draws (split R-hat and ESS need them), so 0 or"
                    + " >= " + 4 * chains, samples);
        }
        long seed = s.integer("seed", d.seed());
        boolean keep = s.bool("keep-samples", d.keepSamples());
        return new InversionSpec.Settings(starts, iterations, samples, chains, burnIn, seed, keep);
    }

    private static int bounded(YamlFields s, String key, int fallback, int lo, int hi) {
        int v = s.smallInteger(key, fallback);
        if (v < lo || v > hi) {
            throw s.error(key, "must lie in [" + lo + ", " + hi + "]", s.raw(key));
        }
        return v;
    }
}
