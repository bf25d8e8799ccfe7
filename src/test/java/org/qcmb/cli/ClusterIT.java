package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Spark standalone cluster (master + 2 workers on 127.0.0.1, started from the project's jars by
 * submit-scripts/cluster-start), the application submitted with submit-scripts/submit. Runs after packaging.
 */
class ClusterIT {
    static final Path HOME = Path.of(System.getProperty("user.dir"));
    static final Path WORK = HOME.resolve("target/cluster-it");
    static String master;
    static int webUi;

    @BeforeAll
    static void startCluster() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        int port = freePort();
        webUi = freePort();
        Process p = script("submit-scripts/cluster-start", "--workers", "2", "--cores", "1", "--memory", "1g",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(webUi), "--dir",
                WORK.resolve("cluster").toString()).redirectOutput(WORK.resolve("cluster-start.out").toFile())
                .redirectError(WORK.resolve("cluster-start.err").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(WORK.resolve("cluster-start.err"))).isZero();
        master = Files.readString(WORK.resolve("cluster-start.out")).strip();
        assertThat(master).isEqualTo("spark://127.0.0.1:" + port);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        List<Long> pids = Files.readAllLines(WORK.resolve("cluster/pids")).stream().filter(s -> !s.isBlank())
                .map(Long::parseLong).toList();
        Process p = script("submit-scripts/cluster-stop", "--dir", WORK.resolve("cluster").toString()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // nothing left behind: daemons and their executors are gone
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
        }
        assertThat(executorsOfThisCluster()).isEmpty();
    }

    static ProcessBuilder script(String... cmd) {
        List<String> c = new ArrayList<>(List.of(cmd));
        c.set(0, HOME.resolve(cmd[0]).toString());
        ProcessBuilder pb = new ProcessBuilder(c).directory(HOME.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Executor JVMs whose working directory lies in this test's cluster folder. */
    static List<ProcessHandle> executorsOfThisCluster() {
        return ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("")
                .contains("CoarseGrainedExecutorBackend")).filter(h -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc/" + h.pid() + "/cwd")).startsWith(WORK);
                    } catch (IOException e) {
                        return false;
                    }
                }).toList();
    }

    /** The water trimer, HF/6-31G*, gradient, cp+nocp+vmfc: 19 fragments, a few seconds each on one core. */
    static Path input() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode in = (ObjectNode) json.readTree(HOME.resolve("src/main/resources/examples/water-trimer-input.json")
                .toFile());
        ObjectNode spec = (ObjectNode) in.get("specification");
        spec.put("driver", "gradient");
        ((ObjectNode) spec.get("keywords")).set("bsse_type", json.readTree("[\"cp\", \"nocp\", \"vmfc\"]"));
        ((ObjectNode) spec.get("specification").get("model")).put("basis", "6-31g*");
        Path file = WORK.resolve("trimer-631gs-gradient.json");
        Files.writeString(file, json.writeValueAsString(in));
        return file;
    }

    static Process run(Path input, Path out, Path log, String... launcher) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(launcher));
        cmd.addAll(List.of("run", input.toString(), "--out", out.toString(), "--no-tables"));
        return script(cmd.toArray(String[]::new)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void clusterRunSurvivesALostExecutorAndEqualsLocalRunsBitwise() throws Exception {
        Path input = input();
        Process local = run(input, WORK.resolve("local"), WORK.resolve("local.log"), "submit-scripts/qcmb");
        assertThat(local.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(local.exitValue()).as(Files.readString(WORK.resolve("local.log"))).isZero();

        Path log = WORK.resolve("cluster.log");
        Process cluster = run(input, WORK.resolve("cluster-run"), log, "submit-scripts/submit", "--master", master,
                "--conf", "spark.executor.memory=1g", "--conf", "spark.task.maxFailures=4", "--");
        // once level 1 has made progress, kill one executor outright (as a crashed node would go)
        long killed = -1;
        for (int i = 0; i < 600 && cluster.isAlive(); i++) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            List<ProcessHandle> executors = executorsOfThisCluster();
            if (text.contains("MBE level 1/3") && executors.size() == 2) {
                killed = executors.get(0).pid();
                new ProcessBuilder("kill", "-9", Long.toString(killed)).start().waitFor();
                break;
            }
            Thread.sleep(100);
        }
        assertThat(cluster.waitFor(400, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(cluster.exitValue()).as(output).isZero();
        assertThat(killed).as("an executor was killed during level 1").isPositive();
        assertThat(output).containsPattern("(?i)lost executor|executor lost|ExecutorLostFailure|Remote RPC client");
        assertThat(Files.readAllBytes(WORK.resolve("cluster-run/result.json")))
                .isEqualTo(Files.readAllBytes(WORK.resolve("local/result.json")));

        // and a second, undisturbed run on local[1] gives the same bytes too
        Process one = script("submit-scripts/qcmb", "run", input.toString(), "--master", "local[1]", "--out",
                WORK.resolve("local1").toString(), "--no-tables").redirectErrorStream(true)
                .redirectOutput(WORK.resolve("local1.log").toFile()).start();
        assertThat(one.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllBytes(WORK.resolve("local1/result.json")))
                .isEqualTo(Files.readAllBytes(WORK.resolve("local/result.json")));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
