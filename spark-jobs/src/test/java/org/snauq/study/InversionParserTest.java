package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The inversion file of {@code sna invert}: every key read, defaults, and each bad value a one-line
 * {@link StudyException} naming the file and key (the checks against the model are {@code InvertCommandTest}'s).
 */
class InversionParserTest {

    static final String VALID = """
            name: line-fit
            unknowns:
              - {name: a, dist: normal, mean: 1.0, sd: 2.0}
              - {name: b, dist: uniform, lower: -5, upper: 5}
            known: {c: 0.5}
            noise: {sd: 0.1}
            observations:
              - {name: y1, at: {x: 0.25}, value: 1.5}
              - {name: y2, at: {x: 0.75}, value: 2.5, noise: {relative: 0.02}}
            inversion: {starts: 3, max-iterations: 50, samples: 800, chains: 4, burn-in: 200, seed: 9,
                        keep-samples: false}
            output: out/line
            spark: {partitions: 5}
            """;

    @TempDir
    Path dir;

    private InversionSpec parse(String text) throws Exception {
        Path f = dir.resolve("inv.yaml");
        Files.writeString(f, text);
        return InversionParser.parse(f, dir);
    }

    private String error(String text) throws Exception {
        Path f = dir.resolve("inv.yaml");
        Files.writeString(f, text);
        String m = assertThrows(StudyException.class, () -> InversionParser.parse(f, dir)).getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.startsWith("inv.yaml: "), m);
        return m;
    }

    @Test
    void parse_fullFile_everyKeyRead() throws Exception {
        InversionSpec s = parse(VALID);
        assertEquals("line-fit", s.name());
        assertNull(s.material());
        assertEquals(List.of("a", "b"), s.unknownNames());
        assertEquals(2.0, s.unknowns().get(0).parameter("sd"));
        assertEquals(Map.of("c", 0.5), s.known());
        assertEquals(List.of("y1", "y2"), s.observationNames());
        InversionSpec.Observation y1 = s.observations().get(0);
        assertEquals(Map.of("x", 0.25), y1.at());
        assertEquals(0.1, y1.noiseSd(1.5));
        assertEquals(0.02 * 2.5, s.observations().get(1).noiseSd(2.5), 1e-15);
        assertEquals(new InversionSpec.Settings(3, 50, 800, 4, 200, 9, false), s.settings());
        assertEquals(dir.resolve("out/line").toString(), s.output());
        assertEquals(5, s.spark().partitions());
        assertTrue(s.hasValues());
    }

    @Test
    void parse_noSettingsNoValues_defaultsAndTableMode() throws Exception {
        InversionSpec s = parse("""
                name: t
                unknowns: [{name: a, dist: uniform, lower: 0, upper: 1}]
                noise: {relative: 0.01}
                observations: [{name: y, at: {x: 0.5}}]
                """);
        assertEquals(InversionParser.DEFAULTS, s.settings());
        assertFalse(s.hasValues());
        assertEquals(dir.resolve("results/t").toString(), s.output());
    }

    @Test
    void parse_material_readsTheShippedAlloy() throws Exception {
        InversionSpec s = parse("""
                name: t
                material: {name: inconel718, ambient: 350, liquid-factor: 2}
                unknowns: [{name: eta, dist: uniform, lower: 0.25, upper: 0.45}]
                known: {s: 1, P: 285, v: 0.96, rb: 5.0e-5, beta: 0}
                noise: {relative: 0.01}
                observations: [{name: depth, qoi: depth, value: 3.0e-5}]
                """);
        assertEquals("inconel718", s.material().name());
        assertEquals(1609, s.material().material().liquidus()); // conf/materials/inconel718.yaml
        assertEquals(350, s.material().scaling().ambient());
        assertEquals(2, s.material().scaling().liquidFactor());
        assertEquals("depth", s.observations().get(0).qoi());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "noise: {sd: 0.1}|noise: {sd: -0.1}|inv.yaml: noise.sd must be > 0, got -0.1",
        "noise: {sd: 0.1}|noise: {sd: 0}|inv.yaml: noise.sd must be > 0, got 0",
        "noise: {sd: 0.1}|noise: {sd: 0.1, relative: 0.1}|inv.yaml: noise must give exactly one of sd",
        "noise: {relative: 0.02}|noise: {relative: -0.02}|observations[1].noise.relative must be > 0",
        "dist: normal, mean: 1.0, sd: 2.0|dist: normal, mean: 1.0, sd: 0|inv.yaml: unknowns[0].sd must be > 0",
        "dist: normal, mean: 1.0, sd: 2.0|dist: constant, value: 1|unknowns[0].dist: the prior of an unknown cannot be"
                + " constant",
        "known: {c: 0.5}|known: {a: 0.5}|inv.yaml: known.a is also an unknown",
        "known: {c: 0.5}|known: {A: 0.5}|inv.yaml: known.A is also an unknown ('a')",
        "at: {x: 0.25}, value: 1.5|qoi: depth, value: 1.5|observations[0].qoi needs a material",
        "at: {x: 0.25}, value: 1.5|qoi: area, value: 1.5|observations[0].qoi must be one of peak, length, width,"
                + " depth, got 'area'",
        "at: {x: 0.25}, value: 1.5|at: {x: 0.25}, qoi: peak, value: 1.5|observations[0] must give exactly one of"
                + " qoi",
        "at: {x: 0.25}, value: 1.5|at: {x: 0.25}|observations: give a value for every observation, or for none",
        "name: y2|name: Y1|observations[1].name differs from the earlier observation",
        "name: y2|name: observation_id|observations[1].name repeats an earlier observation",
        "samples: 800|samples: 801|inversion.samples must be a multiple of chains = 4",
        "samples: 800|samples: 8|inversion.samples must give each chain at least 4 draws",
        "chains: 4|chains: 1|inversion.chains must lie in [2, 64], got 1",
        "starts: 3|starts: 0|inversion.starts must lie in [1, 1000], got 0",
        "- {name: b, dist|- {name: chain, dist|unknowns[1].name is a column of the posterior table",
        "value: 2.5, noise: {relative: 0.02}|value: 0, noise: {relative: 0.02}|observations[1].value must be != 0"
                + " under relative noise",
        "output: out/line|material: steel|material is not a material of",
        "output: out/line|material: {name: inconel718, ambient: 2000}|material: inconel718: ambient must be in (0,"
                + " solidus = 1533.0), got 2000.0",
    })
    void parse_badValue_oneLineNamingKey(String from, String to, String expected) throws Exception {
        assertTrue(VALID.contains(from), from);
        String m = error(VALID.replace(from, to));
        assertTrue(m.contains(expected), () -> "expected '" + expected + "' in: " + m);
    }

    @Test
    void parse_modelError_addedToTheNoiseInQuadrature() throws Exception {
        InversionSpec s = parse(VALID.replace("noise: {sd: 0.1}\n", "noise: {sd: 0.1}\nmodel-error: {relative: 0.02}\n")
                .replace("value: 1.5}", "value: 1.5, model-error: {sd: 0.05}}"));
        assertEquals(Math.hypot(0.1, 0.05), s.observations().get(0).noiseSd(1.5), 1e-15);
        assertEquals(Math.hypot(0.02 * 2.5, 0.02 * 2.5), s.observations().get(1).noiseSd(2.5), 1e-15);
        String m = error(VALID.replace("noise: {sd: 0.1}\n", "noise: {sd: 0.1}\nmodel-error: {sd: -1}\n"));
        assertTrue(m.contains("inv.yaml: model-error.sd must be > 0, got -1"), m);
    }

    @Test
    void parse_noNoiseAnywhere_namesTheObservation() throws Exception {
        String m = error(VALID.replace("noise: {sd: 0.1}\n", ""));
        assertTrue(m.contains("observations[0].noise is missing and there is no default noise"), m);
    }

    @Test
    void parse_unknownKey_rejected() throws Exception {
        String m = error(VALID.replace("known:", "knwon:"));
        assertTrue(m.contains("knwon is not a known key"), m);
    }
}
