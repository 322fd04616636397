package org.snauq.results;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the {@code runs} catalogue: a complete run. The columns are {@link ResultTable#KEYS} and
 * {@link ResultTable#RUNS}; the accessors read the ones the commands use.
 *
 * @param row column name to value
 */
public record RunEntry(Map<String, Object> row) {

    public RunEntry {
        row = Map.copyOf(row.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public String study() {
        return (String) row.get("study");
    }

    public String runId() {
        return (String) row.get("run_id");
    }

    public Instant created() {
        return Instant.parse((String) row.get("created"));
    }

    public String status() {
        return (String) row.get("status");
    }

    /** The value of any catalogue column, or null. */
    public Object get(String column) {
        return row.get(column);
    }
}
