package org.snauq.study;

import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snauq.datasets.pde.MaterialFile;
import org.snauq.thermal.Material;
import org.snauq.thermal.ThermalScaling;

/**
 * The {@code material:} of an LPBF study or inversion file: an alloy of {@code conf/materials/} by name (or a
 * material file by path), the ambient temperature and the liquid conductivity factor, read for the moving-source
 * model ({@link ThermalScaling}, docs/cases/lpbf-inverse.md). Serializable, so it ships to the executors as it is.
 *
 * <pre>
 *   material: inconel718                                            # ambient 300 K, liquid-factor 1
 *   material: {name: inconel718, ambient: 300, liquid-factor: 2.5}  # or name: path/to/alloy.yaml
 * </pre>
 *
 * A name is looked up as {@code conf/materials/NAME.yaml} under the working folder, then under the SNA-UQ
 * installation (the first folder above the program's jar or classes that has {@code conf/materials}); a value
 * ending in {@code .yaml} or holding a {@code /} is a path, relative to the working folder. Immutable.
 *
 * @param file         where it was read from, for the manifest
 * @param material     the alloy's data
 * @param ambient      T0, K
 * @param liquidFactor the enhanced liquid conductivity factor f &gt;= 1
 */
public record MaterialSpec(String file, Material material, double ambient, double liquidFactor)
        implements Serializable {

    static final List<String> KEYS = List.of("name", "ambient", "liquid-factor");
    /** Preheat-free powder bed (the phase-1 validations use it too). */
    static final double DEFAULT_AMBIENT = 300;

    /** The material's name (its file's name). */
    public String name() {
        return material.name();
    }

    /** The material with its ambient temperature and liquid factor, checked when parsed. */
    public ThermalScaling scaling() {
        return new ThermalScaling(material, ambient, liquidFactor);
    }

    /**
     * The {@code material:} value under {@code key} of {@code parent}, read and checked now.
     *
     * @param baseDir the working folder (paths and names resolve against it first)
     * @throws StudyException naming the key: unknown material, unreadable or invalid file, ambient or factor
     */
    static MaterialSpec parse(YamlFields parent, String key, Path baseDir) {
        Object raw = parent.require(key);
        String ref;
        double ambient = DEFAULT_AMBIENT;
        double factor = 1;
        String at = key;
        if (raw instanceof String s) {
            ref = s;
        } else {
            YamlFields m = parent.mapping(key, KEYS);
            ref = m.string("name");
            ambient = m.number("ambient", DEFAULT_AMBIENT);
            factor = m.number("liquid-factor", 1.0);
            at = key + ".name";
        }
        Path file = locate(parent, at, ref, baseDir);
        Material material;
        try {
            material = MaterialFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new StudyException(parent.file() + ": " + parent.pathOf(at) + ": " + e.getMessage(), e);
        }
        MaterialSpec spec = new MaterialSpec(file.toString(), material, ambient, factor);
        try {
            spec.scaling();
        } catch (IllegalArgumentException e) {
            throw new StudyException(parent.file() + ": " + parent.pathOf(key) + ": " + e.getMessage(), e);
        }
        return spec;
    }

    /** The material file a name or path refers to. */
    private static Path locate(YamlFields parent, String at, String ref, Path baseDir) {
        if (ref.endsWith(".yaml") || ref.contains("/")) {
            Path p = baseDir.resolve(ref).normalize();
            if (!Files.isRegularFile(p)) {
                throw parent.error(at, "names no material file", p.toString());
            }
            return p;
        }
        if (!ref.matches("[a-z0-9_-]+")) {
            throw parent.error(at, "must be a material name [a-z0-9_-]+ or a path ending in .yaml", ref);
        }
        Path local = baseDir.resolve(MaterialFile.SHIPPED).resolve(ref + ".yaml");
        if (Files.isRegularFile(local)) {
            return local;
        }
        Path home = installation();
        Path shipped = home == null ? null : home.resolve(MaterialFile.SHIPPED).resolve(ref + ".yaml");
        if (shipped != null && Files.isRegularFile(shipped)) {
            return shipped;
        }
        Path folder = home != null ? home.resolve(MaterialFile.SHIPPED) : baseDir.resolve(MaterialFile.SHIPPED);
        throw parent.error(at, "is not a material of " + folder + " (" + String.join(", ", shippedNames(folder))
                + ")", ref);
    }

    /** The first folder above this program's code that has {@code conf/materials}, or null. */
    static Path installation() {
        try {
            Path p = Path.of(MaterialSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve(MaterialFile.SHIPPED))) {
                    return p;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code location (an unusual class loader): only the working folder is searched
        }
        return null;
    }

    private static List<String> shippedNames(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** For the manifest: name, file, ambient and factor. */
    public Map<String, Object> describe() {
        return Map.of("name", name(), "file", file, "ambient", ambient, "liquid_factor", liquidFactor);
    }
}
