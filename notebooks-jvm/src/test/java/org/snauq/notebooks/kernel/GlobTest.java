package org.snauq.notebooks.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IJava's simple glob (README "Simple glob syntax", ClasspathMagics): what %jars and %classpath add. */
class GlobTest {

    @TempDir
    Path dir;

    @BeforeEach
    void tree() throws IOException {
        for (String f : List.of("lib/a.jar", "lib/b.jar", "lib/c.txt", "lib/ab.jar", "lib/sub/d.jar", "other/x.jar")) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
    }

    @Test
    void files_starInLastSegment_matchesFilesOfThatFolderOnly() {
        assertEquals(paths("lib/a.jar", "lib/ab.jar", "lib/b.jar"), Glob.parse("lib/*.jar", dir).files());
    }

    @Test
    void files_questionMark_matchesOneCharacter() {
        assertEquals(paths("lib/a.jar", "lib/b.jar"), Glob.parse("lib/?.jar", dir).files());
    }

    @Test
    void files_wildcardFolder_searchesEveryMatchingFolder() {
        assertEquals(paths("lib/a.jar", "lib/ab.jar", "lib/b.jar", "other/x.jar"),
                Glob.parse("*/*.jar", dir).files());
    }

    @Test
    void files_trailingSlash_meansEveryFileInTheFolder() {
        assertEquals(paths("lib/a.jar", "lib/ab.jar", "lib/b.jar", "lib/c.txt"), Glob.parse("lib/", dir).files());
    }

    @Test
    void files_folderWithoutSlashOrMissingFile_matchesNothing() {
        assertEquals(List.of(), Glob.parse("lib", dir).files());
        assertEquals(List.of(), Glob.parse("lib/none.jar", dir).files());
        assertEquals(List.of(), Glob.parse("none/*.jar", dir).files());
    }

    @Test
    void paths_folderOrWildcard_keepsFilesAndFolders() {
        assertEquals(paths("lib"), Glob.parse("lib", dir).paths());
        assertEquals(paths("lib/a.jar", "lib/ab.jar", "lib/b.jar", "lib/c.txt", "lib/sub"),
                Glob.parse("lib/*", dir).paths());
    }

    @Test
    void parse_parentAndAbsolutePaths_resolveLikeAPath() {
        assertEquals(paths("lib/a.jar", "lib/ab.jar", "lib/b.jar"), Glob.parse("../*.jar", dir.resolve("lib/sub"))
                .files());
        assertEquals(paths("other/x.jar"), Glob.parse(dir + "/other/*.jar", Path.of("/nowhere")).files());
    }

    @Test
    void parse_escapedStar_matchesItself() throws IOException {
        Files.writeString(dir.resolve("lib/*.jar"), "literal");
        assertEquals(paths("lib/*.jar"), Glob.parse("lib/\\*.jar", dir).files());
    }

    private List<Path> paths(String... relative) {
        return List.of(relative).stream().map(dir::resolve).toList();
    }
}
