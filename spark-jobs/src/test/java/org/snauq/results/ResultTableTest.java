package org.snauq.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The table enum and the in-memory rows: names, keys, study-specific schemas, and rows checked as added. */
class ResultTableTest {

    @Test
    void tables_everyName_isAFolderNameAndFoundByName() {
        for (ResultTable t : ResultTable.values()) {
            assertTrue(t.tableName().matches("[a-z][a-z_]*"), t.tableName());
            assertSame(t, ResultTable.named(t.tableName()));
            assertFalse(t.grain().isEmpty());
        }
        assertEquals(null, ResultTable.named("convergence"));
    }

    @Test
    void fixedTables_keysPrepended_noColumnClashesWithTheKeys() {
        for (ResultTable t : ResultTable.values()) {
            if (t.fixed()) {
                TableSchema file = t.columns().after(ResultTable.KEYS); // throws on a clash
                assertEquals(List.of("study", "run_id"), file.names().subList(0, 2), t.tableName());
            }
        }
    }

    @Test
    void variableTables_columnsFromTheStudy() {
        assertEquals(List.of("sample_index", "x1", "x2", "y", "z"),
                ResultTable.samplesColumns(List.of("x1", "x2"), List.of("y", "z")).names());
        assertEquals(List.of("sample_index", "x1", "output", "reason"),
                ResultTable.failuresColumns(List.of("x1")).names());
        assertEquals(List.of("design", "P", "depth_mean", "depth_std", "depth_p05", "depth_p50", "depth_p95", "n",
                "p_window", "p_window_ci_low", "p_window_ci_high", "rank"),
                ResultTable.designsColumns(List.of("P"), List.of("depth")).names());
        assertThrows(IllegalStateException.class, ResultTable.SAMPLES::columns);
    }

    @Test
    void variableTables_reservedOrCaseClashingName_refused() {
        for (String reserved : ResultTable.RESERVED_NAMES) { // the failures file holds every reserved column
            assertThrows(IllegalArgumentException.class, () -> ResultTable.failuresColumns(List.of(reserved))
                    .after(ResultTable.KEYS), reserved);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultTable.samplesColumns(List.of("X1", "x1"), List.of("y")));
        assertTrue(e.getMessage().contains("'x1' twice"), e.getMessage());
    }

    @Test
    void formatsMd_tableOfTables_isTheEnum() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "FORMATS.md"));
        Matcher row = Pattern.compile("\\n\\| `([a-z_]+)` \\| ([^|]+) \\| ([^|]+) \\|")
                .matcher(doc.substring(doc.indexOf("### Tables")));
        List<String> names = new ArrayList<>();
        while (row.find()) {
            ResultTable t = ResultTable.named(row.group(1));
            assertTrue(t != null, "FORMATS.md lists an unknown table " + row.group(1));
            names.add(t.tableName());
            if (t.fixed()) {
                assertEquals(String.join(", ", t.columns().names()), row.group(3).strip(), t.tableName());
            }
        }
        assertEquals(Arrays.stream(ResultTable.values()).map(ResultTable::tableName).toList(), names);
    }

    @Test
    void add_wrongCountOrType_namesTableAndColumn() {
        TableRows rows = new TableRows(ResultTable.HISTOGRAM, ResultTable.HISTOGRAM.columns());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> rows.add("y", 0, 1.0));
        assertTrue(count.getMessage().startsWith("histogram: a row needs 5 values"), count.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> rows.add("y", 0L, 0.0, 1.0, 3L)); // bin is an int
        assertEquals("histogram.bin holds Integer values, got Long 0", type.getMessage());
        assertTrue(rows.isEmpty(), "a refused row is not added");
    }

    @Test
    void add_nullsAndValues_readBackByPositionNameAndMap() {
        TableRows rows = new RunTables().table(ResultTable.EXCEEDANCE).add("y", 10.0, 0.25, null, null);
        assertEquals(List.of("y", 10.0, 0.25), rows.row(0).subList(0, 3));
        assertEquals(0.25, rows.value(0, "probability"));
        Map<String, Object> m = rows.asMaps().get(0);
        assertEquals(List.of("output", "threshold", "probability", "ci_low", "ci_high"), List.copyOf(m.keySet()));
        assertEquals(null, m.get("ci_low"));
    }

    @Test
    void runTables_sameTableOtherColumns_refused() {
        RunTables t = new RunTables();
        t.table(ResultTable.SAMPLES, ResultTable.samplesColumns(List.of("x"), List.of("y")));
        assertThrows(IllegalArgumentException.class,
                () -> t.table(ResultTable.SAMPLES, ResultTable.samplesColumns(List.of("x"), List.of("z"))));
    }
}
