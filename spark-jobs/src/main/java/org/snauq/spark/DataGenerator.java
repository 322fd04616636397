package org.snauq.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.snauq.dist.InputSpec;
import org.snauq.engine.PhaseLog;
import org.snauq.engine.SamplePlan;
import org.snauq.models.LoadedModel;
import org.snauq.models.UqModel;
import org.snauq.results.ParquetTables;
import org.snauq.results.ResultTable;
import org.snauq.results.RunIds;
import org.snauq.results.RunManifest;
import org.snauq.results.StagedDataset;
import org.snauq.results.TableSchema;
import org.snauq.study.BadInputException;
import org.snauq.study.Sampling;
import org.snauq.study.Study;

/**
 * {@code sna generate}: evaluates a model on a sampling design in the executors and writes the inputs and the
 * response as a plain Parquet dataset (a folder of snappy part files, what {@code sna train --data} reads), with
 * its manifest as {@code _manifest.json} inside. The folder is staged beside the target and swapped in whole
 * ({@link StagedDataset}): readers see the old dataset or the new one.
 */
public final class DataGenerator {

    private DataGenerator() {
    }

    /**
     * Writes {@code study.output()} and returns the number of rows.
     *
     * @param study the inputs, sampling and output of the data (its name is {@code generate})
     */
    public static long generate(SparkSession spark, Study study, LoadedModel loaded, PhaseLog log)
            throws IOException {
        UqModel model = loaded.model();
        List<InputSpec> inputs = study.inputs();
        Sampling sampling = study.sampling();
        SamplePlan plan = SamplePlan.of(sampling.design(), sampling.n(), sampling.seed(), inputs, false);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = UqRun.slices(0, plan.blocks(), jsc.defaultParallelism());
        Broadcast<UqModel> shipped = jsc.broadcast(model);
        // one column per input, then the response: the samples table without its index
        TableSchema samples = ResultTable.samplesColumns(model.inputNames(), model.outputs());
        StructType schema = ParquetTables.sparkSchema(new TableSchema(samples.columns().subList(1, samples.size())));
        StagedDataset staged = StagedDataset.begin(study.output(), spark.sparkContext().hadoopConfiguration());
        log.info("generating " + plan.rows() + " rows (" + plan.design() + ", " + plan.blocks() + " blocks, " + slices
                + " partitions)");
        try {
            BlockJobs.FirstFailure failed = new BlockJobs.FirstFailure();
            jsc.sc().register(failed, "first failed sample");
            UqRun.withProgress(spark, log, "generate", plan.blocks(), slices, () -> {
                spark.createDataFrame(BlockJobs.samples(jsc, plan, shipped, slices, false, failed), schema).write()
                        .mode(SaveMode.ErrorIfExists).option("compression", "snappy").parquet(staged.dataFolder());
                return null;
            });
            if (failed.value() != null) { // training data must not hide holes: refuse it
                throw new BadInputException("generate: " + failed.value().describe(plan.inputNames())
                        + "; no data written");
            }
            Instant now = Instant.now();
            staged.commit(UqRun.manifestHead(study, loaded, RunIds.at(now), RunManifest.Kind.DATA)
                    .sampling(plan.design(), plan.seed(), plan.rows(), plan.rows())
                    .blocks(plan.replicates(), plan.blockSize(), plan.blocks(), slices)
                    .environment(Versions.snaUq(), spark.version(), System.getProperty("java.version"),
                            spark.sparkContext().master())
                    .timings(log.timings(), log.cpuTimings())
                    .build());
        } catch (IOException | RuntimeException e) {
            staged.abort(); // also when the data has a hole: nothing is written
            throw e;
        }
        log.phase("generate", "wrote " + plan.rows() + " rows to " + study.output());
        return plan.rows();
    }
}
