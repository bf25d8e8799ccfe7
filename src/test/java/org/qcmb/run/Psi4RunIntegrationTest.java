package org.qcmb.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.cli.Engines;
import org.qcmb.engine.EngineException;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.psi4.Psi4Engine;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.spark.SparkSessions;
import org.qcmb.testing.Trimer;

/**
 * Psi4 end to end through the Spark driver (local[2]). Skipped only when psi4 is absent on a developer's
 * machine; in CI (CI=true) a missing psi4 fails.
 */
class Psi4RunIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        try {
            new Psi4Engine().checkAvailable();
        } catch (EngineException e) {
            if (!"true".equals(System.getenv("CI"))) {
                Assumptions.abort("psi4 not installed (" + e.getMessage() + "): skipping Psi4 end-to-end tests");
            }
            throw e;
        }
        spark = SparkSessions.start("local[2,3]", null, Map.of("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    JsonNode run(ManyBodyInput in, String name) throws Exception {
        return JSON.readTree(runWith(in, name, Engines.registry(1)).toFile());
    }

    /** Runs to success and returns the path of result.json. */
    Path runWith(ManyBodyInput in, String name, EngineRegistry engines) {
        Path out = tmp.resolve(name);
        ManyBodyRun.Result r = new ManyBodyRun().execute(RunRequest.builder(in, engines).inputName(name)
                .out(out).build(), spark);
        assertThat(r.succeeded()).as(name + " failures: " + r.failures()).isTrue();
        lastReport = r.report();
        return out.resolve("result.json");
    }

    RunReport lastReport;

    static final String PK = "{\"scf_type\": \"pk\", \"e_convergence\": 1e-10, \"d_convergence\": 1e-10}";

    /** The old mode and the warm workers give the same result document, byte for byte. */
    @Test
    void warmWorkersAndAProcessPerFragmentGiveBitwiseTheSameResultDocument() throws Exception {
        ManyBodyInput in = Trimer.input("gradient", "[\"cp\", \"nocp\"]", "psi4", "hf", "sto-3g", PK);
        Path process = runWith(in, "process", Engines.registry(1, Psi4Engine.Mode.PROCESS, 0));
        Path worker = runWith(in, "worker", Engines.registry(1, Psi4Engine.Mode.WORKER, 0));
        assertThat(Files.readAllBytes(worker)).isEqualTo(Files.readAllBytes(process));
        assertThat(JSON.readTree(worker.toFile()).get("return_result")).hasSize(9);
    }

    /**
     * A worker killed (SIGKILL) in the middle of level 2: the calculation is an engine crash, Spark retries the task
     * (local[2,3]: three attempts), a new worker takes it, and the result is bitwise that of an undisturbed run.
     */
    @Test
    void aWorkerKilledInTheMiddleOfALevelIsRetriedAndTheRunCompletes() throws Exception {
        ManyBodyInput in = Trimer.input("energy", "[\"nocp\"]", "psi4", "hf", "sto-3g", PK);
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        EngineRegistry engines = new EngineRegistry().register("psi4", () -> new Psi4Engine(
                Psi4Engine.Settings.defaults().withScratchRoot(scratch.toString())));
        Path undisturbed = runWith(in, "undisturbed", engines);

        // 3 monomers, then 3 dimers: the 4th calculation to start is the first of level 2
        WorkerKiller killer = new WorkerKiller(scratch, 4);
        killer.start();
        Path disturbed;
        try {
            disturbed = runWith(in, "disturbed", engines);
        } finally {
            killer.interrupt();
            killer.join();
        }
        assertThat(killer.killed).as("worker processes killed").isPositive();
        assertThat(lastReport.tasks()).anyMatch(t -> !t.successful() && t.level() == 2);
        assertThat(Files.readAllBytes(disturbed)).isEqualTo(Files.readAllBytes(undisturbed));
        new Psi4Engine(Psi4Engine.Settings.defaults().withScratchRoot(scratch.toString())).closeWorkers();
        try (var left = Files.list(scratch)) {
            assertThat(left).as("scratch and worker directories").isEmpty();
        }
    }

    /**
     * Watches a scratch root: when the n-th task directory holds run_json's output file (Psi4 is inside that
     * calculation), kills every psi4 worker of this JVM at once.
     */
    static final class WorkerKiller extends Thread {
        private final Path scratch;
        private final int nth;
        private final java.util.Set<Path> started = new java.util.HashSet<>();
        volatile int killed;

        WorkerKiller(Path scratch, int nth) {
            this.scratch = scratch;
            this.nth = nth;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                try (var dirs = Files.list(scratch)) {
                    for (Path d : dirs.filter(d -> !d.getFileName().toString().startsWith("qcmb-psi4-worker-"))
                            .toList()) {
                        try (var files = Files.list(d)) {
                            if (files.anyMatch(f -> f.toString().endsWith(".json_out"))) {
                                started.add(d);
                            }
                        } catch (java.io.IOException | java.io.UncheckedIOException e) {
                            // finished and deleted meanwhile
                        }
                    }
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    // look again
                }
                if (started.size() >= nth) {
                    ProcessHandle.current().descendants()
                            .filter(p -> p.info().arguments().map(a -> java.util.Arrays.asList(a).contains("worker.py"))
                                    .orElse(false))
                            .forEach(p -> {
                                if (p.destroyForcibly()) {
                                    killed++;
                                }
                            });
                    return;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Test
    void psi4DensityFittedTrimerReproducesQcManyBody() throws Exception {
        // Psi4's default scf_type (DF), tight convergence: the component energies QCManyBody's test data came from
        ManyBodyInput in = Trimer.input("energy", "[\"cp\", \"nocp\", \"vmfc\"]", "psi4", "hf",
                "sto-3g", "{\"e_convergence\": 1e-10, \"d_convergence\": 1e-10}");
        JsonNode doc = run(in, "psi4-df");
        JsonNode expected = JSON.readTree(getClass().getResourceAsStream("/conformance/single_energy_1.json"))
                .get("expected_qcmanybody");
        assertThat(doc.get("return_result").asDouble()).isCloseTo(expected.get("ret_energy").asDouble(),
                within(1e-8));
        Iterator<Map.Entry<String, JsonNode>> body = expected.get("energy_body_dict").fields();
        while (body.hasNext()) {
            Map.Entry<String, JsonNode> e = body.next();
            assertThat(doc.get("energy_body_dict").get(e.getKey()).asDouble()).as(e.getKey())
                    .isCloseTo(e.getValue().asDouble(), within(1e-8));
        }
        Iterator<Map.Entry<String, JsonNode>> props = expected.get("results").fields();
        while (props.hasNext()) {
            Map.Entry<String, JsonNode> e = props.next();
            assertThat(doc.get("properties").get(e.getKey()).asDouble()).as(e.getKey())
                    .isCloseTo(e.getValue().asDouble(), within(1e-8));
        }
    }

    @Test
    void builtinTrimerGradientMatchesExactPsi4() throws Exception {
        String bsse = "[\"cp\", \"nocp\", \"vmfc\"]";
        String tight = "{\"scf_type\": \"pk\", \"e_convergence\": 1e-10, \"d_convergence\": 1e-10}";
        JsonNode builtin = run(Trimer.input("gradient", bsse, "builtin", "hf", "sto-3g", tight),
                "builtin");
        JsonNode psi4 = run(Trimer.input("gradient", bsse, "psi4", "hf", "sto-3g", tight), "psi4-pk");
        Iterator<Map.Entry<String, JsonNode>> body = psi4.get("energy_body_dict").fields();
        int n = 0;
        while (body.hasNext()) {
            Map.Entry<String, JsonNode> e = body.next();
            assertThat(builtin.get("energy_body_dict").get(e.getKey()).asDouble()).as(e.getKey())
                    .isCloseTo(e.getValue().asDouble(), within(1e-8));
            n++;
        }
        assertThat(n).isEqualTo(9); // 1..3 for cp, nocp, vmfc
        JsonNode gb = builtin.get("return_result");
        JsonNode gp = psi4.get("return_result");
        for (int atom = 0; atom < 9; atom++) {
            for (int k = 0; k < 3; k++) {
                assertThat(gb.get(atom).get(k).asDouble()).as("gradient[%d][%d]", atom, k)
                        .isCloseTo(gp.get(atom).get(k).asDouble(), within(1e-7));
            }
        }
    }
}
