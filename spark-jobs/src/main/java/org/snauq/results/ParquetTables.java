package org.snauq.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Result tables as Parquet files, written and read on the driver with parquet-hadoop alone: no Spark job (Spark
 * SQL's first write or read in a JVM costs seconds of warm-up; this costs milliseconds) and no path patterns.
 *
 * <p>A file holds {@link ResultTable#KEYS} then the table's own columns, every column OPTIONAL: string as BINARY
 * (STRING), double as DOUBLE, long as INT64, int as INT32, snappy-compressed; with the Spark schema in the footer
 * key {@value #SPARK_SCHEMA_KEY}, as Spark's own writer stores it, so Spark SQL reads back exactly the types
 * written and DuckDB the same ones. A table without rows is a file with the schema and no row group. Null values
 * are Parquet nulls.
 */
public final class ParquetTables {

    /** The footer key Spark's Parquet writer stores its schema under (and reads it from). */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private ParquetTables() {
    }

    /**
     * Writes one table file.
     *
     * @param rows   read; the table's own columns
     * @param study  the {@code study} column's value in every row
     * @param runId  the {@code run_id} column's value in every row
     */
    static void write(OutputFile file, TableRows rows, String study, String runId) throws IOException {
        TableSchema schema = rows.columns().after(ResultTable.KEYS);
        MessageType type = parquetSchema(schema);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> out = ExampleParquetWriter.builder(file)
                .withConf(new PlainParquetConfiguration()) // parquet's defaults, no Hadoop XML to parse
                .withType(type)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withExtraMetaData(Map.of(SPARK_SCHEMA_KEY, sparkSchema(schema).json()))
                .build()) {
            for (int i = 0; i < rows.size(); i++) {
                Group g = groups.newGroup();
                g.add(0, study);
                g.add(1, runId);
                List<Object> row = rows.row(i);
                for (int c = 0; c < row.size(); c++) {
                    if (row.get(c) != null) {
                        append(g, c + 2, schema.get(c + 2).type(), row.get(c));
                    }
                }
                out.write(g);
            }
        }
    }

    /** Rows read from a table file: its columns, and the rows with every column, keys included. */
    record FileRows(TableSchema columns, List<Object[]> rows) {
    }

    /**
     * Reads one table file.
     *
     * @param source how to name the file in messages
     * @throws OutputException when a column has a type no result table uses
     */
    static FileRows read(InputFile file, String source) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(file, READ_OPTIONS)) {
            MessageType type = reader.getFooter().getFileMetaData().getSchema();
            TableSchema schema = schemaOf(type, source);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(type)
                        .getRecordReader(pages, new GroupRecordConverter(type));
                for (long r = 0; r < pages.getRowCount(); r++) {
                    Group g = records.read();
                    Object[] row = new Object[schema.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = g.getFieldRepetitionCount(c) == 0 ? null : value(g, c, schema.get(c).type());
                    }
                    rows.add(row);
                }
            }
            return new FileRows(schema, rows);
        }
    }

    /** Reader settings without a Hadoop {@code Configuration} (the default parses one per file). */
    private static final ParquetReadOptions READ_OPTIONS = ParquetReadOptions.builder(new PlainParquetConfiguration())
            .build();

    static MessageType parquetSchema(TableSchema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : schema.columns()) {
            switch (c.type()) {
                case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(c.name());
                case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                case LONG -> b.optional(PrimitiveTypeName.INT64).named(c.name());
                case INT -> b.optional(PrimitiveTypeName.INT32).named(c.name());
            }
        }
        return b.named("spark_schema");
    }

    /** The Spark schema of a table: every column nullable. */
    public static StructType sparkSchema(TableSchema schema) {
        StructField[] f = new StructField[schema.size()];
        for (int i = 0; i < f.length; i++) {
            Column c = schema.get(i);
            DataType t = switch (c.type()) {
                case STRING -> DataTypes.StringType;
                case DOUBLE -> DataTypes.DoubleType;
                case LONG -> DataTypes.LongType;
                case INT -> DataTypes.IntegerType;
            };
            f[i] = DataTypes.createStructField(c.name(), t, true);
        }
        return new StructType(f);
    }

    private static TableSchema schemaOf(MessageType type, String source) {
        List<Column> columns = new ArrayList<>();
        for (Type t : type.getFields()) {
            ColumnType ct = null;
            if (t.isPrimitive()) {
                PrimitiveType p = t.asPrimitiveType();
                ct = switch (p.getPrimitiveTypeName()) {
                    case BINARY -> LogicalTypeAnnotation.stringType().equals(p.getLogicalTypeAnnotation())
                            ? ColumnType.STRING : null;
                    case DOUBLE -> ColumnType.DOUBLE;
                    case INT64 -> p.getLogicalTypeAnnotation() == null ? ColumnType.LONG : null;
                    case INT32 -> p.getLogicalTypeAnnotation() == null ? ColumnType.INT : null;
                    default -> null;
                };
            }
            if (ct == null || t.getRepetition() == Type.Repetition.REPEATED) {
                throw new OutputException(source + ": column " + t.getName() + " has type " + t
                        + ", not one of string, double, bigint, int");
            }
            columns.add(new Column(t.getName(), ct));
        }
        return new TableSchema(columns);
    }

    private static void append(Group g, int c, ColumnType t, Object v) {
        switch (t) {
            case STRING -> g.add(c, (String) v);
            case DOUBLE -> g.add(c, (Double) v);
            case LONG -> g.add(c, (Long) v);
            case INT -> g.add(c, (Integer) v);
        }
    }

    private static Object value(Group g, int c, ColumnType t) {
        return switch (t) {
            case STRING -> g.getString(c, 0);
            case DOUBLE -> g.getDouble(c, 0);
            case LONG -> g.getLong(c, 0);
            case INT -> g.getInteger(c, 0);
        };
    }
}
