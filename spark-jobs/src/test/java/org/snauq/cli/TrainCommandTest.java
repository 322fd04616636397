package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.snauq.spark.SparkTests;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.datasets.DataFiles;
import org.snauq.datasets.Ishigami;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;

class TrainCommandTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** A valid small CSV: y = x1 + 2 x2 on 200 rows. */
    private Path goodCsv() throws IOException {
        StringBuilder s = new StringBuilder("x1,x2,y\n");
        for (int j = 0; j < 200; j++) {
            double x1 = (j % 20) / 19.0;
            double x2 = (j / 20) / 9.0;
            s.append(x1).append(',').append(x2).append(',').append(x1 + 2 * x2).append('\n');
        }
        return csv("good.csv", s.toString());
    }

    private Cli.Result train(Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output",
                dir.resolve("out").resolve("m.sna").toString()));
        args.addAll(List.of(more));
        if (!args.contains("--response")) {
            args.addAll(List.of("--response", "y"));
        }
        return Cli.run(args.toArray(String[]::new));
    }

    /** Bad input leaves no model file, no temporary file and no created folder. */
    private void assertNothingWritten() throws IOException {
        assertFalse(Files.exists(dir.resolve("out")), "the output folder must not be created");
        try (Stream<Path> s = Files.walk(dir)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".sna") || p.toString().endsWith(".tmp")));
        }
    }

    @Test
    void train_missingDataFile_exit2() throws IOException {
        train(dir.resolve("nope.csv")).assertBadInput("nope.csv: no such file or folder");
        assertNothingWritten();
    }

    @Test
    void train_missingResponseColumn_exit2ListsColumns() throws IOException {
        train(goodCsv(), "--response", "depth").assertBadInput("good.csv: column 'depth' not found; columns: x1, x2, y");
        assertNothingWritten();
    }

    @Test
    void train_missingInputColumn_exit2() throws IOException {
        train(goodCsv(), "--inputs", "x1,x9").assertBadInput("column 'x9' not found");
        assertNothingWritten();
    }

    @Test
    void train_responseAmongInputs_exit2() throws IOException {
        train(goodCsv(), "--inputs", "x1,y").assertBadInput("--inputs must not contain the response 'y'");
        assertNothingWritten();
    }

    @Test
    void train_inputNamedTwice_exit2() throws IOException {
        train(goodCsv(), "--inputs", "x1,x1").assertBadInput("--inputs names a column twice: x1,x1");
        assertNothingWritten();
    }

    @Test
    void train_headerOnly_exit2() throws IOException {
        train(csv("head.csv", "x1,x2,y\n")).assertBadInput("head.csv: no data rows");
        assertNothingWritten();
    }

    @Test
    void train_nonNumericColumn_exit2NamesColumnAndLine() throws IOException {
        Path p = csv("text.csv", "x1,label,y\n0.1,a,1\n0.2,b,2\n");
        train(p).assertBadInput("text.csv: column 'label' is not numeric (line 2: 'a')");
        assertNothingWritten();
    }

    @Test
    void train_nanValue_exit2NamesColumnAndLine() throws IOException {
        Path p = csv("nan.csv", "x1,x2,y\n0.1,0.2,1\n0.2,NaN,2\n");
        train(p).assertBadInput("nan.csv: column 'x2' has a NaN value at line 3");
        assertNothingWritten();
    }

    @Test
    void train_infiniteResponse_exit2() throws IOException {
        Path p = csv("inf.csv", "x1,x2,y\n0.1,0.2,1\n0.2,0.3,-Infinity\n");
        train(p).assertBadInput("inf.csv: column 'y' has an infinite value at line 3");
        assertNothingWritten();
    }

    @Test
    void train_emptyValue_exit2() throws IOException {
        Path p = csv("empty.csv", "x1,x2,y\n0.1,,1\n");
        train(p).assertBadInput("empty.csv: column 'x2' has an empty value at line 2");
        assertNothingWritten();
    }

    @Test
    void train_fewerRowsThanUnknowns_exit2() throws IOException {
        Path p = csv("few.csv", "x1,x2,y\n0.1,0.2,1\n0.2,0.3,2\n0.3,0.1,3\n0.5,0.9,1\n0.7,0.4,2\n");
        train(p, "--knots", "20").assertBadInput("unknowns");
        assertNothingWritten();
    }

    @Test
    void train_degreeZero_exit2() throws IOException {
        train(goodCsv(), "--degree", "0").assertBadInput("--degree must be auto or lie in [1, 15], got 0");
        assertNothingWritten();
    }

    @Test
    void train_tooFewKnots_exit2() throws IOException {
        train(goodCsv(), "--degree", "3", "--knots", "3").assertBadInput("--knots must be auto or lie in [degree + 1 = 4, 4096], got 3");
        assertNothingWritten();
    }

    @Test
    void train_rankZeroOrText_exit2() throws IOException {
        train(goodCsv(), "--rank", "0").assertBadInput("--rank must be 'auto' or an integer in [1, 1000], got 0");
        train(goodCsv(), "--rank", "many").assertBadInput("--rank must be an integer >= 1 or 'auto', got 'many'");
        assertNothingWritten();
    }

    @Test
    void train_validationOutsideOpenUnitInterval_exit2() throws IOException {
        for (String v : new String[] {"0", "1", "1.5", "-0.1", "NaN"}) {
            train(goodCsv(), "--validation", v).assertBadInput("--validation must be in (0, 1), got");
        }
        assertNothingWritten();
    }

    @Test
    void train_notANumberOption_exit2FromPicocli() throws IOException {
        train(goodCsv(), "--degree", "three").assertBadInput("--degree", "three", "(see 'sna train --help')");
        assertNothingWritten();
    }

    @Test
    void train_missingRequiredOption_exit2() {
        Cli.run("train", "--response", "y").assertBadInput("--data");
    }

    @Test
    void train_outputIsAFolder_exit2BeforeReadingData() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("models"));
        Cli.run("train", "--data", dir.resolve("not-read.csv").toString(), "--response", "y",
                "--output", folder.toString()).assertBadInput("--output " + folder + ": is a folder");
    }

    @Test
    void train_outputUnderAFile_exit2BeforeReadingData() throws IOException {
        Path file = csv("plain.txt", "not a folder");
        Path out = file.resolve("m.sna");
        Cli.run("train", "--data", dir.resolve("not-read.csv").toString(), "--response", "y",
                "--output", out.toString()).assertBadInput("--output " + out, "plain.txt is a file, not a folder");
    }

    @Test
    void train_parquetWithStringColumn_exit2NamesType() throws IOException {
        SparkSession spark = SparkTests.session();
        StructType schema = new StructType().add("x1", DataTypes.DoubleType).add("site", DataTypes.StringType)
                .add("y", DataTypes.DoubleType);
        Path p = dir.resolve("text.parquet");
        spark.createDataFrame(List.of(RowFactory.create(0.1, "a", 1.0), RowFactory.create(0.2, "b", 2.0)), schema)
                .coalesce(1).write().parquet(p.toString());
        train(p).assertBadInput("text.parquet: column 'site' is not numeric (type string)");
        assertNothingWritten();
    }

    @Test
    void train_ishigamiCsv_writesModelThatQueriesLikeTheFunction() throws IOException {
        Path data = dir.resolve("ishigami.csv");
        DataFiles.writeCsv(Ishigami.standard(), 1500, 3, data);
        Path model = dir.resolve("out").resolve("ishigami.sna");
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--response", "y", "--rank", "3",
                "--knots", "12", "--output", model.toString()).assertOk();
        assertTrue(r.out().contains("wrote " + model), r.out());
        SnaModel m;
        try {
            m = SnaModelFile.read(model);
        } catch (org.snauq.model.SnaFormatException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of("x1", "x2", "x3"), m.names());
        assertEquals("y", m.output());
        assertEquals(3, m.rank());
        assertEquals(data.toString(), m.provenance().get("data"));
        assertEquals("y", m.provenance().get("response"));
        assertTrue(m.provenance().get("command").toString().startsWith("sna train --data "), m.provenance().toString());
        // the CLI query prints exactly the model's value
        Cli.Result q = Cli.run("query", model.toString(), "x1=0.5", "x2=-1", "x3=2").assertOk();
        assertEquals(m.value(new double[] {0.5, -1, 2}), Double.parseDouble(q.out().strip()), 0.0);
    }

    @Test
    void train_initFromModelOfHalfTheRows_warmStartInAtMostHalfTheSweeps() throws IOException, Exception {
        Path all = dir.resolve("ishigami.csv");
        DataFiles.writeCsv(Ishigami.standard(), 1500, 3, all);
        List<String> lines = Files.readAllLines(all);
        Path half = csv("half.csv", String.join("\n", lines.subList(0, 1 + 750)) + "\n");
        Path halfModel = dir.resolve("half.sna");
        String[] settings = {"--response", "y", "--rank", "3", "--degree", "3", "--knots", "12"};
        Cli.run(concat(new String[] {"train", "--data", half.toString(), "--output", halfModel.toString()},
                settings)).assertOk();
        Path cold = dir.resolve("cold.sna");
        Cli.run(concat(new String[] {"train", "--data", all.toString(), "--output", cold.toString()}, settings))
                .assertOk();
        Path warm = dir.resolve("warm.sna");
        Cli.run(concat(new String[] {"train", "--data", all.toString(), "--output", warm.toString(), "--init",
                halfModel.toString()}, settings)).assertOk();

        SnaModel c = SnaModelFile.read(cold);
        SnaModel w = SnaModelFile.read(warm);
        assertEquals(true, w.provenance().get("warmStart"));
        assertEquals(halfModel.toString(), w.provenance().get("init"));
        long coldSweeps = ((Number) c.provenance().get("sweeps")).longValue();
        long warmSweeps = ((Number) w.provenance().get("sweeps")).longValue();
        assertTrue(2 * warmSweeps <= coldSweeps, "warm " + warmSweeps + " sweeps, cold " + coldSweeps);
        // the same least-squares problem at the same rank: the warm fit ends no worse than the cold one
        double coldError = ((Number) c.provenance().get("validationError")).doubleValue();
        double warmError = ((Number) w.provenance().get("validationError")).doubleValue();
        assertTrue(warmError <= WARM_ERROR_SLACK * coldError, "warm " + warmError + ", cold " + coldError);
    }

    /**
     * Both fits stop by the same relative-progress tests, a few ulps of progress apart: the warm one may stop a
     * little above the cold one's error, never by a visible factor.
     */
    private static final double WARM_ERROR_SLACK = 1.05;

    @Test
    void train_initWithOtherInputs_exit2NamesInitAndBoth() throws IOException {
        Path m = dir.resolve("other.sna");
        Cli.run("train", "--data", goodCsv().toString(), "--response", "y", "--inputs", "x2,x1", "--rank", "1",
                "--degree", "1", "--knots", "2", "--output", m.toString()).assertOk();
        train(goodCsv(), "--init", m.toString(), "--rank", "1", "--degree", "1", "--knots", "2")
                .assertBadInput("--init " + m, "[x2, x1]", "[x1, x2]");
        assertFalse(Files.exists(dir.resolve("out")), "no model must be written");
    }

    @Test
    void train_initMissing_exit2NamesFile() throws IOException {
        train(goodCsv(), "--init", dir.resolve("nope.sna").toString()).assertBadInput("nope.sna: no such file");
        assertNothingWritten();
    }

    /** Ishigami rows as a Parquet file of one part (its row order is the CSV's). */
    private Path ishigamiParquet(int rows) throws IOException {
        Path csvFile = dir.resolve("ishigami-" + rows + ".csv");
        DataFiles.writeCsv(Ishigami.standard(), rows, 5, csvFile);
        List<org.apache.spark.sql.Row> list = new ArrayList<>();
        for (String line : Files.readAllLines(csvFile).subList(1, rows + 1)) {
            String[] v = line.split(",");
            list.add(RowFactory.create(Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                    Double.parseDouble(v[3])));
        }
        StructType schema = new StructType().add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType)
                .add("x3", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        Path p = dir.resolve("ishigami.parquet");
        SparkTests.session().createDataFrame(list, schema).coalesce(1).write().parquet(p.toString());
        return p;
    }

    /** Two fits of one least-squares problem, sums in another order (see DistributedAlsTest). */
    private static final double SAME_MODEL_TOL = 1e-9;

    /** Slow (about 5 s idle, 20 s at load 20): a Spark job per coordinate update, hundreds per fit. */
    @Test
    void train_distributedParquet_sameModelAsInMemory() throws Exception {
        Path data = ishigamiParquet(2000);
        String[] settings = {"--data", data.toString(), "--response", "y", "--rank", "1", "--degree", "3",
                "--knots", "6"};
        Path local = dir.resolve("local.sna");
        Path spark = dir.resolve("spark.sna");
        Cli.run(concat(new String[] {"train", "--output", local.toString()}, settings)).assertOk();
        Cli.Result r = Cli.run(concat(new String[] {"train", "--distributed", "--output", spark.toString()},
                settings)).assertOk();
        assertTrue(r.out().contains("validation rows: Q2 = "), r.out());
        SnaModel a = SnaModelFile.read(local);
        SnaModel b = SnaModelFile.read(spark);
        assertEquals(true, b.provenance().get("distributed"));
        assertEquals(a.names(), b.names());
        double scale = 0;
        for (double v : a.lambda()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int r2 = 0; r2 < a.rank(); r2++) {
            assertEquals(a.lambda()[r2], b.lambda()[r2], SAME_MODEL_TOL * scale, "lambda " + r2);
        }
        for (double[] z : new double[][] {{0.5, -1, 2}, {-3, 2.5, 0.1}, {1, 1, -1}}) {
            assertEquals(a.value(z), b.value(z), SAME_MODEL_TOL * scale, "value at " + java.util.Arrays.toString(z));
        }
    }

    @Test
    void train_distributedAutoResolution_exit2BeforeReading() throws IOException {
        train(dir.resolve("not-read.parquet"), "--distributed")
                .assertBadInput("--distributed needs a fixed --degree and --knots (or --init)");
        assertNothingWritten();
    }

    @Test
    void train_distributedCsv_exit2() throws IOException {
        train(goodCsv(), "--distributed", "--degree", "3", "--knots", "5")
                .assertBadInput("--distributed reads Parquet");
        assertNothingWritten();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
