package org.qcmb.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** Registers every table folder of a tables directory as a temporary view named after the folder. */
public final class TableReader {
    private TableReader() {
    }

    /** Returns the view names registered (sorted). */
    public static List<String> registerViews(SparkSession spark, Path tablesDir) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(tablesDir)) {
            return names;
        }
        try (Stream<Path> dirs = Files.list(tablesDir)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = d.getFileName().toString();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || !hasParquet(d)) {
                    continue;
                }
                spark.read().parquet(d.toAbsolutePath().toString()).createOrReplaceTempView(name);
                names.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tablesDir + ": " + e.getMessage(), e);
        }
        return names;
    }

    private static boolean hasParquet(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        }
    }
}
