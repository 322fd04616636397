package org.snauq.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.snauq.dist.InputSpec;
import org.snauq.inverse.ForwardModel;
import org.snauq.inverse.InverseProblem;
import org.snauq.inverse.Inversion;
import org.snauq.inverse.InversionConfig;
import org.snauq.inverse.Prior;
import org.snauq.inverse.SnaPointForward;
import org.snauq.model.SnaFormatException;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.study.InversionSpec;
import org.snauq.study.MaterialSpec;
import org.snauq.study.StudyException;
import org.snauq.thermal.LpbfForward;
import org.snauq.thermal.MovingSourceModel;
import org.snauq.thermal.ThermalScaling;

/**
 * An inversion file bound to its model and checked, ready to invert any number of observation sets: built on the
 * driver ({@link #of}), where every name, point and prior that does not fit the model is one line (exit 2) before
 * any work; shipped to the executors as plain arrays and the model's bytes, where each task makes one
 * {@link Solver} (the forward model keeps scratch).
 *
 * <p>Two kinds of model. A plain SNA: its coordinates are the inputs, each unknown or known or given per
 * observation ({@code at}), and an observation is the model's output at a point ({@link SnaPointForward}). The
 * LPBF case (a {@code material}): the moving-source SNA ({@code conf/problems/lpbf5d.yaml}) read for that material,
 * inputs eta, s, P, v, rb, beta (absorptivity, conductivity scale, W, m/s, m, ring fraction), observations melt-pool
 * QoIs (peak K, length, width, depth m) or temperatures at (x, y, z) in beam radii ({@link LpbfForward}).
 *
 * <p>Observation set k inverts with the seed {@link #seed}(seed, observation_id): the same set gives the same
 * numbers whatever else is inverted with it and however the sets are partitioned. Immutable.
 */
public final class InversionPlan implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The LPBF case's inputs, in {@link MovingSourceModel}'s order (ETA, SCALE, POWER, SPEED, RADIUS, BETA). */
    public static final List<String> LPBF_INPUTS = List.of(org.snauq.datasets.pde.LpbfMaterialCase.INPUTS);
    static final List<String> LPBF_SPACE = List.of("x", "y", "z");
    /** Point observations' kind code (the others are {@link LpbfForward.Kind} ordinals). */
    private static final int POINT = -1;

    private final byte[] model;
    private final String modelName;
    private final MaterialSpec material;
    private final String[] unknowns;
    private final String[] priorDist;
    private final String[][] priorKeys;
    private final double[][] priorValues;
    private final int[] unknownIndex;
    private final double[] base;
    private final String[] observations;
    private final String[] qois;
    private final int[] kinds;
    private final double[][] points;
    private final double[] sd;
    private final double[] relative;
    private final double[][] modelError;
    private final int[] config;
    private final long seed;
    private transient SnaModel sna;

    private InversionPlan(byte[] model, String modelName, MaterialSpec material, List<InputSpec> priors,
                          int[] unknownIndex, double[] base, List<InversionSpec.Observation> obs, int[] kinds,
                          double[][] points, InversionSpec.Settings s) {
        this.model = model;
        this.modelName = modelName;
        this.material = material;
        int p = priors.size();
        this.unknowns = new String[p];
        this.priorDist = new String[p];
        this.priorKeys = new String[p][];
        this.priorValues = new double[p][];
        for (int j = 0; j < p; j++) {
            InputSpec in = priors.get(j);
            unknowns[j] = in.name();
            priorDist[j] = in.dist();
            priorKeys[j] = in.parameters().keySet().toArray(String[]::new);
            priorValues[j] = in.parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
        }
        this.unknownIndex = unknownIndex;
        this.base = base;
        int m = obs.size();
        this.observations = new String[m];
        this.qois = new String[m];
        this.sd = new double[m];
        this.relative = new double[m];
        this.modelError = new double[m][];
        for (int i = 0; i < m; i++) {
            modelError[i] = obs.get(i).modelError().clone();
            observations[i] = obs.get(i).name();
            qois[i] = obs.get(i).qoi();
            sd[i] = obs.get(i).sd();
            relative[i] = obs.get(i).relative();
        }
        this.kinds = kinds;
        this.points = points;
        this.config = new int[] {s.starts(), s.maxIterations(), s.samples(), s.chains(), s.burnIn()};
        this.seed = s.seed();
    }

    /**
     * Binds {@code spec} to {@code model} and checks it: the unknowns and known inputs are the model's (the LPBF
     * case's six inputs with a material), every point lies in the model's domain, every prior has mass there.
     *
     * @param modelName the model file's name, for messages
     * @throws StudyException one line naming the file and the key
     */
    public static InversionPlan of(InversionSpec spec, SnaModel model, String modelName) {
        InversionPlan plan = spec.material() == null ? plain(spec, model, modelName) : lpbf(spec, model, modelName);
        plan.sna = model;
        plan.check(spec);
        return plan;
    }

    private static InversionPlan plain(InversionSpec spec, SnaModel model, String modelName) {
        String file = spec.fileName();
        List<String> names = model.names();
        String what = "the model (" + modelName + ")";
        int dim = names.size();
        double[] base = new double[dim];
        Arrays.fill(base, Double.NaN);
        boolean[] fixed = new boolean[dim];
        int[] unknownIndex = new int[spec.unknowns().size()];
        for (int j = 0; j < unknownIndex.length; j++) {
            String u = spec.unknowns().get(j).name();
            unknownIndex[j] = model.indexOf(u);
            if (unknownIndex[j] < 0) {
                throw new StudyException(file + ": unknowns[" + j + "].name: " + what + " has no input '" + u
                        + "'; its inputs are " + String.join(", ", names));
            }
            fixed[unknownIndex[j]] = true;
        }
        for (Map.Entry<String, Double> k : spec.known().entrySet()) {
            int d = model.indexOf(k.getKey());
            if (d < 0) {
                throw new StudyException(file + ": known." + k.getKey() + ": " + what + " has no input '"
                        + k.getKey() + "'; its inputs are " + String.join(", ", names));
            }
            base[d] = inDomain(file, "known." + k.getKey(), k.getValue(), model, d);
            fixed[d] = true;
        }
        List<String> free = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            if (!fixed[d]) {
                free.add(names.get(d));
            }
        }
        List<InversionSpec.Observation> obs = spec.observations();
        double[][] points = new double[obs.size()][];
        int[] kinds = new int[obs.size()];
        for (int i = 0; i < points.length; i++) {
            String at = "observations[" + i + "].at";
            Map<String, Double> given = obs.get(i).at();
            points[i] = base.clone();
            for (int d = 0; d < dim; d++) {
                if (fixed[d] && given.containsKey(names.get(d))) {
                    throw new StudyException(file + ": " + at + "." + names.get(d) + ": '" + names.get(d) + "' is "
                            + (Double.isNaN(base[d]) ? "an unknown" : "known") + ", so an observation cannot set it");
                }
            }
            for (Map.Entry<String, Double> c : given.entrySet()) {
                int d = model.indexOf(c.getKey());
                if (d < 0) {
                    throw new StudyException(file + ": " + at + "." + c.getKey() + ": " + what + " has no input '"
                            + c.getKey() + "'; its inputs are " + String.join(", ", names));
                }
                points[i][d] = inDomain(file, at + "." + c.getKey(), c.getValue(), model, d);
            }
            List<String> missing = free.stream().filter(n -> !given.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                throw new StudyException(file + ": " + at + " must also give " + String.join(", ", missing)
                        + " (every input of " + what + " is unknown, known or given per observation)");
            }
            kinds[i] = POINT;
            for (int j : unknownIndex) {
                points[i][j] = 0; // replaced by the unknowns' values in every prediction
            }
        }
        return new InversionPlan(toBytes(model), modelName, null, spec.unknowns(), unknownIndex, new double[0],
                obs, kinds, points, spec.settings());
    }

    private static InversionPlan lpbf(InversionSpec spec, SnaModel model, String modelName) {
        String file = spec.fileName();
        for (String c : List.of("x", "y", "z", "Pe", "beta")) {
            if (model.indexOf(c) < 0) {
                throw new StudyException(file + ": material: the LPBF case needs the moving-source model"
                        + " (coordinates x, y, z, Pe, beta: sna solve conf/problems/lpbf5d.yaml), but " + modelName
                        + " has " + String.join(", ", model.names()));
            }
        }
        double[] inputs = new double[LPBF_INPUTS.size()];
        Arrays.fill(inputs, Double.NaN);
        int[] unknownIndex = new int[spec.unknowns().size()];
        for (int j = 0; j < unknownIndex.length; j++) {
            String u = spec.unknowns().get(j).name();
            unknownIndex[j] = LPBF_INPUTS.indexOf(u);
            if (unknownIndex[j] < 0) {
                throw new StudyException(file + ": unknowns[" + j + "].name: the LPBF case has no input '" + u
                        + "'; its inputs are " + String.join(", ", LPBF_INPUTS));
            }
        }
        for (Map.Entry<String, Double> k : spec.known().entrySet()) {
            int i = LPBF_INPUTS.indexOf(k.getKey());
            if (i < 0) {
                throw new StudyException(file + ": known." + k.getKey() + ": the LPBF case has no input '"
                        + k.getKey() + "'; its inputs are " + String.join(", ", LPBF_INPUTS));
            }
            double v = k.getValue();
            boolean ok = i == MovingSourceModel.ETA ? v > 0 && v <= 1 : i == MovingSourceModel.BETA
                    ? v >= model.lower(model.indexOf("beta")) && v <= model.upper(model.indexOf("beta")) : v > 0;
            if (!ok) {
                throw new StudyException(file + ": known." + k.getKey() + " must be " + (i == MovingSourceModel.ETA
                        ? "in (0, 1]" : i == MovingSourceModel.BETA ? "in the model's domain [" + model.lower(
                        model.indexOf("beta")) + ", " + model.upper(model.indexOf("beta")) + "]" : "> 0") + ", got "
                        + v);
            }
            inputs[i] = v;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            final int input = i;
            if (Double.isNaN(inputs[i]) && Arrays.stream(unknownIndex).noneMatch(u -> u == input)) {
                missing.add(LPBF_INPUTS.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new StudyException(file + ": known: the LPBF case needs each of " + String.join(", ", LPBF_INPUTS)
                    + " unknown or known; missing " + String.join(", ", missing));
        }
        ThermalScaling scaling = spec.material().scaling();
        boolean peKnown = !Double.isNaN(inputs[MovingSourceModel.SCALE]) && !Double.isNaN(
                inputs[MovingSourceModel.SPEED]) && !Double.isNaN(inputs[MovingSourceModel.RADIUS]);
        int pe = model.indexOf("Pe");
        if (peKnown) {
            double p = scaling.peclet(inputs[MovingSourceModel.SPEED], inputs[MovingSourceModel.RADIUS],
                    inputs[MovingSourceModel.SCALE]);
            if (!(p >= model.lower(pe) && p <= model.upper(pe))) {
                throw new StudyException(String.format(java.util.Locale.ROOT, "%s: known: v, rb and s give Pe = v rb"
                                + " / (s alpha_0) = %.4g for %s, outside the model's range [%s, %s]", file, p,
                        spec.material().name(), model.lower(pe), model.upper(pe)));
            }
        }
        List<InversionSpec.Observation> obs = spec.observations();
        double[][] points = new double[obs.size()][];
        int[] kinds = new int[obs.size()];
        for (int i = 0; i < points.length; i++) {
            InversionSpec.Observation o = obs.get(i);
            if (o.qoi() != null) {
                kinds[i] = LpbfForward.Kind.valueOf(o.qoi().toUpperCase(java.util.Locale.ROOT)).ordinal();
                continue;
            }
            String at = "observations[" + i + "].at";
            if (!o.at().keySet().equals(new java.util.HashSet<>(LPBF_SPACE))) {
                throw new StudyException(file + ": " + at + " must give x, y and z (beam radii, the beam at the"
                        + " origin moving along +x), got " + String.join(", ", o.at().keySet()));
            }
            points[i] = new double[3];
            for (int a = 0; a < 3; a++) {
                String c = LPBF_SPACE.get(a);
                points[i][a] = inDomain(file, at + "." + c, o.at().get(c), model, model.indexOf(c));
            }
            kinds[i] = LpbfForward.Kind.TEMPERATURE.ordinal();
        }
        return new InversionPlan(toBytes(model), modelName, spec.material(), spec.unknowns(), unknownIndex, inputs,
                obs, kinds, points, spec.settings());
    }

    private static double inDomain(String file, String key, double v, SnaModel model, int d) {
        if (!(v >= model.lower(d) && v <= model.upper(d))) {
            throw new StudyException(file + ": " + key + " = " + v + " is outside the model's domain ["
                    + model.lower(d) + ", " + model.upper(d) + "]");
        }
        return v;
    }

    /** The priors against the model's domain (an inverse problem with placeholder values is built once). */
    private void check(InversionSpec spec) {
        double[] y = new double[observations.length];
        Arrays.fill(y, 1);
        try {
            newSolver().problem(y);
        } catch (IllegalArgumentException e) {
            throw new StudyException(spec.fileName() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] toBytes(SnaModel model) {
        return SnaModelFile.toBytes(model);
    }

    /** The model, read back from its bytes once per JVM copy of the plan. */
    synchronized SnaModel model() {
        if (sna == null) {
            try {
                sna = SnaModelFile.fromBytes(model, modelName);
            } catch (SnaFormatException e) {
                throw new IllegalStateException("the shipped model " + modelName + " does not read back", e);
            }
        }
        return sna;
    }

    /** The unknowns' names, in order. */
    public List<String> unknowns() {
        return List.of(unknowns);
    }

    /** The observations' names, in order (the observation table's columns). */
    public List<String> observations() {
        return List.of(observations);
    }

    /** The MAP, Laplace and MCMC settings with the seed of observation set {@code id}. */
    InversionConfig config(long id) {
        return new InversionConfig(config[0], config[1], config[2], config[3], config[4], seed(seed, id));
    }

    /** Posterior draws per observation set. */
    int samples() {
        return config[2];
    }

    long seed() {
        return seed;
    }

    /**
     * The MCMC seed of observation set {@code id}: SplitMix64's finaliser (Steele, Lea and Flood, OOPSLA 2014) of
     * seed + golden-ratio increment x (id + 1), so neighbouring ids and seeds give unrelated streams.
     */
    public static long seed(long seed, long id) {
        long z = seed + 0x9E3779B97F4A7C15L * (id + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Why observed values {@code y} cannot be inverted, or null: a value that is not finite, a QoI that is not
     * &gt; 0, or a zero under relative noise.
     */
    String problem(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                return observations[i] + " must be a finite number, got " + y[i];
            }
            if (qois[i] != null && !(y[i] > 0)) {
                return observations[i] + " (melt-pool " + qois[i] + ") must be > 0, got " + y[i];
            }
            if (!(noiseSd(i, y[i]) > 0)) {
                return observations[i] + " must be != 0 under relative noise (and model error), got " + y[i];
            }
        }
        return null;
    }

    /** The sd of observation i at value y: noise and model error in quadrature. */
    double noiseSd(int i, double y) {
        return InversionSpec.Observation.sd(sd[i], relative[i], modelError[i], y);
    }

    /** The sds of observed values y, one per observation. */
    double[] noiseSds(double[] y) {
        double[] s = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            s[i] = noiseSd(i, y[i]);
        }
        return s;
    }

    /** What the manifest records of the plan. */
    Map<String, Object> describe() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("case", material == null ? "sna" : "lpbf");
        if (material != null) {
            m.put("material", material.describe());
        }
        m.put("unknowns", List.of(unknowns));
        m.put("observations", List.of(observations));
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("starts", config[0]);
        s.put("max_iterations", config[1]);
        s.put("samples", config[2]);
        s.put("chains", config[3]);
        s.put("burn_in", config[4]);
        m.put("settings", s);
        return m;
    }

    /** A new solver with its own forward model and scratch: one per thread. */
    Solver newSolver() {
        return new Solver();
    }

    /** Inverts observation sets one after another on one thread. */
    final class Solver {

        private final ForwardModel forward;
        private final List<Prior> priors = new ArrayList<>();

        private Solver() {
            SnaModel m = model();
            if (material == null) {
                forward = new SnaPointForward(m, unknownIndex, points);
            } else {
                List<LpbfForward.Observation> obs = new ArrayList<>();
                for (int i = 0; i < kinds.length; i++) {
                    LpbfForward.Kind kind = LpbfForward.Kind.values()[kinds[i]];
                    obs.add(kind == LpbfForward.Kind.TEMPERATURE ? LpbfForward.Observation.temperature(points[i][0],
                            points[i][1], points[i][2]) : LpbfForward.Observation.of(kind));
                }
                double[] in = base.clone();
                for (int u : unknownIndex) {
                    in[u] = 0; // replaced by the unknowns' values in every prediction
                }
                forward = new LpbfForward(new MovingSourceModel(m, material.scaling()), in, unknownIndex, obs);
            }
            for (int j = 0; j < unknowns.length; j++) {
                Map<String, Double> p = new java.util.LinkedHashMap<>();
                for (int k = 0; k < priorKeys[j].length; k++) {
                    p.put(priorKeys[j][k], priorValues[j][k]);
                }
                priors.add(Prior.of(new InputSpec(unknowns[j], priorDist[j], p)));
            }
        }

        /** The inverse problem of observed values y (checked: {@link #problem(double[])} is null). */
        InverseProblem problem(double[] y) {
            return new InverseProblem(List.of(unknowns), priors, forward, y, noiseSds(y));
        }

        /** Inverts observation set {@code id} with observed values y, keeping its draws when asked. */
        InversionResult invert(long id, double[] y, boolean keepDraws) {
            return InversionResult.of(id, y, noiseSds(y), Inversion.run(problem(y), config(id)), keepDraws);
        }
    }

    @Override
    public String toString() {
        return "inversion of " + Arrays.toString(unknowns) + " from " + Arrays.toString(observations) + " with "
                + modelName + (material == null ? "" : " (" + material.name() + ")");
    }
}
