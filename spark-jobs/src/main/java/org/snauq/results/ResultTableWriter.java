package org.snauq.results;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a small result table (a few hundred rows at most) from the driver as one snappy Parquet file
 * {@code <folder>/part-00000-<uuid>-c000.snappy.parquet}, with parquet-hadoop's own writer through Hadoop's
 * {@link FileSystem} (so HDFS or S3 outputs work as with Spark), and without a Spark job: Spark SQL's first
 * write in a JVM costs seconds of Catalyst and codegen warm-up, this costs milliseconds.
 *
 * <p>The file is what Spark's writer produces for the same {@link StructType}: every column OPTIONAL; string as
 * BINARY (STRING), double as DOUBLE, long as INT64, int as INT32; and the Spark schema in the footer key
 * {@value #SPARK_SCHEMA_KEY}, so Spark SQL reads back exactly the schema written and DuckDB the same types. A
 * table with no rows is a file with the schema and no row group. Null values are left unset (Parquet nulls).
 */
public final class ResultTableWriter {

    /** The footer key Spark's Parquet writer stores its schema under (and reads it from). */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private ResultTableWriter() {
    }

    /**
     * Writes {@code rows} into the new folder {@code folder}.
     *
     * @param rows read; each row's values in the schema's order, of the schema's Java types or null
     * @throws IOException when the folder exists or cannot be written
     */
    public static void write(String folder, StructType schema, List<Row> rows, Configuration conf) throws IOException {
        Path dir = new Path(folder);
        FileSystem fs = dir.getFileSystem(conf);
        if (fs.exists(dir)) { // as Spark's SaveMode.ErrorIfExists
            throw new IOException(dir + " already exists");
        }
        if (!fs.mkdirs(dir)) {
            throw new IOException("cannot create " + dir);
        }
        Path file = new Path(dir, "part-00000-" + UUID.randomUUID() + "-c000.snappy.parquet");
        MessageType type = parquetSchema(schema);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        StructField[] fields = schema.fields();
        try (ParquetWriter<Group> out = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
                .withConf(conf)
                .withType(type)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withExtraMetaData(Map.of(SPARK_SCHEMA_KEY, schema.json()))
                .build()) {
            for (Row row : rows) {
                assert row.length() == fields.length : "row " + row + " does not match " + schema.simpleString();
                Group g = groups.newGroup();
                for (int c = 0; c < fields.length; c++) {
                    if (!row.isNullAt(c)) {
                        append(g, c, fields[c].dataType(), row.get(c));
                    }
                }
                out.write(g);
            }
        }
    }

    /** The Parquet message type Spark writes for {@code schema} (flat tables of the four types used). */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            Type.Repetition rep = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            DataType t = f.dataType();
            if (t.equals(DataTypes.StringType)) {
                b.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(f.name());
            } else if (t.equals(DataTypes.DoubleType)) {
                b.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
            } else if (t.equals(DataTypes.LongType)) {
                b.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
            } else if (t.equals(DataTypes.IntegerType)) {
                b.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
            } else {
                throw new IllegalArgumentException("column " + f.name() + ": type " + t.simpleString()
                        + " is not one of string, double, bigint, int");
            }
        }
        return b.named("spark_schema");
    }

    private static void append(Group g, int c, DataType t, Object v) {
        if (t.equals(DataTypes.StringType)) {
            g.add(c, (String) v);
        } else if (t.equals(DataTypes.DoubleType)) {
            g.add(c, ((Number) v).doubleValue());
        } else if (t.equals(DataTypes.LongType)) {
            g.add(c, ((Number) v).longValue());
        } else {
            g.add(c, ((Number) v).intValue());
        }
    }
}
