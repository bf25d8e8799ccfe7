package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.io.InputReader;
import org.qcmb.io.XyzOptions;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.run.ManyBodyRun;
import org.qcmb.run.RunRequest;
import org.qcmb.spark.SparkSessions;
import org.qcmb.tables.TableReader;

/**
 * A screened run reports its kept and screened terms per level: on the console (the banner of an energy-screened
 * run says which levels are still to be planned; the summary has the counts) and in the runs and nbody tables.
 * Five He atoms on a line at x = 0, 2, 4, 9, 20 bohr, one per fragment, with the synthetic engine, whose nocp
 * 2-body increments are exactly -0.01/r (bohr), so the counts follow by hand:
 * <ul>
 *   <li>--screen-distance 2=5.0 (9.449 bohr): the 6 pairs 12, 13, 14, 23, 24, 34 are within it (4 screened);</li>
 *   <li>the trimers whose pairs are all kept: 123, 124, 134, 234, with sum |0.01/r| over their pairs 0.0125,
 *       0.00754, 0.00561, 0.00843; --screen-energy 3=0.008 keeps 123 and 234 (8 screened, 2 by energy).</li>
 * </ul>
 * A vmfc run with an energy threshold runs each x@B in the stage of |B|: the tasks table must put each fragment
 * under the Spark task of that stage.
 */
class ScreenedRunTest {
    static SparkSession spark;
    @TempDir
    static Path tmp;
    static String nocpOut;
    static String nocpRunId;
    static String vmfcRunId;
    static String plainRunId;

    static final String LINE = "units bohr\nHe 0 0 0\n--\nHe 2 0 0\n--\nHe 4 0 0\n--\nHe 9 0 0\n--\nHe 20 0 0\n";

    static ManyBodyRun.Result run(String bsse, XyzOptions.ScreeningFlags flags, String name, PrintStream out)
            throws Exception {
        Path xyz = tmp.resolve("line.xyz");
        Files.writeString(xyz, LINE);
        ManyBodyInput in = InputReader.read(xyz, new XyzOptions(List.of(bsse), 3, "hf", "sto-3g", "synthetic", null,
                false, true, flags));
        return new ManyBodyRun().execute(RunRequest.builder(in, Engines.registry(1)).inputName(name)
                .out(tmp.resolve(name)).tables(tmp.resolve("tables")).observer(new ConsoleObserver(out, out))
                .build(), spark);
    }

    @BeforeAll
    static void runTwice() throws Exception {
        spark = SparkSessions.start("local[2]", null, Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "2"));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        ManyBodyRun.Result nocp = run("nocp", new XyzOptions.ScreeningFlags(List.of("2=5.0"), null,
                List.of("3=0.008")), "nocp", out);
        assertThat(nocp.succeeded()).isTrue();
        nocpRunId = nocp.report().runId();
        nocpOut = text.toString(StandardCharsets.UTF_8);
        ManyBodyRun.Result vmfc = run("vmfc", new XyzOptions.ScreeningFlags(null, null, List.of("3=0.008")), "vmfc",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(vmfc.succeeded()).isTrue();
        vmfcRunId = vmfc.report().runId();
        plainRunId = run("nocp", null, "plain", new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).report().runId();
        TableReader.registerViews(spark, tmp.resolve("tables"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void bannerSaysWhichLevelsAreStillToBePlanned() {
        // before any result: 5 monomers and the 6 kept dimers; level 3 depends on their increments
        assertThat(nocpOut).contains("5 atoms, 5 fragments, 11 fragment calculations in 2 levels so far; level 3 is"
                + " energy-screened and planned from the previous level's results");
    }

    @Test
    void summaryCountsKeptAndScreenedPerLevel() {
        assertThat(nocpOut).contains("Fragments:     13 computed")
                .contains("Screening:     distance 2=5.0 angstrom (closest_atoms); energy 3=0.008 hartree")
                .containsPattern("\\n  1 +5 +5 +0 +-\\n")
                .containsPattern("\\n  2 +10 +6 +4 +-\\n")
                .containsPattern("\\n  3 +10 +2 +8 +2\\n");
    }

    @Test
    void runsAndNbodyTablesCarryTheCounts() {
        Row run = spark.sql("SELECT screening, kept_per_level, screened_per_level, n_planned FROM runs WHERE run_id = '"
                + nocpRunId + "'").first();
        assertThat(run.getString(0)).isEqualTo("{\"distance\":{\"2\":5.0},\"metric\":\"closest_atoms\","
                + "\"energy\":{\"3\":0.008}}");
        assertThat(run.getString(1)).isEqualTo("5,6,2");
        assertThat(run.getString(2)).isEqualTo("0,4,8");
        assertThat(run.getInt(3)).isEqualTo(13);
        List<Row> nbody = spark.sql("SELECT nbody, n_kept, n_screened, n_screened_by_energy FROM nbody WHERE run_id"
                + " = '" + nocpRunId + "' AND treatment = 'nocp' ORDER BY nbody").collectAsList();
        assertThat(nbody).hasSize(3);
        assertThat(nbody.get(0).toString()).isEqualTo("[1,5,0,null]");
        assertThat(nbody.get(1).toString()).isEqualTo("[2,6,4,null]");
        assertThat(nbody.get(2).toString()).isEqualTo("[3,2,8,2]");
    }

    @Test
    void energyOnlyRunCountsEveryLevelAndUnscreenedRunsLeaveTheColumnsEmpty() {
        // vmfc 2-body increments of the synthetic engine: E(ij@ij) - E(i@ij) - E(j@ij) = -0.008/r, so a trimer is
        // kept iff the sum of 1/r over its pairs reaches 1 / bohr: only 123 (1.25; next is 124 with 0.75)
        Row vmfc = spark.sql("SELECT kept_per_level, screened_per_level FROM runs WHERE run_id = '" + vmfcRunId
                + "'").first();
        assertThat(vmfc.getString(0)).isEqualTo("5,10,1");
        assertThat(vmfc.getString(1)).isEqualTo("0,0,9");
        Row plain = spark.sql("SELECT screening, kept_per_level, screened_per_level FROM runs WHERE run_id = '"
                + plainRunId + "'").first();
        assertThat(plain.isNullAt(0) && plain.isNullAt(1) && plain.isNullAt(2)).isTrue();
        assertThat(spark.sql("SELECT * FROM nbody WHERE run_id = '" + plainRunId + "' AND (n_kept IS NOT NULL OR"
                + " n_screened IS NOT NULL OR n_screened_by_energy IS NOT NULL)").count()).isZero();
        assertThat(spark.sql("SELECT * FROM nbody WHERE run_id = '" + plainRunId + "'").count()).isEqualTo(3);
    }

    @Test
    void tasksTablePutsEachFragmentUnderTheSparkTaskOfItsStage() {
        List<Row> fragments = spark.sql("SELECT label, basis_fragments FROM fragments WHERE run_id = '" + vmfcRunId
                + "'").collectAsList();
        List<Row> tasks = spark.sql("SELECT level, labels, n_fragments FROM tasks WHERE run_id = '" + vmfcRunId
                + "' AND successful").collectAsList();
        long inTasks = tasks.stream().mapToLong(t -> t.getInt(2)).sum();
        assertThat(inTasks).isEqualTo(fragments.size());
        int stage3WithGhosts = 0;
        for (Row f : fragments) {
            String label = f.getString(0);
            int stage = f.getString(1).split(",").length; // x@B runs in the stage of |B|
            List<Row> holders = tasks.stream().filter(t -> t.getString(1).contains(label)).toList();
            assertThat(holders).as(label).hasSize(1);
            assertThat(holders.get(0).getInt(0)).as(label).isEqualTo(stage);
            if (stage == 3 && !label.startsWith("[\"(auto)\", [1, 2, 3]") && label.contains(", [1, 2, 3]]")) {
                stage3WithGhosts++;
            }
        }
        assertThat(stage3WithGhosts).as("x@123 with |x| < 3 were computed").isPositive();
    }
}
