package org.snauq.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Units of measure in study files: free text shown on the report's axes and tables and carried into the manifest
 * and the tables' metadata, never converted. A study gives them as {@code unit:} on an input and, for every other
 * name (model outputs, sweep design inputs, QoIs), in a top-level mapping {@code units: {y: mm, P: W}}. A unit
 * is 1 to {@value #MAX_LENGTH} printable characters ({@code "m/s"}, {@code "W"}, {@code "K"}, {@code "µm"},
 * {@code "1/K"}).
 */
public final class Units {

    /** Study and problem-file key of a unit. */
    public static final String KEY = "unit";
    /** The study's top-level mapping of names to units. */
    public static final String MAPPING = "units";
    /** Long enough for "W/(m K)" or "kg m^-3", short enough for an axis title. */
    public static final int MAX_LENGTH = 32;

    private Units() {
    }

    /** The unit at {@code key} of {@code f}, checked; null when absent. */
    static String unit(YamlFields f, String key) {
        if (!f.has(key)) {
            return null;
        }
        String unit = f.string(key);
        String problem = problem(unit);
        if (problem != null) {
            throw f.error(key, problem, unit);
        }
        return unit;
    }

    /** Checks the study's {@code units:} mapping: names that are identifiers, each with a unit. */
    static void check(YamlFields top) {
        if (!top.has(MAPPING)) {
            return;
        }
        if (!(top.raw(MAPPING) instanceof Map<?, ?> raw)) {
            throw top.error(MAPPING, "must map names to units, e.g. {y: mm}", top.raw(MAPPING));
        }
        YamlFields units = top.mapping(MAPPING, raw.keySet().stream().map(String::valueOf).toList());
        for (String name : units.keys()) {
            String problem = Limits.nameProblem(name);
            if (problem != null) {
                throw units.error(name, problem, name);
            }
            unit(units, name);
        }
    }

    /** Why {@code unit} is not a unit, or null when it is one. */
    public static String problem(String unit) {
        if (unit.isBlank()) {
            return "must be a unit such as m/s, got an empty text";
        }
        if (unit.length() > MAX_LENGTH) {
            return "must be a unit of at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < unit.length(); i++) {
            if (Character.isISOControl(unit.charAt(i))) {
                return "must be printable text (no control characters)";
            }
        }
        return null;
    }

    /**
     * A study's units as parsed and checked: its {@code units:} mapping, then {@code inputs[i].unit} (which wins
     * for an input named in both), in that order.
     */
    public static Map<String, String> of(Study study) {
        Map<String, String> units = new LinkedHashMap<>();
        if (study.parsed().get(MAPPING) instanceof Map<?, ?> mapping) {
            mapping.forEach((name, unit) -> units.put(String.valueOf(name), String.valueOf(unit)));
        }
        if (study.parsed().get("inputs") instanceof List<?> inputs) {
            for (Object input : inputs) {
                if (input instanceof Map<?, ?> m && m.get(KEY) instanceof String unit) {
                    units.put(String.valueOf(m.get("name")), unit);
                }
            }
        }
        return units;
    }

    /** The names of a study's {@code units:} mapping, in order (to check against the run's names). */
    public static List<String> named(Study study) {
        return study.parsed().get(MAPPING) instanceof Map<?, ?> mapping
                ? mapping.keySet().stream().map(String::valueOf).toList() : List.of();
    }
}
