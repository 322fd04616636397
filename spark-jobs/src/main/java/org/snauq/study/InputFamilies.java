package org.snauq.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution families a study may name and the parameter keys each takes (DESIGN.md section 3). The
 * parser checks keys against this table; the values are checked by {@code org.snauq.dist.Distributions}.
 */
final class InputFamilies {

    /** Family name to its parameter keys, in the order DESIGN.md lists them. */
    static final Map<String, List<String>> PARAMETERS = table();

    private InputFamilies() {
    }

    private static Map<String, List<String>> table() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("uniform", List.of("lower", "upper"));
        t.put("normal", List.of("mean", "sd"));
        t.put("lognormal", List.of("mu", "sigma"));
        t.put("truncated-normal", List.of("mean", "sd", "lower", "upper"));
        t.put("beta", List.of("alpha", "beta", "lower", "upper"));
        t.put("triangular", List.of("lower", "mode", "upper"));
        t.put("gamma", List.of("shape", "scale"));
        t.put("weibull", List.of("shape", "scale"));
        t.put("constant", List.of("value"));
        return java.util.Collections.unmodifiableMap(t);
    }
}
