package org.snauq.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Selecting, ordering and reading the rows of a run's tables (column name to value; absent or null is NaN), and
 * the number lists of its manifest.
 */
final class Rows {

    private Rows() {
    }

    /** The rows of one output. */
    static List<Map<String, Object>> of(List<Map<String, Object>> rows, String output) {
        return rows.stream().filter(r -> output.equals(r.get("output"))).toList();
    }

    static List<Map<String, Object>> sorted(List<Map<String, Object>> rows, String column) {
        return rows.stream().sorted(Comparator.comparingDouble(r -> num(r, column))).toList();
    }

    static List<Map<String, Object>> sortedBy(List<Map<String, Object>> rows, String text, String column) {
        return rows.stream().sorted(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get(text)))
                .thenComparingDouble(r -> num(r, column))).toList();
    }

    /** Rows grouped by their {@code method}, in first-seen order. */
    static Map<String, List<Map<String, Object>>> byMethod(List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> m = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            m.computeIfAbsent(String.valueOf(r.get("method")), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /** The distinct non-null values of a column, as text, in first-seen order. */
    static List<String> distinct(List<Map<String, Object>> rows, String column) {
        return rows.stream().map(r -> r.get(column)).filter(Objects::nonNull).map(String::valueOf).distinct()
                .toList();
    }

    /** The given columns of every row, as table cells. */
    static List<List<Object>> cells(List<Map<String, Object>> rows, String... columns) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            List<Object> row = new ArrayList<>(columns.length);
            for (String c : columns) {
                row.add(r.get(c));
            }
            out.add(row);
        }
        return out;
    }

    static double[] column(List<Map<String, Object>> rows, String column) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = num(rows.get(i), column);
        }
        return v;
    }

    /** A numeric cell as double; null or absent is NaN. */
    static double num(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A JSON array as doubles; entries that are not numbers are NaN. */
    static double[] numbers(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).isNumber() ? array.get(i).asDouble() : Double.NaN;
        }
        return v;
    }
}
