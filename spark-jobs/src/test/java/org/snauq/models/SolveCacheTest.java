package org.snauq.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.model.SnaModel;
import org.snauq.study.ModelSource;
import org.snauq.study.Study;
import org.snauq.study.StudyParser;

/**
 * {@code model: {solve: PROBLEM.yaml}} solves once per content (issue 17 point 6): the second load of the same
 * problem reads the cached model, which is the same function (same content hash, same values); a changed problem
 * file misses the cache; a damaged entry is solved again; the problem's units reach the run's report.
 */
class SolveCacheTest {

    @TempDir
    Path dir;

    private String before;

    @BeforeEach
    void cacheInTemp() {
        before = System.getProperty(SolveCache.PROPERTY);
        System.setProperty(SolveCache.PROPERTY, dir.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(SolveCache.PROPERTY);
        } else {
            System.setProperty(SolveCache.PROPERTY, before);
        }
    }

    private Path problem(String extra) throws Exception {
        String shipped = Files.readString(Path.of("..", "conf", "problems", "parametric-diffusion.yaml"));
        return Files.writeString(dir.resolve("diffusion.yaml"), shipped.replace("name: parametric-diffusion",
                "name: parametric-diffusion\noutput: u\noutput-unit: K" + extra));
    }

    private Study study(Path problem) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), String.join("\n", "name: s",
                "model: {solve: " + problem + "}", "inputs:", "  - {name: x, dist: constant, value: 0.5}",
                "  - {name: k, dist: uniform, lower: 1, upper: 10}", "sampling: {design: mc, n: 100}", ""));
        return StudyParser.parse(file, dir);
    }

    private static LoadedModel load(Study s) {
        return new StudyModels().solve(s, (ModelSource.Solve) s.model());
    }

    @Test
    void solve_twice_secondFromTheCacheAndTheSameModel() throws Exception {
        Study s = study(problem(""));
        LoadedModel first = load(s);
        assertTrue(String.valueOf(first.report().get("solve_cache")).startsWith("stored "), first.report().toString());
        LoadedModel second = load(s);
        assertTrue(String.valueOf(second.report().get("solve_cache")).startsWith("hit "), second.report().toString());
        assertEquals(first.hash(), second.hash(), "the same numbers");
        assertTrue(second.model().description().endsWith(", from the solve cache"));
        SnaModel a = first.model().sna();
        SnaModel b = second.model().sna();
        for (double[] z : new double[][] {{0.5, 1.0}, {0.25, 3.7}, {0.9, 10.0}}) {
            assertEquals(a.value(z), b.value(z), 0.0, "same function at " + z[0] + ", " + z[1]);
        }
        assertEquals(first.report().get("convergence"), second.report().get("convergence"), "history kept");
        assertEquals(Map.of("u", "K"), second.report().get(RunUnits.REPORT_KEY), "the problem's units");
    }

    @Test
    void solve_problemChanged_missesTheCache() throws Exception {
        String key = SolveCache.key(problem(""));
        assertNotEquals(key, SolveCache.key(problem("\n# a comment changes the bytes")));
        assertEquals(key, SolveCache.key(problem("")), "the same bytes, the same key");
    }

    @Test
    void solve_damagedEntry_solvedAgainAndReplaced() throws Exception {
        Path p = problem("");
        Study s = study(p);
        load(s);
        Path entry = dir.resolve("cache/solved/" + SolveCache.key(p) + ".sna");
        Files.writeString(entry, "not a model");
        LoadedModel again = load(s);
        assertTrue(String.valueOf(again.report().get("solve_cache")).startsWith("stored "), again.report().toString());
        assertTrue(String.valueOf(load(s).report().get("solve_cache")).startsWith("hit "));
    }
}
