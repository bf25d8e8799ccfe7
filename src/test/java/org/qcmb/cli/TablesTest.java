package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.qcmb.run.RunObserver;
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
        // tiny fragments are batched: a Spark task carries n_fragments of them
        Row counts = spark.sql("SELECT (SELECT sum(n_fragments) FROM tasks WHERE run_id = '" + run
                + "' AND successful),"
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

    /** Runs the sql command with stdin from the given text; returns {exit code, stdout, stderr}. */
    static String[] sql(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        java.io.InputStream oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code;
        try {
            List<String> all = new ArrayList<>(List.of("sql"));
            all.addAll(List.of(args));
            all.addAll(List.of("--tables", tmp.resolve("tables").toString()));
            code = Main.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void sqlErrorsAreOneLineWithExitCode2() {
        Map<String, String> expected = Map.of(
                "SELEC nonsense", "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'",
                "SELECT * FROM nope", "[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found",
                "SELECT no_such_column FROM runs", "[UNRESOLVED_COLUMN.WITH_SUGGESTION]",
                "SELECT 1/0", "[DIVIDE_BY_ZERO] Division by zero");
        expected.forEach((query, start) -> {
            String[] r = sql("", query);
            assertThat(r[0]).as(query).isEqualTo(Integer.toString(Main.EXIT_INPUT));
            assertThat(r[1]).as(query).isEmpty();
            assertThat(r[2]).as(query).startsWith("qcmb: error: SQL: " + start).endsWith("\n")
                    .hasLineCount(1).doesNotContain("== SQL", "Project", "+-");
        });
        assertThat(sql("", "SELECT * FROM nope")[2]).contains("Views: benchmarks, fragments, hosts, memory, nbody,"
                + " runs, stages, tasks.");
        // --verbose adds Spark's details
        String[] verbose = sql("", "SELECT * FROM nope", "--verbose");
        assertThat(verbose[2]).contains("AnalysisException").contains("qcmb: error: SQL: ");
    }

    @Test
    void everyDocumentedViewExistsEvenWithoutRows() {
        // a run writes no benchmarks: the view is there, empty, with its documented columns
        String[] r = sql("", "SELECT count(*) AS n, min(metric) AS m FROM benchmarks", "--format", "csv");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1].strip().split("\\R")).containsExactly("n,m", "0,");
    }

    @Test
    void withoutAQuerySqlAnswersEveryQueryOfStdinOnOneSession() {
        String run = result.report().runId();
        // one query per line
        String[] lines = sql(String.join("\n",
                "SELECT count(*) AS fragments FROM fragments WHERE run_id = '" + run + "'",
                "SELECT * FROM nope",
                "",
                "SELECT level,",
                "       count(*) AS n FROM fragments GROUP BY level ORDER BY level",
                "",
                "SELECT status FROM runs WHERE run_id = '" + run + "'"), "--format", "csv");
        assertThat(lines[1].strip().split("\\R")).containsExactly("fragments", "19", "level,n", "1,12", "2,6",
                "3,1", "status", "success");
        assertThat(lines[2].strip().split("\\R")).singleElement().asString()
                .startsWith("qcmb: error: SQL: [TABLE_OR_VIEW_NOT_FOUND]");
        assertThat(lines[0]).as("a query failed").isEqualTo(Integer.toString(Main.EXIT_INPUT));
        // a script of ';'-terminated queries over several lines
        String[] script = sql(String.join("\n",
                "-- the levels; then a literal with a ';'",
                "SELECT level,",
                "       count(*) AS n",
                "  FROM fragments",
                " GROUP BY level ORDER BY level; SELECT 'a;b' AS text;",
                "SELECT count(*) AS runs",
                "  FROM runs;"), "--format", "csv");
        assertThat(script).containsExactly("0", "level,n\n1,12\n2,6\n3,1\ntext\na;b\nruns\n1\n", "");
        assertThat(sql("SELECT 1 AS one\nquit\nSELECT * FROM nope\n", "--format", "csv"))
                .containsExactly("0", "one\n1\n", "");
    }

    @Test
    void aTableFailureAfterACorrectResultKeepsTheResultAndSaysSo() throws Exception {
        Path tables = tmp.resolve("broken-tables");
        Files.createDirectories(tables);
        Files.writeString(tables.resolve("fragments"), "a file where the fragments folder should be");
        ManyBodyInput in = Trimer.input("energy", "[\"nocp\"]", "builtin", "hf", "sto-3g", "{}");
        List<String> told = new ArrayList<>();
        ManyBodyRun.Result r = new ManyBodyRun().execute(RunRequest.builder(in, Engines.registry(1))
                .out(tmp.resolve("out-broken")).tables(tables).observer(new RunObserver() {
                    @Override
                    public void tablesFailed(Path dir, RuntimeException error) {
                        told.add(error.getMessage());
                    }
                }).build(), spark);
        assertThat(r.succeeded()).isTrue();
        assertThat(tmp.resolve("out-broken/result.json")).isNotEmptyFile();
        assertThat(r.tablesError()).startsWith("cannot write the tables in " + tables).contains("fragments")
                .doesNotContain("\n");
        assertThat(told).containsExactly(r.tablesError());
        // nothing of the run is visible
        assertThat(TableReader.registerViews(spark, tables).withRows()).isEmpty();
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
