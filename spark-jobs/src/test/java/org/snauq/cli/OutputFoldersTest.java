package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes creates the folders above its output (issue 17 point 6: {@code sna solve --output
 * results/x.sna} failed after solving when {@code results/} did not exist), and an output that cannot be created
 * is one line, exit 2, before any work.
 */
class OutputFoldersTest {

    @TempDir
    Path dir;

    /** Two folder levels that do not exist yet. */
    private Path missing(String file) {
        return dir.resolve("new").resolve("deeper").resolve(file);
    }

    @Test
    void solve_outputUnderMissingFolders_createsThem() {
        Path model = missing("k.sna");
        Cli.run("solve", "../conf/problems/parametric-diffusion.yaml", "--output", model.toString()).assertOk();
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void solve_folderAboveIsAFile_oneLineBeforeSolving() throws Exception {
        Path file = Files.writeString(dir.resolve("results"), "a file, not a folder");
        Cli.Result r = Cli.run("solve", "../conf/problems/parametric-diffusion.yaml", "--output",
                file.resolve("k.sna").toString()).assertBadInput("--output " + file.resolve("k.sna"),
                "is a file, not a folder");
        assertEquals("", r.out(), "nothing solved: the problem line comes first when it is");
    }

    @Test
    void train_outputUnderMissingFolders_createsThem() {
        Path model = missing("m.sna");
        Cli.Result r = Cli.run("train", "--data", "../conf/data/ishigami-2000.csv", "--response", "y", "--rank", "2",
                "--degree", "3", "--knots", "8", "--output", model.toString());
        assertEquals(CliErrors.OK, r.exit(), r.err());
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void generate_outputUnderMissingFolders_createsThem() {
        Path data = missing("d.parquet");
        SnaRun.Result r = SnaRun.sna("generate", "--inputs", "../conf/studies/ishigami-sobol.yaml", "--function",
                "ishigami", "--n", "64", "--output", data.toString());
        assertEquals(CliErrors.OK, r.exit(), r.err());
        assertTrue(Files.isDirectory(data));
    }

    @Test
    void run_outputUnderMissingFolders_createsThem() throws Exception {
        Path study = dir.resolve("s.yaml");
        Files.writeString(study, String.join("\n", "name: s", "model: {expression: \"a + 1\"}", "inputs:",
                "  - {name: a, dist: uniform, lower: 0, upper: 1}", "sampling: {design: mc, n: 256, seed: 1}", ""));
        Path output = missing("results");
        SnaRun.Result r = SnaRun.sna("run", study.toString(), "--output", output.toString(), "--run-id", "r1");
        assertEquals(CliErrors.OK, r.exit(), r.err());
        assertTrue(Files.isRegularFile(output.resolve("_runs/run_id=r1/report.html")));
    }
}
