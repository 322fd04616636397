package org.snauq.results;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The result tables of a run and their columns, exactly as DESIGN.md section 4 names them. Counts and sample
 * sizes are {@code long} (BIGINT), bin numbers {@code int}, names {@code string}, everything else
 * {@code double}; a value that does not apply (the interval of an analytic row) is null.
 */
public final class ResultTables {

    public static final String SUMMARY = "summary";
    public static final String QUANTILES = "quantiles";
    public static final String SOBOL = "sobol";
    public static final String HISTOGRAM = "histogram";
    public static final String EXCEEDANCE = "exceedance";
    public static final String CONVERGENCE = "convergence";
    public static final String SAMPLES = "samples";

    /** Tables every run writes (possibly with no rows), in the order they are written. */
    public static final List<String> ALWAYS = List.of(SUMMARY, QUANTILES, SOBOL, HISTOGRAM, EXCEEDANCE, CONVERGENCE);

    /** Method of rows estimated from the samples. */
    public static final String SAMPLING = "sampling";
    /** Method of closed-form rows of an SNA (METHOD.md section 4). */
    public static final String ANALYTIC = "analytic";
    /** Method of pick-freeze Sobol' rows: Saltelli et al. (2010) first order, Jansen (1999) total. */
    public static final String SALTELLI = "saltelli";

    private ResultTables() {
    }

    public static StructType schema(String table) {
        return switch (table) {
            case SUMMARY -> struct(str("output"), str("method"), lng("n"), dbl("mean"), dbl("variance"), dbl("std"),
                    dbl("skewness"), dbl("excess_kurtosis"), dbl("min"), dbl("max"), dbl("mean_ci_low"),
                    dbl("mean_ci_high"));
            case QUANTILES -> struct(str("output"), str("method"), dbl("probability"), dbl("value"), dbl("rank_error"));
            case SOBOL -> struct(str("output"), str("input"), str("method"), dbl("s1"), dbl("s1_ci_low"),
                    dbl("s1_ci_high"), dbl("st"), dbl("st_ci_low"), dbl("st_ci_high"));
            case HISTOGRAM -> struct(str("output"), field("bin", DataTypes.IntegerType), dbl("lower"), dbl("upper"),
                    lng("count"));
            case EXCEEDANCE -> struct(str("output"), dbl("threshold"), dbl("probability"), dbl("ci_low"),
                    dbl("ci_high"));
            case CONVERGENCE -> struct(str("output"), lng("n"), dbl("mean"), str("input"), dbl("s1"), dbl("st"));
            default -> throw new IllegalArgumentException("unknown table " + table);
        };
    }

    /** The samples table: sample_index, one column per input, one per output. */
    public static StructType samplesSchema(List<String> inputs, String output) {
        StructField[] f = new StructField[inputs.size() + 2];
        f[0] = lng("sample_index");
        for (int d = 0; d < inputs.size(); d++) {
            f[1 + d] = dbl(inputs.get(d));
        }
        f[inputs.size() + 1] = dbl(output);
        return new StructType(f);
    }

    /** Generated data: one column per input, then the response. */
    public static StructType dataSchema(List<String> inputs, String output) {
        StructField[] f = new StructField[inputs.size() + 1];
        for (int d = 0; d < inputs.size(); d++) {
            f[d] = dbl(inputs.get(d));
        }
        f[inputs.size()] = dbl(output);
        return new StructType(f);
    }

    private static StructType struct(StructField... fields) {
        return new StructType(fields);
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static StructField str(String name) {
        return field(name, DataTypes.StringType);
    }

    private static StructField dbl(String name) {
        return field(name, DataTypes.DoubleType);
    }

    private static StructField lng(String name) {
        return field(name, DataTypes.LongType);
    }
}
