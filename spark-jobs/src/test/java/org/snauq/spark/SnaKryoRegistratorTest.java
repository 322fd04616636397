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
import org.snauq.engine.SamplePlan;
import org.snauq.models.LoadedModel;
import org.snauq.models.ModelLoader;
import org.snauq.models.UqModel;
import org.snauq.study.Sampling;
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
        SamplePlan plan = SamplePlan.of(new Sampling("sobol", 1024, 1), study.inputs(), true);
        BlockKernel here = new BlockKernel(plan, loaded.model());
        BlockKernel there = new BlockKernel(plan, shipped);
        here.run(0, 256, false);
        there.run(0, 256, false);
        assertArrayEquals(here.fA, there.fA, "the shipped model evaluates identically (inputs reordered too)");
        assertArrayEquals(here.fAB, there.fAB);

        BlockStats.StatsSpec spec = new BlockStats.StatsSpec(true, false, new double[] {1.0}, true);
        BlockStats stats = BlockJobs.statisticsOf(0, here, plan, spec, null);
        BlockStats back = roundTrip(k, stats);
        assertEquals(stats.moments.mean(), back.moments.mean(), 0.0);
        assertEquals(stats.quantiles.quantile(0.5), back.quantiles.quantile(0.5), 0.0);
        assertEquals(stats.sobol.total(1), back.sobol.total(1), 0.0);
        assertEquals(stats.prefixes.size(), back.prefixes.size());
    }
}
