package org.snauq.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataFilesTest {

    /**
     * Math.sin may differ by 1 ulp between platforms (its specification allows it), so a y regenerated
     * elsewhere may differ from the shipped one by a few ulps of its largest term, 7 + 1 + 0.1 pi^4 < 18.
     * On the platform that wrote the file the text is identical.
     */
    private static final double Y_TOLERANCE = 8 * Math.ulp(18.0);

    /** Surefire runs in the module folder; the shipped data lives in the repository's conf/. */
    private static Path shipped() {
        return Path.of(System.getProperty("basedir", ".")).resolve("..").resolve(DataFiles.ISHIGAMI_FILE).normalize();
    }

    @Test
    void ishigamiCsv_regenerated_matchesShippedFile() throws Exception {
        List<String> shipped = Files.readAllLines(shipped(), StandardCharsets.UTF_8);
        List<String> fresh = DataFiles.ishigamiCsv().lines().toList();
        assertEquals(DataFiles.ISHIGAMI_ROWS + 1, shipped.size());
        assertEquals(fresh.size(), shipped.size());
        assertEquals("x1,x2,x3,y", shipped.get(0));
        for (int i = 1; i < fresh.size(); i++) {
            if (fresh.get(i).equals(shipped.get(i))) {
                continue;
            }
            String[] a = fresh.get(i).split(",");
            String[] b = shipped.get(i).split(",");
            // inputs come from SplittableRandom and exact arithmetic: identical everywhere
            assertEquals(String.join(",", List.of(a).subList(0, 3)), String.join(",", List.of(b).subList(0, 3)),
                    "line " + (i + 1));
            assertEquals(Double.parseDouble(b[3]), Double.parseDouble(a[3]), Y_TOLERANCE, "line " + (i + 1));
        }
    }

    @Test
    void csv_anyRow_isTheFunctionAtPointsInsideTheBox() {
        Ishigami f = Ishigami.standard();
        List<String> lines = DataFiles.csv(f, 500, 7).lines().toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            double[] x = {Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2])};
            for (double xi : x) {
                assertTrue(xi >= -Math.PI && xi < Math.PI, line);
            }
            assertEquals(f.value(x), Double.parseDouble(v[3]), 0.0, line);
        }
    }

    @Test
    void csv_sameSeed_sameText_otherSeed_otherPoints() {
        Ishigami f = Ishigami.standard();
        assertEquals(DataFiles.csv(f, 50, 3), DataFiles.csv(f, 50, 3));
        assertTrue(!DataFiles.csv(f, 50, 3).equals(DataFiles.csv(f, 50, 4)));
        // a prefix of a longer file: row j depends on (seed, j) only
        assertTrue(DataFiles.csv(f, 80, 3).startsWith(DataFiles.csv(f, 50, 3)));
    }

    @Test
    void csv_nonUniformInput_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataFiles.csv(BenchmarkFunctions.byName("borehole"), 10, 1));
        assertTrue(e.getMessage().contains("must be uniform"), e.getMessage());
    }
}
