package org.snauq.spark;

import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.snauq.als.AlsConfig;
import org.snauq.als.AlsFit;
import org.snauq.als.AlsPasses;
import org.snauq.als.AlsRegression;
import org.snauq.als.AlsWorkspace;
import org.snauq.als.CoordinateAtoms;
import org.snauq.als.CoordinatePass;
import org.snauq.als.CpFactors;
import org.snauq.als.NormalEquationsAccumulator;
import org.snauq.als.ResidualAccumulator;
import org.snauq.als.ResidualPass;
import org.snauq.als.ValidationSplit;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.SnaModel;
import org.snauq.spark.DistributedRows.Block;
import scala.Tuple2;

/**
 * ALS over rows that stay on the executors (issue 16 point 2): the driver runs the algorithm of the in-memory
 * trainer ({@link AlsRegression#fit(AlsPasses, List, AlsConfig, SnaModel, Clock)}), and every pass over the rows,
 * each coordinate update's normal equations (Gram band and right-hand side, n R x (p + 1) R numbers) and each
 * training or validation error, is an aggregation of per-partition accumulators on the executors. Rows are never
 * collected; the driver holds the factors and one accumulator at a time.
 *
 * <p>Same model as the in-memory trainer up to the order of the sums: a row's index is its position in the
 * table (as {@code sna train} reads it without {@code --distributed}), so {@link ValidationSplit} holds out the
 * same rows, and the atoms are placed by the same rule ({@link CoordinateAtoms}) from the exact order statistics
 * of the training values (a distributed sort per coordinate). The resolution must be fixed (or an init model's):
 * the resolution search runs in memory.
 *
 * <p>Deterministic: partitions combine in partition order through a fixed tree ({@link #FAN_IN} per level),
 * unlike Spark's {@code treeAggregate}, which merges in task-completion order and so varies in the last bits
 * between runs. The rows are cached once as blocks of primitive arrays on the executors' local disks (streamed
 * there: memory-and-disk caching unrolled 10^7 rows into a 1 GB heap and ran out), and each pass streams them
 * back, from the page cache when it holds them.
 */
public final class DistributedAls {

    /** Rows per cached block: large enough that per-block overhead is negligible, small enough to stream. */
    static final int BLOCK_ROWS = 4096;

    /** Partial sums combined per tree level: a 400 KB Gram band times 16 is a modest task result. */
    static final int FAN_IN = 16;

    private DistributedAls() {
    }

    /**
     * Fits {@code response} to the {@code names} columns of {@code table}, at the degree and atoms of
     * {@code config} (or, when they are auto, of {@code init}).
     *
     * @throws IllegalArgumentException for bad data or settings, one line naming the column or setting
     */
    public static AlsFit fit(Dataset<Row> table, List<String> names, String response, AlsConfig config,
                             SnaModel init, Clock clock) {
        AlsConfig used = init == null ? config : AlsRegression.resolutionOf(config, init);
        if (used.autoDegree() || used.autoKnots()) {
            throw new IllegalArgumentException("a distributed fit needs a fixed degree and knots (or an init model);"
                    + " the resolution search runs in memory: run it on a sample, then train with its degree and"
                    + " knots");
        }
        JavaRDD<Block> blocks = blocks(table, names, response, ValidationSplit.of(used));
        blocks.persist(StorageLevel.DISK_ONLY());
        try {
            DistributedRows.Stats stats = aggregate(blocks, new DistributedRows.Stats(names.size()), DistributedRows.Stats::add);
            stats.check(names, response);
            List<BSplineBasis> bases = new ArrayList<>();
            for (int d = 0; d < names.size(); d++) {
                bases.add(atoms(blocks, stats, d, used.degree(), used.knots()));
            }
            return AlsRegression.fit(new SparkPasses(List.copyOf(bases), blocks), names, used, init, clock);
        } finally {
            blocks.unpersist(false);
        }
    }

    /**
     * The rows as blocks of one side of the split, in row order within each partition; built as the cache asks for
     * them (a partition of 10^7 / 8 rows held whole would not fit a 1 GB heap beside the cache).
     */
    private static JavaRDD<Block> blocks(Dataset<Row> table, List<String> names, String response,
                                         ValidationSplit split) {
        Column[] select = new Column[names.size() + 1];
        for (int d = 0; d < names.size(); d++) {
            select[d] = column(names.get(d));
        }
        select[names.size()] = column(response);
        int dim = names.size();
        return table.select(select).javaRDD().zipWithIndex()
                .mapPartitions(rows -> new DistributedRows.Blocking(rows, dim, split));
    }

    private static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`").cast(DataTypes.DoubleType);
    }

    /**
     * The atoms of coordinate d, by the in-memory rule: the Kolmogorov-Smirnov distance and the wanted order
     * statistics of the training values from one distributed sort.
     */
    private static BSplineBasis atoms(JavaRDD<Block> blocks, DistributedRows.Stats stats, int d, int degree, int knots) {
        double lower = stats.min[d];
        double upper = stats.max[d];
        int spans = knots - degree;
        if (spans == 1) {
            return CoordinateAtoms.place(lower, upper, degree, knots, stats.trainRows, 0.0, i -> 0.0);
        }
        long n = stats.trainRows;
        double lo = stats.trainMin[d];
        double width = stats.trainMax[d] - lo;
        JavaPairRDD<Double, Long> ranked = blocks.filter(b -> !b.validation)
                .flatMap(b -> b.column(d).iterator())
                .sortBy(v -> v, true, blocks.getNumPartitions())
                .zipWithIndex();
        ranked.persist(StorageLevel.DISK_ONLY());
        try {
            double ks = ranked.map(t -> CoordinateAtoms.uniformityTerm(t._1, t._2, n, lo, width)).fold(0.0, Math::max);
            java.util.Set<Long> wanted = new java.util.HashSet<>();
            for (long i : CoordinateAtoms.quantileRanks(n, spans)) {
                wanted.add(i);
            }
            Map<Long, Double> order = ranked.filter(t -> wanted.contains(t._2)).mapToPair(Tuple2::swap).collectAsMap();
            return CoordinateAtoms.place(lower, upper, degree, knots, n, ks, i -> order.get(i));
        } finally {
            ranked.unpersist(false);
        }
    }

    /**
     * Sum of per-partition accumulators, combined in partition order through a tree of fan-in {@link #FAN_IN}:
     * the same partitions give the same bits on every run.
     */
    static <A extends org.snauq.stats.Mergeable<A>> A aggregate(JavaRDD<Block> rdd, A zero, Adder<A> add) {
        JavaPairRDD<Integer, A> level = rdd.mapPartitionsWithIndex((Integer i, Iterator<Block> it) -> {
            A acc = zero.copy();
            while (it.hasNext()) {
                add.add(acc, it.next());
            }
            return List.of(new Tuple2<>(i, acc)).iterator();
        }, true).mapToPair(t -> t);
        int n = rdd.getNumPartitions();
        while (n > FAN_IN) {
            int groups = (n + FAN_IN - 1) / FAN_IN;
            level = level.mapToPair(t -> new Tuple2<>(t._1 / FAN_IN, t)).groupByKey(groups)
                    .mapValues(DistributedAls::inOrder);
            n = groups;
        }
        A total = inOrder(level.collect());
        return total == null ? zero.copy() : total;
    }

    /** The accumulators combined in the order of their indices (a new one), or null for none. */
    private static <A extends org.snauq.stats.Mergeable<A>> A inOrder(Iterable<Tuple2<Integer, A>> parts) {
        List<Tuple2<Integer, A>> list = new ArrayList<>();
        parts.forEach(list::add);
        list.sort(java.util.Comparator.comparing(Tuple2::_1));
        A total = null;
        for (Tuple2<Integer, A> t : list) {
            total = total == null ? t._2.copy() : total.combine(t._2);
        }
        return total;
    }

    /** Adds a block's rows to an accumulator. */
    @FunctionalInterface
    interface Adder<A> extends Serializable {
        void add(A acc, Block block);
    }

    /** The passes of {@link AlsPasses} as aggregations over the cached blocks. */
    private static final class SparkPasses implements AlsPasses {
        private final List<BSplineBasis> bases;
        private final JavaRDD<Block> training;
        private final JavaRDD<Block> validation;

        SparkPasses(List<BSplineBasis> bases, JavaRDD<Block> blocks) {
            this.bases = bases;
            this.training = blocks.filter(b -> !b.validation);
            this.validation = blocks.filter(b -> b.validation);
        }

        @Override
        public List<BSplineBasis> bases() {
            return bases;
        }

        @Override
        public NormalEquationsAccumulator normalEquations(int d, CpFactors terms, CpFactors offset) {
            CoordinatePass pass = CoordinatePass.of(bases, d, terms, offset);
            return aggregate(training, pass.newAccumulator(), (acc, b) -> {
                AlsWorkspace ws = pass.newWorkspace();
                for (int j = 0; j < b.rows; j++) {
                    pass.accept(acc, b.x, j * b.dim, b.y[j], ws);
                }
            });
        }

        @Override
        public ResidualAccumulator trainingResiduals(CpFactors terms, CpFactors offset) {
            return residuals(training, terms, offset);
        }

        @Override
        public ResidualAccumulator validationResiduals(CpFactors terms, CpFactors offset) {
            return residuals(validation, terms, offset);
        }

        private ResidualAccumulator residuals(JavaRDD<Block> rows, CpFactors terms, CpFactors offset) {
            ResidualPass pass = ResidualPass.of(bases, terms, offset);
            return aggregate(rows, new ResidualAccumulator(), (acc, b) -> {
                AlsWorkspace ws = pass.newWorkspace();
                for (int j = 0; j < b.rows; j++) {
                    pass.accept(acc, b.x, j * b.dim, b.y[j], ws);
                }
            });
        }
    }
}
