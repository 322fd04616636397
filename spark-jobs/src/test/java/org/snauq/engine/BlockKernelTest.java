package org.snauq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snauq.dist.InputSpec;
import org.snauq.models.UqModel;
import org.snauq.study.BadInputException;

/**
 * The engine's side of the model interface, without Spark: batch sizes, failures reported by the model or found
 * as non-finite outputs, several outputs, pick-freeze rows, and the error and skip policies of {@link RunResults}.
 */
class BlockKernelTest {

    static final List<InputSpec> INPUTS = List.of(
            new InputSpec("a", "uniform", Map.of("lower", -1.0, "upper", 1.0)),
            new InputSpec("b", "uniform", Map.of("lower", 0.0, "upper", 2.0)));

    /**
     * Outputs u = a + b and v = a * b; the point fails (reported, not computed) when a &lt; {@code failBelow}; the
     * calls' sizes are recorded.
     */
    static class TwoOutputs implements UqModel {
        final int batch;
        final double failBelow;
        final transient List<Integer> calls = new ArrayList<>();

        TwoOutputs(int batch, double failBelow) {
            this.batch = batch;
            this.failBelow = failBelow;
        }

        @Override
        public List<String> inputNames() {
            return List.of("a", "b");
        }

        @Override
        public List<String> outputs() {
            return List.of("u", "v");
        }

        @Override
        public int batchSize() {
            return batch;
        }

        @Override
        public String description() {
            return "two outputs";
        }

        @Override
        public Evaluator newEvaluator() {
            return (points, count, out, failures) -> {
                calls.add(count);
                for (int j = 0; j < count; j++) {
                    double a = points[2 * j];
                    double b = points[2 * j + 1];
                    if (a < failBelow) {
                        failures.fail(j, "a = " + a + " is below " + failBelow);
                        out[2 * j] = 42; // ignored: the point failed
                        continue;
                    }
                    out[2 * j] = a + b;
                    out[2 * j + 1] = a * b;
                }
            };
        }
    }

    static StatsSpec spec(boolean sobol, boolean skip) {
        return new StatsSpec("t.yaml", true, new double[] {0.5}, true, new double[] {0.0}, 0, sobol, 0.95, skip);
    }

    /** Every block's bundle, folded as the Spark job does but in one thread. */
    static List<BlockStats> blocks(SamplePlan plan, UqModel model, StatsSpec spec) {
        List<BlockStats> out = new ArrayList<>();
        try (BlockKernel kernel = new BlockKernel(plan, model)) {
            for (long b = 0; b < plan.blocks(); b++) {
                out.add(org.snauq.spark.BlockJobsAccess.statisticsOf(b, kernel, plan, spec, 2));
            }
        }
        return out;
    }

    @Test
    void run_batchSize_oneCallPerBlockAndSameNumbers() {
        SamplePlan plan = SamplePlan.of("mc", 3000, 5, INPUTS, false, 1024);
        TwoOutputs perBlock = new TwoOutputs(1 << 20, Double.NEGATIVE_INFINITY);
        TwoOutputs chunked = new TwoOutputs(0, Double.NEGATIVE_INFINITY);
        RunResults a = new RunResults(perBlock.outputs(), List.of("a", "b"), plan, spec(false, false),
                blocks(plan, perBlock, spec(false, false)), null);
        RunResults b = new RunResults(chunked.outputs(), List.of("a", "b"), plan, spec(false, false),
                blocks(plan, chunked, spec(false, false)), null);
        // blocks of 1024 rows stay the unit of determinism: the first call of block 0 stops at the first prefix (64)
        assertTrue(perBlock.calls.stream().allMatch(c -> c <= 1024), perBlock.calls.toString());
        assertEquals(List.of(1024, 952), perBlock.calls.subList(perBlock.calls.size() - 2, perBlock.calls.size()));
        assertTrue(chunked.calls.stream().allMatch(c -> c <= BlockKernel.CHUNK));
        assertEquals(a.tables().toString(), b.tables().toString(), "results do not depend on the batch size");
    }

    @Test
    void run_modelReportsFailures_skippedAndRecordedWithReason() {
        SamplePlan plan = SamplePlan.of("mc", 2000, 3, INPUTS, false, 512);
        TwoOutputs model = new TwoOutputs(0, -0.5);
        RunResults r = new RunResults(model.outputs(), List.of("a", "b"), plan, spec(false, true),
                blocks(plan, model, spec(false, true)), null);
        assertTrue(r.failed > 300 && r.failed < 700, "about a quarter of a ~ U(-1, 1) lies below -0.5: " + r.failed);
        assertEquals(r.failed, r.failures.size(), "fewer than 1000 per block: all recorded");
        long previous = -1;
        for (SampleFailure f : r.failures) {
            assertTrue(f.index() > previous, "in index order");
            previous = f.index();
            assertTrue(f.inputs()[0] < -0.5);
            assertNull(f.output(), "the model failed the whole point");
            assertTrue(f.reason().startsWith("a = " + f.inputs()[0] + " is below -0.5"), f.reason());
        }
        assertEquals(2000 - r.failed, r.moments(0).count());
        assertEquals(2000 - r.failed, r.moments(1).count());
        assertTrue(r.moments(0).min() >= -0.5, "u = a + b over kept samples only");
    }

    @Test
    void run_errorPolicy_firstFailureInIndexOrderNamed() {
        SamplePlan plan = SamplePlan.of("mc", 2000, 3, INPUTS, false, 512);
        TwoOutputs model = new TwoOutputs(0, -0.5);
        List<BlockStats> blocks = blocks(plan, model, spec(false, false));
        SampleFailure first = blocks.stream().flatMap(b -> b.recorded.stream()).findFirst().orElseThrow();
        String m = assertThrows(BadInputException.class, () -> new RunResults(model.outputs(), List.of("a", "b"),
                plan, spec(false, false), blocks, null)).getMessage();
        assertEquals("t.yaml: sample " + first.index() + " (a = " + first.inputs()[0] + ", b = " + first.inputs()[1]
                + "): a = " + first.inputs()[0] + " is below -0.5; on-failure: skip would leave such samples out", m);
    }

    @Test
    void run_everySampleFails_oneLine() {
        SamplePlan plan = SamplePlan.of("mc", 100, 3, INPUTS, false, 512);
        TwoOutputs model = new TwoOutputs(0, 2.0);
        String m = assertThrows(BadInputException.class, () -> new RunResults(model.outputs(), List.of("a", "b"),
                plan, spec(false, true), blocks(plan, model, spec(false, true)), null)).getMessage();
        assertTrue(m.startsWith("t.yaml: every sample failed, e.g. sample 0 (a = "), m);
    }

    @Test
    void run_pickFreezeFailure_namesThePointAndStops() {
        SamplePlan plan = SamplePlan.of("sobol", 1024, 3, INPUTS, true, 512);
        TwoOutputs model = new TwoOutputs(0, -0.99);
        List<BlockStats> blocks = blocks(plan, model, spec(true, false));
        String m = assertThrows(BadInputException.class, () -> new RunResults(model.outputs(), List.of("a", "b"),
                plan, spec(true, false), blocks, null)).getMessage();
        assertTrue(m.matches("t\\.yaml: sample \\d+ \\(a = .*\\): a = .* is below -0\\.99 at point (A|B|A_B\\(a\\)|"
                + "A_B\\(b\\)) \\(Sobol' indices need every sample\\)"), m);
    }

    @Test
    void run_nonFiniteOutput_namedByOutput() {
        UqModel nan = new TwoOutputs(0, Double.NEGATIVE_INFINITY) {
            @Override
            public Evaluator newEvaluator() {
                Evaluator inner = super.newEvaluator();
                return (points, count, out, failures) -> {
                    inner.evaluate(points, count, out, failures);
                    for (int j = 0; j < count; j++) {
                        out[2 * j + 1] = points[2 * j] > 0.9 ? Math.log(-1) : out[2 * j + 1];
                    }
                };
            }
        };
        SamplePlan plan = SamplePlan.of("mc", 500, 3, INPUTS, false, 512);
        RunResults r = new RunResults(nan.outputs(), List.of("a", "b"), plan, spec(false, true),
                blocks(plan, nan, spec(false, true)), null);
        assertTrue(r.failed > 0);
        for (SampleFailure f : r.failures) {
            assertEquals("v", f.output());
            assertEquals("model output v is NaN", f.reason());
        }
        assertTrue(r.moments(0).max() <= 0.9 + 2.0, "u leaves out the samples where v failed");
    }

    @Test
    void chunkRows_widePickFreezeRows_boundedBuffers() {
        assertEquals(BlockKernel.CHUNK, BlockKernel.chunkRows(0, 1 << 16, 10));
        assertEquals(64, BlockKernel.chunkRows(0, 64, 10), "never more than a block");
        assertEquals(1 << 16, BlockKernel.chunkRows(1 << 20, 1 << 16, 10), "a large batch: one call per block");
        assertEquals(3, BlockKernel.chunkRows(0, 1 << 16, (1026) * 1024 * 1300 / 1000));
        assertArrayEquals(new int[] {1}, new int[] {BlockKernel.chunkRows(0, 1 << 16, Integer.MAX_VALUE)});
    }
}
