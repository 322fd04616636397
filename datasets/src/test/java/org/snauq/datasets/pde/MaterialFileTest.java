package org.snauq.datasets.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.thermal.Material;

class MaterialFileTest {

    /** Tests run in the module folder; the shipped files are one level up. */
    static final Path ROOT = Path.of("..");

    @TempDir
    Path dir;

    @Test
    void shipped_allThreeMaterials_readWithTheirMeltingRanges() {
        Material in718 = MaterialFile.shipped(ROOT, "inconel718");
        assertEquals(8190, in718.density());
        assertEquals(1609, in718.liquidus()); // Special Metals SMC-045: 1336 C
        Material ti = MaterialFile.shipped(ROOT, "ti6al4v");
        assertEquals(1928, ti.liquidus());
        Material ss = MaterialFile.shipped(ROOT, "ss316l");
        assertEquals(13.93, ss.conductivity().value(298), 1e-12);
        for (Material m : new Material[] {in718, ti, ss}) {
            assertTrue(m.solidus() < m.liquidus(), m.name());
        }
    }

    @Test
    void read_valueWithoutSource_namesFileAndKey() throws IOException {
        String text = Files.readString(ROOT.resolve("conf/materials/inconel718.yaml"))
                .replaceFirst("solidus: \\{value: 1533, unit: K, source: \"[^\"]*\"}", "solidus: {value: 1533, unit: K}");
        Path f = write("inconel718.yaml", text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaterialFile.read(f));
        assertEquals("inconel718.yaml: solidus.source: every value needs its source (handbook or paper)",
                e.getMessage());
    }

    @Test
    void read_wrongUnit_rejected() throws IOException {
        String text = Files.readString(ROOT.resolve("conf/materials/ss316l.yaml")).replace("unit: J/kg", "unit: kJ/kg");
        Path f = write("ss316l.yaml", text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaterialFile.read(f));
        assertEquals("ss316l.yaml: latent-heat.unit: must be 'J/kg', got kJ/kg", e.getMessage());
    }

    @Test
    void read_decreasingTemperatures_namesThePoint() throws IOException {
        String text = Files.readString(ROOT.resolve("conf/materials/ti6al4v.yaml"))
                .replace("points: [[298, 7.0], [1878, 28.0]]", "points: [[298, 7.0], [200, 28.0]]");
        Path f = write("ti6al4v.yaml", text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaterialFile.read(f));
        assertEquals("ti6al4v.yaml: conductivity.points[1]: temperatures must increase, previous 298.0, got [200, 28.0]",
                e.getMessage());
    }

    @Test
    void read_unknownKey_listsTheKnownOnes() throws IOException {
        Path f = write("x.yaml", "name: x\nboiling: 3000\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaterialFile.read(f));
        assertTrue(e.getMessage().startsWith("x.yaml: boiling: unknown key; known: name, density"), e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
