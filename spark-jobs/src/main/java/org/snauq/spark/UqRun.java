package org.snauq.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.snauq.engine.Analytic;
import org.snauq.engine.AnalyticResult;
import org.snauq.engine.BlockStats;
import org.snauq.engine.PhaseLog;
import org.snauq.engine.RunResults;
import org.snauq.engine.SamplePlan;
import org.snauq.models.LoadedModel;
import org.snauq.models.UqModel;
import org.snauq.results.ResultTableWriter;
import org.snauq.results.ResultTables;
import org.snauq.results.RunDirectory;
import org.snauq.stats.GridRebinning;
import org.snauq.stats.HistogramAccumulator;
import org.snauq.stats.Mergeable;
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
 * every sample, written by the executors. Then the tables, then {@code manifest.json}, then the atomic move.
 */
public final class UqRun {

    /** Run IDs become folder names. */
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:+-]*");

    /** Slices per core when the study leaves {@code spark.partitions} at 0: small enough tasks to balance. */
    static final int SLICES_PER_CORE = 4;

    private UqRun() {
    }

    /** The default run ID: the UTC start time, {@code yyyyMMdd'T'HHmmss'Z'}. */
    public static String defaultRunId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.now());
    }

    /** Checks a run ID given by the user. */
    public static String checkRunId(String id) {
        if (!RUN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("--run-id must match " + RUN_ID.pattern() + ", got '" + id + "'");
        }
        return id;
    }

    /** What a run wrote. */
    public record Outcome(String folder, Map<String, Long> rowCounts, Map<String, Long> timings) {
    }

    /**
     * Runs the study and writes {@code <output>/run_id=<runId>/}.
     *
     * @param log phase lines; its timings go to the manifest
     */
    public static Outcome run(Study study, LoadedModel loaded, SparkSession spark, String runId, PhaseLog log)
            throws IOException {
        UqModel model = loaded.model();
        StatisticsSpec spec = study.statistics();
        SamplePlan plan = SamplePlan.of(study.sampling(), study.inputs(), spec.sobol());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = slices(study.spark().partitions(), plan.blocks(), jsc.defaultParallelism());
        Broadcast<UqModel> shipped = jsc.broadcast(model);

        log.restartPhase();
        log.info(String.format(Locale.ROOT, "sampling started: %s design, %d rows x %d evaluations, %d blocks of %d,"
                        + " %d partitions on %s", plan.design(), plan.rows(), plan.evaluationsPerRow(), plan.blocks(),
                plan.blockSize(), slices, spark.sparkContext().master()));
        BlockStats.StatsSpec blockSpec = new BlockStats.StatsSpec(!spec.quantiles().isEmpty(),
                spec.quantileMethod() == org.snauq.study.QuantileMethod.EXACT,
                spec.exceedance().stream().mapToDouble(Double::doubleValue).toArray(), spec.sobol());
        double[] grid = spec.histogramBins() > 0 ? OnePassHistogram.gridRange(plan, model) : null;
        OnePassHistogram.CellSum cells = grid == null ? null : new OnePassHistogram.CellSum(grid[0], grid[1]);
        if (cells != null) {
            jsc.sc().register(cells, "histogram cells");
        }
        List<BlockStats> blocks = withProgress(spark, log, "sampling", plan.blocks(), slices,
                () -> BlockJobs.statistics(jsc, plan, shipped, blockSpec, slices, cells));
        log.phase("sampling", "sampling done: " + plan.blocks() + "/" + plan.blocks() + " blocks, "
                + plan.rows() * plan.evaluationsPerRow() + " evaluations");

        AnalyticResult analytic = spec.analytic() ? Analytic.of(model, study.inputs()) : null;
        RunResults results = new RunResults(model.output(), study.inputNames(), plan, spec, blocks, analytic);
        checkDomain(study, results);
        GridRebinning bins = cells == null ? null : GridRebinning.of(cells.value(),
                results.moments.count(), results.moments.min(), results.moments.max(), spec.histogramBins());
        if (bins != null) {
            results.histogram(bins.edges(), bins.counts());
            log.info("histogram from the sampling pass: " + spec.histogramBins() + " bins over ["
                    + results.moments.min() + ", " + results.moments.max() + "]");
        } else if (spec.histogramBins() > 0) { // exact equal bins need [min, max] first: a second pass
            double lo = results.moments.min();
            double hi = results.moments.max();
            if (!(hi > lo)) { // a constant output: one unit-wide range around it
                lo -= 0.5;
                hi += 0.5;
            }
            final double lower = lo;
            final double upper = hi;
            List<HistogramAccumulator> parts = withProgress(spark, log, "histogram", plan.blocks(), slices,
                    () -> BlockJobs.histogram(jsc, plan, shipped, lower, upper, spec.histogramBins(), slices));
            results.histogram(Mergeable.foldInOrder(parts));
            log.phase("histogram", "histogram done: " + spec.histogramBins() + " bins over [" + lower + ", "
                    + upper + "]");
        }

        RunDirectory dir = RunDirectory.begin(study.output(), runId,
                spark.sparkContext().hadoopConfiguration());
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Map.Entry<String, List<Row>> t : results.tables().entrySet()) {
                // from the driver: a Spark job per tiny table would cost seconds of SQL warm-up
                ResultTableWriter.write(dir.table(t.getKey()), ResultTables.schema(t.getKey()), t.getValue(),
                        spark.sparkContext().hadoopConfiguration());
                counts.put(t.getKey(), (long) t.getValue().size());
                FaultInjection.maybeFailAfter(t.getKey());
            }
            if (spec.keepSamples()) {
                writeSamples(spark, jsc, plan, shipped, model, slices, dir.table(ResultTables.SAMPLES), log);
                counts.put(ResultTables.SAMPLES, plan.rows());
                FaultInjection.maybeFailAfter(ResultTables.SAMPLES);
            }
            log.phase("tables", "tables written: " + String.join(", ", counts.keySet()));
            Map<String, Long> timings = log.timings();
            timings.put("evaluation_task_ms", results.evaluationNanos / 1_000_000);
            dir.writeManifest(manifest(study, loaded, spark, runId, plan, slices, counts, timings, log.cpuTimings(),
                    results));
            dir.commit();
            log.info("run written: " + dir.target());
            return new Outcome(dir.target(), counts, timings);
        } catch (IOException | RuntimeException | Error e) {
            dir.abort();
            throw e;
        }
    }

    /** Writes every sample (A points for Sobol' studies) as Parquet from the executors. */
    static void writeSamples(SparkSession spark, JavaSparkContext jsc, SamplePlan plan, Broadcast<UqModel> model,
                             UqModel m, int slices, String path, PhaseLog log) {
        withProgress(spark, log, "samples", plan.blocks(), slices, () -> {
            spark.createDataFrame(BlockJobs.samples(jsc, plan, model, slices, true),
                            ResultTables.samplesSchema(m.inputNames(), m.output()))
                    .write().mode(SaveMode.ErrorIfExists).option("compression", "snappy").parquet(path);
            return null;
        });
    }

    static int slices(int requested, int blocks, int parallelism) {
        if (requested > 0) {
            return requested;
        }
        return Math.max(1, Math.min(blocks, SLICES_PER_CORE * Math.max(1, parallelism)));
    }

    static <T> T withProgress(SparkSession spark, PhaseLog log, String pass, int blocks, int slices,
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

    /** The manifest entries every kind of run starts with: the run, the study as parsed and the model. */
    /** The part every manifest ends with: versions, Spark master and the phase timings. */
    static void manifestTail(Map<String, Object> m, SparkSession spark, Map<String, Long> timings) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("sna_uq", Versions.snaUq());
        versions.put("spark", spark.version());
        versions.put("java", System.getProperty("java.version"));
        m.put("versions", versions);
        m.put("spark_master", spark.sparkContext().master());
        m.put("timings_ms", timings);
    }

    static Map<String, Object> manifestHead(Study study, LoadedModel loaded, String runId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("created", Instant.now().toString());
        m.put("study_file", study.file().toString());
        m.put("study", study.parsed());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("description", loaded.model().description());
        model.put("output", loaded.model().output());
        model.put("hash", loaded.hash());
        model.putAll(loaded.report());
        m.put("model", model);
        return m;
    }

    private static String manifest(Study study, LoadedModel loaded, SparkSession spark, String runId,
                                   SamplePlan plan, int slices, Map<String, Long> counts, Map<String, Long> timings,
                                   Map<String, Long> cpuTimings, RunResults results) throws IOException {
        Map<String, Object> m = manifestHead(study, loaded, runId);
        m.put("design", plan.design());
        m.put("seed", plan.seed());
        m.put("sample_count", plan.rows());
        m.put("evaluations", plan.rows() * plan.evaluationsPerRow());
        m.put("replicates", plan.replicates());
        m.put("block_size", plan.blockSize());
        m.put("blocks", plan.blocks());
        m.put("partitions", slices);
        m.put("domain_policy", study.domainPolicy().key());
        Map<String, Long> outside = new LinkedHashMap<>();
        for (int d = 0; d < results.outside.length; d++) {
            outside.put(study.inputs().get(d).name(), results.outside[d]);
        }
        m.put("samples_outside_domain", outside);
        m.put("row_counts", counts);
        manifestTail(m, spark, timings);
        m.put("cpu_ms", cpuTimings);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
    }
}
