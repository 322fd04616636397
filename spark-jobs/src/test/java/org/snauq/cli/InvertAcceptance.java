package org.snauq.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.snauq.datasets.pde.MaterialFile;
import org.snauq.model.SnaModelFile;
import org.snauq.report.RunData;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.thermal.MovingSourceModel;
import org.snauq.thermal.ThermalScaling;

/**
 * The Inconel 718 inversion of issue 13 through {@code sna invert --observations}: absorptivity eta and
 * conductivity scale s from the four melt-pool QoIs and five surface temperatures behind the pool, each observed
 * with 1 % Gaussian noise. The noise-free observations are the full-grid k(T) reference's, not the SNA's:
 * {@code inconel718-reference.csv} (test resource), written by {@code LpbfInverseValidation results/lpbf5d.sna 200
 * 13 1 FILE} (datasets; truths uniform on the prior box [0.25, 0.45] x [0.8, 1.25], P = 285 W, v = 0.96 m/s,
 * r_b = 50 um, a Gaussian beam). The model is the rank-80 moving-source SNA ({@code lpbf5d.sna}).
 *
 * <p>Two likelihoods: the noise alone, and the noise plus the model's own error (the SNA against the reference,
 * an independent Gaussian in quadrature: {@code model-error}), its relative rms per observation measured on other
 * sets than those it is used for (a held-out calibration: the reference's truths and values of the calibration
 * sets, the SNA at those truths). The surrogate's errors are systematic (depth -0.85 %, surface temperature t5
 * -0.65 % at rank 80), comparable to the noise, so without the second term the intervals are too narrow.
 *
 * <pre>  java -cp ... org.snauq.cli.InvertAcceptance [sets=200] [work folder]     (spark-jobs test classpath)</pre>
 *
 * The full run inverts every set twice (each likelihood), the model error of even sets calibrated on the odd ones
 * and the other way round. {@code InvertAcceptanceTest} is the reduced count.
 */
final class InvertAcceptance {

    static final List<String> OBSERVATIONS = List.of("peak", "length", "width", "depth", "t1", "t2", "t3", "t4",
            "t5");
    /** Where the temperatures are observed: surface points behind the pool, in beam radii (as the reference's). */
    static final double[][] SURFACE = {{-22, 0, 0}, {-20, 0, 0}, {-18, 1.5, 0}, {-12, 3, 0}, {-6, 3.5, 0}};
    static final double NOISE = 0.01;

    /** What one run gave: per unknown (eta, s) median and worst MAP error, interval coverage; diagnostics. */
    record Summary(int sets, double[] median, double[] worst, double[] coverage, Map<String, Long> status,
                   double maxRhat, double minEss) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d sets: MAP error eta median %.2f%% worst %.2f%%, s median %.2f%%"
                            + " worst %.2f%%; 95%% intervals cover eta %.1f%%, s %.1f%%; MAP status %s; max R-hat"
                            + " %.4f, min ESS %.0f", sets, 100 * median[0], 100 * worst[0], 100 * median[1],
                    100 * worst[1], 100 * coverage[0], 100 * coverage[1], status, maxRhat, minEss);
        }
    }

    private InvertAcceptance() {
    }

    /** The reference rows: set, eta, s, P, v, rb, beta, then the nine noise-free observations. */
    static List<double[]> reference() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(InvertAcceptance.class.getResource(
                "inconel718-reference.csv").toURI()));
        if (!lines.get(0).equals("set,eta,s,P,v,rb,beta," + String.join(",", OBSERVATIONS))) {
            throw new IllegalStateException("unexpected header " + lines.get(0));
        }
        List<double[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            rows.add(Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray());
        }
        return rows;
    }

    /** Relative rms error of the SNA against the reference per observation, over the given sets. */
    static double[] modelError(List<double[]> reference, int[] sets) throws Exception {
        MovingSourceModel m = new MovingSourceModel(SnaModelFile.read(SweepMaterialTest.model()),
                new ThermalScaling(MaterialFile.shipped(SnaRun.ROOT, "inconel718"), 300, 1));
        double[] ss = new double[OBSERVATIONS.size()];
        double[] pool = new double[5];
        for (int k : sets) {
            double[] v = reference.get(k);
            double[] in = Arrays.copyOfRange(v, 1, 7);
            m.meltPool(in, pool, null);
            for (int i = 0; i < OBSERVATIONS.size(); i++) {
                double predicted = i < 4 ? pool[i] : m.temperature(in, SURFACE[i - 4][0], SURFACE[i - 4][1],
                        SURFACE[i - 4][2], null);
                double e = predicted / v[7 + i] - 1;
                ss[i] += e * e;
            }
        }
        for (int i = 0; i < ss.length; i++) {
            ss[i] = Math.sqrt(ss[i] / sets.length);
        }
        return ss;
    }

    /**
     * Inverts the given sets (noise drawn from (2026, set)) and scores them against their truths.
     *
     * @param modelError relative model error per observation, or null for the noise alone
     */
    static Summary run(Path dir, List<double[]> reference, int[] sets, double[] modelError, int samples,
                       int burnIn) throws Exception {
        Files.createDirectories(dir);
        StringBuilder table = new StringBuilder("observation_id," + String.join(",", OBSERVATIONS) + "\n");
        for (int k : sets) {
            double[] v = reference.get(k);
            SplittableRandom noise = new SplittableRandom(1_000_003L * k + 2026);
            table.append(k);
            for (int i = 0; i < OBSERVATIONS.size(); i++) {
                table.append(',').append(v[7 + i] * (1 + NOISE * noise.nextGaussian()));
            }
            table.append('\n');
        }
        Files.writeString(dir.resolve("sets.csv"), table);
        StringBuilder obs = new StringBuilder();
        for (int i = 0; i < OBSERVATIONS.size(); i++) {
            String name = OBSERVATIONS.get(i);
            obs.append("  - {name: ").append(name).append(i < 4 ? ", qoi: " + name : String.format(Locale.ROOT,
                    ", at: {x: %s, y: %s, z: %s}", SURFACE[i - 4][0], SURFACE[i - 4][1], SURFACE[i - 4][2]))
                    .append(modelError == null ? "" : String.format(Locale.ROOT, ", model-error: {relative: %.6g}",
                            modelError[i])).append("}\n");
        }
        Files.writeString(dir.resolve("inconel.yaml"), """
                name: inconel718-acceptance
                material: inconel718
                unknowns:
                  - {name: eta, dist: uniform, lower: 0.25, upper: 0.45}
                  - {name: s, dist: uniform, lower: 0.8, upper: 1.25}
                known: {P: 285, v: 0.96, rb: 5.0e-5, beta: 0}
                noise: {relative: %s}
                observations:
                %sinversion: {starts: 4, samples: %d, chains: 4, burn-in: %d, seed: 13}
                """.formatted(NOISE, obs, samples, burnIn));
        Cli.Result r = Cli.run("invert", SweepMaterialTest.model().toString(), dir.resolve("inconel.yaml").toString(),
                "--observations", dir.resolve("sets.csv").toString(), "--output", dir.resolve("out").toString(),
                "--run-id", "acceptance");
        if (r.exit() != 0) {
            throw new IllegalStateException("sna invert failed: " + r.err());
        }
        List<Map<String, Object>> est = RunData.read(ResultsOutput.open(dir.resolve("out").toString(),
                new Configuration()), "acceptance").rows(ResultTable.ESTIMATES);
        double[][] error = new double[2][sets.length];
        int[] count = new int[2];
        int[] covered = new int[2];
        Map<String, Long> status = new TreeMap<>();
        double maxRhat = 0;
        double minEss = Double.POSITIVE_INFINITY;
        for (Map<String, Object> e : est) {
            int k = ((Number) e.get("observation_id")).intValue();
            int j = "eta".equals(e.get("unknown")) ? 0 : 1;
            double t = reference.get(k)[1 + j];
            status.merge(String.valueOf(e.get("status")), 1L, Long::sum);
            error[j][count[j]++] = Math.abs(((Number) e.get("map")).doubleValue() / t - 1);
            if (((Number) e.get("q025")).doubleValue() <= t && t <= ((Number) e.get("q975")).doubleValue()) {
                covered[j]++;
            }
            maxRhat = Math.max(maxRhat, ((Number) e.get("rhat")).doubleValue());
            minEss = Math.min(minEss, ((Number) e.get("ess")).doubleValue());
        }
        double[] median = new double[2];
        double[] worst = new double[2];
        double[] coverage = new double[2];
        for (int j = 0; j < 2; j++) {
            double[] s = error[j].clone();
            Arrays.sort(s);
            int n = s.length;
            median[j] = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
            worst[j] = s[n - 1];
            coverage[j] = covered[j] / (double) n;
        }
        status.replaceAll((k, v) -> v / 2); // one row per unknown
        return new Summary(sets.length, median, worst, coverage, status, maxRhat, minEss);
    }

    /** The full acceptance run: both likelihoods on every set, the model error cross-fitted over two halves. */
    public static void main(String[] args) throws Exception {
        List<double[]> reference = reference();
        int sets = args.length > 0 ? Integer.parseInt(args[0]) : reference.size();
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sna-acceptance");
        int[] all = java.util.stream.IntStream.range(0, sets).toArray();
        int[] even = java.util.stream.IntStream.range(0, sets).filter(k -> k % 2 == 0).toArray();
        int[] odd = java.util.stream.IntStream.range(0, sets).filter(k -> k % 2 == 1).toArray();
        System.out.println("noise alone: " + run(work.resolve("noise"), reference, all, null, 10_000, 1_000));
        double[] fromOdd = modelError(reference, odd);
        double[] fromEven = modelError(reference, even);
        System.out.println("model error (relative rms) from the odd sets: " + Arrays.toString(fromOdd));
        System.out.println("model error (relative rms) from the even sets: " + Arrays.toString(fromEven));
        System.out.println("noise + model error, even sets: " + run(work.resolve("even"), reference, even, fromOdd,
                10_000, 1_000));
        System.out.println("noise + model error, odd sets: " + run(work.resolve("odd"), reference, odd, fromEven,
                10_000, 1_000));
        org.snauq.spark.SparkTests.session().stop(); // lets the JVM exit
    }
}
