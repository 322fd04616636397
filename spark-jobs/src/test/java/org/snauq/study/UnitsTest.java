package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Units in study and problem files (issue 17 point 4): optional, free text, checked as one-line errors. */
class UnitsTest {

    private static final String STUDY = """
            name: beam
            model: {expression: "P * L"}
            inputs:
              - {name: P, dist: normal, mean: 10, sd: 1, unit: kN}
              - {name: L, dist: uniform, lower: 2.9, upper: 3.1%s}
            %s
            sampling: {design: mc, n: 100}
            """;

    private static Study parse(String lUnit, String units) {
        return StudyParserAccess.parse(STUDY.formatted(lUnit, units));
    }

    private static String error(String lUnit, String units) {
        return assertThrows(StudyException.class, () -> parse(lUnit, units)).getMessage();
    }

    @Test
    void parse_unitsOnInputsAndMapping_inputUnitWins() {
        Study s = parse(", unit: m", "units: {y: kN m, P: N}");
        assertEquals(Map.of("y", "kN m", "P", "kN", "L", "m"), Units.of(s));
    }

    @Test
    void parse_unitOnOneInputOnly_justThatOne() {
        assertEquals(Map.of("P", "kN"), Units.of(parse("", "")));
    }

    @Test
    void parse_badUnit_oneLineNamingTheKey() {
        assertEquals("k.yaml: inputs[1].unit must be a unit such as m/s, got an empty text, got ''",
                error(", unit: ''", ""));
        assertTrue(error(", unit: " + "m".repeat(Units.MAX_LENGTH + 1), "").startsWith(
                "k.yaml: inputs[1].unit must be a unit of at most 32 characters"));
        assertTrue(error(", unit: [m]", "").startsWith("k.yaml: inputs[1].unit must be text"));
        assertTrue(error("", "units: {y: \"m\\t\"}").startsWith("k.yaml: units.y must be printable text"));
    }

    @Test
    void parse_unitsNotAMapping_oneLine() {
        assertTrue(error("", "units: mm").startsWith("k.yaml: units must map names to units, e.g. {y: mm}"));
        assertTrue(error("", "units: {1y: mm}").startsWith("k.yaml: units.1y "), error("", "units: {1y: mm}"));
    }

    @Test
    void problemFile_coordinateAndOutputUnits_kept() {
        ProblemFile p = ProblemFile.parse("""
                name: heat
                output: T
                output-unit: K
                coordinates:
                  - {name: x, interval: [0, 1], role: space, atoms: 8, unit: m}
                  - {name: k, interval: [1, 10], role: parameter, atoms: 6}
                terms:
                  - {term: diffusion, coordinate: x, coefficient: "k"}
                  - {term: source, value: 1}
                boundary:
                  x: {lower: 0, upper: 0}
                """, "heat.yaml");
        assertEquals(Map.of("x", "m", "T", "K"), p.units());
    }

    @Test
    void problemFile_badUnit_oneLineNamingTheKey() {
        StudyException e = assertThrows(StudyException.class, () -> ProblemFile.parse("""
                name: heat
                coordinates:
                  - {name: x, interval: [0, 1], role: space, atoms: 8, unit: ''}
                terms:
                  - {term: diffusion, coordinate: x}
                """, "heat.yaml"));
        assertEquals("heat.yaml: coordinates[0].unit: must be a unit such as m/s, got an empty text, got ''",
                e.getMessage());
    }
}
