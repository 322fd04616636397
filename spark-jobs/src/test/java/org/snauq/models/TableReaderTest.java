package org.snauq.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.cli.LocalSpark;
import org.snauq.spark.SparkTests;
import org.snauq.study.BadInputException;

class TableReaderTest {

    @TempDir
    Path dir;

    private Table csv(String text) throws IOException {
        return TableReader.read(Files.writeString(dir.resolve("t.csv"), text), () -> {
            throw new AssertionError("CSV must not start Spark");
        });
    }

    private BadInputException csvError(String text) {
        return assertThrows(BadInputException.class, () -> csv(text).column("b"));
    }

    @Test
    void csv_quotesBomBlankLinesAndSpecialValues_parsed() throws IOException {
        Table t = csv("\uFEFFa, \"b\" ,c\r\n1,\"2.5\",x\n\n-3e2 , .5,\"say \"\"hi\"\", ok\"\n+4.,NaN,z\n5,-inf,w\n");
        assertEquals(List.of("a", "b", "c"), t.columns());
        assertEquals(4, t.rows());
        assertArrayEquals(new double[] {1, -300, 4, 5}, t.column("a"), 0.0);
        double[] b = t.column("b");
        assertEquals(2.5, b[0], 0.0);
        assertEquals(0.5, b[1], 0.0);
        assertTrue(Double.isNaN(b[2]));
        assertEquals(Double.NEGATIVE_INFINITY, b[3], 0.0);
        BadInputException e = assertThrows(BadInputException.class, () -> t.column("c"));
        assertEquals(dir.resolve("t.csv") + ": column 'c' is not numeric (line 2: 'x')", e.getMessage());
        assertEquals("line 4", t.rowLabel(1)); // the blank line 3 holds no row
    }

    @Test
    void csv_malformed_namesLine() {
        assertTrue(csvError("a,b\n1,2\n3\n").getMessage().endsWith("line 3 has 1 fields, the header has 2"));
        assertTrue(csvError("a,b\n1,\"2\n").getMessage().endsWith("line 2 has an unclosed quote"));
        assertTrue(csvError("a,a\n1,2\n").getMessage().endsWith("line 1: column 'a' appears twice"));
        assertTrue(csvError("a,\n1,2\n").getMessage().endsWith("line 1: column 2 has no name"));
        assertTrue(csvError("").getMessage().contains("the file is empty"));
        assertTrue(csvError("a,b\n1,1.5f\n").getMessage().endsWith("column 'b' is not numeric (line 2: '1.5f')"));
    }

    @Test
    void parquet_fileOrFolder_sameValuesAsWritten() throws IOException {
        SparkSession spark = SparkTests.session();
        StructType schema = new StructType().add("i", DataTypes.IntegerType).add("f", DataTypes.FloatType)
                .add("d", DataTypes.DoubleType).add("s", DataTypes.StringType).add("n", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int j = 0; j < 50; j++) {
            rows.add(RowFactory.create(j, j / 4.0f, Math.sqrt(j), "r" + j, j == 17 ? null : 1.0 * j));
        }
        Path folder = dir.resolve("t.parquet");
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(folder.toString());
        Table t = TableReader.read(folder, LocalSpark::session);
        assertEquals(List.of("i", "f", "d", "s", "n"), t.columns());
        assertEquals(50, t.rows());
        // Spark may return the part files in any order, so compare as sets of rows via the key column i
        double[] i = t.column("i");
        double[] f = t.column("f");
        double[] d = t.column("d");
        for (int j = 0; j < 50; j++) {
            int k = (int) i[j];
            assertEquals(k / 4.0f, f[j], 0.0);
            assertEquals(Math.sqrt(k), d[j], 0.0);
        }
        assertTrue(assertThrows(BadInputException.class, () -> t.column("s")).getMessage()
                .endsWith("column 's' is not numeric (type string)"));
        assertTrue(assertThrows(BadInputException.class, () -> t.column("n")).getMessage()
                .contains("column 'n' has a missing (null) value at row"));
        // a single part file reads the same way, found by its magic bytes whatever its name
        Path part;
        try (var s = Files.list(folder)) {
            part = s.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path renamed = Files.copy(part, dir.resolve("data.bin"));
        Table one = TableReader.read(renamed, LocalSpark::session);
        assertEquals(t.columns(), one.columns());
        assertTrue(one.rows() > 0 && one.rows() < 50);
    }
}
