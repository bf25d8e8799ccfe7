package org.qcmb.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.sql.SparkSession;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.spark.FragmentStage;
import org.qcmb.spark.ManyBodyJob;
import org.qcmb.spark.MemorySampler;
import org.qcmb.spark.SparkSessions;

/** The three ways the benchmarks run a workload: a plain loop, plain threads, and Spark. */
final class Timings {
    private Timings() {
    }

    /** Sequential in-process loop (no Spark): per-level task times in seconds, in plan order. */
    record Sequential(double seconds, Map<Integer, double[]> taskSeconds) {
        /** max(sum / cores, longest task) per level, summed: no schedule of these tasks can beat it. */
        double lowerBound(int cores) {
            double lb = 0;
            for (double[] t : taskSeconds.values()) {
                double sum = 0;
                double max = 0;
                for (double x : t) {
                    sum += x;
                    max = Math.max(max, x);
                }
                lb += Math.max(sum / cores, max);
            }
            return lb;
        }
    }

    /** One Spark run of a workload: start-up and stage time (first stage submitted to last result collected). */
    record SparkTiming(double startupSeconds, double stageSeconds, long peakRssBytes, long peakHeapBytes) {
    }

    static Sequential sequential(Workload w) {
        Map<Integer, double[]> perLevel = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (Map.Entry<Integer, List<FragmentTask>> level : w.plan().tasksByLevel().entrySet()) {
            double[] times = new double[level.getValue().size()];
            int i = 0;
            for (FragmentTask t : level.getValue()) {
                long s = System.nanoTime();
                var r = w.context().compute(t);
                if (!r.success()) {
                    throw new IllegalStateException(t.label() + ": " + r.error());
                }
                times[i++] = (System.nanoTime() - s) / 1e9;
            }
            perLevel.put(level.getKey(), times);
        }
        return new Sequential((System.nanoTime() - t0) / 1e9, perLevel);
    }

    /** Runs each level's tasks on c threads pulling from a shared queue (longest first); returns seconds. */
    static double threaded(Workload w, int c) throws InterruptedException {
        long t0 = System.nanoTime();
        for (List<FragmentTask> level : w.plan().tasksByLevel().values()) {
            List<FragmentStage.Costed<FragmentTask>> costed = new ArrayList<>();
            level.forEach(t -> costed.add(new FragmentStage.Costed<>(t, w.context().costEstimate(t))));
            ConcurrentLinkedQueue<FragmentTask> queue = new ConcurrentLinkedQueue<>();
            FragmentStage.longestFirst(costed).forEach(x -> queue.add(x.item()));
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < c; i++) {
                Thread t = new Thread(() -> {
                    for (FragmentTask task = queue.poll(); task != null; task = queue.poll()) {
                        w.context().compute(task);
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static SparkTiming spark(Workload w, String master, ManyBodyJob.Strategy strategy) {
        return spark(w, master, strategy, Map.of(), false);
    }

    /**
     * One measured run on a fresh SparkSession. warmFirst runs the workload once, unmeasured, in the same
     * application first: a cluster's executors are new JVMs for every application and would otherwise be timed
     * while the JIT compiles the engine.
     */
    static SparkTiming spark(Workload w, String master, ManyBodyJob.Strategy strategy, Map<String, String> conf,
            boolean warmFirst) {
        long t0 = System.nanoTime();
        Map<String, String> all = new LinkedHashMap<>(Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "2"));
        all.putAll(conf);
        SparkSession spark = SparkSessions.start(master, null, all);
        double startup = (System.nanoTime() - t0) / 1e9;
        if (warmFirst) {
            new ManyBodyJob(spark, new FragmentStage(20_000, 16), null, strategy).run(w.context(), w.plan(), Map.of(),
                    (level, outcomes) -> { });
        }
        try (MemorySampler sampler = new MemorySampler(100)) {
            ManyBodyJob.Outcome o = new ManyBodyJob(spark, new FragmentStage(20_000, 16), null, strategy)
                    .run(w.context(), w.plan(), Map.of(), (level, outcomes) -> { });
            if (!o.succeeded()) {
                throw new IllegalStateException(w.name() + ": " + o.failures().size() + " fragments failed, e.g. "
                        + o.failures().get(0).result().error());
            }
            long heap = sampler.samples().stream().mapToLong(MemorySampler.Sample::heapUsedBytes).max().orElse(-1);
            return new SparkTiming(startup, (o.lastCollectMs() - o.firstSubmitMs()) / 1000.0, sampler.peakRssBytes(),
                    heap);
        } finally {
            spark.stop();
        }
    }
}
