package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qcmb.engine.psi4.Psi4Engine;
import picocli.CommandLine;

/** run --psi4-mode: worker by default, process on request, anything else a usage error naming the option. */
class Psi4ModeOptionTest {
    private static RunCommand parse(String... args) {
        CommandLine cmd = Main.commandLine(args);
        return (RunCommand) cmd.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void defaultsToWarmWorkersAndTakesProcess() {
        assertThat(parse("run", "in.json").psi4Mode).isEqualTo(Psi4Engine.Mode.WORKER);
        assertThat(parse("run", "in.json", "--psi4-mode", "process").psi4Mode).isEqualTo(Psi4Engine.Mode.PROCESS);
        assertThat(parse("run", "in.json", "--psi4-mode", "Worker").psi4Mode).isEqualTo(Psi4Engine.Mode.WORKER);
    }

    @Test
    void anUnknownModeIsAUsageErrorNamingTheOption() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("run", "in.json", "--psi4-mode", "fork")).isEqualTo(Main.EXIT_INPUT);
        } finally {
            System.setErr(old);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .contains("Invalid value for option '--psi4-mode': must be worker or process, not 'fork'");
    }

    /** Warm workers are started while Spark starts only where the driver JVM is the executor. */
    @Test
    void workersArePrestartedForLocalMastersOnly() {
        assertThat(Engines.localSlots("local", 1)).isEqualTo(1);
        assertThat(Engines.localSlots("local[2]", 1)).isEqualTo(2);
        assertThat(Engines.localSlots("local[4,3]", 2)).isEqualTo(2);
        assertThat(Engines.localSlots("local[3]", 4)).isEqualTo(1);
        assertThat(Engines.localSlots("local[*,4]", 1)).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(Engines.localSlots("spark://127.0.0.1:7077", 1)).isZero();
        assertThat(Engines.localSlots("local-cluster[2,1,1024]", 1)).isZero();
        assertThat(Engines.localSlots("yarn", 1)).isZero();
    }
}
