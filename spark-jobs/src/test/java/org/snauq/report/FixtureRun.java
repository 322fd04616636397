package org.snauq.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.snauq.datasets.Ishigami;
import org.snauq.results.ResultTables;

/**
 * A small but real run folder for report tests: plain Monte Carlo of the Ishigami function (n = 2^13) with
 * pick-freeze Sobol' estimates (Saltelli first order, Jansen total) and the exact indices as "analytic" rows,
 * written as the Parquet tables of DESIGN.md section 4 with {@link ResultTables}' schemas, plus a manifest. Apart
 * from those schemas it is independent of the run job, so the report can be built and tested on its own.
 */
final class FixtureRun {

    static final int LOG2_N = 13;
    static final int N = 1 << LOG2_N;
    static final int BINS = 40;
    static final double[] PROBABILITIES = {0.01, 0.05, 0.5, 0.95, 0.99};
    static final double[] THRESHOLDS = {8.0, 12.0};
    static final String OUTPUT = "y";
    /** 95 % two-sided normal quantile, for the fixture's intervals. */
    private static final double Z95 = 1.959963984540054;

    private FixtureRun() {
    }

    /** The schemas the run job writes, so the report is tested against the tables it will really read. */
    static Map<String, StructType> schemas() {
        Map<String, StructType> s = new LinkedHashMap<>();
        for (String table : ResultTables.ALWAYS) {
            s.put(table, ResultTables.schema(table));
        }
        return s;
    }

    /** The rows of every table, as written. */
    static Map<String, List<Row>> tables() {
        Ishigami f = Ishigami.standard();
        int d = f.dimension();
        SplittableRandom rng = new SplittableRandom(20240607L);
        double[] ya = new double[N];
        double[] yb = new double[N];
        double[][] yab = new double[d][N];
        double[] a = new double[d];
        double[] b = new double[d];
        double[] ab = new double[d];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < d; j++) {
                a[j] = -Math.PI + 2 * Math.PI * rng.nextDouble();
                b[j] = -Math.PI + 2 * Math.PI * rng.nextDouble();
            }
            ya[i] = f.value(a);
            yb[i] = f.value(b);
            for (int j = 0; j < d; j++) {
                System.arraycopy(a, 0, ab, 0, d);
                ab[j] = b[j];
                yab[j][i] = f.value(ab);
            }
        }
        Map<String, List<Row>> t = new LinkedHashMap<>();
        double mean = Arrays.stream(ya).average().orElseThrow();
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double y : ya) {
            double e = y - mean;
            m2 += e * e;
            m3 += e * e * e;
            m4 += e * e * e * e;
        }
        m2 /= N;
        m3 /= N;
        m4 /= N;
        double variance = m2 * N / (N - 1);
        double sd = Math.sqrt(variance);
        double half = Z95 * sd / Math.sqrt(N);
        double min = Arrays.stream(ya).min().orElseThrow();
        double max = Arrays.stream(ya).max().orElseThrow();
        t.put("summary", List.of(
                RowFactory.create(OUTPUT, "sampling", (long) N, mean, variance, sd, m3 / Math.pow(m2, 1.5),
                        m4 / (m2 * m2) - 3, min, max, mean - half, mean + half),
                RowFactory.create(OUTPUT, "analytic", null, f.mean().orElseThrow(), f.variance().orElseThrow(),
                        Math.sqrt(f.variance().orElseThrow()), null, null, null, null, null, null)));
        double[] sorted = ya.clone();
        Arrays.sort(sorted);
        List<Row> q = new ArrayList<>();
        for (double p : PROBABILITIES) {
            q.add(RowFactory.create(OUTPUT, "sampling", p, sorted[(int) Math.ceil(p * N) - 1], 0.0));
        }
        t.put("quantiles", q);
        List<Row> h = new ArrayList<>();
        long[] counts = new long[BINS];
        double width = (max - min) / BINS;
        for (double y : ya) {
            counts[Math.min(BINS - 1, (int) ((y - min) / width))]++;
        }
        for (int k = 0; k < BINS; k++) {
            h.add(RowFactory.create(OUTPUT, k, min + k * width, k == BINS - 1 ? max : min + (k + 1) * width,
                    counts[k]));
        }
        t.put("histogram", h);
        List<Row> ex = new ArrayList<>();
        for (double th : THRESHOLDS) {
            double p = Arrays.stream(ya).filter(y -> y > th).count() / (double) N;
            double e = Z95 * Math.sqrt(p * (1 - p) / N);
            ex.add(RowFactory.create(OUTPUT, th, p, Math.max(0, p - e), Math.min(1, p + e)));
        }
        t.put("exceedance", ex);
        List<Row> sobol = new ArrayList<>();
        List<Row> conv = new ArrayList<>();
        for (int k = 4; k <= LOG2_N; k++) {
            int n = 1 << k;
            conv.add(RowFactory.create(OUTPUT, (long) n, Arrays.stream(ya, 0, n).average().orElseThrow(), null,
                    null, null));
        }
        for (int j = 0; j < d; j++) {
            for (int k = 4; k <= LOG2_N; k++) {
                double[] s = pickFreeze(ya, yb, yab[j], 1 << k);
                conv.add(RowFactory.create(OUTPUT, (long) (1 << k), null, f.inputNames().get(j), s[0], s[1]));
            }
            double[] s = pickFreeze(ya, yb, yab[j], N);
            sobol.add(RowFactory.create(OUTPUT, f.inputNames().get(j), "saltelli", s[0], s[0] - s[2], s[0] + s[2],
                    s[1], s[1] - s[3], s[1] + s[3]));
        }
        for (int j = 0; j < d; j++) {
            sobol.add(RowFactory.create(OUTPUT, f.inputNames().get(j), "analytic", f.firstOrder()[j], null, null,
                    f.total()[j], null, null));
        }
        t.put("sobol", sobol);
        t.put("convergence", conv);
        return t;
    }

    /** {S, ST, CI half-width of S, of ST} on the first n rows: Saltelli (2010) and Jansen (1999), normal CIs. */
    private static double[] pickFreeze(double[] ya, double[] yb, double[] yab, int n) {
        double mean = 0;
        double var = 0;
        for (int i = 0; i < n; i++) {
            mean += ya[i];
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
            var += (ya[i] - mean) * (ya[i] - mean);
        }
        var /= n - 1;
        double s = 0;
        double s2 = 0;
        double t = 0;
        double t2 = 0;
        for (int i = 0; i < n; i++) {
            double u = yb[i] * (yab[i] - ya[i]);
            double w = 0.5 * (ya[i] - yab[i]) * (ya[i] - yab[i]);
            s += u;
            s2 += u * u;
            t += w;
            t2 += w * w;
        }
        double su = Math.sqrt((s2 / n - (s / n) * (s / n)) / n) / var;
        double sw = Math.sqrt((t2 / n - (t / n) * (t / n)) / n) / var;
        return new double[] {s / n / var, t / n / var, Z95 * su, Z95 * sw};
    }

    /** Writes the tables and a manifest into {@code folder} (which becomes a complete run folder). */
    static void write(SparkSession spark, Path folder) throws IOException {
        Map<String, StructType> schemas = schemas();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> e : tables().entrySet()) {
            spark.createDataFrame(e.getValue(), schemas.get(e.getKey())).coalesce(1).write().mode(SaveMode.Overwrite)
                    .option("compression", "snappy").parquet(folder.resolve(e.getKey()).toString());
            counts.put(e.getKey(), (long) e.getValue().size());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", "20250101T000000Z");
        m.put("created", "2025-01-01T00:00:05Z");
        m.put("study_file", "conf/studies/ishigami-sobol.yaml");
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("name", "ishigami-sobol");
        study.put("model", Map.of("function", "ishigami"));
        study.put("sampling", Map.of("design", "mc", "n", N, "seed", 42));
        m.put("study", study);
        m.put("model", Map.of("description", "function ishigami", "output", OUTPUT, "hash", "sha256:0123abcd"));
        m.put("design", "mc");
        m.put("seed", 42);
        m.put("sample_count", N);
        m.put("evaluations", (long) N * 5);
        m.put("partitions", 2);
        m.put("row_counts", counts);
        m.put("versions", Map.of("sna_uq", "0.1.0-SNAPSHOT", "spark", spark.version(), "java",
                System.getProperty("java.version")));
        m.put("spark_master", "local[1]");
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("model", 12L);
        timings.put("sampling", 830L);
        timings.put("tables", 410L);
        m.put("timings_ms", timings);
        Files.writeString(folder.resolve(RunData.MANIFEST),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
    }
}
