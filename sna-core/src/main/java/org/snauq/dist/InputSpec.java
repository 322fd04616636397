package org.snauq.dist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named input and its distribution as a user writes it: {@code {name: x2, dist: normal, mean: 0, sd: 1}}.
 * It is plain data (stored in study files and in model headers); turning it into a distribution, and
 * checking its parameters, is the job of the distribution factory.
 *
 * @param name       the input (coordinate) name
 * @param dist       the distribution family, e.g. {@code uniform}, {@code normal}
 * @param parameters the family's parameters by their names in DESIGN.md section 3, in the order written
 */
public record InputSpec(String name, String dist, Map<String, Double> parameters) {

    public InputSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dist, "dist");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The parameter {@code key}, or an error naming the input and the missing key. */
    public double parameter(String key) {
        Double v = parameters.get(key);
        if (v == null) {
            throw new IllegalArgumentException("input " + name + " (" + dist + "): missing parameter " + key);
        }
        return v;
    }
}
