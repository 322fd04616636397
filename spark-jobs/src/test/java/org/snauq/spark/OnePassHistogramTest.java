package org.snauq.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.snauq.engine.BlockKernel;
import org.snauq.engine.BlockStats;
import org.snauq.engine.SamplePlan;
import org.snauq.engine.StatsSpec;
import org.snauq.models.LoadedModel;
import org.snauq.models.ModelLoader;
import org.snauq.stats.GridRebinning;
import org.snauq.stats.HistogramAccumulator;
import org.snauq.stats.Mergeable;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.study.Study;
import org.snauq.study.StudyParserAccess;

/**
 * The one-pass histogram through Spark: the grid counted in the tasks equals a local count of the same outputs,
 * and the table's bins are exact (every count equals a direct count against the reported edges). The
 * rebinning's own cases (edges on cell edges, values off the grid, NaN, too few cells) are in sna-core's
 * GridRebinningTest.
 */
class OnePassHistogramTest {

    private static final int BINS = 64;

    /** Counts of values in [edges[b], edges[b + 1]), the last bin closed: the definition, counted directly. */
    private static long[] directCounts(double[] values, double[] edges) {
        long[] c = new long[edges.length - 1];
        for (double v : values) {
            for (int b = 0; b < c.length; b++) {
                boolean last = b == c.length - 1;
                if (v >= edges[b] && (v < edges[b + 1] || last && v <= edges[b + 1])) {
                    c[b]++;
                    break;
                }
            }
        }
        return c;
    }

    private static void assertExactAndNearEqual(double[] values, HistogramAccumulator cells, GridRebinning bins) {
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        double[] e = bins.edges();
        assertEquals(min, e[0], 0.0);
        assertEquals(max, e[BINS], 0.0);
        assertArrayEquals(directCounts(values, e), bins.counts());
        assertEquals(values.length, Arrays.stream(bins.counts()).sum());
        double h = (cells.lower(OnePassHistogram.CELLS) - cells.lower(0)) / OnePassHistogram.CELLS;
        for (int b = 1; b < BINS; b++) {
            assertTrue(e[b] > e[b - 1]);
            // half a cell, plus rounding of the edge arithmetic
            assertEquals(min + b * (max - min) / BINS, e[b], 0.5 * h * (1 + 1e-9), "edge " + b);
        }
    }

    /** Through Spark: the grid counted in the tasks equals the grid of the same outputs counted here. */
    @Test
    void statisticsPass_ishigamiSna_gridEqualsLocalCountAndBinsExact() {
        String text = """
                name: h
                model: {sna: M}
                inputs:
                  - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
                  - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
                  - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
                sampling: {design: mc, n: 20000}
                """;
        Study study = StudyParserAccess.parse(text);
        LoadedModel loaded = ModelLoader.sna(study, IshigamiSna.model(12), "test", Map.of());
        SamplePlan plan = SamplePlan.of("mc", 20_000, 5, study.inputs(), false, 4096);
        double[][] range = OnePassHistogram.gridRanges(plan, loaded.model());
        assertNotNull(range[0]);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTests.session().sparkContext());
        OnePassHistogram.CellSum sum = new OnePassHistogram.CellSum(range);
        jsc.sc().register(sum, "test cells");
        StatsSpec spec = new StatsSpec("h.yaml", true, new double[0], false, new double[0], BINS, false, 0.95, false);
        List<BlockStats> blocks = BlockJobs.statistics(jsc, plan, jsc.broadcast(loaded.model()), spec, 3, 1, sum);

        BlockKernel kernel = new BlockKernel(plan, loaded.model());
        double[] values = new double[(int) plan.rows()];
        for (int pos = 0; pos < values.length; pos += kernel.chunk()) {
            int count = Math.min(kernel.chunk(), values.length - pos);
            assertEquals(count, kernel.run(pos, count, true));
            System.arraycopy(kernel.y[0], 0, values, pos, count);
        }
        HistogramAccumulator local = sum.newCells()[0];
        local.accept(values, 0, values.length);
        assertArrayEquals(local.counts(), sum.value()[0].counts());

        MomentsAccumulator m = Mergeable.foldInOrder(blocks.stream().map(b -> b.moments[0]).toList());
        GridRebinning bins = GridRebinning.of(sum.value()[0], m.count(), m.min(), m.max(), BINS);
        assertNotNull(bins, "the pilot's grid holds every output of this bounded model");
        assertExactAndNearEqual(values, sum.value()[0], bins);
    }
}
