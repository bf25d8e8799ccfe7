package org.qcmb.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.common.InputException;
import org.qcmb.testing.LocalSpark;

/**
 * The tables are transactional per commit: Spark SQL reads back exactly what was written, for every column of every
 * table; a run is visible wholly or not at all, whenever its writer stops (killed, failed); concurrent writers into one
 * folder all land completely; every documented view exists before any row is written.
 */
class TableWriterTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark("local[2]");

    @TempDir
    Path tmp;

    /** A value for column i of a schema, different for each column and row (null for the all-null row). */
    static Object value(DataType t, int column, int row) {
        if (t.equals(DataTypes.StringType)) {
            return "v" + row + "-" + column + (column % 3 == 0 ? " ünïcode, \"quoted\"" : "");
        } else if (t.equals(DataTypes.IntegerType)) {
            return row * 1000 + column - 7;
        } else if (t.equals(DataTypes.LongType)) {
            return (1L << 40) * (row + 1) + column;
        } else if (t.equals(DataTypes.DoubleType)) {
            return -74.96590119 * (row + 1) + column * 1e-11;
        } else if (t.equals(DataTypes.BooleanType)) {
            return (row + column) % 2 == 0;
        } else if (t.equals(DataTypes.TimestampType)) {
            return Timestamp.from(Instant.parse("2026-11-27T14:00:00.123456Z").plusSeconds(row * 60L + column));
        }
        throw new IllegalArgumentException(t.toString());
    }

    /** Two rows of a table with every column set, and one with every column null but run_id. */
    static List<Row> rows(StructType schema, String runId) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Object[] values = new Object[schema.fields().length];
            for (int c = 0; c < values.length; c++) {
                StructField f = schema.fields()[c];
                values[c] = f.name().equals(TableSchemas.RUN_ID) ? runId
                        : r == 2 ? null : value(f.dataType(), c, r);
            }
            rows.add(RowFactory.create(values));
        }
        return rows;
    }

    static Map<String, List<Row>> everyTable(String runId) {
        Map<String, List<Row>> all = new LinkedHashMap<>();
        TableSchemas.ALL.forEach((name, schema) -> all.put(name, rows(schema, runId)));
        return all;
    }

    static SparkSession spark() {
        return SPARK.session();
    }

    static long count(String table, String runId) {
        return spark().sql("SELECT count(*) FROM " + table + " WHERE run_id = '" + runId + "'").first().getLong(0);
    }

    @Test
    void sparkReadsBackEveryColumnOfEveryTableAsWritten() {
        Map<String, List<Row>> written = everyTable("run-1");
        new TableWriter(tmp).commit(written);
        TableReader.Views views = TableReader.registerViews(spark(), tmp);
        assertThat(views.empty()).isEmpty();
        for (Map.Entry<String, StructType> t : TableSchemas.ALL.entrySet()) {
            StructType schema = t.getValue();
            // the documented columns and types, run_id last as in any partitioned Spark table
            assertThat(spark().table(t.getKey()).schema()).as(t.getKey())
                    .isEqualTo(TableReader.partitionLast(schema));
            String order = schema.fields()[1].name();
            List<Row> read = spark().sql("SELECT * FROM " + t.getKey() + " ORDER BY " + order + " NULLS LAST")
                    .collectAsList();
            assertThat(read).as(t.getKey()).hasSize(3);
            for (int r = 0; r < 3; r++) {
                Row in = written.get(t.getKey()).get(r);
                Row out = read.get(r);
                for (StructField f : schema.fields()) {
                    Object expected = in.get(schema.fieldIndex(f.name()));
                    assertThat(out.<Object>getAs(f.name())).as(t.getKey() + "." + f.name() + " row " + r)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void everyDocumentedViewExistsAndIsEmptyBeforeAnyRowIsWritten() {
        for (Path dir : List.of(tmp, tmp.resolve("not-yet"))) {
            TableReader.Views views = TableReader.registerViews(spark(), dir);
            assertThat(views.names()).containsExactlyInAnyOrderElementsOf(TableSchemas.ALL.keySet());
            assertThat(views.empty()).isEqualTo(views.names());
            for (Map.Entry<String, StructType> t : TableSchemas.ALL.entrySet()) {
                assertThat(spark().table(t.getKey()).schema()).isEqualTo(TableReader.partitionLast(t.getValue()));
                assertThat(spark().table(t.getKey()).count()).isZero();
            }
        }
        assertThat(tmp.resolve("not-yet")).doesNotExist();
        // a bench-only folder: the benchmarks view has rows, the run views are empty
        new TableWriter(tmp).append("benchmarks", rows(TableSchemas.BENCHMARKS, "bench-1"));
        TableReader.Views views = TableReader.registerViews(spark(), tmp);
        assertThat(views.withRows()).containsExactly("benchmarks");
        assertThat(count("benchmarks", "bench-1")).isEqualTo(3);
    }

    @Test
    void aRunWithoutItsRunsPartitionIsInvisible() throws IOException {
        TableWriter writer = new TableWriter(tmp);
        writer.commit(CommitLoop.run("r-1", 1));
        // what a writer killed between its renames leaves: every other partition published, not the runs one
        writer.commit(CommitLoop.run("r-2", 2));
        deleteTree(tmp.resolve("runs/run_id=r-2"));
        // what a writer killed while staging leaves: files under .staging only
        Path staged = tmp.resolve(TableWriter.STAGING).resolve("x/fragments/run_id=r-3");
        Files.createDirectories(staged);
        Files.copy(onlyFile(tmp.resolve("fragments/run_id=r-1")), staged.resolve("part-00000-x.parquet"));

        TableReader.registerViews(spark(), tmp);
        for (String table : List.of("runs", "fragments", "tasks", "memory")) {
            assertThat(spark().sql("SELECT DISTINCT run_id FROM " + table).collectAsList()).as(table)
                    .extracting(r -> r.getString(0)).containsExactly("r-1");
        }
        assertThat(tmp.resolve("fragments/run_id=r-2")).isDirectory(); // present, but not committed
        assertThat(count("fragments", "r-1")).isEqualTo(CommitLoop.fragments(1));
    }

    @Test
    void aKilledWriterNeverLeavesPartOfARunVisible() throws Exception {
        int kills = 0;
        for (long delayMs : new long[] {0, 37, 91}) {
            Process p = commitLoop(tmp, "killed" + delayMs, -1);
            // let it commit a few runs, then kill it outright wherever it is
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (TableReader.partitions(tmp.resolve("runs")).stream().filter(id -> id.startsWith("killed"
                    + delayMs + "-")).count() < 3 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            Thread.sleep(delayMs);
            assertThat(p.isAlive()).as("the writer is still committing").isTrue();
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
            kills++;
        }
        assertThat(kills).isEqualTo(3);
        assertEveryVisibleRunComplete(tmp, 9);
    }

    @Test
    void concurrentWritersIntoOneFolderAllLandCompletely() throws Exception {
        Process a = commitLoop(tmp, "a", 12);
        Process b = commitLoop(tmp, "b", 12);
        // and a third writer in this JVM at the same time
        TableWriter writer = new TableWriter(tmp);
        for (int k = 0; k < 12; k++) {
            writer.commit(CommitLoop.run("c-" + k, k));
        }
        assertThat(a.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).isZero();
        assertThat(b.exitValue()).isZero();
        assertEveryVisibleRunComplete(tmp, 36);
        assertThat(spark().sql("SELECT count(*) FROM runs").first().getLong(0)).isEqualTo(36);
        assertThat(tmp.resolve(TableWriter.STAGING)).isEmptyDirectory();
    }

    @Test
    void aFailedCommitLeavesNothingOfItVisible() throws IOException {
        TableWriter writer = new TableWriter(tmp);
        writer.commit(CommitLoop.run("ok-1", 1));
        Files.move(tmp.resolve("tasks"), tmp.resolve("tasks-aside"));
        Files.writeString(tmp.resolve("tasks"), "a file where the tasks folder should be");
        assertThatThrownBy(() -> writer.commit(CommitLoop.run("bad-2", 2)))
                .isInstanceOf(TableWriteException.class)
                .hasMessageStartingWith("cannot write the tables in " + tmp)
                .hasMessageNotContaining("\n");
        Files.delete(tmp.resolve("tasks"));
        Files.move(tmp.resolve("tasks-aside"), tmp.resolve("tasks"));
        writer.commit(CommitLoop.run("ok-3", 3));
        TableReader.registerViews(spark(), tmp);
        for (String table : List.of("runs", "fragments", "tasks", "memory")) {
            assertThat(spark().sql("SELECT DISTINCT run_id FROM " + table + " ORDER BY run_id").collectAsList())
                    .as(table).extracting(r -> r.getString(0)).containsExactly("ok-1", "ok-3");
        }
        // the partitions it had published before failing were removed again
        assertThat(tmp.resolve("fragments/run_id=bad-2")).doesNotExist();
        assertThat(tmp.resolve(TableWriter.STAGING)).isEmptyDirectory();
    }

    @Test
    void rowsOfTheSameRunAppendedAgainAddToItsPartition() {
        TableWriter writer = new TableWriter(tmp);
        writer.append("fragments", CommitLoop.run("r-5", 5).get("fragments"));
        writer.commit(CommitLoop.run("r-5", 5));
        TableReader.registerViews(spark(), tmp);
        assertThat(count("fragments", "r-5")).isEqualTo(2L * CommitLoop.fragments(5));
        assertThat(count("runs", "r-5")).isEqualTo(1);
    }

    @Test
    void runIdsAreFolderNamesEscapedAsSparkEscapesThem() {
        new TableWriter(tmp).commit(CommitLoop.run("r<1>/x:y=z", 1));
        assertThat(tmp.resolve("runs/run_id=r<1>%2Fx%3Ay%3Dz")).isDirectory();
        TableReader.registerViews(spark(), tmp);
        assertThat(count("fragments", "r<1>/x:y=z")).isEqualTo(CommitLoop.fragments(1));
    }

    @Test
    void staleStagingFoldersOfKilledWritersAreRemovedByTheNextCommit() throws IOException {
        Path old = tmp.resolve(TableWriter.STAGING).resolve("old");
        Path recent = tmp.resolve(TableWriter.STAGING).resolve("recent");
        Files.createDirectories(old.resolve("runs"));
        Files.createDirectories(recent);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3 * 86400)));
        new TableWriter(tmp).commit(CommitLoop.run("r-1", 1));
        assertThat(old).doesNotExist();
        assertThat(recent).isDirectory(); // may belong to a writer at work
    }

    @Test
    void checkWritableRejectsWhatCannotHoldTablesInOneLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThatThrownBy(() -> TableWriter.checkWritable(file)).isInstanceOf(InputException.class)
                .hasMessage(file + " is a file, not a directory");
        assertThatThrownBy(() -> TableWriter.checkWritable(file.resolve("tables")))
                .isInstanceOf(InputException.class)
                .hasMessage(file.resolve("tables") + " cannot be created: " + file + " is a file, not a directory");
        assertThatThrownBy(() -> TableWriter.checkWritable(Path.of("/proc/qcmb-tables")))
                .isInstanceOf(InputException.class).hasMessageStartingWith("/proc/qcmb-tables cannot be written: ")
                .hasMessageNotContaining("\n");
        Path fresh = tmp.resolve("new/tables");
        TableWriter.checkWritable(fresh);
        assertThat(tmp.resolve("new")).doesNotExist(); // checked, not created
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("a-file"); // no probe left
        }
    }

    /** Every run in the runs view has all its rows in every other table (see {@link CommitLoop}). */
    static void assertEveryVisibleRunComplete(Path dir, int atLeast) {
        TableReader.registerViews(spark(), dir);
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (String table : List.of("runs", "fragments", "tasks", "memory")) {
            for (Row r : spark().sql("SELECT run_id, count(*) FROM " + table + " GROUP BY run_id").collectAsList()) {
                counts.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(table, r.getLong(1));
            }
        }
        List<String> runs = counts.entrySet().stream().filter(e -> e.getValue().containsKey("runs"))
                .map(Map.Entry::getKey).toList();
        assertThat(runs.size()).isGreaterThanOrEqualTo(atLeast);
        assertThat(counts.keySet()).as("rows of other tables only for committed runs")
                .containsExactlyInAnyOrderElementsOf(runs);
        for (String id : runs) {
            int k = CommitLoop.number(id);
            assertThat(counts.get(id)).as(id).containsEntry("runs", 1L)
                    .containsEntry("fragments", (long) CommitLoop.fragments(k))
                    .containsEntry("tasks", (long) CommitLoop.tasks(k))
                    .containsEntry("memory", (long) CommitLoop.MEMORY);
        }
    }

    static Process commitLoop(Path dir, String prefix, int count) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CommitLoop.class.getName(),
                dir.toString(), prefix, Integer.toString(count)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("." + prefix + ".log").toFile()))
                .start();
    }

    static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
