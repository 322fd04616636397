package org.snauq.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.snauq.engine.BlockKernel;
import org.snauq.engine.BlockStats;
import org.snauq.engine.SampleFailure;
import org.snauq.engine.SamplePlan;
import org.snauq.engine.StatsSpec;
import org.snauq.models.LoadedModel;
import org.snauq.models.ModelLoader;
import org.snauq.models.UqModel;
import org.snauq.study.Study;
import org.snauq.study.StudyParserAccess;
import scala.reflect.ClassTag$;

/**
 * What a run ships goes through Kryo with {@link SnaKryoRegistrator} and registration required, and comes back
 * computing the same numbers: the broadcast SNA model and a block's accumulator bundle.
 */
class SnaKryoRegistratorTest {

    private static SerializerInstance kryo() {
        SparkConf conf = UqSpark.configure(new SparkConf(false), "local[1]")
                .set("spark.kryo.registrationRequired", "true");
        return new KryoSerializer(conf).newInstance();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(SerializerInstance k, T value) {
        ByteBuffer bytes = k.serialize(value, ClassTag$.MODULE$.apply(Object.class));
        return (T) k.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
    }

    @Test
    void kryo_snaModelAndBlockBundle_roundTripWithRegistrationRequired() {
        String text = """
                name: k
                model: {sna: M}
                inputs:
                  - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
                  - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
                  - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
                sampling: {design: sobol, n: 1024}
                statistics: {sobol: true, exceedance: [1.0]}
                """;
        Study study = StudyParserAccess.parse(text);
        LoadedModel loaded = ModelLoader.sna(study, IshigamiSna.model(10), "test", Map.of());
        SerializerInstance k = kryo();
        UqModel shipped = roundTrip(k, loaded.model());
        SamplePlan plan = SamplePlan.of("sobol", 1024, 1, study.inputs(), true);
        BlockKernel here = new BlockKernel(plan, loaded.model());
        BlockKernel there = new BlockKernel(plan, shipped);
        here.run(0, here.chunk(), false);
        there.run(0, there.chunk(), false);
        assertArrayEquals(here.y[0], there.y[0], "the shipped model evaluates identically (inputs reordered too)");

        StatsSpec spec = new StatsSpec("k.yaml", true, new double[] {0.5}, false, new double[] {1.0}, 0, true, 0.95,
                false);
        BlockStats stats = BlockJobs.statisticsOf(0, here, plan, spec, 1, null);
        BlockStats back = roundTrip(k, stats);
        assertEquals(stats.moments[0].mean(), back.moments[0].mean(), 0.0);
        assertEquals(stats.block, back.block);
        SampleFailure f = new SampleFailure(3, new double[] {1, 2, 3}, "y", "model output y is NaN");
        assertEquals(f.describe(study.inputNames()), roundTrip(k, f).describe(study.inputNames()));
    }
}
