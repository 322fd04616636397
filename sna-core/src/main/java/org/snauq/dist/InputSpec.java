package org.snauq.dist;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named input and its distribution as a user writes it: {@code {name: x2, dist: normal, mean: 0, sd: 1}}.
 * It is plain data (stored in study files and in model headers); turning it into a distribution, and
 * checking its parameters, is the job of the family table ({@link Distributions#of(InputSpec)}).
 *
 * <p>A family built from data ({@code empirical}, {@code kde}: {@link DistributionFamily#fromData()}) also carries
 * its data values, read by the caller (e.g. from a file column); other families carry none (null).
 *
 * @param name       the input (coordinate) name
 * @param dist       the distribution family, e.g. {@code uniform}, {@code normal}
 * @param parameters the family's parameters by their names in DESIGN.md section 3, in the order written
 * @param data       the data values of a family built from data (copied in and out), else null
 */
public record InputSpec(String name, String dist, Map<String, Double> parameters, double[] data) {

    public InputSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dist, "dist");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        data = data == null ? null : data.clone();
    }

    /** An input of a family without data values. */
    public InputSpec(String name, String dist, Map<String, Double> parameters) {
        this(name, dist, parameters, null);
    }

    /** The data values (a copy), or null. */
    @Override
    public double[] data() {
        return data == null ? null : data.clone();
    }

    /** The parameter {@code key}, or an error naming the input and the missing key. */
    public double parameter(String key) {
        Double v = parameters.get(key);
        if (v == null) {
            throw new IllegalArgumentException("input " + name + " (" + dist + "): missing parameter " + key);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec s && name.equals(s.name) && dist.equals(s.dist)
                && parameters.equals(s.parameters) && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dist, parameters, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "InputSpec[name=" + name + ", dist=" + dist + ", parameters=" + parameters
                + (data == null ? "" : ", data=" + data.length + " values") + "]";
    }
}
