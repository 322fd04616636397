package org.snauq.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.snauq.datasets.Ishigami;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunManifest;
import org.snauq.results.RunTables;
import org.snauq.results.StagedRun;
import org.snauq.results.TableRows;

/**
 * A small but real run for report tests: plain Monte Carlo of the Ishigami function (n = 2^13) with pick-freeze
 * Sobol' estimates (Saltelli first order, Jansen total) and the exact indices as "analytic" rows, as the result
 * tables of {@link ResultTable} and a manifest, published into an output like any run. Apart from the tables'
 * columns it is independent of the run job, so the report can be built and tested on its own.
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

    static final String RUN_ID = "20250101T000000Z";

    /** The rows of every table, as written. */
    static RunTables tables() {
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
        RunTables t = new RunTables();
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
        t.table(ResultTable.SUMMARY)
                .add(OUTPUT, "sampling", (long) N, mean, variance, sd, m3 / Math.pow(m2, 1.5), m4 / (m2 * m2) - 3,
                        min, max, mean - half, mean + half)
                .add(OUTPUT, "analytic", null, f.mean().orElseThrow(), f.variance().orElseThrow(),
                        Math.sqrt(f.variance().orElseThrow()), null, null, null, null, null, null);
        double[] sorted = ya.clone();
        Arrays.sort(sorted);
        TableRows q = t.table(ResultTable.QUANTILES);
        for (double p : PROBABILITIES) {
            q.add(OUTPUT, "sampling", p, sorted[(int) Math.ceil(p * N) - 1], null, null, 0.0);
        }
        TableRows h = t.table(ResultTable.HISTOGRAM);
        long[] counts = new long[BINS];
        double width = (max - min) / BINS;
        for (double y : ya) {
            counts[Math.min(BINS - 1, (int) ((y - min) / width))]++;
        }
        for (int k = 0; k < BINS; k++) {
            h.add(OUTPUT, k, min + k * width, k == BINS - 1 ? max : min + (k + 1) * width, counts[k]);
        }
        TableRows ex = t.table(ResultTable.EXCEEDANCE);
        for (double th : THRESHOLDS) {
            double p = Arrays.stream(ya).filter(y -> y > th).count() / (double) N;
            double e = Z95 * Math.sqrt(p * (1 - p) / N);
            ex.add(OUTPUT, th, p, Math.max(0, p - e), Math.min(1, p + e));
        }
        TableRows sobol = t.table(ResultTable.SOBOL);
        TableRows conv = t.table(ResultTable.CONVERGENCE_MOMENTS);
        TableRows convSobol = t.table(ResultTable.CONVERGENCE_SOBOL);
        for (int k = 4; k <= LOG2_N; k++) {
            int n = 1 << k;
            double m = Arrays.stream(ya, 0, n).average().orElseThrow();
            double s2 = Arrays.stream(ya, 0, n).map(y -> (y - m) * (y - m)).sum() / (n - 1);
            double e = Z95 * Math.sqrt(s2 / n);
            conv.add(OUTPUT, (long) n, m, m - e, m + e);
        }
        for (int j = 0; j < d; j++) {
            for (int k = 4; k <= LOG2_N; k++) {
                double[] s = pickFreeze(ya, yb, yab[j], 1 << k);
                convSobol.add(OUTPUT, f.inputNames().get(j), (long) (1 << k), s[0], s[1]);
            }
            double[] s = pickFreeze(ya, yb, yab[j], N);
            sobol.add(OUTPUT, f.inputNames().get(j), "saltelli", s[0], s[0] - s[2], s[0] + s[2], s[1], s[1] - s[3],
                    s[1] + s[3]);
        }
        for (int j = 0; j < d; j++) {
            sobol.add(OUTPUT, f.inputNames().get(j), "analytic", f.firstOrder()[j], null, null, f.total()[j], null,
                    null);
        }
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

    /** The manifest of the fixture's run (its timings and versions are fixed, so pages compare equal). */
    static RunManifest manifest(RunTables tables) {
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("name", "ishigami-sobol");
        study.put("model", Map.of("function", "ishigami"));
        study.put("sampling", Map.of("design", "mc", "n", N, "seed", 42));
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.all().forEach(t -> counts.put(t.table().tableName(), (long) t.size()));
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("model", 12L);
        timings.put("sampling", 830L);
        timings.put("tables", 410L);
        timings.put("total", 1300L);
        return RunManifest.builder("ishigami-sobol", RUN_ID, RunManifest.Kind.SAMPLING,
                        Instant.parse("2025-01-01T00:00:05Z"))
                .study("conf/studies/ishigami-sobol.yaml", study)
                .model("function ishigami", List.of(OUTPUT), "0123abcd".repeat(8), Map.of())
                .sampling("mc", 42, N, (long) N * 5)
                .blocks(1, N, 1, 2)
                .rowCounts(counts)
                .environment("0.1.0-SNAPSHOT", "4.0.1", "17", "local[1]")
                .timings(timings, null)
                .build();
    }

    /** Publishes the fixture's run (tables and manifest, no report) into {@code output}. */
    static ResultsOutput publish(Path output) throws IOException {
        ResultsOutput out = ResultsOutput.open(output.toString(), new Configuration());
        RunTables tables = tables();
        StagedRun staged = out.stage("ishigami-sobol", RUN_ID);
        for (TableRows t : tables.all()) {
            staged.write(t);
        }
        staged.commit(manifest(tables));
        return out;
    }
}
