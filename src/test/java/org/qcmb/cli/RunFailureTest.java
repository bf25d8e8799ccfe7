package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.synthetic.SyntheticEngine;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.spark.FaultyEngine;
import org.qcmb.spark.SparkSessions;

/** An injected failing fragment: reported by label, no result written; --resume recomputes only what is missing. */
class RunFailureTest {
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2,3]", null, Map.of("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    ManyBodyRun.Result run(ManyBodyInput in, Path out, boolean resume, EngineRegistry engines, ByteArrayOutputStream err) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        return new ManyBodyRun(quiet, new PrintStream(err)).execute(new ManyBodyRun.Options(in, "test", out, null, null,
                resume, 1, engines, Map.of(), false), spark);
    }

    @Test
    void failedFragmentsAreReportedAndResumeRecomputesOnlyWhatIsMissing() throws Exception {
        ManyBodyInput in = RunIntegrationTest.trimer("gradient", "[\"cp\", \"nocp\", \"vmfc\"]", "synthetic", "hf",
                "sto-3g", "{}");
        Path out = tmp.resolve("run");
        // dimers next to a ghost never converge; monomer tasks crash once and are retried by Spark
        EngineRegistry faulty = new EngineRegistry().register("synthetic",
                () -> new FaultyEngine(Set.of(6), Set.of(3)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ManyBodyRun.Result failed = run(in, out, false, faulty, err);

        assertThat(failed.succeeded()).isFalse();
        assertThat(out.resolve("result.json")).doesNotExist();
        String report = Files.readString(out.resolve("failed-fragments.txt"));
        assertThat(report).contains("3 fragment calculation(s) failed")
                .contains("[\"(auto)\", [1, 2], [1, 2, 3]]  CONVERGENCE_FAILURE: SCF did not converge")
                .contains("[\"(auto)\", [1, 3], [1, 2, 3]]").contains("[\"(auto)\", [2, 3], [1, 2, 3]]");
        assertThat(err.toString()).contains(report);
        int storedAfterFailure = failed.report().computed() - failed.failures().size();

        EngineRegistry healthy = new EngineRegistry().register("synthetic", SyntheticEngine::new);
        ManyBodyRun.Result resumed = run(in, out, true, healthy, new ByteArrayOutputStream());
        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.report().reused()).isEqualTo(storedAfterFailure);
        assertThat(resumed.report().computed()).isEqualTo(19 - storedAfterFailure);
        assertThat(out.resolve("failed-fragments.txt")).doesNotExist();

        // bitwise the same as an uninterrupted run
        run(in, tmp.resolve("clean"), false, healthy, new ByteArrayOutputStream());
        assertThat(Files.readAllBytes(out.resolve("result.json")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("clean/result.json")));
    }

    @Test
    void anOutputDirectoryOfAnotherInputIsRefused() throws Exception {
        ManyBodyInput a = RunIntegrationTest.trimer("energy", "[\"cp\"]", "synthetic", "hf", "sto-3g", "{}");
        ManyBodyInput b = RunIntegrationTest.trimer("energy", "[\"nocp\"]", "synthetic", "hf", "sto-3g", "{}");
        Path out = tmp.resolve("shared");
        EngineRegistry healthy = new EngineRegistry().register("synthetic", SyntheticEngine::new);
        assertThat(run(a, out, false, healthy, new ByteArrayOutputStream()).succeeded()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(b, out, true, healthy,
                new ByteArrayOutputStream())).isInstanceOf(org.qcmb.molecule.InputException.class)
                .hasMessageContaining("different input");
    }
}
