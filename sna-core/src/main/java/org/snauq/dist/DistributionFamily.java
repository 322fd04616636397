package org.snauq.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One distribution family a study may name: its name, its parameter keys in the order DESIGN.md section 3 lists
 * them, which keys may be left out, whether it is built from data values (an {@code empirical} or {@code kde}
 * input), and how its parameters are checked and the distribution built. {@link Distributions#family(String)}
 * holds the table; study parsing and the model file read it instead of keeping their own.
 *
 * <p>API CONTRACT (study parsing builds on it). Messages name the key and the value, e.g.
 * {@code "sd must be > 0, got -0.5"}, {@code "missing parameter 'sd' for normal; expected: mean, sd"}; the caller
 * adds the file and the input ({@code "heat.yaml: inputs[1].sd must be > 0, got -0.5"}). Immutable, thread safe.
 */
public final class DistributionFamily {

    /** Checks parameter values given in key order (NaN for an absent optional key). */
    @FunctionalInterface
    interface Check {
        void check(double[] p);
    }

    /** Builds the distribution from checked parameters in key order and the data values (null unless from data). */
    @FunctionalInterface
    interface Build {
        Distribution build(double[] p, double[] data);
    }

    private final String name;
    private final List<String> parameters;
    private final List<String> optional;
    private final boolean fromData;
    private final Check check;
    private final Build build;

    DistributionFamily(String name, List<String> parameters, List<String> optional, boolean fromData, Check check,
                       Build build) {
        assert parameters.containsAll(optional);
        this.name = name;
        this.parameters = List.copyOf(parameters);
        this.optional = List.copyOf(optional);
        this.fromData = fromData;
        this.check = check;
        this.build = build;
    }

    /** The name a study writes after {@code dist:}, e.g. {@code truncated-normal}. */
    public String name() {
        return name;
    }

    /** Every parameter key, required and optional, in the order of DESIGN.md section 3. */
    public List<String> parameters() {
        return parameters;
    }

    /** The keys that may be left out (e.g. {@code kde}'s bandwidth, then chosen by Silverman's rule). */
    public List<String> optionalParameters() {
        return optional;
    }

    /** The keys that must be given. */
    public List<String> requiredParameters() {
        List<String> required = new ArrayList<>(parameters);
        required.removeAll(optional);
        return List.copyOf(required);
    }

    /**
     * True when the family is built from data values ({@link InputSpec#data()}): {@code empirical}, {@code kde}.
     * Reading the values (a file column) is the caller's job.
     */
    public boolean fromData() {
        return fromData;
    }

    /**
     * Checks the keys and values of {@code parameters} without building (and, for a family built from data, without
     * the data): the check a study parser runs on each input before any file is read. {@link #create} may find
     * more, from the law itself (a truncated-normal interval of probability 0, data values that are not finite).
     *
     * @param parameters read; keys as in {@link #parameters()}
     * @throws IllegalArgumentException naming the unknown, missing or invalid key
     */
    public void check(Map<String, Double> parameters) {
        check.check(values(parameters));
    }

    /**
     * The distribution of a family not built from data.
     *
     * @throws IllegalArgumentException as {@link #check(Map)}, or when the family needs data
     */
    public Distribution create(Map<String, Double> parameters) {
        return create(parameters, null);
    }

    /**
     * The distribution with these parameters and, for a family built from data, these values.
     *
     * @param parameters read
     * @param data       read, copied: the data values of an {@code empirical} or {@code kde} input; null otherwise
     * @throws IllegalArgumentException naming the unknown, missing or invalid key, or the data that is missing,
     *                                  unexpected or invalid
     */
    public Distribution create(Map<String, Double> parameters, double[] data) {
        double[] p = values(parameters);
        check.check(p);
        if (fromData && data == null) {
            throw new IllegalArgumentException(name + " needs data values, got none");
        }
        if (!fromData && data != null) {
            throw new IllegalArgumentException(name + " takes no data values, got " + data.length);
        }
        return build.build(p, data);
    }

    /** The values in key order (NaN for an absent optional key), after checking the keys. */
    private double[] values(Map<String, Double> given) {
        Objects.requireNonNull(given, "parameters");
        for (String key : given.keySet()) {
            if (!parameters.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for " + name + "; expected: "
                        + expected());
            }
        }
        double[] p = new double[parameters.size()];
        for (int i = 0; i < p.length; i++) {
            String key = parameters.get(i);
            Double v = given.get(key);
            if (v == null) {
                if (!optional.contains(key)) {
                    throw new IllegalArgumentException("missing parameter '" + key + "' for " + name + "; expected: "
                            + expected());
                }
                p[i] = Double.NaN;
            } else if (Double.isNaN(v)) {
                throw new IllegalArgumentException(key + " must be a number, got NaN");
            } else {
                p[i] = v;
            }
        }
        return p;
    }

    private String expected() {
        return parameters.isEmpty() ? "none" : String.join(", ", parameters);
    }

    @Override
    public String toString() {
        return name + parameters;
    }
}
