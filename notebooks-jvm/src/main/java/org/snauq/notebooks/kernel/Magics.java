package org.snauq.notebooks.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line magics as IJava and JJava read them, and the two that put jars on the classpath.
 *
 * <p>Reading: a line magic is {@code %name args} at the start of a line or right after {@code =} (so
 * {@code List<String> added = %jars lib/*.jar} works), unless an open string literal precedes it on its line. Its
 * arguments are split at spaces and tabs; double quotes group, a backslash escapes the next character. The kernels
 * replace the magic, in place, by a call {@code lineMagic(name, List.of(args))} and then run the cell snippet by
 * snippet, so a magic takes effect before the lines after it (the imports of the same cell) are compiled. A cell
 * that starts with {@code %%name} is a cell magic; none is needed by our notebooks, so they are refused.
 *
 * <p>The magics: {@code %jars GLOB...} adds the regular files the globs name (IJava; JJava still accepts it, with
 * a deprecation warning), {@code %classpath GLOB...} adds files and folders (both kernels); globs as in
 * {@link Glob}, relative to the kernel's working folder. Stricter than the kernels, which add nothing without a
 * word: a glob that names nothing is an error, so a wrong path fails where it is written. Any other magic is an
 * error, as in the kernels when the magic is unknown.
 */
final class Magics {

    private static final Pattern LINE_MAGIC = Pattern.compile("(?<=^|=)\\s*%(\\w.*?)$", Pattern.MULTILINE);
    private static final Pattern CELL_MAGIC = Pattern.compile("%%(\\w.*?)\\R(?s).+");
    private static final Pattern QUOTE = Pattern.compile("(?<!\\\\)\"");

    private final Path workingFolder;
    private final Consumer<String> addToClasspath;

    /** @param addToClasspath adds one absolute path to the shell's compile and run classpath */
    Magics(Path workingFolder, Consumer<String> addToClasspath) {
        this.workingFolder = workingFolder;
        this.addToClasspath = addToClasspath;
    }

    /** The cell magic's name when {@code cell} is one, else null. */
    static String cellMagicName(String cell) {
        Matcher m = CELL_MAGIC.matcher(cell);
        return m.matches() ? split(m.group(1)).get(0) : null;
    }

    /** {@code cell} with each line magic replaced by the call of {@code lineMagic} that runs it. */
    static String transform(String cell) {
        Matcher m = LINE_MAGIC.matcher(cell);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String linePrefix = cell.substring(cell.lastIndexOf('\n', m.start() - 1) + 1, m.start());
            if (insideString(linePrefix)) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            List<String> words = split(m.group(1));
            StringBuilder call = new StringBuilder("lineMagic(").append(literal(words.get(0)))
                    .append(", java.util.List.of(");
            for (int i = 1; i < words.size(); i++) {
                call.append(i > 1 ? ", " : "").append(literal(words.get(i)));
            }
            // the empty block after the call keeps the magic's return value from becoming the cell's result
            m.appendReplacement(out, Matcher.quoteReplacement(call.append("));{};").toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Runs line magic {@code name}; returns what the kernels' magic returns (the added paths, for both). */
    List<String> run(String name, List<String> args) {
        boolean filesOnly = switch (name) {
            case "jars" -> true;
            case "classpath" -> false;
            default -> throw new IllegalArgumentException("%" + name + ": no such line magic here (the notebook"
                    + " runner knows %jars and %classpath)");
        };
        List<String> added = new ArrayList<>();
        for (String arg : args) {
            Glob glob = Glob.parse(arg, workingFolder);
            List<Path> found = filesOnly ? glob.files() : glob.paths();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("%" + name + " " + arg + ": names no " + (filesOnly ? "file"
                        : "file or folder") + " (relative to " + workingFolder + ")");
            }
            for (Path p : found) {
                String path = p.toAbsolutePath().toString();
                addToClasspath.accept(path);
                added.add(path);
            }
        }
        return added;
    }

    private static boolean insideString(String linePrefix) {
        Matcher q = QUOTE.matcher(linePrefix);
        int quotes = 0;
        while (q.find()) {
            quotes++;
        }
        return quotes % 2 == 1;
    }

    /** The kernels' argument splitting: spaces and tabs separate, double quotes group, backslash escapes. */
    static List<String> split(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\\' && i + 1 < args.length()) {
                word.append(args.charAt(++i));
                inWord = true;
            } else if (c == '"') {
                if (quoted) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                quoted = !quoted;
            } else if ((c == ' ' || c == '\t') && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
