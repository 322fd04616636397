package org.snauq.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.snauq.engine.PhaseLog;
import org.snauq.report.ReportWriter;
import org.snauq.report.RunData;
import org.snauq.results.ParquetTables;
import org.snauq.results.ResultTable;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunManifest;
import org.snauq.results.RunTables;
import org.snauq.results.StagedRun;
import org.snauq.results.TableRows;
import org.snauq.study.InversionSpec;

/**
 * {@code sna invert}: inverts observation sets with an {@link InversionPlan} and publishes the run like
 * {@code sna run} (tables {@code estimates}, {@code fit}, {@code posterior}, the catalogue row, manifest and
 * report, committed together by {@link StagedRun}).
 *
 * <p>One set (the values in the inversion file) is inverted on the driver without Spark: it takes a fraction of
 * a second. Many sets (an observation table) are inverted on the executors, the plan broadcast, each task
 * inverting a contiguous slice of the sets sorted by observation_id with one solver. Every set's numbers depend on
 * (plan, observation_id, its values) only, the driver writes estimates and fit in id order, and the executors'
 * posterior rows are written by one task reading the partitions in order: the tables are the same for any number
 * of partitions.
 */
public final class InversionRun {

    private InversionRun() {
    }

    /**
     * The model as the manifest describes it.
     *
     * @param description e.g. {@code sna file lpbf5d.sna}
     * @param output      the model's output name
     * @param hash        SHA-256 of the model's numbers
     * @param file        the model file
     */
    public record Model(String description, String output, String hash, String file) {
    }

    /** Inverts the inversion file's own values (observation set 0) on the driver and publishes the run. */
    public static UqRun.Outcome single(InversionSpec spec, InversionPlan plan, Model model, ResultsOutput output,
                                       String runId, PhaseLog log) throws IOException {
        InversionSets sets = InversionSets.ofFile(spec, plan);
        log.restartPhase();
        InversionSets.ObservationSet set = sets.sets().get(0);
        InversionResult r = plan.newSolver().invert(set.id, set.values, spec.settings().keepSamples());
        log.phase("inversion", "inverted 1 observation set: MAP " + r.status);
        RunTables tables = tables(plan, List.of(r));
        TableRows posterior = tables.table(ResultTable.POSTERIOR, ResultTable.posteriorColumns(plan.unknowns()));
        InversionTables.posterior(posterior, r);
        StagedRun staged = output.stage(spec.name(), runId);
        try {
            Map<String, Long> counts = write(staged, tables);
            RunManifest manifest = manifest(spec, plan, model, runId, sets, List.of(r), counts, 0, null,
                    System.getProperty("java.version"), null, log);
            return UqRun.publish(staged, output, manifest, tables, log);
        } catch (IOException | RuntimeException | Error e) {
            staged.abort();
            throw e;
        }
    }

    /** Inverts every set of an observation table on Spark and publishes the run. */
    public static UqRun.Outcome batch(InversionSpec spec, InversionPlan plan, Model model, InversionSets sets,
                                      SparkSession spark, ResultsOutput output, String runId, PhaseLog log)
            throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = UqRun.slices(spec.spark().partitions(), sets.size(), jsc.defaultParallelism());
        Broadcast<InversionPlan> shipped = jsc.broadcast(plan);
        boolean keep = spec.settings().keepSamples() && plan.samples() > 0;
        log.restartPhase();
        log.info(String.format(Locale.ROOT, "inversion started: %d observation sets, %d partitions on %s",
                sets.size(), slices, spark.sparkContext().master()));
        ReportWriter.warmUp(); // while the executors invert
        JavaRDD<InversionResult> results = jsc.parallelize(sets.sets(), slices).mapPartitions(it -> {
            InversionPlan.Solver solver = shipped.value().newSolver();
            List<InversionResult> done = new ArrayList<>();
            while (it.hasNext()) {
                InversionSets.ObservationSet s = it.next();
                done.add(solver.invert(s.id, s.values, keep));
            }
            return done.iterator();
        });
        if (keep) {
            results.persist(StorageLevel.MEMORY_AND_DISK()); // read again for the posterior table
        }
        try {
            List<InversionResult> all = new ArrayList<>(UqRun.withProgress(spark, log, "inversion", sets.size(),
                    slices, () -> results.map(InversionResult::withoutDraws).collect()));
            all.sort((a, b) -> Long.compare(a.id, b.id));
            log.phase("inversion", "inverted " + all.size() + " observation sets: " + statusCounts(all));
            RunTables tables = tables(plan, all);
            StagedRun staged = output.stage(spec.name(), runId);
            try {
                Map<String, Long> counts = write(staged, tables);
                // the report's view holds the first set's draws only; the table, all of them
                TableRows posterior = tables.table(ResultTable.POSTERIOR,
                        ResultTable.posteriorColumns(plan.unknowns()));
                if (keep) {
                    writePosterior(spark, results, plan, staged, spec.name());
                    long sampled = all.stream().filter(r -> r.source.equals(InversionResult.SOURCE_MCMC)).count();
                    counts.put(ResultTable.POSTERIOR.tableName(), sampled * plan.samples());
                    long first = all.get(0).id;
                    for (InversionResult r : results.filter(r -> r.id == first).collect()) {
                        InversionTables.posterior(posterior, r);
                    }
                } else {
                    staged.write(posterior); // the table exists, without rows
                    counts.put(ResultTable.POSTERIOR.tableName(), 0L);
                }
                log.phase("tables", "tables written: " + String.join(", ", counts.keySet()));
                RunManifest manifest = manifest(spec, plan, model, runId, sets, all, counts, slices,
                        spark.version(), System.getProperty("java.version"), spark.sparkContext().master(), log);
                return UqRun.publish(staged, output, manifest, tables, log);
            } catch (IOException | RuntimeException | Error e) {
                staged.abort();
                throw e;
            }
        } finally {
            results.unpersist(false);
        }
    }

    /** The estimates and fit tables of the results, in id order. */
    private static RunTables tables(InversionPlan plan, List<InversionResult> results) {
        RunTables tables = new RunTables();
        TableRows estimates = tables.table(ResultTable.ESTIMATES);
        TableRows fit = tables.table(ResultTable.FIT);
        for (InversionResult r : results) {
            InversionTables.estimates(estimates, r, plan.unknowns());
            InversionTables.fit(fit, r, plan.observations());
        }
        return tables;
    }

    private static Map<String, Long> write(StagedRun staged, RunTables tables) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TableRows t : tables.all()) {
            staged.write(t);
            counts.put(t.table().tableName(), (long) t.size());
            FaultInjection.maybeFailAfter(t.table().tableName());
        }
        return counts;
    }

    /**
     * Writes the posterior rows of every set from the executors into the staging folder: one task reads the
     * persisted partitions in order (coalesce without a shuffle), so the file does not depend on the partitioning.
     */
    private static void writePosterior(SparkSession spark, JavaRDD<InversionResult> results, InversionPlan plan,
                                       StagedRun staged, String study) {
        String runId = staged.runId();
        spark.createDataFrame(results.flatMap(r -> InversionTables.posteriorRows(r, study, runId)),
                        ParquetTables.sparkSchema(ResultTable.posteriorColumns(plan.unknowns()).after(ResultTable.KEYS)))
                .coalesce(1).write().mode(SaveMode.ErrorIfExists).option("compression", "snappy")
                .parquet(staged.folder(ResultTable.POSTERIOR));
        staged.staged(ResultTable.POSTERIOR);
    }

    private static RunManifest manifest(InversionSpec spec, InversionPlan plan, Model model, String runId,
                                        InversionSets sets, List<InversionResult> results, Map<String, Long> counts,
                                        int partitions, String sparkVersion, String java, String master,
                                        PhaseLog log) {
        Map<String, Object> details = plan.describe();
        details.put("observation_sets", sets.size());
        details.put("observations_from", sets.source());
        details.put("map_status", statusCounts(results));
        RunManifest.Builder b = RunManifest.builder(spec.name(), runId, RunManifest.Kind.INVERSION, Instant.now())
                .study(spec.file().toString(), spec.parsed())
                .model(model.description(), List.of(model.output()), model.hash(), Map.of("model_file", model.file()))
                .inversion(plan.seed(), sets.size(), details)
                .rowCounts(counts)
                .environment(Versions.snaUq(), sparkVersion, java, master)
                .timings(log.timings(), log.cpuTimings());
        return (partitions > 0 ? b.partitions(partitions) : b).build();
    }

    /** MAP status to the number of sets that ended with it, in name order. */
    static Map<String, Long> statusCounts(List<InversionResult> results) {
        Map<String, Long> m = new TreeMap<>();
        for (InversionResult r : results) {
            m.merge(r.status, 1L, Long::sum);
        }
        return m;
    }
}
