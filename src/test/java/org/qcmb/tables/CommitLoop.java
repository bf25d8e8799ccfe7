package org.qcmb.tables;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A writer process for the tests of {@link TableWriter}: commits runs PREFIX-0, PREFIX-1, ... into a tables
 * directory, COUNT of them (or until killed, when COUNT is -1). Run k has {@link #fragments(int)} fragments rows,
 * {@link #tasks(int)} tasks rows and {@link #MEMORY} memory rows, so a reader can tell a complete run from a partial
 * one. Usage: {@code CommitLoop TABLES_DIR PREFIX COUNT}.
 */
public final class CommitLoop {
    static final int MEMORY = 200;

    private CommitLoop() {
    }

    static int fragments(int k) {
        return k % 7 + 1;
    }

    static int tasks(int k) {
        return k % 5 + 2;
    }

    /** The number k of run id PREFIX-k. */
    static int number(String runId) {
        return Integer.parseInt(runId.substring(runId.lastIndexOf('-') + 1));
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        TableWriter writer = new TableWriter(dir);
        for (int k = 0; count < 0 || k < count; k++) {
            writer.commit(run(prefix + "-" + k, k));
        }
    }

    /** The rows of run k: a runs row (written first in the map, committed last by the writer) and three tables. */
    static Map<String, List<Row>> run(String id, int k) {
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        rows.put("runs", List.of(RowFactory.create(id, new Timestamp(1_800_000_000_000L + k), "loop.json", "sha",
                "H2O", 1, 3, "energy", "nocp", 1, "builtin", "(auto)=hf/sto-3g", "local[1]", 1, 1, 1, 1, 0, 0.5,
                0.1, 1.0, -74.9 - k, "success", null, null, null)));
        List<Row> fragments = new ArrayList<>();
        for (int i = 0; i < fragments(k); i++) {
            fragments.add(RowFactory.create(id, "f" + i, "(auto)", 1, "1", "1", 3, 7, "builtin", -74.9, 8, 0.01, i,
                    true, null));
        }
        rows.put("fragments", fragments);
        List<Row> tasks = new ArrayList<>();
        for (int i = 0; i < tasks(k); i++) {
            tasks.add(RowFactory.create(id, 1, 0, 0, (long) i, i, 0, "driver", "h", 1L, 2L, 1L, 1L, 1L, 0L, 0L, 0L,
                    0L, 0L, true, null, 1, "f" + i, 0.01, 7, 8));
        }
        rows.put("tasks", tasks);
        List<Row> memory = new ArrayList<>();
        for (int i = 0; i < MEMORY; i++) {
            memory.add(RowFactory.create(id, (long) i, i / 1000.0, "driver", "driver", 1L << 20, 1L << 19));
        }
        rows.put("memory", memory);
        return rows;
    }
}
