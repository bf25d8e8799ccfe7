package org.qcmb.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.StructType;
import org.qcmb.common.InputException;

/**
 * Appends rows to the Parquet tables of a tables directory, one transaction per call, without Spark. The layout
 * is Spark's: one folder per table, one {@code run_id=ID} folder per run (see {@link TableReader}).
 *
 * <p>A commit writes every partition into a private staging folder ({@code DIR/.staging/}, which no reader looks
 * at), then publishes each partition with one atomic rename, the {@link TableSchemas#COMMIT_TABLE runs} partition
 * last. Readers show the rows of a run's tables only for run ids with a {@code runs} partition, so a run is
 * visible wholly or not at all, whenever the writer is killed; concurrent writers never share a folder they
 * write into (run ids are unique).
 */
public final class TableWriter {
    public static final String RUN_ID = TableSchemas.RUN_ID;
    static final String STAGING = ".staging";
    /** Staging folders this old belong to writers that were killed: the next commit removes them. */
    private static final Duration STALE = Duration.ofHours(24);

    private final Path tablesDir;

    public TableWriter(Path tablesDir) {
        this.tablesDir = tablesDir;
    }

    public Path tablesDir() {
        return tablesDir;
    }

    /**
     * Checks, before any work, that rows can be written to {@code dir}: it is a directory in which a file can be
     * created, or it does not exist yet and its nearest existing parent is such a directory. Creates nothing
     * (a probe file is created and deleted at once).
     *
     * @throws InputException naming the directory and the reason, in one line
     */
    public static void checkWritable(Path dir) {
        Path existing = dir.toAbsolutePath().normalize();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
            if (existing == null) {
                throw new InputException(dir + " cannot be created: no parent folder exists");
            }
        }
        if (!Files.isDirectory(existing)) {
            throw new InputException(dir + (existing.equals(dir.toAbsolutePath().normalize()) ? " is a file"
                    : " cannot be created: " + existing + " is a file") + ", not a directory");
        }
        try {
            Path probe = Files.createTempFile(existing, ".qcmb-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new InputException(dir + " cannot be written: " + message(e));
        }
    }

    /** Appends rows (which must include run_id) to one table, as one transaction. */
    public void append(String table, List<Row> rows) {
        commit(Map.of(table, rows));
    }

    /**
     * Appends every table's rows (table name -> rows with run_id, schemas from {@link TableSchemas}) as one
     * transaction: nothing is visible until the whole commit is. Empty lists write nothing.
     *
     * @throws TableWriteException if anything cannot be written; nothing of this commit is then visible
     */
    public void commit(Map<String, List<Row>> rowsByTable) {
        List<Partition> partitions = partitions(rowsByTable);
        if (partitions.isEmpty()) {
            return;
        }
        Path staging = tablesDir.resolve(STAGING).resolve(UUID.randomUUID().toString());
        List<Path> published = new ArrayList<>();
        try {
            removeStaleStaging();
            for (Partition p : partitions) {
                Path dir = staging.resolve(p.table()).resolve(p.folder());
                Files.createDirectories(dir);
                ParquetRowFile.write(dir.resolve(p.fileName()), p.schema(), RUN_ID, p.rows());
            }
            for (Partition p : partitions) { // ordered: the commit table's partitions come last
                publish(staging, p, published);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | ArithmeticException e) {
            published.forEach(TableWriter::deleteQuietly); // invisible without their runs row; tidy anyway
            throw new TableWriteException("cannot write the tables in " + tablesDir + ": " + message(e), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** A file-system failure in one line: the reason and the file, without Java's class names. */
    private static String message(Exception e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (t instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (t instanceof java.nio.file.FileSystemException f) {
            return (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName())
                    + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip().split("\\R")[0];
    }

    /** One table's rows of one run id, to become one file in one partition folder (run_id=ID, escaped as Spark does). */
    private record Partition(String table, StructType schema, String folder, List<Row> rows, String fileName) {
    }

    /** Rows grouped by table and run id; the commit table's partitions last, the others in the given order. */
    private static List<Partition> partitions(Map<String, List<Row>> rowsByTable) {
        List<Partition> first = new ArrayList<>();
        List<Partition> last = new ArrayList<>();
        rowsByTable.forEach((table, rows) -> {
            StructType schema = TableSchemas.ALL.get(table);
            if (schema == null) {
                throw new IllegalArgumentException("unknown table '" + table + "': tables are "
                        + TableSchemas.ALL.keySet());
            }
            int idx = schema.fieldIndex(RUN_ID);
            Map<String, List<Row>> byRun = new LinkedHashMap<>();
            for (Row r : rows) {
                Object id = r.get(idx);
                if (!(id instanceof String s) || s.isEmpty()) {
                    throw new IllegalArgumentException("table " + table + ": a row has no run_id");
                }
                byRun.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
            }
            byRun.forEach((runId, runRows) -> (table.equals(TableSchemas.COMMIT_TABLE) ? last : first).add(
                    new Partition(table, schema, RUN_ID + "=" + ExternalCatalogUtils.escapePathName(runId), runRows,
                            "part-00000-" + UUID.randomUUID() + ".parquet")));
        });
        first.addAll(last);
        return first;
    }

    /**
     * Moves a staged partition folder into its table with one rename. When the partition exists already (rows of
     * the same run id appended again), the file is renamed into it instead.
     */
    private void publish(Path staging, Partition p, List<Path> published) throws IOException {
        String folder = p.folder();
        Path from = staging.resolve(p.table()).resolve(folder);
        Path table = tablesDir.resolve(p.table());
        Files.createDirectories(table);
        Path to = table.resolve(folder);
        if (!Files.exists(to)) {
            try {
                move(from, to);
                published.add(to);
                return;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another writer created the partition meanwhile: add the file to it
            }
        }
        Path file = to.resolve(p.fileName());
        move(from.resolve(p.fileName()), file);
        published.add(file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to + " cannot rename atomically", e);
        }
    }

    private void removeStaleStaging() throws IOException {
        Path root = tablesDir.resolve(STAGING);
        if (!Files.isDirectory(root)) {
            return;
        }
        FileTime limit = FileTime.from(Instant.now().minus(STALE));
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : entries.toList()) {
                try {
                    if (Files.getLastModifiedTime(p).compareTo(limit) < 0) {
                        deleteQuietly(p);
                    }
                } catch (NoSuchFileException e) {
                    // removed by another writer
                }
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left is invisible to readers
        }
    }
}
