package org.snauq.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.snauq.results.ResultTables;
import org.snauq.stats.ConfidenceInterval;
import org.snauq.stats.ExceedanceAccumulator;
import org.snauq.stats.HistogramAccumulator;
import org.snauq.stats.Mergeable;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.stats.QuantileAccumulator;
import org.snauq.stats.SobolAccumulator;
import org.snauq.stats.SobolEstimate;
import org.snauq.study.StatisticsSpec;

/**
 * The rows of every result table, from the per-block bundles merged on the driver in block order (so they are
 * bit-for-bit the same for any partitioning). With a randomised Sobol' design of K replicate groups, blocks are
 * first folded per group, the groups then in order; intervals come from the spread of the K group estimates
 * (SOBOL-CONVENTION). Otherwise intervals use the CLT (moments), the delta method (Sobol') and Wilson
 * (exceedance).
 *
 * <p>Convergence rows: at every n = 2^k &gt;= {@link BlockStats#MIN_PREFIX} up to the run's size (and at the
 * final n), from block 0's prefix copies below one block and from the fold of the first blocks above.
 */
public final class RunResults {

    private final Map<String, List<Row>> tables = new LinkedHashMap<>();

    /** Samples outside the model's domain, per input (study order). */
    public final long[] outside;
    /** Largest distance outside the domain, per input. */
    public final double[] farthest;
    /** Summed task time inside the evaluator. */
    public final long evaluationNanos;
    /** Pooled moments of the output (for the histogram range). */
    public final MomentsAccumulator moments;

    private final String output;
    private final List<String> inputs;

    public RunResults(String output, List<String> inputs, SamplePlan plan, StatisticsSpec spec, List<BlockStats> blocks,
               AnalyticResult analytic) {
        this.output = output;
        this.inputs = inputs;
        for (String t : ResultTables.ALWAYS) {
            tables.put(t, new ArrayList<>());
        }
        int dim = inputs.size();
        outside = new long[dim];
        farthest = new double[dim];
        long nanos = 0;
        for (BlockStats b : blocks) {
            for (int d = 0; d < dim; d++) {
                outside[d] += b.outside[d];
                farthest[d] = Math.max(farthest[d], b.farthest[d]);
            }
            nanos += b.evaluationNanos;
        }
        evaluationNanos = nanos;

        int groups = plan.replicates();
        List<MomentsAccumulator> groupMoments = new ArrayList<>();
        List<SobolAccumulator> groupSobol = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            final int group = g;
            List<BlockStats> members = blocks.stream().filter(b -> b.replicate == group).toList();
            groupMoments.add(Mergeable.foldInOrder(members.stream().map(b -> b.moments).toList()));
            if (plan.pickFreeze()) {
                groupSobol.add(Mergeable.foldInOrder(members.stream().map(b -> b.sobol).toList()));
            }
        }
        moments = Mergeable.foldInOrder(groupMoments);
        double confidence = spec.confidence();

        if (spec.moments()) {
            ConfidenceInterval ci = groups > 1 ? MomentsAccumulator.meanInterval(groupMoments, confidence)
                    : moments.meanInterval(confidence);
            add(ResultTables.SUMMARY, output, ResultTables.SAMPLING, moments.count(), moments.mean(),
                    moments.variance(), moments.std(), moments.skewness(), moments.excessKurtosis(), moments.min(),
                    moments.max(), ci.low(), ci.high());
            if (analytic != null) {
                add(ResultTables.SUMMARY, output, ResultTables.ANALYTIC, null, analytic.mean(), analytic.variance(),
                        Math.sqrt(analytic.variance()), null, null, null, null, null, null);
            }
        }

        if (!spec.quantiles().isEmpty()) {
            QuantileAccumulator q = Mergeable.foldInOrder(blocks.stream().map(b -> b.quantiles).toList());
            double[] p = spec.quantiles().stream().mapToDouble(Double::doubleValue).toArray();
            double[] v = q.quantiles(p);
            for (int i = 0; i < p.length; i++) {
                add(ResultTables.QUANTILES, output, ResultTables.SAMPLING, p[i], v[i], q.normalizedRankError());
            }
        }

        if (!spec.exceedance().isEmpty()) {
            ExceedanceAccumulator e = Mergeable.foldInOrder(blocks.stream().map(b -> b.exceedance).toList());
            for (int j = 0; j < e.size(); j++) {
                ConfidenceInterval ci = e.probability(j, confidence);
                add(ResultTables.EXCEEDANCE, output, e.threshold(j), ci.estimate(), ci.low(), ci.high());
            }
        }

        if (plan.pickFreeze()) {
            SobolEstimate est = groups > 1 ? SobolEstimate.fromReplicates(groupSobol, confidence)
                    : groupSobol.get(0).estimate(confidence);
            for (int j = 0; j < dim; j++) {
                ConfidenceInterval s1 = est.firstOrder().get(j);
                ConfidenceInterval st = est.total().get(j);
                add(ResultTables.SOBOL, output, inputs.get(j), ResultTables.SALTELLI, s1.estimate(), s1.low(),
                        s1.high(), st.estimate(), st.low(), st.high());
            }
        }
        if (analytic != null && spec.sobol()) {
            for (int j = 0; j < dim; j++) {
                add(ResultTables.SOBOL, output, inputs.get(j), ResultTables.ANALYTIC, analytic.s1()[j], null, null,
                        analytic.st()[j], null, null);
            }
        }

        convergence(plan, blocks);
    }

    private void convergence(SamplePlan plan, List<BlockStats> blocks) {
        for (BlockStats.Prefix p : blocks.get(0).prefixes) {
            convergenceRows(p.rows(), p.moments(), p.sobol());
        }
        long n = plan.rows();
        MomentsAccumulator m = null;
        SobolAccumulator s = null;
        long rows = 0;
        for (BlockStats b : blocks) {
            m = m == null ? b.moments.copy() : m.combine(b.moments);
            if (b.sobol != null) {
                s = s == null ? b.sobol.copy() : s.combine(b.sobol);
            }
            rows += plan.blockRows(b.block);
            boolean powerOfTwo = Long.bitCount(rows) == 1 && rows >= BlockStats.MIN_PREFIX;
            if (powerOfTwo || rows == n) {
                convergenceRows(rows, m, s);
            }
        }
    }

    private void convergenceRows(long n, MomentsAccumulator m, SobolAccumulator s) {
        if (s == null) {
            add(ResultTables.CONVERGENCE, output, n, m.mean(), null, null, null);
            return;
        }
        for (int j = 0; j < inputs.size(); j++) {
            add(ResultTables.CONVERGENCE, output, n, m.mean(), inputs.get(j), s.firstOrder(j), s.total(j));
        }
    }

    /** Adds the histogram rows (pass 2). */
    public void histogram(HistogramAccumulator h) {
        for (int b = 0; b < h.bins(); b++) {
            add(ResultTables.HISTOGRAM, output, b, h.lower(b), h.upper(b), h.count(b));
        }
    }

    /** Adds the histogram rows of bins [edges[b], edges[b + 1]) (the last closed) holding counts[b] outputs. */
    public void histogram(double[] edges, long[] counts) {
        for (int b = 0; b < counts.length; b++) {
            add(ResultTables.HISTOGRAM, output, b, edges[b], edges[b + 1], counts[b]);
        }
    }

    private void add(String table, Object... values) {
        tables.get(table).add(RowFactory.create(values));
    }

    /** Rows per table, in writing order. */
    public Map<String, List<Row>> tables() {
        return tables;
    }
}
