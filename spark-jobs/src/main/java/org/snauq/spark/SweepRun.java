package org.snauq.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.snauq.engine.PhaseLog;
import org.snauq.engine.SamplePlan;
import org.snauq.engine.SweepKernel;
import org.snauq.models.LoadedModel;
import org.snauq.models.UqModel;
import org.snauq.report.ReportWriter;
import org.snauq.results.Methods;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunManifest;
import org.snauq.results.RunTables;
import org.snauq.results.StagedRun;
import org.snauq.results.TableRows;
import org.snauq.stats.ConfidenceInterval;
import org.snauq.stats.Intervals;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.study.Study;
import org.snauq.study.StudyException;
import org.snauq.study.SweepSpec;

/**
 * The design sweep of {@code sna run} for a study with a {@code sweep:} block ({@link SweepSpec}): designs x n
 * samples of the uncertain inputs, evaluated in the executors design by design ({@link SweepKernel}), and a run
 * folder with a {@code designs} table (one row per design: design inputs, per-QoI mean, std and 5/50/95 %
 * quantiles, the probability of meeting the process window with its Wilson interval, and the rank by that
 * probability) and a {@code summary} table (the best design's QoI moments, method {@code best-design}), then
 * {@code manifest.json} and the report, published like any run ({@link StagedRun}).
 *
 * <p>Determinism: a design's statistics are folded in sample order inside one task and sorted by design index on
 * the driver, so the tables are bit-identical for any partitioning. Ranking: window probability, then the lower
 * end of its interval, then design index, all descending but the index.
 */
public final class SweepRun {

    private SweepRun() {
    }

    /** Runs the sweep and publishes run {@code runId} in {@code output}. */
    public static UqRun.Outcome run(Study study, SweepSpec sweep, LoadedModel loaded, SparkSession spark,
                                    ResultsOutput output, String runId, PhaseLog log) throws IOException {
        UqModel model = loaded.model();
        List<String> qois = sweep.qois(model.outputs().get(0));
        SweepKernel.Plan plan = plan(study, sweep, model, qois);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int designs = sweep.designs().length;
        int slices = UqRun.slices(study.spark().partitions(), designs, jsc.defaultParallelism());
        Broadcast<UqModel> shipped = jsc.broadcast(model);
        log.restartPhase();
        log.info(String.format(Locale.ROOT, "sweep started: %d designs x %d samples (%s) = %d queries, %d partitions"
                        + " on %s", designs, study.sampling().n(), study.sampling().design(),
                designs * study.sampling().n(), slices, spark.sparkContext().master()));
        ReportWriter.warmUp(); // while the executors sweep
        List<Integer> ids = IntStream.range(0, designs).boxed().toList();
        List<SweepKernel.DesignStats> stats = new ArrayList<>(UqRun.withProgress(spark, log, "sweep", designs,
                slices, () -> jsc.parallelize(ids, slices).mapPartitions(it -> {
                    FaultInjection.maybeFailTask();
                    SweepKernel kernel = new SweepKernel(plan, shipped.value());
                    List<SweepKernel.DesignStats> done = new ArrayList<>();
                    while (it.hasNext()) {
                        done.add(kernel.run(it.next()));
                    }
                    return done.iterator();
                }).collect()));
        stats.sort(Comparator.comparingInt(s -> s.design));
        SweepKernel.checkFailures(study.fileName(), stats);
        log.phase("sweep", "sweep done: " + designs + " designs, " + designs * study.sampling().n() + " queries");

        int[] rank = rank(stats, sweep.confidence());
        int best = 0;
        for (int j = 0; j < rank.length; j++) {
            if (rank[j] == 1) {
                best = j;
            }
        }
        RunTables tables = new RunTables();
        summary(tables.table(ResultTable.SUMMARY), stats.get(best), qois, sweep.confidence());
        designRows(tables.table(ResultTable.DESIGNS, ResultTable.designsColumns(sweep.designInputs(), qois)), stats,
                rank, sweep, qois);
        StagedRun staged = output.stage(study.name(), runId);
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (TableRows t : tables.all()) {
                staged.write(t);
                counts.put(t.table().tableName(), (long) t.size());
                FaultInjection.maybeFailAfter(t.table().tableName());
            }
            log.phase("tables", "tables written: " + String.join(", ", counts.keySet()));
            SweepKernel.DesignStats b = stats.get(best);
            Map<String, Object> bestDesign = new LinkedHashMap<>();
            bestDesign.put("design", b.design);
            for (int k = 0; k < sweep.designInputs().size(); k++) {
                bestDesign.put(sweep.designInputs().get(k), sweep.designs()[b.design][k]);
            }
            bestDesign.put("p_window", b.inside / (double) b.count());
            long samples = (long) designs * study.sampling().n();
            RunManifest manifest = UqRun.manifestHead(study, loaded, runId, RunManifest.Kind.SWEEP)
                    .sampling(study.sampling().design(), study.sampling().seed(), samples, samples)
                    .sweep(designs, study.sampling().n(), bestDesign)
                    .partitions(slices)
                    .domain(study.domainPolicy().key(), null)
                    .rowCounts(counts)
                    .environment(Versions.snaUq(), spark.version(), System.getProperty("java.version"),
                            spark.sparkContext().master())
                    .timings(log.timings(), log.cpuTimings())
                    .build();
            UqRun.Outcome outcome = UqRun.publish(staged, output, manifest, tables, log);
            log.info("best design " + describe(sweep, best) + ", P(window) = " + b.inside / (double) b.count());
            return outcome;
        } catch (IOException | RuntimeException | Error e) {
            staged.abort();
            throw e;
        }
    }

    /** The executors' plan: samples of the study inputs, design points, window bounds, model coordinate sources. */
    static SweepKernel.Plan plan(Study study, SweepSpec sweep, UqModel model, List<String> qois) {
        SamplePlan samples = SamplePlan.of(study.sampling().design(), study.sampling().n(), study.sampling().seed(),
                study.inputs(), false);
        List<SweepSpec.Bound> window = sweep.window();
        double[] low = new double[window.size()];
        double[] high = new double[window.size()];
        int[] which = new int[window.size()];
        for (int b = 0; b < window.size(); b++) {
            low[b] = window.get(b).min();
            high[b] = window.get(b).max();
            which[b] = qois.indexOf(window.get(b).qoi());
        }
        int[] source = null;
        if (sweep.meltPool() != null) {
            List<String> names = model.sna().names();
            source = new int[names.size()];
            for (int d = 0; d < names.size(); d++) {
                String name = names.get(d);
                int k = sweep.designInputs().indexOf(name);
                source[d] = sweep.meltPool().space().contains(name) ? -1 : k >= 0 ? -2 - k
                        : study.inputNames().indexOf(name);
            }
        }
        checkDesigns(study, sweep, model);
        SweepSpec.MeltPoolSpec mp = sweep.meltPool();
        SweepKernel.MeltPool pool = mp == null ? null : new SweepKernel.MeltPool(mp.space(), mp.liquidus(),
                mp.ambient(), mp.centreY(), mp.samples(), study.inputNames().indexOf(mp.scaleInput()),
                mp.scaleNominal());
        return new SweepKernel.Plan(samples, sweep.designs(), pool, low, high, which, qois.size(), source);
    }

    /** Under domain-policy error, every design point must lie in the model's domain. */
    private static void checkDesigns(Study study, SweepSpec sweep, UqModel model) {
        double[] lo = model.domainLower();
        double[] hi = model.domainUpper();
        if (lo == null || study.domainPolicy() != org.snauq.study.DomainPolicy.ERROR) {
            return;
        }
        List<String> names = model.inputNames();
        for (int k = 0; k < sweep.designInputs().size(); k++) {
            int i = names.indexOf(sweep.designInputs().get(k));
            for (double[] point : sweep.designs()) {
                double v = point[k];
                if (!(v >= lo[i] && v <= hi[i])) {
                    throw new StudyException(study.fileName() + ": sweep.designs." + sweep.designInputs().get(k)
                            + ": " + v + " lies outside the model's domain [" + lo[i] + ", " + hi[i] + "]; narrow the"
                            + " grid or set domain-policy: clamp");
                }
            }
        }
    }

    /** rank[j] = 1 for the best design: window probability, then its interval's lower end, descending. */
    static int[] rank(List<SweepKernel.DesignStats> stats, double confidence) {
        Integer[] order = IntStream.range(0, stats.size()).boxed().toArray(Integer[]::new);
        double[] p = new double[stats.size()];
        double[] low = new double[stats.size()];
        for (int j = 0; j < p.length; j++) {
            ConfidenceInterval ci = Intervals.wilson(stats.get(j).inside, stats.get(j).count(), confidence);
            p[j] = ci.estimate();
            low[j] = ci.low();
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -p[j])
                .thenComparingDouble(j -> -low[j]).thenComparingInt(j -> j));
        int[] rank = new int[p.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        return rank;
    }

    /** One row per design, in {@link ResultTable#designsColumns} order. */
    private static void designRows(TableRows rows, List<SweepKernel.DesignStats> stats, int[] rank, SweepSpec sweep,
                                   List<String> qois) {
        for (SweepKernel.DesignStats s : stats) {
            List<Object> v = new ArrayList<>();
            v.add((long) s.design);
            for (double x : sweep.designs()[s.design]) {
                v.add(x);
            }
            for (int q = 0; q < qois.size(); q++) {
                v.add(s.moments[q].mean());
                v.add(s.moments[q].std());
                for (double x : s.quantiles[q]) {
                    v.add(x);
                }
            }
            ConfidenceInterval ci = Intervals.wilson(s.inside, s.count(), sweep.confidence());
            v.add(s.count());
            v.add(ci.estimate());
            v.add(ci.low());
            v.add(ci.high());
            v.add((long) rank[s.design]);
            rows.add(v.toArray());
        }
    }

    /** The best design's QoI moments, method {@value Methods#BEST_DESIGN}. */
    private static void summary(TableRows rows, SweepKernel.DesignStats best, List<String> qois, double confidence) {
        for (int q = 0; q < qois.size(); q++) {
            MomentsAccumulator m = best.moments[q];
            ConfidenceInterval ci = m.meanInterval(confidence);
            rows.add(qois.get(q), Methods.BEST_DESIGN, m.count(), m.mean(), m.variance(), m.std(), m.skewness(),
                    m.excessKurtosis(), m.min(), m.max(), ci.low(), ci.high());
        }
    }

    static String describe(SweepSpec sweep, int j) {
        StringBuilder b = new StringBuilder("#" + j + " (");
        for (int k = 0; k < sweep.designInputs().size(); k++) {
            b.append(k == 0 ? "" : ", ").append(sweep.designInputs().get(k)).append(" = ")
                    .append(sweep.designs()[j][k]);
        }
        return b.append(')').toString();
    }

}
