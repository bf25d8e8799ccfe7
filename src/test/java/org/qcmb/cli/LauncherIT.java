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
        return runWith(null, args);
    }

    private Outcome runWith(String javaOpts, String... args) throws Exception {
        ProcessBuilder pb = ClusterIT.script(args);
        if (javaOpts != null) {
            pb.environment().put("QCMB_JAVA_OPTS", javaOpts);
        }
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

    /** The launcher's options for a medium calculation: C2 for the dense kernels only. */
    private static final String KERNELS_C2 = "-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile="
            + ClusterIT.HOME + "/conf/compute-c2.json -XX:+DisplayVMOutputToStderr";

    private static final String DIMER = """
            {"molecule": {"symbols": ["O", "H", "H", "O", "H", "H"], "geometry": [-2.76373224, -1.24377706,
              -0.15444566, -1.12357791, -2.0622797, -0.05243799, -3.80792362, -2.08705525, 1.06090407, 2.8125,
              1.1033, 0.2431, 1.0912, 1.8321, 0.1126, 3.9710, 2.4015, -0.9702]},
             "driver": "gradient", "model": {"method": "hf", "basis": "%s"}}
            """;

    /**
     * The JIT options the launcher picks for compute: C1 with the FMA kernel for small calculations, C2 for the
     * dense kernels only for medium ones, the JVM's defaults otherwise.
     */
    @Test
    void smallCalculationsRunWithC1AndTheFmaKernel() throws Exception {
        Path small = dir.resolve("small.json"), unknown = dir.resolve("unknown.json"), big = dir.resolve("big.json");
        Files.writeString(small, DIMER.formatted("aug-cc-pvdz"));
        Files.writeString(unknown, DIMER.formatted("cc-pv5z"));
        StringBuilder many = new StringBuilder("{\"molecule\": {\"symbols\": [");
        for (int i = 0; i < 4; i++) {
            many.append(i == 0 ? "" : ", ").append("\"O\", \"H\", \"H\"");
        }
        Files.writeString(big, many.append("]}, \"driver\": \"energy\", \"model\": {\"method\": \"hf\","
                + " \"basis\": \"aug-cc-pVDZ\"}}").toString());
        String c1 = "-XX:TieredStopAtLevel=1 -Dqcmb.kernel=fma";
        assertThat(jitOptions("compute", small.toString(), "--output", "x.json")).isEqualTo(c1);
        assertThat(jitOptions("compute", "--output", "x.json", big.toString())).isEqualTo(KERNELS_C2); // size 164
        assertThat(jitOptions("compute", unknown.toString())).isEmpty();
        assertThat(jitOptions("compute", "--engine", "psi4", big.toString())).isEqualTo(c1);
        assertThat(jitOptions("compute", dir.resolve("missing.json").toString())).isEmpty();
    }

    private String jitOptions(String... args) throws Exception {
        String[] cmd = new String[args.length + 4];
        cmd[0] = "bash";
        cmd[1] = "-c";
        cmd[2] = "source submit-scripts/lib.sh && compute_jit_opts \"${@:2}\"";
        cmd[3] = "_";
        System.arraycopy(args, 0, cmd, 4, args.length);
        Process p = new ProcessBuilder(cmd).directory(ClusterIT.HOME.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /**
     * Only speed depends on the launcher's JIT choice: C1 with the FMA kernel, C2 with the vector kernel, and C2 for
     * the dense kernels only (whose directives file announces itself on stderr, filtered) give the same energy and
     * gradient to the last bit, and stdout holds the result JSON alone.
     */
    @Test
    void theJitChoiceChangesNoNumber() throws Exception {
        Path in = dir.resolve("dimer.json");
        Files.writeString(in, DIMER.formatted("6-31g*"));
        Outcome c1 = run("submit-scripts/qcmb", "compute", in.toString());
        Outcome c2 = runWith("-XX:TieredStopAtLevel=4 -Dqcmb.kernel=vector", "submit-scripts/qcmb", "compute",
                in.toString());
        Outcome kernels = runWith("-XX:TieredStopAtLevel=4 -Dqcmb.kernel=vector " + KERNELS_C2,
                "submit-scripts/qcmb", "compute", in.toString());
        JsonNode r1 = new ObjectMapper().readTree(c1.out());
        assertThat(r1.get("return_result").size()).isEqualTo(18);
        for (Outcome o : new Outcome[] {c1, c2, kernels}) {
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(o.err()).isEmpty();
            JsonNode r = new ObjectMapper().readTree(o.out());
            assertThat(r.get("return_result")).isEqualTo(r1.get("return_result"));
            assertThat(r.get("properties").get("return_energy")).isEqualTo(r1.get("properties").get("return_energy"));
        }
    }
}
