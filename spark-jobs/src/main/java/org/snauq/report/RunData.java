package org.snauq.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunManifest;
import org.snauq.results.RunTables;
import org.snauq.results.TableRows;

/**
 * What a report shows of one run: its manifest and its result tables as plain rows (column name to value, in
 * column order). {@code sna run} builds it from the run's results in memory ({@link #of}); {@code sna report}
 * reads the published run back with parquet-hadoop ({@link #read}), which gives the same rows. A table the run
 * does not have reads as no rows.
 *
 * @param folder   where the run is, for the page's footer
 * @param manifest the manifest as JSON
 * @param tables   table name to its rows
 */
public record RunData(String folder, JsonNode manifest, Map<String, List<Map<String, Object>>> tables) {

    /** Every table name a report may show, in {@link ResultTable} order. */
    public static final List<String> TABLES = Arrays.stream(ResultTable.values()).map(ResultTable::tableName).toList();

    public RunData {
        tables = Map.copyOf(tables);
    }

    /** The rows of {@code table}, empty when the run has none. */
    public List<Map<String, Object>> rows(String table) {
        return tables.getOrDefault(table, List.of());
    }

    /** A run from its results in memory. */
    public static RunData of(String folder, RunManifest manifest, RunTables tables) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (TableRows t : tables.all()) {
            rows.put(t.table().tableName(), t.asMaps());
        }
        return new RunData(folder, manifest.json(), rows);
    }

    /**
     * A published run read back from its output, without Spark.
     *
     * @throws org.snauq.results.OutputException when the output has no such complete run
     */
    public static RunData read(ResultsOutput output, String runId) throws IOException {
        RunManifest manifest = output.manifest(runId);
        return of(output.runFolder(runId), manifest, output.tables(manifest));
    }
}
