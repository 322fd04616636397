package org.snauq.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.snauq.engine.BlockStats;
import org.snauq.engine.SampleFailure;
import org.snauq.engine.SamplePlan;
import org.snauq.engine.SweepKernel;
import org.snauq.models.ExpressionModel;
import org.snauq.models.FunctionModel;
import org.snauq.models.SnaUqModel;
import org.snauq.stats.ExceedanceAccumulator;
import org.snauq.stats.HistogramAccumulator;
import org.snauq.stats.MomentsAccumulator;
import org.snauq.stats.QuantileAccumulator;
import org.snauq.stats.SobolAccumulator;

/**
 * Registers the classes a run ships with Kryo ({@code spark.kryo.registrator}): the broadcast models (plain
 * fields, Kryo's field serializer) and the per-block accumulator bundles, which serialise themselves (the KLL
 * sketch as its DataSketches bytes), hence Kryo's {@link JavaSerializer} for them.
 */
public final class SnaKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(FunctionModel.class);
        kryo.register(ExpressionModel.class);
        kryo.register(SnaUqModel.class);
        kryo.register(String[].class);
        kryo.register(int[].class);
        kryo.register(long[].class);
        kryo.register(boolean[].class);
        kryo.register(double[].class);
        kryo.register(double[][].class);
        JavaSerializer java = new JavaSerializer();
        kryo.register(BlockStats.class, java);
        kryo.register(SampleFailure.class, java); // a record: Kryo 4 cannot set its final fields
        kryo.register(SweepKernel.DesignStats.class, java);
        kryo.register(MomentsAccumulator.class, java);
        kryo.register(QuantileAccumulator.class, java);
        kryo.register(ExceedanceAccumulator.class, java);
        kryo.register(HistogramAccumulator.class, java);
        kryo.register(SobolAccumulator.class, java);
        kryo.register(SamplePlan.class, java);
    }
}
