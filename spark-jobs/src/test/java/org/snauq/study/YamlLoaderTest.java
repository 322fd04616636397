package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one YAML loader of studies and problem files: file kinds, size, encoding, duplicate keys, bombs. */
class YamlLoaderTest {

    /** A special file must be refused at once; anything that reads it would block or run out of memory first. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static String error(Path file) {
        return assertTimeoutPreemptively(AT_ONCE, () -> assertThrows(StudyException.class,
                () -> YamlLoader.read(file)).getMessage());
    }

    private static String loadError(String text) {
        return assertThrows(StudyException.class, () -> YamlLoader.load("s.yaml", text)).getMessage();
    }

    @Test
    void read_fifo_refusedWithoutBlocking() throws Exception {
        Path fifo = SpecialFiles.fifo(dir, "s.yaml");
        assertEquals(fifo + ": not a regular file (a pipe, socket or device)", error(fifo));
    }

    @Test
    void read_devZero_refusedWithoutReading() {
        assertEquals("/dev/zero: not a regular file (a pipe, socket or device)", error(SpecialFiles.DEV_ZERO));
    }

    @Test
    void read_folderOrMissing_named() {
        assertEquals(dir + ": not a regular file (a folder)", error(dir));
        assertEquals(dir.resolve("none.yaml") + ": no such file", error(dir.resolve("none.yaml")));
    }

    @Test
    void read_largerThanLimit_refused() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[YamlLoader.MAX_BYTES + 1]);
        assertEquals("big.yaml: larger than 1048576 bytes; study and problem files are small YAML text", error(big));
    }

    @Test
    void read_notUtf8_namesByteOffsetAndLine() throws IOException {
        Path latin1 = dir.resolve("s.yaml");
        Files.write(latin1, "name: s\nmodel: {function: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("s.yaml: not UTF-8 text: byte 0xE9 at offset 29 (line 2) is not valid UTF-8; save the file as"
                + " UTF-8", error(latin1));
    }

    @Test
    void read_utf8WithByteOrderMark_read() throws IOException {
        Path bom = dir.resolve("s.yaml");
        Files.write(bom, "\uFEFFname: caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("name", "caf\u00e9"), YamlLoader.read(bom));
    }

    @Test
    void load_duplicateKey_namesLineAndKey() {
        String m = loadError("name: a\nsampling: {n: 4}\nname: b\n");
        assertTrue(m.startsWith("s.yaml: malformed YAML at line 3, column 1:"), m);
        assertTrue(m.contains("duplicate key name"), m);
    }

    @Test
    void load_aliasBomb_refused() {
        StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'm'; c++) {
            char p = (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append("]\n");
        }
        assertTrue(loadError(b.toString()).startsWith("s.yaml: malformed YAML"), b.toString());
    }

    @Test
    void load_deepNesting_refused() {
        String deep = "[".repeat(YamlLoader.MAX_DEPTH + 10) + "]".repeat(YamlLoader.MAX_DEPTH + 10);
        assertTrue(loadError(deep).startsWith("s.yaml: malformed YAML"));
    }

    @Test
    void load_twoDocuments_refused() {
        assertEquals("s.yaml: holds more than one YAML document, expected one", loadError("a: 1\n---\nb: 2\n"));
    }

    @Test
    void load_emptyText_null() {
        assertEquals(null, YamlLoader.load("s.yaml", ""));
    }
}
