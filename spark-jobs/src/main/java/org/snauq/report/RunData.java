package org.snauq.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.snauq.study.BadInputException;

/**
 * The finished results of one run, read back from its folder: {@code manifest.json} and the result tables of
 * DESIGN.md section 4 as plain rows (column name to value, in file order). Tables are small (one row per
 * statistic), so they are collected to the driver. A table folder that is absent reads as no rows.
 *
 * @param folder   the run folder as given
 * @param manifest the parsed manifest
 * @param tables   table name to its rows
 */
public record RunData(String folder, JsonNode manifest, Map<String, List<Map<String, Object>>> tables) {

    /** The tables a report shows, in DESIGN.md order. */
    public static final List<String> TABLES = List.of("summary", "quantiles", "sobol", "histogram", "exceedance",
            "convergence", "designs");

    static final String MANIFEST = "manifest.json";

    public RunData {
        tables = Map.copyOf(tables);
    }

    /** The rows of {@code table}, empty when the run has none. */
    public List<Map<String, Object>> rows(String table) {
        return tables.getOrDefault(table, List.of());
    }

    /**
     * Reads a run folder (local or any Hadoop file system) with the given session.
     *
     * @throws BadInputException when the folder has no {@code manifest.json} (not a complete run)
     */
    public static RunData read(SparkSession spark, String folder) throws IOException {
        Path dir = new Path(folder);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path manifestPath = new Path(dir, MANIFEST);
        if (!fs.exists(manifestPath)) {
            throw new BadInputException(folder + ": not a complete run folder: " + MANIFEST + " is missing");
        }
        JsonNode manifest;
        try (InputStream in = fs.open(manifestPath)) {
            manifest = new ObjectMapper().readTree(in);
        }
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String t : TABLES) {
            Path p = new Path(dir, t);
            if (fs.exists(p)) {
                tables.put(t, toMaps(spark.read().parquet(p.toString()).collectAsList()));
            }
        }
        return new RunData(folder, manifest, tables);
    }

    private static List<Map<String, Object>> toMaps(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            String[] names = r.schema().fieldNames();
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                m.put(names[i], r.isNullAt(i) ? null : r.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
