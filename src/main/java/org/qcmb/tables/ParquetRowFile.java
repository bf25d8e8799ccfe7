package org.qcmb.tables;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
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
 * Writes rows of a table schema as one Parquet file with parquet-java, without Spark: what Spark's own writer
 * would produce for the same schema (nullable columns; strings as UTF-8 binaries; timestamps as UTC
 * microseconds), so Spark SQL reads it as the documented table. Generic over {@link TableSchemas}: a new column
 * needs only its schema entry and its value in the rows. Uncompressed: the tables are small, and a codec would
 * load native code into every run.
 */
final class ParquetRowFile {
    /** The key Spark stores its own schema under in a Parquet footer (and reads back, when present). */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private ParquetRowFile() {
    }

    /** The Parquet schema of a table's columns (every column optional, as Spark writes nullable fields). */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            DataType t = f.dataType();
            Type column;
            if (t.equals(DataTypes.StringType)) {
                column = Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(f.name());
            } else if (t.equals(DataTypes.IntegerType)) {
                column = Types.optional(PrimitiveTypeName.INT32).named(f.name());
            } else if (t.equals(DataTypes.LongType)) {
                column = Types.optional(PrimitiveTypeName.INT64).named(f.name());
            } else if (t.equals(DataTypes.DoubleType)) {
                column = Types.optional(PrimitiveTypeName.DOUBLE).named(f.name());
            } else if (t.equals(DataTypes.BooleanType)) {
                column = Types.optional(PrimitiveTypeName.BOOLEAN).named(f.name());
            } else if (t.equals(DataTypes.TimestampType)) {
                column = Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true,
                        LogicalTypeAnnotation.TimeUnit.MICROS)).named(f.name());
            } else {
                throw new IllegalArgumentException("column " + f.name() + ": type " + t.simpleString()
                        + " has no Parquet mapping here (string, int, bigint, double, boolean, timestamp)");
            }
            b.addField(column);
        }
        return b.named("spark_schema");
    }

    /**
     * Writes {@code rows} (values in the order of {@code rowSchema}) to a new file, leaving out the column
     * {@code partitionColumn} (its value is the folder name, as in Spark's partitioned layout).
     */
    static void write(Path file, StructType rowSchema, String partitionColumn, List<Row> rows) throws IOException {
        List<Integer> kept = new ArrayList<>();
        StructType fileSchema = new StructType();
        for (int i = 0; i < rowSchema.fields().length; i++) {
            StructField f = rowSchema.fields()[i];
            if (!f.name().equals(partitionColumn)) {
                kept.add(i);
                fileSchema = fileSchema.add(f);
            }
        }
        RowWriteSupport support = new RowWriteSupport(fileSchema, kept.stream().mapToInt(Integer::intValue).toArray());
        try (ParquetWriter<Row> writer = new Builder(new LocalOutputFile(file), support)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withDictionaryEncoding(false)
                .build()) {
            for (Row r : rows) {
                writer.write(r);
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final RowWriteSupport support;

        Builder(LocalOutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Feeds the kept columns of each row to Parquet's record consumer; null values are simply absent. */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final StructType schema;
        private final int[] rowIndex;
        private final DataType[] types;
        private RecordConsumer out;

        RowWriteSupport(StructType schema, int[] rowIndex) {
            this.schema = schema;
            this.rowIndex = rowIndex;
            this.types = new DataType[schema.fields().length];
            for (int i = 0; i < types.length; i++) {
                types[i] = schema.fields()[i].dataType();
            }
        }

        @Override
        public WriteContext init(Configuration conf) {
            return context();
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return context();
        }

        private WriteContext context() {
            Map<String, String> meta = new HashMap<>();
            meta.put(SPARK_SCHEMA_KEY, schema.json());
            return new WriteContext(parquetSchema(schema), meta);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Row row) {
            if (row.length() != rowIndex.length + 1) {
                throw new IllegalArgumentException("a row has " + row.length() + " values, the table "
                        + (rowIndex.length + 1) + " columns: " + row);
            }
            out.startMessage();
            for (int c = 0; c < rowIndex.length; c++) {
                Object v = row.get(rowIndex[c]);
                if (v == null) {
                    continue;
                }
                String name = schema.fields()[c].name();
                out.startField(name, c);
                try {
                    writeValue(types[c], v);
                } catch (ClassCastException e) {
                    throw new IllegalArgumentException("column " + name + " (" + types[c].simpleString()
                            + ") cannot hold a " + v.getClass().getSimpleName() + ": " + v, e);
                }
                out.endField(name, c);
            }
            out.endMessage();
        }

        private void writeValue(DataType t, Object v) {
            if (t.equals(DataTypes.StringType)) {
                out.addBinary(Binary.fromString((String) v));
            } else if (t.equals(DataTypes.IntegerType)) {
                out.addInteger((Integer) v);
            } else if (t.equals(DataTypes.LongType)) {
                out.addLong((Long) v);
            } else if (t.equals(DataTypes.DoubleType)) {
                out.addDouble((Double) v);
            } else if (t.equals(DataTypes.BooleanType)) {
                out.addBoolean((Boolean) v);
            } else if (t.equals(DataTypes.TimestampType)) {
                out.addLong(micros(v));
            } else {
                throw new IllegalArgumentException("unsupported type " + t.simpleString());
            }
        }

        private static long micros(Object v) {
            Instant i = v instanceof Timestamp ts ? ts.toInstant() : (Instant) v;
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
        }
    }
}
