package org.snauq.notebooks.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How line magics are found, split and rewritten (IJava's MagicsSourceTransformer, JJava's MagicsResolver). */
class MagicsTest {

    @TempDir
    Path dir;

    @Test
    void transform_magicLine_becomesACallInPlace() {
        assertEquals("lineMagic(\"jars\", java.util.List.of(\"lib/*.jar\", \"x y.jar\"));{};\nimport a.B;",
                Magics.transform("%jars lib/*.jar \"x y.jar\"\nimport a.B;"));
    }

    @Test
    void transform_afterEquals_givesTheMagicsValue() {
        assertEquals("List<String> p =lineMagic(\"classpath\", java.util.List.of(\"lib/\"));{};",
                Magics.transform("List<String> p = %classpath lib/"));
    }

    @Test
    void transform_insideStringOrMidLine_leavesTheText() {
        String inString = "String s = \"=%jars x\";";
        assertEquals(inString, Magics.transform(inString));
        String modulo = "int r = a %b;";
        assertEquals(modulo, Magics.transform(modulo));
    }

    @Test
    void split_quotesAndBackslashes_groupAndEscape() {
        assertEquals(List.of("a", "b c", "d\"e", "f"), Magics.split("  a \"b c\"\td\\\"e f "));
    }

    @Test
    void cellMagicName_percentPercentFirstLine_isACellMagic() {
        assertEquals("loadFromPOM", Magics.cellMagicName("%%loadFromPOM scope\n<dependency/>"));
        assertNull(Magics.cellMagicName("%jars x\nint a = 1;"));
    }

    @Test
    void run_jarsGlob_addsEachMatchingFileAbsolute() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/a.jar"), "");
        Files.writeString(dir.resolve("lib/b.jar"), "");
        List<String> added = new ArrayList<>();
        List<String> returned = new Magics(dir, added::add).run("jars", List.of("lib/*.jar"));
        assertEquals(List.of(dir.resolve("lib/a.jar").toString(), dir.resolve("lib/b.jar").toString()), added);
        assertEquals(added, returned);
    }

    @Test
    void run_globMatchingNothing_namesGlobAndFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Magics(dir, p -> { }).run("classpath", List.of("../target/notebook-jars/*.jar")));
        assertTrue(e.getMessage().startsWith("%classpath ../target/notebook-jars/*.jar: names no file or folder")
                && e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void run_unknownMagic_fails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Magics(dir, p -> { }).run("maven", List.of("g:a:1")));
        assertTrue(e.getMessage().startsWith("%maven: no such line magic"), e.getMessage());
    }
}
