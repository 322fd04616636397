package org.snauq.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.snauq.engine.SamplePlan;
import org.snauq.models.ShippedFile;
import org.snauq.models.ShippedModel;
import org.snauq.models.Simulations;
import org.snauq.models.UqModel;
import org.snauq.study.FailurePolicy;
import org.snauq.study.Sampling;
import org.snauq.study.Study;
import org.snauq.study.StudyException;

/**
 * The Spark side of {@link Simulations}: ships simulators' files to the executors and runs training designs through a
 * simulator, in the executors, collecting the runs to the driver (a training design is small: at most 2^24 runs).
 *
 * <p>Shipping: on a cluster each file is copied once to {@code <tmp>/sna-shipped/<content name>} and handed to
 * {@code SparkContext.addFile} (a jar to {@code addJar}, which puts it on the tasks' class path as {@code spark.jars}
 * does); the content name ({@link ShippedFile#name()}) keeps two versions of a file apart and makes shipping the same
 * file again a no-op. In local mode nothing is shipped: the tasks run in the driver's JVM and read its paths.
 */
public final class SimulatorJobs implements Simulations {

    private final Supplier<SparkSession> spark;

    private SimulatorJobs(Supplier<SparkSession> spark) {
        this.spark = spark;
    }

    /** Simulations on the session {@code spark} supplies (started on first use). */
    public static Simulations of(Supplier<SparkSession> spark) {
        return new SimulatorJobs(spark);
    }

    @Override
    public void ship(ShippedModel model) {
        SparkContext sc = spark.get().sparkContext();
        if (sc.isLocal()) {
            return;
        }
        for (ShippedFile f : model.shippedFiles()) {
            sc.addFile(staged(f));
        }
        for (ShippedFile f : model.shippedJars()) {
            sc.addJar(staged(f));
        }
    }

    /** The file under its content name in the driver's shipping folder, copied there once. */
    private static String staged(ShippedFile f) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sna-shipped"));
            Path target = dir.resolve(f.name());
            if (!Files.isRegularFile(target)) {
                Path tmp = Files.createTempFile(dir, ".", ".part");
                Files.copy(Path.of(f.path()), tmp, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return target.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + f.path() + " for the executors", e);
        }
    }

    @Override
    public Runs run(Study study, UqModel simulator, Sampling design, String where) {
        long start = System.nanoTime();
        SamplePlan plan = SamplePlan.of(design.design(), design.n(), design.seed(), study.inputs(),
                study.correlationMatrix(), false, simulator.blockRows(design.n()));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.get().sparkContext());
        int slices = UqRun.slices(0, plan.blocks(), jsc.defaultParallelism());
        Broadcast<UqModel> shipped = jsc.broadcast(simulator);
        BlockJobs.FirstFailure failed = new BlockJobs.FirstFailure();
        jsc.sc().register(failed, "first failed run");
        List<Row> rows = BlockJobs.samples(jsc, plan, shipped, slices, true, failed, null).collect();
        shipped.destroy();
        if (failed.value() != null && study.onFailure() == FailurePolicy.ERROR) {
            throw new StudyException(where + ": " + failed.value().describe(plan.inputNames())
                    + "; on-failure: skip would train on the other runs");
        }
        rows = rows.stream().sorted(Comparator.comparingLong(r -> r.getLong(0))).toList(); // sample order
        int dim = plan.dimension();
        int outputs = simulator.outputs().size();
        int kept = rows.size();
        double[] x = new double[Math.multiplyExact(kept, dim)];
        double[][] y = new double[outputs][kept];
        for (int j = 0; j < kept; j++) {
            Row r = rows.get(j);
            for (int d = 0; d < dim; d++) {
                x[j * dim + d] = r.getDouble(1 + d);
            }
            for (int k = 0; k < outputs; k++) {
                y[k][j] = r.getDouble(1 + dim + k);
            }
        }
        return new Runs(x, y, design.n() - kept, (System.nanoTime() - start) / 1_000_000);
    }
}
