package org.snauq.datasets.pde;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snauq.thermal.Material;
import org.snauq.thermal.PropertyCurve;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a material file {@code conf/materials/NAME.yaml} into a {@link Material}. Every key is required, none
 * other is allowed, every value carries its unit (checked against the one this reader expects, so a file in other
 * units fails instead of being misread) and a non-empty {@code source}:
 *
 * <pre>  name: inconel718
 *   density: {value: 8190, unit: kg/m^3, source: "..."}
 *   conductivity: {unit: W/(m K), source: "...", points: [[298, 9.94], [400, 11.59]]}
 *   specific-heat: {unit: J/(kg K), source: "...", points: [[298, 425.1], [1609, 633.6]]}
 *   solidus: {value: 1533, unit: K, source: "..."}
 *   liquidus: {value: 1609, unit: K, source: "..."}
 *   latent-heat: {value: 2.1e5, unit: J/kg, source: "..."}
 *   absorptivity: {lower: 0.25, upper: 0.6, source: "..."}</pre>
 *
 * Errors are {@link IllegalArgumentException}s of one line, "file: key: rule, got value".
 */
public final class MaterialFile {

    /** Where the shipped materials live, relative to the repository root. */
    public static final Path SHIPPED = Path.of("conf", "materials");
    private static final Set<String> KEYS = Set.of("name", "density", "conductivity", "specific-heat", "solidus",
            "liquidus", "latent-heat", "absorptivity");
    private static final Map<String, String> UNITS = Map.of("density", "kg/m^3", "conductivity", "W/(m K)",
            "specific-heat", "J/(kg K)", "solidus", "K", "liquidus", "K", "latent-heat", "J/kg");

    private final String file;
    private final Map<String, Object> root;

    private MaterialFile(String file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    /** A shipped material by name, e.g. {@code inconel718}, from {@code root/conf/materials/NAME.yaml}. */
    public static Material shipped(Path repositoryRoot, String name) {
        return read(repositoryRoot.resolve(SHIPPED).resolve(name + ".yaml"));
    }

    /** Reads and validates one file. */
    public static Material read(Path path) {
        String file = path.getFileName().toString();
        Object doc;
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": no such material file");
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": must be a mapping of the keys " + KEYS);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        m.forEach((k, v) -> root.put(String.valueOf(k), v));
        return new MaterialFile(file, root).material();
    }

    private Material material() {
        for (String k : root.keySet()) {
            if (!KEYS.contains(k)) {
                throw error(k, "unknown key; known: " + String.join(", ", List.of("name", "density", "conductivity",
                        "specific-heat", "solidus", "liquidus", "latent-heat", "absorptivity")), null);
            }
        }
        Object name = required("name");
        if (!(name instanceof String s) || !s.matches("[a-z0-9_-]+")) {
            throw error("name", "must match [a-z0-9_-]+", name);
        }
        String expected = file.endsWith(".yaml") ? file.substring(0, file.length() - 5) : file;
        if (!name.equals(expected)) {
            throw error("name", "must be the file's name '" + expected + "'", name);
        }
        Map<String, Object> abs = entry("absorptivity", null);
        try {
            return new Material((String) name, scalar("density"), curve("conductivity"), curve("specific-heat"),
                    scalar("solidus"), scalar("liquidus"), scalar("latent-heat"), number(abs, "absorptivity", "lower"),
                    number(abs, "absorptivity", "upper"));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(file)) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private Object required(String key) {
        Object v = root.get(key);
        if (v == null) {
            throw error(key, "missing", null);
        }
        return v;
    }

    /** The mapping under key, with a source and (when unit is not null) that unit, and only the allowed keys. */
    private Map<String, Object> entry(String key, String unit) {
        Object v = required(key);
        if (!(v instanceof Map<?, ?> m)) {
            throw error(key, "must be a mapping with value (or points), unit and source", v);
        }
        Map<String, Object> e = new LinkedHashMap<>();
        m.forEach((k, x) -> e.put(String.valueOf(k), x));
        Set<String> allowed = unit == null ? Set.of("lower", "upper", "source")
                : key.equals("conductivity") || key.equals("specific-heat") ? Set.of("points", "unit", "source")
                : Set.of("value", "unit", "source");
        for (String k : e.keySet()) {
            if (!allowed.contains(k)) {
                throw error(key + "." + k, "unknown key; allowed: " + String.join(", ", allowed.stream().sorted()
                        .toList()), null);
            }
        }
        Object source = e.get("source");
        if (!(source instanceof String s) || s.isBlank()) {
            throw error(key + ".source", "every value needs its source (handbook or paper)", source);
        }
        if (unit != null && !unit.equals(e.get("unit"))) {
            throw error(key + ".unit", "must be '" + unit + "'", e.get("unit"));
        }
        return e;
    }

    private double scalar(String key) {
        return number(entry(key, UNITS.get(key)), key, "value");
    }

    private double number(Map<String, Object> e, String key, String field) {
        Object v = e.get(field);
        if (v == null) {
            throw error(key + "." + field, "missing", null);
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw error(key + "." + field, "must be a finite number", v);
        }
        return n.doubleValue();
    }

    private PropertyCurve curve(String key) {
        Object v = entry(key, UNITS.get(key)).get("points");
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw error(key + ".points", "must be a non-empty list of [T, value] pairs", v);
        }
        double[] t = new double[list.size()];
        double[] y = new double[list.size()];
        for (int i = 0; i < t.length; i++) {
            Object p = list.get(i);
            String at = key + ".points[" + i + "]";
            if (!(p instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Number a)
                    || !(pair.get(1) instanceof Number b)) {
                throw error(at, "must be a pair [T, value] of numbers", p);
            }
            t[i] = a.doubleValue();
            y[i] = b.doubleValue();
            if (!(t[i] > 0) || !(y[i] > 0) || !Double.isFinite(t[i]) || !Double.isFinite(y[i])) {
                throw error(at, "T and value must be finite and > 0", p);
            }
            if (i > 0 && !(t[i] > t[i - 1])) {
                throw error(at, "temperatures must increase, previous " + t[i - 1], p);
            }
        }
        return PropertyCurve.of(t, y);
    }

    private IllegalArgumentException error(String key, String rule, Object got) {
        return new IllegalArgumentException(file + ": " + key + ": " + rule + (got == null ? "" : ", got " + got));
    }
}
