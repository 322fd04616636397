package org.snauq.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snauq.dist.InputSpec;

/**
 * The {@code sweep:} block of a study (README, docs/cases/lpbf.md): optimisation under uncertainty over a grid of
 * design points. For every design point the study's {@code inputs} (the uncertain ones) are sampled
 * {@code sampling.n} times (the same samples for every design: common random numbers, so designs are compared on
 * equal draws), the QoIs are computed per sample, and each design gets QoI statistics and the probability of
 * meeting the process window.
 *
 * <pre>
 * sweep:
 *   designs: {P: {from: 150, to: 300, count: 20}, v: [0.5, 0.6, 0.8]}   # grid, the first key varying slowest
 *   qoi: output                                     # the model's output (default), or:
 *   qoi: {melt-pool: {space: [x, y, z], liquidus: 1928, ambient: 300, centre-y: 0, samples: 81,
 *                     scale: {input: eta, nominal: 0.35}}}
 *   window: {depth: {min: 0.5, max: 1.5}, peak: {max: 3315}}
 *   confidence: 0.95                                # of the Wilson interval of the window probability
 * </pre>
 *
 * @param designInputs names of the design inputs, in grid order
 * @param designs      the design points, designs[j][k] the value of designInputs[k] at design j
 * @param meltPool     the melt-pool QoIs, or null for the model's output
 * @param window       the process window, one bound pair per QoI it names
 * @param confidence   of the Wilson interval
 */
public record SweepSpec(List<String> designInputs, double[][] designs, MeltPoolSpec meltPool, List<Bound> window,
                        double confidence) {

    /** The keys of the block. */
    static final List<String> KEYS = List.of("designs", "qoi", "window", "confidence");
    static final List<String> MELT_POOL_KEYS = List.of("space", "liquidus", "ambient", "centre-y", "samples",
            "scale");
    /** The melt-pool QoIs, in column order. */
    public static final List<String> MELT_POOL_QOIS = List.of("peak", "length", "width", "depth");

    public SweepSpec {
        designInputs = List.copyOf(designInputs);
        Objects.requireNonNull(designs, "designs");
        window = List.copyOf(window);
    }

    /**
     * The melt-pool QoIs of {@code org.snauq.qoi.FactorMeltPool} on an SNA whose output is a temperature rise:
     * T = ambient + scale * dT with scale = input / nominal (an absorptivity: the PDE is linear in the source),
     * the pool is {T &gt;= liquidus}; peak in the units of T, extents in the model's length units.
     *
     * @param space      the (scan, across, depth) coordinates of the model
     * @param scaleInput the study input that scales the output, or null
     */
    public record MeltPoolSpec(List<String> space, double liquidus, double ambient, double centreY, int samples,
                               String scaleInput, double scaleNominal) implements java.io.Serializable {
        public MeltPoolSpec {
            space = List.copyOf(space);
        }
    }

    /** A process-window condition: min &lt;= qoi &lt;= max (either end may be infinite). */
    public record Bound(String qoi, double min, double max) implements java.io.Serializable {
    }

    /** The QoI names, in column order. */
    public List<String> qois(String modelOutput) {
        return meltPool == null ? List.of(modelOutput) : MELT_POOL_QOIS;
    }

    /**
     * The {@code sweep:} block {@code s} of a study, checked against its inputs and sample count (not yet against
     * the model: see {@link #loadingStudy}).
     *
     * @param inputNames the study's (uncertain) inputs
     * @param n          samples per design
     * @throws StudyException one line naming the key
     */
    static SweepSpec parse(YamlFields s, List<String> inputNames, long n) {
        String file = s.file();
        YamlFields d = s.mapping("designs", keysOf(s, "designs"));
        if (d.keys().isEmpty()) {
            throw s.error("designs", "must name at least one design input");
        }
        Map<String, String> seen = new HashMap<>();
        inputNames.forEach(name -> seen.put(Limits.folded(name), name));
        List<String> names = new ArrayList<>(d.keys());
        List<double[]> axes = new ArrayList<>();
        long count = 1;
        for (String name : names) {
            if (inputNames.contains(name)) {
                throw d.error(name, "is a design input and must not also be listed in inputs");
            }
            StudyParser.checkName(d, name, name, seen, "input");
            double[] values = axis(d, name);
            axes.add(values);
            count *= values.length;
            if (count > Limits.MAX_DESIGNS) {
                throw s.error("designs", "must have at most " + Limits.MAX_DESIGNS + " points, got more");
            }
        }
        if (n > Limits.MAX_SAMPLES_PER_DESIGN) {
            throw new StudyException(file + ": sampling.n is the number of samples per design in a sweep and must be"
                    + " <= " + Limits.MAX_SAMPLES_PER_DESIGN + ", got " + n);
        }
        if (count * n > Limits.MAX_QUERIES) { // no overflow: count <= 2^24, n <= 2^20
            throw s.error("designs", "times sampling.n must be at most " + Limits.MAX_QUERIES, count * n);
        }
        double[][] designs = grid(axes, (int) count);

        MeltPoolSpec pool = null;
        if (s.has("qoi") && !"output".equals(s.raw("qoi"))) {
            if (s.raw("qoi") instanceof String other) {
                throw s.error("qoi", "must be output or a mapping {melt-pool: {...}}", other);
            }
            YamlFields q = s.mapping("qoi", List.of("melt-pool"));
            pool = meltPool(q.mapping("melt-pool", MELT_POOL_KEYS), inputNames, names);
        }
        List<String> qois = pool == null ? null : MELT_POOL_QOIS;
        YamlFields w = s.mapping("window", keysOf(s, "window"));
        if (w.keys().isEmpty()) {
            throw s.error("window", "must bound at least one QoI");
        }
        List<Bound> window = new ArrayList<>();
        for (String qoi : w.keys()) {
            if (qois != null && !qois.contains(qoi)) {
                throw w.error(qoi, "is not a QoI (expected one of " + String.join(", ", qois) + ")");
            }
            YamlFields b = w.mapping(qoi, List.of("min", "max"));
            if (!b.has("min") && !b.has("max")) {
                throw w.error(qoi, "needs min, max or both");
            }
            double min = b.number("min", Double.NEGATIVE_INFINITY);
            double max = b.number("max", Double.POSITIVE_INFINITY);
            if (!(min < max)) {
                throw b.error("max", "must be > min = " + min, max);
            }
            window.add(new Bound(qoi, min, max));
        }
        double confidence = s.number("confidence", 0.95);
        if (!(confidence > 0 && confidence < 1)) {
            throw s.error("confidence", "must lie in (0, 1)", confidence);
        }
        return new SweepSpec(names, designs, pool, window, confidence);
    }

    /** The window names the model's output (checked once the model is known, for {@code qoi: output}). */
    public void checkWindow(Study study, String modelOutput) {
        for (Bound b : window) {
            if (!qois(modelOutput).contains(b.qoi())) {
                throw new StudyException(study.fileName() + ": sweep.window." + b.qoi() + " is not a QoI (expected "
                        + String.join(", ", qois(modelOutput)) + ")");
            }
        }
    }

    /**
     * The inputs under which the model's domain is checked (policy error): the study's uncertain inputs, with the
     * melt-pool space coordinates as constants at the domain's lower ends {@code lower} (study order of the loading
     * study), since the QoIs integrate over the whole space.
     */
    public Study domainStudy(Study study, double[] lower) {
        Study loading = loadingStudy(study);
        List<InputSpec> inputs = new ArrayList<>(loading.inputs());
        if (meltPool != null) {
            for (String axis : meltPool.space()) {
                int i = loading.inputNames().indexOf(axis);
                inputs.set(i, constant(axis, lower[i]));
            }
        }
        return loading.withInputs(inputs, DomainPolicy.ERROR);
    }

    /**
     * The study the model is obtained and checked with: the uncertain inputs the model takes, then each design
     * input as a constant at its first grid value, then (melt-pool) the space coordinates as constants at their
     * lower end; so the model loader matches names and domains as for any study. Design points are checked
     * against the model's domain by the run.
     */
    public Study loadingStudy(Study study) {
        List<InputSpec> inputs = new ArrayList<>();
        for (InputSpec in : study.inputs()) {
            if (meltPool == null || !in.name().equals(meltPool.scaleInput())) {
                inputs.add(in);
            }
        }
        for (int k = 0; k < designInputs.size(); k++) {
            inputs.add(constant(designInputs.get(k), designs[0][k]));
        }
        if (meltPool != null) {
            for (String axis : meltPool.space()) {
                inputs.add(constant(axis, 0.0));
            }
        }
        return new Study(study.file(), study.name(), study.model(), inputs, study.sampling(), study.statistics(),
                study.output(), DomainPolicy.CLAMP, study.spark(), study.parsed(), study.onFailure(), null);
    }

    private static InputSpec constant(String name, double value) {
        return new InputSpec(name, "constant", Map.of("value", value));
    }

    private static MeltPoolSpec meltPool(YamlFields m, List<String> inputs, List<String> designs) {
        List<Object> space = m.list("space");
        if (space.size() != 3 || !space.stream().allMatch(o -> o instanceof String)) {
            throw m.error("space", "must list the three space coordinates (scan, across, depth)", space);
        }
        List<String> axes = space.stream().map(String::valueOf).toList();
        for (String a : axes) {
            if (inputs.contains(a) || designs.contains(a)) {
                throw m.error("space", "names '" + a + "', which is also an input");
            }
        }
        double liquidus = m.number("liquidus");
        double ambient = m.number("ambient", 0.0);
        if (!(liquidus > ambient)) {
            throw m.error("liquidus", "must be > ambient = " + ambient, liquidus);
        }
        double centreY = m.number("centre-y", 0.0);
        int samples = m.smallInteger("samples", 81);
        if (samples < 3) {
            throw m.error("samples", "must be >= 3", samples);
        }
        String scaleInput = null;
        double nominal = 1.0;
        if (m.has("scale")) {
            YamlFields sc = m.mapping("scale", List.of("input", "nominal"));
            scaleInput = sc.string("input");
            if (!inputs.contains(scaleInput)) {
                throw sc.error("input", "must be one of the study's inputs (" + String.join(", ", inputs) + ")",
                        scaleInput);
            }
            nominal = sc.number("nominal");
            if (!(nominal > 0)) {
                throw sc.error("nominal", "must be > 0", nominal);
            }
        }
        return new MeltPoolSpec(axes, liquidus, ambient, centreY, samples, scaleInput, nominal);
    }

    /** The values of one design axis: a list of numbers or {from, to, count} (equally spaced, ends included). */
    private static double[] axis(YamlFields d, String name) {
        Object raw = d.raw(name);
        if (raw instanceof List<?>) {
            List<Double> v = d.numbers(name, List.of());
            if (v.isEmpty()) {
                throw d.error(name, "must list at least one value");
            }
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }
        YamlFields r = d.mapping(name, List.of("from", "to", "count"));
        double from = r.number("from");
        double to = r.number("to");
        int count = r.smallInteger("count", 0);
        if (count < 1) {
            throw r.error("count", "must be >= 1", r.has("count") ? r.raw("count") : "nothing");
        }
        if (count > 1 && !(to > from)) {
            throw r.error("to", "must be > from = " + from, to);
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = count == 1 ? from : i == count - 1 ? to : from + (to - from) * i / (count - 1);
        }
        return v;
    }

    /** The cartesian product, the first axis varying slowest. */
    private static double[][] grid(List<double[]> axes, int count) {
        double[][] out = new double[count][axes.size()];
        for (int j = 0; j < count; j++) {
            int rest = j;
            for (int k = axes.size() - 1; k >= 0; k--) {
                double[] a = axes.get(k);
                out[j][k] = a[rest % a.length];
                rest /= a.length;
            }
        }
        return out;
    }

    /** The keys of a mapping whose keys are names (design inputs, QoIs), or an error if it is not a mapping. */
    private static List<String> keysOf(YamlFields parent, String key) {
        Object v = parent.require(key);
        if (!(v instanceof Map<?, ?> m)) {
            throw parent.error(key, "must be a mapping", v);
        }
        List<String> keys = new ArrayList<>();
        for (Object k : m.keySet()) {
            keys.add(String.valueOf(k));
        }
        return keys;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SweepSpec s && designInputs.equals(s.designInputs)
                && java.util.Arrays.deepEquals(designs, s.designs) && Objects.equals(meltPool, s.meltPool)
                && window.equals(s.window) && confidence == s.confidence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(designInputs, java.util.Arrays.deepHashCode(designs), meltPool, window, confidence);
    }

    @Override
    public String toString() {
        return "SweepSpec[" + designInputs + ", " + designs.length + " designs, meltPool=" + meltPool + ", window="
                + window + "]";
    }
}
