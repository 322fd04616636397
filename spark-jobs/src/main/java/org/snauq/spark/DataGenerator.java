package org.snauq.spark;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.snauq.dist.InputSpec;
import org.snauq.engine.PhaseLog;
import org.snauq.engine.SamplePlan;
import org.snauq.models.UqModel;
import org.snauq.results.ResultTables;
import org.snauq.study.Sampling;

/**
 * {@code sna generate}: evaluates a model on a sampling design in the executors and writes the inputs and the
 * response as Parquet (a folder of snappy part files), for training or validation. The folder is written
 * under a hidden temporary name and renamed into place, replacing an earlier one only once complete.
 */
public final class DataGenerator {

    private DataGenerator() {
    }

    /**
     * Writes {@code output} and returns the number of rows.
     *
     * @param output a path or URI; its parent is created when missing
     */
    public static long generate(SparkSession spark, UqModel model, List<InputSpec> inputs, Sampling sampling,
                                String output, PhaseLog log) throws IOException {
        SamplePlan plan = SamplePlan.of(sampling, inputs, false);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = UqRun.slices(0, plan.blocks(), jsc.defaultParallelism());
        Broadcast<UqModel> shipped = jsc.broadcast(model);
        Path target = new Path(output);
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        Path temporary = new Path(target.getParent(), "." + target.getName() + ".tmp-" + nonce);
        StructType schema = ResultTables.dataSchema(model.inputNames(), model.output());
        log.info("generating " + plan.rows() + " rows (" + plan.design() + ", " + plan.blocks() + " blocks, " + slices
                + " partitions)");
        try {
            UqRun.withProgress(spark, log, "generate", plan.blocks(), slices, () -> {
                spark.createDataFrame(BlockJobs.samples(jsc, plan, shipped, slices, false), schema).write()
                        .mode(SaveMode.ErrorIfExists).option("compression", "snappy").parquet(temporary.toString());
                return null;
            });
            Path aside = null;
            if (fs.exists(target)) {
                aside = new Path(target.getParent(), "." + target.getName() + ".old-" + nonce);
                if (!fs.rename(target, aside)) {
                    throw new IOException("cannot move the earlier " + target + " aside");
                }
            }
            if (!fs.rename(temporary, target)) {
                if (aside != null) {
                    fs.rename(aside, target);
                }
                throw new IOException("cannot move " + temporary + " to " + target);
            }
            if (aside != null) {
                fs.delete(aside, true);
            }
        } catch (IOException | RuntimeException e) {
            fs.delete(temporary, true);
            throw e;
        }
        log.phase("generate", "wrote " + plan.rows() + " rows to " + output);
        return plan.rows();
    }
}
