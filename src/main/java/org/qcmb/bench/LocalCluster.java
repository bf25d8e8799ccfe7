package org.qcmb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for the length of a try-with-resources block: started with the
 * project's {@code submit-scripts/cluster-start} (Master and Workers as background JVMs, PIDs recorded in its
 * folder) and stopped by {@code cluster-stop} with those PIDs when closed.
 */
final class LocalCluster implements AutoCloseable {
    private final Path home;
    private final Path dir;
    private final String url;

    private LocalCluster(Path home, Path dir, String url) {
        this.home = home;
        this.dir = dir;
        this.url = url;
    }

    /**
     * Starts workers x cores-per-worker with the given worker memory; ports are derived from this JVM's PID so
     * that concurrent benchmarks on one machine do not collide.
     *
     * @throws IOException when the cluster did not come up (the message holds the script's output)
     */
    static LocalCluster start(Path home, int workers, int cores, String memory) throws IOException,
            InterruptedException {
        Path dir = Files.createTempDirectory("qcmb-bench-cluster");
        int port = 7300 + (int) (ProcessHandle.current().pid() % 500);
        Process start = new ProcessBuilder(home.resolve("submit-scripts/cluster-start").toString(), "--workers",
                Integer.toString(workers), "--cores", Integer.toString(cores), "--memory", memory, "--port",
                Integer.toString(port), "--webui-port", Integer.toString(port + 1000), "--dir", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!start.waitFor(120, TimeUnit.SECONDS) || start.exitValue() != 0) {
            new LocalCluster(home, dir, null).close();
            throw new IOException(output.isEmpty() ? "cluster-start failed" : output);
        }
        return new LocalCluster(home, dir, output.lines().reduce((a, b) -> b).orElse(output)); // the URL line
    }

    /** The master URL, spark://127.0.0.1:PORT. */
    String url() {
        return url;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder(home.resolve("submit-scripts/cluster-stop").toString(), "--dir", dir.toString())
                .redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
    }
}
