package org.snauq.engine;

import java.util.ArrayList;
import java.util.List;
import org.snauq.results.Methods;
import org.snauq.results.ResultTable;
import org.snauq.results.RunTables;
import org.snauq.results.TableRows;
import org.snauq.stats.ConfidenceInterval;
import org.snauq.stats.ExceedanceAccumulator;
import org.snauq.stats.HistogramAccumulator;
import org.snauq.stats.Mergeable;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.stats.QuantileAccumulator;
import org.snauq.stats.SobolAccumulator;
import org.snauq.stats.SobolEstimate;
import org.snauq.study.BadInputException;

/**
 * The rows of every result table, per output, from the per-block bundles merged on the driver in block order (so
 * they are bit-for-bit the same for any partitioning). With a randomised Sobol' design of K replicate groups,
 * blocks are first folded per group, the groups then in order; intervals come from the spread of the K group
 * estimates (SOBOL-CONVENTION). Otherwise intervals use the CLT (moments), the delta method (Sobol') and Wilson
 * (exceedance).
 *
 * <p>Failed samples (docs/FORMATS.md "Failures"): under {@code on-failure: error} the first one in sample order
 * stops the run with one line naming its index, inputs and reason; under {@code skip} they are left out of every
 * statistic (the bundles never saw them) and listed in the {@code failures} table (the first
 * {@link BlockStats#MAX_RECORDED} of each block; every one is counted in {@link #failed}), and n in each row counts
 * the samples used.
 *
 * <p>Convergence rows: at every n = 2^k &gt;= {@link BlockStats#MIN_PREFIX} up to the run's size (and at the
 * final n), from block 0's prefix copies below one block and from the fold of the first blocks above; n counts
 * design rows.
 */
public final class RunResults {

    private final RunTables tables = new RunTables();

    /** Samples outside the model's domain, per input (study order). */
    public final long[] outside;
    /** Largest distance outside the domain, per input. */
    public final double[] farthest;
    /** Summed task time inside the evaluator. */
    public final long evaluationNanos;
    /** Samples that failed (left out under on-failure: skip). */
    public final long failed;
    /** The recorded failed samples, in index order (at most {@link BlockStats#MAX_RECORDED} per block). */
    public final List<SampleFailure> failures;

    private final List<String> outputs;
    private final List<String> inputs;
    private final MomentsAccumulator[] moments;

    /**
     * @param outputs  the model's outputs
     * @param inputs   the study's inputs
     * @param blocks   every block's bundle, in block order
     * @param analytic closed-form rows of the (single-output) SNA model, or null
     * @throws BadInputException under on-failure: error when a sample failed, and when every sample failed
     */
    public RunResults(List<String> outputs, List<String> inputs, SamplePlan plan, StatsSpec spec,
                      List<BlockStats> blocks, AnalyticResult analytic) {
        this.outputs = List.copyOf(outputs);
        this.inputs = List.copyOf(inputs);
        ResultTable.SAMPLING_RUN.forEach(tables::table);
        int dim = inputs.size();
        outside = new long[dim];
        farthest = new double[dim];
        long nanos = 0;
        long failedSamples = 0;
        List<SampleFailure> recorded = new ArrayList<>();
        for (BlockStats b : blocks) {
            for (int d = 0; d < dim; d++) {
                outside[d] += b.outside[d];
                farthest[d] = Math.max(farthest[d], b.farthest[d]);
            }
            nanos += b.evaluationNanos;
            failedSamples += b.failed;
            recorded.addAll(b.recorded);
        }
        evaluationNanos = nanos;
        failed = failedSamples;
        failures = List.copyOf(recorded);
        checkFailures(spec, plan);

        moments = new MomentsAccumulator[outputs.size()];
        for (int k = 0; k < outputs.size(); k++) {
            output(k, plan, spec, blocks, k == 0 ? analytic : null);
        }
        if (spec.skipFailures()) {
            failureRows();
        }
    }

    /**
     * The failures table of a run under on-failure: skip (written even without rows): one row per recorded failed
     * sample, with the output that caused it when one did.
     */
    private void failureRows() {
        TableRows rows = tables.table(ResultTable.FAILURES, ResultTable.failuresColumns(inputs));
        for (SampleFailure f : failures) {
            Object[] values = new Object[inputs.size() + 3];
            values[0] = f.index();
            double[] x = f.inputs();
            for (int d = 0; d < x.length; d++) {
                values[1 + d] = x[d];
            }
            values[inputs.size() + 1] = f.output();
            values[inputs.size() + 2] = f.reason();
            rows.add(values);
        }
    }

    /** One line for the first failure (error policy), or for a run whose every sample failed. */
    private void checkFailures(StatsSpec spec, SamplePlan plan) {
        if (failed == 0) {
            return;
        }
        String first = failures.get(0).describe(inputs);
        if (!spec.skipFailures()) {
            throw new BadInputException(spec.source() + ": " + first + (spec.sobol()
                    ? " (Sobol' indices need every sample)" : "; on-failure: skip would leave such samples out"));
        }
        if (failed == plan.rows()) {
            throw new BadInputException(spec.source() + ": every sample failed, e.g. " + first);
        }
    }

    /** The rows of output k. */
    private void output(int k, SamplePlan plan, StatsSpec spec, List<BlockStats> blocks, AnalyticResult analytic) {
        String output = outputs.get(k);
        int dim = inputs.size();
        int groups = plan.replicates();
        List<MomentsAccumulator> groupMoments = new ArrayList<>();
        List<SobolAccumulator> groupSobol = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            final int group = g;
            List<BlockStats> members = blocks.stream().filter(b -> b.replicate == group).toList();
            groupMoments.add(Mergeable.foldInOrder(members.stream().map(b -> b.moments[k]).toList()));
            if (plan.pickFreeze()) {
                groupSobol.add(Mergeable.foldInOrder(members.stream().map(b -> b.sobol[k]).toList()));
            }
        }
        MomentsAccumulator m = Mergeable.foldInOrder(groupMoments);
        moments[k] = m;
        double confidence = spec.confidence();

        if (spec.moments()) {
            ConfidenceInterval ci = groups > 1 ? MomentsAccumulator.meanInterval(groupMoments, confidence)
                    : m.meanInterval(confidence);
            add(ResultTable.SUMMARY, output, Methods.SAMPLING, m.count(), m.mean(), m.variance(), m.std(),
                    m.skewness(), m.excessKurtosis(), m.min(), m.max(), ci.low(), ci.high());
            if (analytic != null) {
                add(ResultTable.SUMMARY, output, Methods.ANALYTIC, null, analytic.mean(), analytic.variance(),
                        Math.sqrt(analytic.variance()), null, null, null, null, null, null);
            }
        }

        double[] p = spec.quantiles();
        if (p.length > 0) {
            QuantileAccumulator q = Mergeable.foldInOrder(blocks.stream().map(b -> b.quantiles[k]).toList());
            double[] v = q.quantiles(p);
            for (int i = 0; i < p.length; i++) {
                add(ResultTable.QUANTILES, output, Methods.SAMPLING, p[i], v[i], null, null, q.normalizedRankError());
            }
        }

        if (spec.thresholds().length > 0) {
            ExceedanceAccumulator e = Mergeable.foldInOrder(blocks.stream().map(b -> b.exceedance[k]).toList());
            for (int j = 0; j < e.size(); j++) {
                ConfidenceInterval ci = e.probability(j, confidence);
                add(ResultTable.EXCEEDANCE, output, e.threshold(j), ci.estimate(), ci.low(), ci.high());
            }
        }

        if (plan.pickFreeze()) {
            SobolEstimate est = groups > 1 ? SobolEstimate.fromReplicates(groupSobol, confidence)
                    : groupSobol.get(0).estimate(confidence);
            for (int j = 0; j < dim; j++) {
                ConfidenceInterval s1 = est.firstOrder().get(j);
                ConfidenceInterval st = est.total().get(j);
                add(ResultTable.SOBOL, output, inputs.get(j), Methods.SALTELLI, s1.estimate(), s1.low(),
                        s1.high(), st.estimate(), st.low(), st.high());
            }
        }
        if (analytic != null && spec.sobol()) {
            for (int j = 0; j < dim; j++) {
                add(ResultTable.SOBOL, output, inputs.get(j), Methods.ANALYTIC, analytic.s1()[j], null, null,
                        analytic.st()[j], null, null);
            }
        }
        convergence(k, plan, blocks, confidence);
    }

    private void convergence(int k, SamplePlan plan, List<BlockStats> blocks, double confidence) {
        for (BlockStats.Prefix p : blocks.get(0).prefixes) {
            convergenceRows(k, p.rows(), p.moments()[k], p.sobol() == null ? null : p.sobol()[k], confidence);
        }
        long n = plan.rows();
        MomentsAccumulator m = null;
        SobolAccumulator s = null;
        long rows = 0;
        for (BlockStats b : blocks) {
            m = m == null ? b.moments[k].copy() : m.combine(b.moments[k]);
            if (b.sobol != null) {
                s = s == null ? b.sobol[k].copy() : s.combine(b.sobol[k]);
            }
            rows += plan.blockRows(b.block);
            boolean powerOfTwo = Long.bitCount(rows) == 1 && rows >= BlockStats.MIN_PREFIX;
            if (powerOfTwo || rows == n) {
                convergenceRows(k, rows, m, s, confidence);
            }
        }
    }

    private void convergenceRows(int k, long n, MomentsAccumulator m, SobolAccumulator s, double confidence) {
        String output = outputs.get(k);
        ConfidenceInterval ci = m.meanInterval(confidence);
        add(ResultTable.CONVERGENCE_MOMENTS, output, n, m.mean(), ci.low(), ci.high());
        if (s != null) {
            for (int j = 0; j < inputs.size(); j++) {
                add(ResultTable.CONVERGENCE_SOBOL, output, inputs.get(j), n, s.firstOrder(j), s.total(j));
            }
        }
    }

    /** The outputs, in model order. */
    public List<String> outputs() {
        return outputs;
    }

    /** Pooled moments of output k over the samples used (for the histogram range). */
    public MomentsAccumulator moments(int k) {
        return moments[k];
    }

    /** Adds the histogram rows of output k (pass 2). */
    public void histogram(int k, HistogramAccumulator h) {
        for (int b = 0; b < h.bins(); b++) {
            add(ResultTable.HISTOGRAM, outputs.get(k), b, h.lower(b), h.upper(b), h.count(b));
        }
    }

    /** Adds the histogram rows of output k: bins [edges[b], edges[b + 1]) (the last closed) with counts[b]. */
    public void histogram(int k, double[] edges, long[] counts) {
        for (int b = 0; b < counts.length; b++) {
            add(ResultTable.HISTOGRAM, outputs.get(k), b, edges[b], edges[b + 1], counts[b]);
        }
    }

    private void add(ResultTable table, Object... values) {
        tables.table(table).add(values);
    }

    /** The result tables, in writing order. */
    public RunTables tables() {
        return tables;
    }
}
