package org.qcmb.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.cli.Engines;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.synthetic.SyntheticEngine;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.spark.FaultyEngine;
import org.qcmb.testing.LocalSpark;
import org.qcmb.testing.Trimer;

/** An injected failing fragment: reported by label, no result written; --resume recomputes only what is missing. */
class RunFailureTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark("local[2,3]");


    @TempDir
    Path tmp;

    ManyBodyRun.Result run(ManyBodyInput in, Path out, boolean resume, EngineRegistry engines,
            ByteArrayOutputStream err) {
        PrintStream failures = new PrintStream(err, true);
        RunObserver printsFailures = new RunObserver() {
            @Override
            public void finished(ManyBodyRun.Result result, Path resultFile, Path failureFile) {
                if (!result.succeeded()) {
                    failures.print(FailureReport.text(result.failures(), out));
                }
            }
        };
        return new ManyBodyRun().execute(RunRequest.builder(in, engines).inputName("test").out(out).resume(resume)
                .observer(printsFailures).build(), SPARK.session());
    }

    @Test
    void failedFragmentsAreReportedAndResumeRecomputesOnlyWhatIsMissing() throws Exception {
        ManyBodyInput in = Trimer.input("gradient", "[\"cp\", \"nocp\", \"vmfc\"]", "synthetic", "hf",
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
        assertThat(report).contains("3 fragment calculations failed")
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
        ManyBodyInput a = Trimer.input("energy", "[\"cp\"]", "synthetic", "hf", "sto-3g", "{}");
        ManyBodyInput b = Trimer.input("energy", "[\"nocp\"]", "synthetic", "hf", "sto-3g", "{}");
        Path out = tmp.resolve("shared");
        EngineRegistry healthy = new EngineRegistry().register("synthetic", SyntheticEngine::new);
        assertThat(run(a, out, false, healthy, new ByteArrayOutputStream()).succeeded()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(b, out, true, healthy,
                new ByteArrayOutputStream())).isInstanceOf(org.qcmb.common.InputException.class)
                .hasMessageContaining("different input");
    }

    @Test
    void anUnknownProgramOrAMissingPsi4FailsBeforeAnythingRuns() throws Exception {
        Path out = tmp.resolve("never");
        ManyBodyInput unknown = Trimer.input("energy", "[\"cp\"]", "gaussian", "hf", "sto-3g", "{}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(unknown, out, false,
                Engines.registry(1), new ByteArrayOutputStream()))
                .isInstanceOf(org.qcmb.common.InputException.class)
                .hasMessageContaining("unknown program 'gaussian'").hasMessageContaining("builtin");
        ManyBodyInput psi4 = Trimer.input("energy", "[\"cp\"]", "psi4", "hf", "sto-3g", "{}");
        EngineRegistry noPsi4 = new EngineRegistry().register("psi4", () -> new org.qcmb.engine.psi4.Psi4Engine(
                org.qcmb.engine.psi4.Psi4Engine.Settings.defaults().withExecutable("/nonexistent/psi4")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(psi4, out, false, noPsi4,
                new ByteArrayOutputStream())).isInstanceOf(org.qcmb.common.InputException.class)
                .hasMessageContaining("psi4");
        assertThat(out).doesNotExist(); // nothing half-written
    }
}
