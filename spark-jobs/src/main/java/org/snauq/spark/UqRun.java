package org.snauq.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.snauq.engine.Analytic;
import org.snauq.engine.AnalyticResult;
import org.snauq.engine.PhaseLog;
import org.snauq.engine.RunResults;
import org.snauq.engine.SamplePlan;
import org.snauq.engine.StatsSpec;
import org.snauq.models.LoadedModel;
import org.snauq.models.UqModel;
import org.snauq.report.ReportWriter;
import org.snauq.report.RunData;
import org.snauq.results.ParquetTables;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunIds;
import org.snauq.results.RunManifest;
import org.snauq.results.RunTables;
import org.snauq.results.StagedRun;
import org.snauq.results.TableRows;
import org.snauq.study.DomainPolicy;
import org.snauq.study.StatisticsSpec;
import org.snauq.study.Study;
import org.snauq.study.StudyException;

/**
 * The main job of {@code sna run}: propagates a study's inputs through its model on Spark and writes the run
 * folder (DESIGN.md sections 4 and 6).
 *
 * <p>Passes: (1) every block folded into one statistics bundle (moments, quantiles, exceedance, Sobol' sums,
 * convergence prefixes), and the outputs counted on a fine grid for the histogram ({@link OnePassHistogram});
 * (2) only when that grid cannot give the histogram exactly, the histogram over the [min, max] found by pass 1
 * (it re-evaluates the A points: a fixed-range histogram needs its range first); (3) optionally
 * every sample, written by the executors. Then the tables, the manifest and {@code report.html} (rendered from
 * the results in memory) into a staging folder, published together by {@link StagedRun#commit}.
 */
public final class UqRun {

    /** Slices per core when the study leaves {@code spark.partitions} at 0: small enough tasks to balance. */
    static final int SLICES_PER_CORE = 4;

    private UqRun() {
    }

    /**
     * What a run published.
     *
     * @param folder   the run's artefacts folder ({@code <output>/_runs/run_id=<ID>}, with the report)
     * @param manifest its manifest
     */
    public record Outcome(String folder, RunManifest manifest) {
    }

    /**
     * Runs the study and publishes run {@code runId} in {@code output}.
     *
     * @param log phase lines; its timings go to the manifest
     */
    public static Outcome run(Study study, LoadedModel loaded, SparkSession spark, ResultsOutput output, String runId,
                              PhaseLog log) throws IOException {
        UqModel model = loaded.model();
        StatisticsSpec spec = study.statistics();
        StatsSpec stats = BlockJobs.statsSpec(study);
        SamplePlan plan = SamplePlan.of(study.sampling().design(), study.sampling().n(), study.sampling().seed(),
                study.inputs(), spec.sobol());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = slices(study.spark().partitions(), plan.blocks(), jsc.defaultParallelism());
        Broadcast<UqModel> shipped = jsc.broadcast(model);

        log.restartPhase();
        log.info(String.format(Locale.ROOT, "sampling started: %s design, %d rows x %d evaluations, %d blocks of %d,"
                        + " %d partitions on %s", plan.design(), plan.rows(), plan.evaluationsPerRow(), plan.blocks(),
                plan.blockSize(), slices, spark.sparkContext().master()));
        ReportWriter.warmUp(); // while the executors sample
        AnalyticResult analytic = spec.analytic() && model.outputs().size() == 1
                ? Analytic.of(model, study.inputs()) : null;
        RunResults results = BlockJobs.propagate(spark, plan, shipped, stats, slices, log, analytic);
        checkDomain(study, results);

        StagedRun staged = output.stage(study.name(), runId);
        try {
            RunTables tables = results.tables();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (TableRows t : tables.all()) {
                staged.write(t); // from the driver: a Spark job per tiny table would cost seconds of SQL warm-up
                counts.put(t.table().tableName(), (long) t.size());
                FaultInjection.maybeFailAfter(t.table().tableName());
            }
            if (spec.keepSamples()) {
                writeSamples(spark, jsc, plan, shipped, model, slices, staged, study.name(), log);
                counts.put(ResultTable.SAMPLES.tableName(), plan.rows() - results.failed);
                FaultInjection.maybeFailAfter(ResultTable.SAMPLES.tableName());
            }
            log.phase("tables", "tables written: " + String.join(", ", counts.keySet()));
            Map<String, Long> timings = log.timings();
            timings.put("evaluation_task_ms", results.evaluationNanos / 1_000_000);
            RunManifest manifest = manifestHead(study, loaded, runId, RunManifest.Kind.SAMPLING)
                    .sampling(plan.design(), plan.seed(), plan.rows(), plan.evaluations())
                    .blocks(plan.replicates(), plan.blockSize(), plan.blocks(), slices)
                    .domain(study.domainPolicy().key(), outside(study, results))
                    .failures(study.onFailure().key(), results.failed)
                    .rowCounts(counts)
                    .environment(Versions.snaUq(), spark.version(), System.getProperty("java.version"),
                            spark.sparkContext().master())
                    .timings(timings, log.cpuTimings())
                    .build();
            return publish(staged, output, manifest, tables, log);
        } catch (IOException | RuntimeException | Error e) {
            staged.abort();
            throw e;
        }
    }

    /**
     * Renders {@code report.html} from the results in memory into the staging folder, then commits the run. A
     * rendering failure (a bug) still publishes the run, which {@code sna report} can render again, and then fails.
     */
    static Outcome publish(StagedRun staged, ResultsOutput output, RunManifest manifest, RunTables tables,
                           PhaseLog log) throws IOException {
        String folder = output.runFolder(manifest.runId());
        RuntimeException failed = null;
        try {
            staged.writeArtefact(ReportWriter.FILE, ReportWriter.bytes(RunData.of(folder, manifest, tables)));
            log.phase("report", "report rendered");
        } catch (RuntimeException e) {
            failed = e;
            log.info("report not rendered (sna report can render it): " + e);
        }
        staged.commit(manifest);
        log.phase("commit", "run published: " + folder);
        if (failed != null) {
            throw failed;
        }
        return new Outcome(folder, manifest);
    }

    /**
     * Writes every sample (A points for Sobol' studies) as Parquet from the executors into the staging folder,
     * the {@code study} and {@code run_id} columns first.
     */
    static void writeSamples(SparkSession spark, JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model,
                             UqModel m, int slices, StagedRun staged, String study, PhaseLog log) {
        withProgress(spark, log, "samples", plan.blocks(), slices, () -> {
            spark.createDataFrame(BlockJobs.samples(jsc, plan, model, slices, true, null), ParquetTables.sparkSchema(
                            ResultTable.samplesColumns(m.inputNames(), m.outputs())))
                    .select(functions.lit(study).as("study"), functions.lit(staged.runId()).as("run_id"),
                            functions.col("*"))
                    .write().mode(SaveMode.ErrorIfExists).option("compression", "snappy")
                    .parquet(staged.folder(ResultTable.SAMPLES));
            return null;
        });
        staged.staged(ResultTable.SAMPLES);
    }

    static int slices(int requested, long blocks, int parallelism) {
        if (requested > 0) {
            return (int) Math.min(requested, blocks); // never an empty partition
        }
        return (int) Math.max(1, Math.min(blocks, SLICES_PER_CORE * Math.max(1, parallelism)));
    }

    static <T> T withProgress(SparkSession spark, PhaseLog log, String pass, long blocks, int slices,
                              java.util.function.Supplier<T> job) {
        BlockProgress progress = new BlockProgress(log, pass, blocks, slices);
        spark.sparkContext().addSparkListener(progress);
        try {
            return job.get();
        } finally {
            spark.sparkContext().removeSparkListener(progress);
        }
    }

    /** Policy {@code error}: any sample outside an SNA's domain fails the run, naming input, count and distance. */
    private static void checkDomain(Study study, RunResults results) {
        if (study.domainPolicy() != DomainPolicy.ERROR) {
            return;
        }
        for (int d = 0; d < results.outside.length; d++) {
            if (results.outside[d] > 0) {
                throw new StudyException(String.format(Locale.ROOT,
                        "%s: inputs[%d] (%s): %d samples fell outside the model's domain, up to %.4g beyond; widen"
                                + " the model or set domain-policy: clamp", study.fileName(), d,
                        study.inputs().get(d).name(), results.outside[d], results.farthest[d]));
            }
        }
    }

    /** Samples outside the model's domain, per input name. */
    private static Map<String, Long> outside(Study study, RunResults results) {
        Map<String, Long> outside = new LinkedHashMap<>();
        for (int d = 0; d < results.outside.length; d++) {
            outside.put(study.inputs().get(d).name(), results.outside[d]);
        }
        return outside;
    }

    /** The manifest entries every kind of run starts with: the run, the study as parsed and the model. */
    static RunManifest.Builder manifestHead(Study study, LoadedModel loaded, String runId, RunManifest.Kind kind) {
        return RunManifest.builder(study.name(), runId, kind, Instant.now())
                .study(study.file().toString(), study.parsed())
                .model(loaded.model().description(), loaded.model().outputs(), loaded.hash(), loaded.report());
    }

    /** The default run ID: the UTC start time (see {@link RunIds#at}). */
    public static String defaultRunId() {
        return RunIds.at(Instant.now());
    }
}
