package org.qcmb.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples this JVM's resident memory (OSHI) and used heap at a fixed interval on a daemon thread, for the
 * memory profile of a run. Executors' memory comes from Spark's executor metrics (see {@link MetricsListener}).
 */
public final class MemorySampler implements AutoCloseable {
    /** One sample; role is "driver" or "executor". */
    public record Sample(long timeMs, String role, String executorId, long rssBytes, long heapUsedBytes)
            implements Serializable {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public MemorySampler(long intervalMs) {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "qcmb-memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        Runtime rt = Runtime.getRuntime();
        Sample s = new Sample(System.currentTimeMillis(), "driver", "driver", HostFacts.residentBytes(),
                rt.totalMemory() - rt.freeMemory());
        synchronized (samples) {
            samples.add(s);
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    /** Peak resident memory seen so far, in bytes. */
    public long peakRssBytes() {
        return samples().stream().mapToLong(Sample::rssBytes).max().orElse(-1);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        sample();
    }
}
