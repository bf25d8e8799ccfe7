package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.run.ManyBodyRun;
import org.qcmb.run.RunRequest;
import org.qcmb.spark.SparkSessions;
import org.qcmb.tables.TableReader;
import org.qcmb.tables.TableSchemas;
import org.qcmb.testing.Trimer;

/** A small run writes every run table with the documented schema, and `sql` answers queries over them. */
class TablesTest {
    static SparkSession spark;
    @TempDir
    static Path tmp;
    static ManyBodyRun.Result result;

    @BeforeAll
    static void runOnce() throws Exception {
        spark = SparkSessions.start("local[2]", null, Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "2"));
        ManyBodyInput in = Trimer.input("gradient", "[\"cp\", \"nocp\", \"vmfc\"]", "builtin", "hf", "sto-3g",
                "{}");
        result = new ManyBodyRun().execute(RunRequest.builder(in, Engines.registry(1)).inputName("trimer")
                .out(tmp.resolve("out")).tables(tmp.resolve("tables")).build(), spark);
        TableReader.registerViews(spark, tmp.resolve("tables"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Set<String> columns(StructType s) {
        Set<String> out = new HashSet<>();
        for (StructField f : s.fields()) {
            out.add(f.name() + ":" + f.dataType().typeName());
        }
        return out;
    }

    @Test
    void everyRunTableHasItsDocumentedSchema() {
        for (String table : List.of("runs", "fragments", "tasks", "stages", "nbody", "hosts", "memory")) {
            // a partitioned Parquet table lists run_id last; the set of typed columns is what is documented
            assertThat(columns(spark.table(table).schema())).as(table)
                    .isEqualTo(columns(TableSchemas.ALL.get(table)));
        }
    }

    @Test
    void listenerSawOneTaskPerPlannedFragmentAndStagesFitInTheRun() {
        String run = result.report().runId();
        Row counts = spark.sql("SELECT (SELECT count(*) FROM tasks WHERE run_id = '" + run + "' AND successful),"
                + " (SELECT n_planned FROM runs WHERE run_id = '" + run + "'),"
                + " (SELECT count(*) FROM fragments WHERE run_id = '" + run + "')").first();
        assertThat(counts.getLong(0)).isEqualTo(19);
        assertThat(counts.getInt(1)).isEqualTo(19);
        assertThat(counts.getLong(2)).isEqualTo(19);
        Row wall = spark.sql("SELECT max(s.wall_s), sum(s.wall_s), min(r.wall_time_s) FROM stages s JOIN runs r"
                + " USING (run_id) WHERE run_id = '" + run + "'").first();
        assertThat(wall.getDouble(0)).isPositive();
        assertThat(wall.getDouble(1)).isLessThanOrEqualTo(wall.getDouble(2));
        assertThat(spark.sql("SELECT level FROM stages WHERE run_id = '" + run + "' ORDER BY level")
                .collectAsList()).extracting(r -> r.getInt(0)).containsExactly(1, 2, 3);
        // the nbody table carries the same numbers as the result
        double ret = spark.sql("SELECT total_energy FROM nbody WHERE run_id = '" + run
                + "' AND treatment = 'cp' AND nbody = 3").first().getDouble(0);
        assertThat(ret).isEqualTo(result.result().retEnergy());
    }

    @Test
    void sqlCommandPrintsCsv() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf));
        int code;
        try {
            code = Main.execute("sql", "SELECT level, count(*) AS n FROM fragments GROUP BY level ORDER BY level",
                    "--tables", tmp.resolve("tables").toString(), "--format", "csv");
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        assertThat(buf.toString().strip().split("\\R")).containsExactly("level,n", "1,12", "2,6", "3,1");
        assertThat(Main.execute("sql", "SELEC nonsense", "--tables", tmp.resolve("tables").toString()))
                .isEqualTo(Main.EXIT_INPUT);
    }
}
