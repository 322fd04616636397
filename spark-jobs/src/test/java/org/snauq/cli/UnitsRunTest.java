package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Units end to end (issue 17 point 4): from the study ({@code unit:} on inputs, {@code units:} for the output)
 * into the manifest, every table file's Parquet footer ({@code sna.units}) and the report's headers; the study
 * shown as written, comments included. A {@code units:} name the run does not have is one line, exit 2.
 */
class UnitsRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path study(String units) throws Exception {
        return Files.writeString(dir.resolve("beam.yaml"), String.join("\n",
                "# a beam's tip deflection, written by hand",
                "name: beam",
                "model: {expression: \"1000 * P * L^3 / (3 * E)\"}",
                "inputs:",
                "  - {name: P, dist: normal, mean: 10, sd: 1, unit: kN}",
                "  - {name: L, dist: uniform, lower: 2.9, upper: 3.1, unit: m}",
                "  - {name: E, dist: uniform, lower: 15000, upper: 17000}",
                units,
                "sampling: {design: mc, n: 512, seed: 3}",
                "statistics: {moments: true, quantiles: [0.5], histogram: {bins: 8}}",
                "output: " + dir.resolve("out"),
                ""));
    }

    @Test
    void run_units_inManifestParquetFootersAndReport() throws Exception {
        SnaRun.Result r = SnaRun.sna("run", study("units: {y: mm}   # the output").toString(), "--run-id", "u1");
        assertEquals(0, r.exit(), r.err());
        Path out = dir.resolve("out");
        Map<String, String> expected = Map.of("P", "kN", "L", "m", "y", "mm");
        JsonNode manifest = JSON.readTree(Published.runFolder(out, "u1").resolve("manifest.json").toFile());
        assertEquals(expected, JSON.convertValue(manifest.get("units"), Map.class));
        for (String table : new String[] {"summary", "quantiles", "histogram", "runs"}) {
            Path part;
            try (Stream<Path> files = Files.list(Published.table(out, table, "u1"))) {
                part = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part),
                    org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
                String units = reader.getFooter().getFileMetaData().getKeyValueMetaData().get("sna.units");
                assertEquals(expected, JSON.readValue(units, Map.class), table);
            }
        }
        String html = Files.readString(Published.runFolder(out, "u1").resolve("report.html"));
        assertTrue(html.contains("<h2 id=\"output-y\">Output y [mm]</h2>"), "output with its unit");
        assertTrue(html.contains("<th>mean [mm]</th>") && html.contains("<th>variance [mm²]</th>"), "table headers");
        assertTrue(html.contains("<td>P</td><td>kN</td>"), "the units table");
        assertTrue(html.contains("# a beam&#39;s tip deflection, written by hand"), "the study as written");
    }

    @Test
    void run_unitForANameTheRunLacks_oneLineExit2() throws Exception {
        SnaRun.Result r = SnaRun.sna("run", study("units: {z: mm}").toString(), "--run-id", "u2");
        assertEquals(CliErrors.BAD_INPUT, r.exit(), r.err());
        assertEquals(java.util.List.of("sna: beam.yaml: units.z names nothing in this run; the names are P, L, E, y"),
                r.errorLines());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }
}
