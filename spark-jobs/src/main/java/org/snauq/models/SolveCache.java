package org.snauq.models;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.snauq.galerkin.Vsna;
import org.snauq.model.SnaFormatException;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.study.ProblemFile;

/**
 * Models solved for {@code model: {solve: PROBLEM.yaml}}, kept by content hash so that a study runs from a fresh
 * clone in one command and solves again only when the problem or the solver changed.
 *
 * <p>Key: SHA-256 over the problem file's bytes and a fingerprint of the solver, the bytes of the classes that
 * make the model (packages {@code galerkin}, {@code basis}, {@code model}, {@code als} and the problem-file
 * parser; read from the jar or class folder they were loaded from, so a rebuild with the same code keeps the
 * cache and any change to them misses it). Library versions (EJML) are not in the key.
 *
 * <p>Entry: {@code <cache>/solved/<key>.sna}, the model with what solving reported (description and report) in
 * its provenance under {@value #ENTRY}; written to a temporary file and moved into place, so concurrent runs
 * at worst both solve. An entry that cannot be read is solved again and replaced. The cache folder is
 * {@code -D}{@value #PROPERTY}, else {@code $SNA_CACHE}, else {@code $XDG_CACHE_HOME/sna-uq}, else
 * {@code ~/.cache/sna-uq}; deleting it is always safe.
 */
public final class SolveCache {

    /** The system property naming the cache folder. */
    public static final String PROPERTY = "sna.cache";
    /** Provenance key of a cache entry's description and report. */
    static final String ENTRY = "sna_solve_cache";
    /** Report key telling where the model came from. */
    static final String REPORT_KEY = "solve_cache";

    /** Class folders (resource prefixes) whose bytes decide the solved model. */
    private static final List<String> SOLVER_CODE = List.of("org/snauq/galerkin/", "org/snauq/basis/",
            "org/snauq/model/", "org/snauq/als/", "org/snauq/study/ProblemFile", "org/snauq/study/ExpressionField",
            "org/snauq/study/YamlLoader");

    private static String fingerprint;

    private SolveCache() {
    }

    /**
     * The model solved from {@code problem}: from the cache when an entry with its key exists, else from
     * {@code solve}, then stored.
     *
     * @param solve solves the problem (for a study: {@link StudyModels}' solve), giving the model with the
     *              loading study's inputs, its description and report
     */
    static LoadedModel solved(org.snauq.study.Study study, Path problem, Supplier<LoadedModel> solve) {
        Path entry;
        try {
            entry = folder().resolve("solved").resolve(key(problem) + ".sna");
        } catch (IOException e) {
            return solve.get(); // a missing or unreadable problem file: solving says so in its own words
        }
        LoadedModel hit = read(study, entry);
        if (hit != null) {
            return hit;
        }
        LoadedModel fresh = solve.get();
        Map<String, Object> report = new LinkedHashMap<>(fresh.report());
        Map<String, String> units = units(problem);
        if (!units.isEmpty()) {
            report.put(RunUnits.REPORT_KEY, units);
        }
        String stored = store(fresh.model().description(), fresh.model().sna(), report, entry);
        report.put(REPORT_KEY, stored);
        return new LoadedModel(fresh.model(), fresh.hash(), report);
    }

    /** The problem file's units (it was just solved, so it parses). */
    private static Map<String, String> units(Path problem) {
        try {
            return ProblemFile.read(problem).units();
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** The cached model as the study's, or null when there is no readable entry. */
    private static LoadedModel read(org.snauq.study.Study study, Path entry) {
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        SnaModel cached;
        try {
            cached = SnaModelFile.read(entry);
        } catch (IOException | SnaFormatException | RuntimeException e) {
            return null; // damaged or from an older format: solve again and replace it
        }
        Map<String, Object> provenance = new LinkedHashMap<>(cached.provenance());
        if (!(provenance.remove(ENTRY) instanceof Map<?, ?> saved) || !(saved.get("description") instanceof String d)
                || !(saved.get("report") instanceof Map<?, ?> r)) {
            return null;
        }
        Map<String, Object> report = new LinkedHashMap<>();
        r.forEach((k, v) -> report.put(String.valueOf(k), v));
        report.put(REPORT_KEY, "hit " + entry);
        SnaModel model = cached.withProvenance(provenance).withInputs(study.inputs());
        return ModelLoader.sna(study, model, d + ", from the solve cache", report);
    }

    /**
     * Stores a freshly solved model (its numbers: the study's inputs are attached again on a hit) with its
     * description and report; returns what the report says about it (the cache is best effort).
     */
    private static String store(String description, SnaModel solved, Map<String, Object> report, Path entry) {
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("description", description);
        saved.put("report", report);
        Map<String, Object> provenance = new LinkedHashMap<>(solved.provenance());
        provenance.put(ENTRY, saved);
        Path tmp = entry.resolveSibling(entry.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(entry.getParent());
            SnaModelFile.write(solved.withProvenance(provenance), tmp);
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            return "stored " + entry;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do: the run goes on without the cache
            }
            return "not stored (" + e.getMessage() + ")";
        }
    }

    /** The cache folder (see the class comment). */
    static Path folder() {
        String named = System.getProperty(PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv("SNA_CACHE");
        }
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("sna-uq");
    }

    /** SHA-256 (hex) of the problem file's bytes and the solver's fingerprint. */
    static String key(Path problem) throws IOException {
        MessageDigest md = sha256();
        md.update(Files.readAllBytes(problem));
        md.update(solverFingerprint().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 (hex) over the names and bytes of the solver's classes, in name order; computed once per JVM. */
    static synchronized String solverFingerprint() {
        if (fingerprint == null) {
            TreeMap<String, byte[]> classes = new TreeMap<>();
            for (Class<?> anchor : List.of(Vsna.class, ProblemFile.class)) {
                classes.putAll(classes(anchor.getProtectionDomain().getCodeSource()));
            }
            MessageDigest md = sha256();
            classes.forEach((name, bytes) -> {
                md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(bytes);
            });
            fingerprint = classes.isEmpty() ? "unknown" : HexFormat.of().formatHex(md.digest());
        }
        return fingerprint;
    }

    /** The solver's class files in a jar or class folder, by resource name; empty when it cannot be read. */
    private static Map<String, byte[]> classes(CodeSource source) {
        Map<String, byte[]> out = new TreeMap<>();
        if (source == null || source.getLocation() == null) {
            return out;
        }
        try {
            Path at = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(at)) {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(at)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
                for (Path f : files) {
                    String name = at.relativize(f).toString().replace('\\', '/');
                    if (solverClass(name)) {
                        out.put(name, Files.readAllBytes(f));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(at.toFile())) {
                    for (JarEntry e : java.util.Collections.list(jar.entries())) {
                        if (solverClass(e.getName())) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.put(e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return new TreeMap<>();
        }
        return out;
    }

    private static boolean solverClass(String name) {
        return name.endsWith(".class") && SOLVER_CODE.stream().anyMatch(name::startsWith);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
