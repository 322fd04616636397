package org.snauq.study;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The one way study and problem files are read: a regular file of at most {@link #MAX_BYTES} bytes, strict UTF-8,
 * one YAML document through SnakeYAML's safe constructor (plain maps, lists and scalars) with duplicate keys
 * refused and aliases and nesting bounded. Every failure is a one-line {@link StudyException} that starts with the
 * file name, so a FIFO, a device such as {@code /dev/zero}, a binary file or an alias bomb fails at once instead of
 * hanging or exhausting memory.
 */
public final class YamlLoader {

    /** Study and problem files are a few kilobytes; a megabyte is a wrong file, not a study. */
    public static final int MAX_BYTES = 1 << 20;
    /** Aliases per document: a study has no use for them beyond a few (alias bombs expand exponentially). */
    static final int MAX_ALIASES = 10;
    /** Nesting depth of collections: studies nest four levels deep; deeper is a wrong file. */
    static final int MAX_DEPTH = 64;

    private YamlLoader() {
    }

    /**
     * The root of the one YAML document in {@code file} (a map, list or scalar; null when the file is empty).
     *
     * @throws StudyException naming the file: missing, not a regular file, too large, not UTF-8, malformed YAML
     */
    public static Object read(Path file) {
        return load(String.valueOf(file.getFileName()), readText(file));
    }

    /** The text of a study or problem file, checked as {@link #read(Path)} does. */
    public static String readText(Path file) {
        String name = String.valueOf(file.getFileName());
        if (!Files.exists(file)) {
            throw new StudyException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new StudyException(file + ": not a regular file ("
                    + (Files.isDirectory(file) ? "a folder" : "a pipe, socket or device") + ")");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // the file may grow after the check above
        } catch (NoSuchFileException e) {
            throw new StudyException(file + ": no such file");
        } catch (IOException e) {
            throw new StudyException(file + ": cannot read: " + oneLine(e.getMessage()), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new StudyException(name + ": larger than " + MAX_BYTES + " bytes; study and problem files are small"
                    + " YAML text");
        }
        return decode(name, bytes);
    }

    /** Strict UTF-8 (a leading byte-order mark is dropped); the first invalid byte is named by offset and line. */
    static String decode(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new StudyException(String.format(Locale.ROOT, "%s: not UTF-8 text: byte 0x%02X at offset %d (line"
                    + " %d) is not valid UTF-8; save the file as UTF-8", name, bytes[at] & 0xff, at, line));
        }
        decoder.flush(out); // UTF-8 keeps no state to flush; the call completes the decoder's protocol
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The root of the one YAML document in {@code text}; {@code fileName} prefixes the messages.
     *
     * @throws StudyException for malformed YAML, a duplicate key, too many aliases, too deep nesting or more than
     *                        one document
     */
    public static Object load(String fileName, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        try {
            Yaml yaml = new Yaml(new SafeConstructor(options));
            List<Object> docs = new ArrayList<>();
            for (Object doc : yaml.loadAll(text)) {
                docs.add(doc);
                if (docs.size() > 1) {
                    throw new StudyException(fileName + ": holds more than one YAML document, expected one");
                }
            }
            return docs.isEmpty() ? null : docs.get(0);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new StudyException(fileName + ": malformed YAML" + where + ": " + oneLine(problem), e);
        } catch (YAMLException e) {
            throw new StudyException(fileName + ": malformed YAML: " + oneLine(e.getMessage()), e);
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
