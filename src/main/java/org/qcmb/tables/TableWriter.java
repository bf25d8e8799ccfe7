package org.qcmb.tables;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Appends rows to the Parquet tables of a tables directory: one folder per table, partitioned by run id, so runs
 * accumulate and analysts query them all at once (see {@link TableReader}).
 */
public final class TableWriter {
    public static final String RUN_ID = "run_id";

    private final SparkSession spark;
    private final Path tablesDir;

    public TableWriter(SparkSession spark, Path tablesDir) {
        this.spark = spark;
        this.tablesDir = tablesDir;
    }

    public Path tablesDir() {
        return tablesDir;
    }

    /** Appends several tables (name -> rows, schemas from {@link TableSchemas}) with concurrent Spark jobs. */
    public void appendAll(java.util.Map<String, List<Row>> tables) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
            tables.forEach((name, rows) -> writes.add(pool.submit(
                    () -> append(name, TableSchemas.ALL.get(name), rows))));
            for (java.util.concurrent.Future<?> w : writes) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing tables", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                    : new IllegalStateException("cannot write tables to " + tablesDir, e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** Appends rows (which must include run_id) to table name; an empty list writes nothing. */
    public void append(String table, StructType schema, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        spark.createDataFrame(rows, schema)
                .coalesce(1)
                .write()
                .mode(SaveMode.Append)
                .partitionBy(RUN_ID)
                .parquet(tablesDir.resolve(table).toAbsolutePath().toString());
    }
}
