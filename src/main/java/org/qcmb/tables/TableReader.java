package org.qcmb.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Registers the tables of a tables directory as temporary views named after their folders. Every table of
 * {@link TableSchemas} is a view, empty when no rows were written yet, read with its documented schema (a column
 * added later reads as null in older files). The views of a run's tables show only committed runs: run ids with
 * a {@code runs} partition (see {@link TableWriter}). Any other folder holding Parquet files is a view too, with
 * the schema Spark infers.
 */
public final class TableReader {
    private static final String PARTITION_PREFIX = TableSchemas.RUN_ID + "=";

    private TableReader() {
    }

    /** The views registered (sorted), and those of them without rows (documented tables not written yet). */
    public record Views(List<String> names, List<String> empty) {
        /** The views that hold rows. */
        public List<String> withRows() {
            return names.stream().filter(n -> !empty.contains(n)).toList();
        }
    }

    /** Registers the views of a tables directory (which need not exist: every documented view is then empty). */
    public static Views registerViews(SparkSession spark, Path tablesDir) {
        Set<String> names = new TreeSet<>();
        Set<String> empty = new TreeSet<>();
        Set<String> committed = Set.copyOf(partitions(tablesDir.resolve(TableSchemas.COMMIT_TABLE)));
        for (Map.Entry<String, StructType> t : TableSchemas.ALL.entrySet()) {
            String name = t.getKey();
            Path dir = tablesDir.resolve(name);
            List<String> paths = new ArrayList<>();
            for (String runId : partitions(dir)) {
                if (!TableSchemas.RUN_TABLES.contains(name) || committed.contains(runId)) {
                    paths.add(dir.resolve(PARTITION_PREFIX + runId).toAbsolutePath().toString());
                }
            }
            view(spark, dir, t.getValue(), paths).createOrReplaceTempView(name);
            names.add(name);
            if (paths.isEmpty()) {
                empty.add(name);
            }
        }
        if (Files.isDirectory(tablesDir)) {
            try (Stream<Path> dirs = Files.list(tablesDir)) {
                for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                    String name = d.getFileName().toString();
                    if (names.contains(name) || !name.matches("[A-Za-z][A-Za-z0-9_]*") || !hasParquet(d)) {
                        continue;
                    }
                    spark.read().parquet(d.toAbsolutePath().toString()).createOrReplaceTempView(name);
                    names.add(name);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + tablesDir + ": " + e.getMessage(), e);
            }
        }
        return new Views(List.copyOf(names), List.copyOf(empty));
    }

    /**
     * A table's rows from the given partition folders with the documented schema, or no rows. Columns come in
     * Spark's order for a partitioned table: the data columns, then run_id.
     */
    private static Dataset<Row> view(SparkSession spark, Path dir, StructType schema, List<String> paths) {
        if (paths.isEmpty()) {
            return spark.createDataFrame(List.of(), partitionLast(schema));
        }
        return spark.read().schema(schema).option("basePath", dir.toAbsolutePath().toString())
                .parquet(paths.toArray(String[]::new));
    }

    static StructType partitionLast(StructType schema) {
        StructType s = new StructType();
        for (StructField f : schema.fields()) {
            if (!f.name().equals(TableSchemas.RUN_ID)) {
                s = s.add(f);
            }
        }
        return s.add(schema.apply(TableSchemas.RUN_ID));
    }

    /**
     * The partition values of a table folder (folders run_id=VALUE, VALUE escaped as Spark escapes folder names),
     * sorted; none when it does not exist.
     */
    static List<String> partitions(Path tableDir) {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(tableDir)) {
            return ids;
        }
        try (Stream<Path> dirs = Files.list(tableDir)) {
            for (Path d : dirs.sorted().toList()) {
                String name = d.getFileName().toString();
                if (name.startsWith(PARTITION_PREFIX) && name.length() > PARTITION_PREFIX.length()
                        && Files.isDirectory(d)) {
                    ids.add(name.substring(PARTITION_PREFIX.length())); // as escaped by the writer
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tableDir + ": " + e.getMessage(), e);
        }
        return ids;
    }

    private static boolean hasParquet(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        }
    }
}
