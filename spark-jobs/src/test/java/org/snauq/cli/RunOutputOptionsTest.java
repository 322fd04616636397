package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sna run}'s run ID and output options (issue 19 point 6, issue 18): each bad value is exit 2 with one
 * line naming the option, before any work, and leaves nothing behind; {@code --keep} removes older runs of the
 * study after publishing.
 */
class RunOutputOptionsTest {

    @TempDir
    Path dir;

    private Path smallStudy() throws IOException {
        Path study = dir.resolve("small.yaml");
        Files.writeString(study, Files.readString(SnaRun.ROOT.resolve("conf/studies/ishigami-sobol.yaml"))
                .replace("n: 65536", "n: 256"));
        return study;
    }

    private void assertBadInput(SnaRun.Result r, String fragment) {
        assertEquals(CliErrors.BAD_INPUT, r.exit(), r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("sna: ") && lines.get(0).contains(fragment), r.err());
        assertFalse(r.err().contains("spark ready"), "refused before Spark: " + r.err());
    }

    @Test
    void run_badRunIds_exitTwoBeforeAnyWork() throws IOException {
        Path study = smallStudy();
        Path out = dir.resolve("out");
        assertBadInput(SnaRun.sna("run", study.toString(), "--output", out.toString(), "--run-id", "a:b"),
                "--run-id must match [A-Za-z0-9][A-Za-z0-9_.-]*");
        assertBadInput(SnaRun.sna("run", study.toString(), "--output", out.toString(), "--run-id", "r".repeat(300)),
                "--run-id must have at most 128 characters, got 300");
        assertBadInput(SnaRun.sna("run", study.toString(), "--output", out.toString(), "--run-id", "1e5"),
                "--run-id must contain a letter and not read as a number");
        assertBadInput(SnaRun.sna("run", study.toString(), "--output", out.toString(), "--keep", "0"),
                "--keep must be >= 1, got 0");
        assertFalse(Files.exists(out), "no output for refused options");
    }

    @Test
    void run_emptyOrUnwritableOutput_exitTwoBeforeAnyWork() throws IOException {
        Path study = smallStudy();
        assertBadInput(SnaRun.sna("run", study.toString(), "--output", ""), "--output must name a folder, got ''");
        assertBadInput(SnaRun.sna("run", study.toString(), "--output", "  "), "--output must name a folder");
        Path unwritable = unwritableFolder();
        assertBadInput(SnaRun.sna("run", study.toString(), "--output", unwritable.resolve("out").toString()),
                "--output " + unwritable.resolve("out") + ": cannot write in " + unwritable);
        assertBadInput(SnaRun.sna("generate", "--function", "ishigami", "--inputs", study.toString(), "--n", "10",
                "--output", ""), "--output must name a folder");
        try (var s = Files.list(dir)) {
            assertEquals(List.of("read-only", "small.yaml"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing written");
        }
    }

    @Test
    void runKeep_two_leavesTheTwoNewestRunsOfTheStudy() throws IOException {
        Path study = smallStudy();
        Path out = dir.resolve("kept");
        for (String id : List.of("k1", "k2", "k3")) {
            SnaRun.Result r = SnaRun.sna("run", study.toString(), "--output", out.toString(), "--run-id", id,
                    "--keep", "2");
            assertEquals(0, r.exit(), r.err());
        }
        assertFalse(Files.exists(Published.runFolder(out, "k1")));
        assertFalse(Files.exists(Published.table(out, "sobol", "k1")));
        assertTrue(Files.exists(Published.runFolder(out, "k2")) && Files.exists(Published.runFolder(out, "k3")));
        SnaRun.Result runs = SnaRun.sna("runs", out.toString());
        assertEquals(3, runs.out().strip().lines().count(), runs.out()); // the header and two runs
    }

    /**
     * A folder this process cannot write in: read-only permissions, or for root (who ignores them) a kernel
     * file system that refuses new entries.
     */
    private Path unwritableFolder() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Files.delete(Files.createDirectory(ro.resolve("probe")));
            return Path.of("/sys"); // root: permission bits do not stop it, /sys does
        } catch (IOException e) {
            return ro;
        }
    }
}
