package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher (submit-scripts/qcmb) runs the JVM with the Vector API module: its incubator warning is
 * filtered, so an error is one line on stderr, a result is JSON alone on stdout, and the exit code is the JVM's.
 */
class LauncherIT {
    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome run(String... args) throws Exception {
        ProcessBuilder pb = ClusterIT.script(args);
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void errorsAreOneLineOnStderrWithTheInputExitCode() throws Exception {
        Outcome o = run("submit-scripts/qcmb", "compute", dir.resolve("missing.json").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().lines()).containsExactly("qcmb: error: " + dir.resolve("missing.json") + ": no such file");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void aDensityFittedResultIsTheOnlyOutput() throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, """
                {"molecule": {"symbols": ["O", "H", "H"], "geometry": [-2.76373224, -1.24377706, -0.15444566,
                  -1.12357791, -2.0622797, -0.05243799, -3.80792362, -2.08705525, 1.06090407]},
                 "driver": "energy", "model": {"method": "hf", "basis": "sto-3g"},
                 "keywords": {"e_convergence": 1e-11, "d_convergence": 1e-10}}
                """);
        Outcome o = run("submit-scripts/qcmb", "compute", in.toString());
        assertThat(o.code()).isZero();
        assertThat(o.err()).isEmpty();
        JsonNode r = new ObjectMapper().readTree(o.out());
        // psi4-df.json, h2o-sto-3g-hf-df (Psi4 1.3.2 defaults)
        assertThat(r.get("properties").get("return_energy").asDouble()).isCloseTo(-74.963402082749, within(1e-8));
    }
}
