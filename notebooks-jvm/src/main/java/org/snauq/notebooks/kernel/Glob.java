package org.snauq.notebooks.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The "simple glob" of IJava's and JJava's classpath magics, as their documentation and source define it: the glob
 * is split at {@code /} (on every OS); in a segment {@code *} matches any run of characters and {@code ?} one
 * character, never across a {@code /} ({@code \*} and {@code \?} match themselves); the leading segments without
 * wildcards name the folder the search starts from, relative to the kernel's working folder (the notebook's folder)
 * unless absolute. {@code %jars} keeps regular files only, and a glob ending in {@code /} means every file in the
 * folders it names; {@code %classpath} keeps files and folders alike.
 *
 * <p>One deliberate difference: the kernels list matches in the file system's order; this lists them sorted by
 * path, so a run is reproducible (the order matters only when two jars hold the same class).
 */
final class Glob {

    private static final Pattern SEPARATORS = Pattern.compile("/+");
    private static final Pattern PART = Pattern.compile("\\\\([*?])|(\\*)|(\\?)|([^*?\\\\]+|\\\\)");

    private final Path base;
    /** One regular expression per segment after the base (a literal segment is quoted). */
    private final List<Pattern> segments;
    private final boolean endsWithSlash;

    private Glob(Path base, List<Pattern> segments, boolean endsWithSlash) {
        this.base = base;
        this.segments = segments;
        this.endsWithSlash = endsWithSlash;
    }

    /** Parses {@code glob}; relative globs start from {@code workingFolder}. */
    static Glob parse(String glob, Path workingFolder) {
        boolean absolute = glob.startsWith("/");
        String[] parts = SEPARATORS.split(absolute ? glob.substring(1) : glob);
        Path base = absolute ? Path.of("/") : workingFolder;
        List<Pattern> segments = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            String regex = regex(part);
            if (segments.isEmpty() && regex == null) {
                base = base.resolve(unescape(part));
            } else {
                segments.add(Pattern.compile(regex != null ? regex : Pattern.quote(unescape(part))));
            }
        }
        return new Glob(base.normalize(), segments, glob.endsWith("/"));
    }

    /** What {@code %jars} adds: the regular files the glob names. */
    List<Path> files() {
        if (segments.isEmpty()) {
            if (Files.isRegularFile(base)) {
                return List.of(base);
            }
            return endsWithSlash && Files.isDirectory(base) ? children(base, Files::isRegularFile) : List.of();
        }
        List<Path> found = new ArrayList<>();
        collect(base, 0, endsWithSlash ? Kind.FOLDER_OF_FILES : Kind.FILE, found);
        return sorted(found);
    }

    /** What {@code %classpath} adds: the files and folders the glob names. */
    List<Path> paths() {
        if (segments.isEmpty()) {
            return Files.exists(base) ? List.of(base) : List.of();
        }
        List<Path> found = new ArrayList<>();
        collect(base, 0, Kind.ANY, found);
        return sorted(found);
    }

    private enum Kind { FILE, ANY, FOLDER_OF_FILES }

    private void collect(Path folder, int segment, Kind last, List<Path> into) {
        boolean isLast = segment == segments.size() - 1;
        Pattern pattern = segments.get(segment);
        for (Path p : children(folder, p -> pattern.matcher(p.getFileName().toString()).matches())) {
            if (!isLast) {
                if (Files.isDirectory(p)) {
                    collect(p, segment + 1, last, into);
                }
            } else if (last == Kind.ANY || (last == Kind.FILE && Files.isRegularFile(p))) {
                into.add(p);
            } else if (last == Kind.FOLDER_OF_FILES && Files.isDirectory(p)) {
                into.addAll(children(p, Files::isRegularFile));
            }
        }
    }

    private static List<Path> children(Path folder, java.util.function.Predicate<Path> keep) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> sorted(List<Path> paths) {
        return paths.stream().sorted().toList();
    }

    /** The segment as a regular expression, or null when it has no wildcard. */
    private static String regex(String segment) {
        StringBuilder regex = new StringBuilder();
        boolean wildcard = false;
        Matcher m = PART.matcher(segment);
        while (m.find()) {
            if (m.group(1) != null) {
                regex.append(Pattern.quote(m.group(1)));
            } else if (m.group(2) != null) {
                regex.append(".*");
                wildcard = true;
            } else if (m.group(3) != null) {
                regex.append('.');
                wildcard = true;
            } else {
                regex.append(Pattern.quote(m.group(4)));
            }
        }
        return wildcard ? regex.toString() : null;
    }

    private static String unescape(String literal) {
        return literal.replace("\\*", "*").replace("\\?", "?");
    }
}
