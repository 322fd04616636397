package org.snauq.study;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snauq.dist.InputSpec;

/**
 * A validated inversion file of {@code sna invert} (README, docs/cases/lpbf-inverse.md): which model inputs are
 * unknown and their priors, which are known, what was observed with what noise, and how to invert. Immutable;
 * built by {@link InversionParser}, which checks every key before anything runs. Whether the names and points
 * fit the model is checked once the model is read.
 *
 * @param file         the inversion file (for messages)
 * @param name         the study name of the run, {@code [a-z0-9_-]+}
 * @param material     the LPBF case's material (the model is then the moving-source SNA read for it), or null for
 *                     a plain SNA whose coordinates are the inputs
 * @param unknowns     the unknowns with their priors, in order
 * @param known        the known inputs and their values, in file order
 * @param observations what was observed, in order (their names are the columns of an observation table)
 * @param settings     MAP, Laplace and MCMC settings
 * @param output       the results folder
 * @param spark        Spark settings (batch inversion)
 * @param parsed       the file as parsed, for the manifest
 */
public record InversionSpec(Path file, String name, MaterialSpec material, List<InputSpec> unknowns,
                            Map<String, Double> known, List<Observation> observations, Settings settings,
                            String output, SparkSettings spark, Map<String, Object> parsed) {

    /** The column of an observation table that tells the observation sets apart. */
    public static final String OBSERVATION_ID = "observation_id";

    public InversionSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        unknowns = List.copyOf(unknowns);
        known = Collections.unmodifiableMap(new LinkedHashMap<>(known));
        observations = List.copyOf(observations);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(spark, "spark");
        parsed = Collections.unmodifiableMap(new LinkedHashMap<>(parsed));
    }

    /** The melt-pool QoIs an LPBF observation may name ({@code org.snauq.thermal.LpbfForward.Kind}). */
    public static final List<String> QOIS = List.of("peak", "length", "width", "depth");

    /**
     * One observation: a melt-pool QoI ({@code qoi}, LPBF case only) or the model's output at a point ({@code at}:
     * the coordinates that are neither unknown nor known; for the LPBF case x, y, z in beam radii), with its noise:
     * Gaussian with an absolute sd, or relative (sd = relative x |observed|); and optionally the model's own error
     * at it (the surrogate against the truth, absolute or relative), an independent Gaussian added in quadrature:
     * sd^2 = noise^2 + model error^2.
     *
     * @param name     the observation's name (a column of an observation table)
     * @param qoi      one of {@link #QOIS}, or null for a point value
     * @param at       coordinate name to value for a point value (file order), or null for a QoI
     * @param value    the observed value, or NaN when it comes from an observation table
     * @param sd       the noise sd, or NaN when the noise is relative
     * @param relative the relative noise, or NaN when it is absolute
     * @param modelError {absolute sd, relative} of the model's error, each NaN when not given (0 for no error)
     */
    public record Observation(String name, String qoi, Map<String, Double> at, double value, double sd,
                              double relative, double[] modelError) {
        public Observation {
            Objects.requireNonNull(name, "name");
            at = at == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(at));
        }

        /** The sd of an observed value y: noise and model error in quadrature. */
        public double noiseSd(double y) {
            return sd(sd, relative, modelError, y);
        }

        /** sqrt(noise^2 + model error^2) of value y, each an absolute sd or a relative one (the other NaN). */
        public static double sd(double sd, double relative, double[] modelError, double y) {
            double n = Double.isNaN(relative) ? sd : relative * Math.abs(y);
            double m = Double.isNaN(modelError[1]) ? (Double.isNaN(modelError[0]) ? 0 : modelError[0])
                    : modelError[1] * Math.abs(y);
            return m == 0 ? n : Math.hypot(n, m);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Observation b && name.equals(b.name) && java.util.Objects.equals(qoi, b.qoi)
                    && java.util.Objects.equals(at, b.at) && Double.compare(value, b.value) == 0
                    && Double.compare(sd, b.sd) == 0 && Double.compare(relative, b.relative) == 0
                    && java.util.Arrays.equals(modelError, b.modelError);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, qoi, at, value, sd, relative, java.util.Arrays.hashCode(modelError));
        }
    }

    /**
     * The {@code inversion:} settings ({@code org.snauq.inverse.InversionConfig} plus what to write).
     *
     * @param starts        MAP starts
     * @param maxIterations Levenberg-Marquardt iterations per start
     * @param samples       posterior draws kept per observation set, over all chains (0: MAP and Laplace only)
     * @param chains        MCMC chains
     * @param burnIn        draws discarded per chain
     * @param seed          the seed; observation set k draws with a seed made of (seed, its observation_id)
     * @param keepSamples   whether the posterior draws are written ({@code posterior} table)
     */
    public record Settings(int starts, int maxIterations, int samples, int chains, int burnIn, long seed,
                           boolean keepSamples) {
    }

    /** The names of the unknowns, in order. */
    public List<String> unknownNames() {
        return unknowns.stream().map(InputSpec::name).toList();
    }

    /** The names of the observations, in order. */
    public List<String> observationNames() {
        return observations.stream().map(Observation::name).toList();
    }

    /** Whether every observation has its value in the file (else they come from an observation table). */
    public boolean hasValues() {
        return observations.stream().noneMatch(o -> Double.isNaN(o.value()));
    }

    /** The file name used as the prefix of every message about this inversion. */
    public String fileName() {
        return String.valueOf(file.getFileName());
    }

    public InversionSpec withOutput(String v) {
        return new InversionSpec(file, name, material, unknowns, known, observations, settings, v, spark, parsed);
    }
}
