package org.qcmb.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.qcmb.io.TableSchemas;
import org.qcmb.io.TableWriter;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.Planner;
import org.qcmb.common.InputException;
import org.qcmb.spark.FragmentContext;
import org.qcmb.spark.FragmentStage;
import org.qcmb.spark.HostFacts;
import org.qcmb.spark.ManyBodyJob;
import org.qcmb.spark.MemorySampler;
import org.qcmb.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures, in one run and side by side: the driver's overhead against a plain sequential loop, scaling with
 * cores (and a 2-worker standalone cluster), memory against fragment count, and what each scheduling choice
 * buys. Every figure is printed and appended to the benchmarks table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark suite: overhead, scaling, memory, optimisations (and the 16-water end-to-end run).",
                "Each category prints a table and appends rows to the 'benchmarks' table. The full suite takes about"
                        + " 10 minutes on 2 cores; --quick about 1-2 minutes."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "a small subset (about a minute)")
    boolean quick;

    @Option(names = "--tables", paramLabel = "DIR", defaultValue = "qcmb-tables",
            description = "tables directory (default: ${DEFAULT-VALUE})")
    Path tables;

    @Option(names = "--only", split = ",", paramLabel = "CATEGORY",
            description = "categories to run: overhead, scaling, memory, optimisations, endtoend (default: all)")
    Set<String> only;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "also write PNG plots (speed-up, efficiency) from the benchmarks table into DIR")
    Path plots;

    @Option(names = "--no-cluster", description = "skip the standalone-cluster scaling point")
    boolean noCluster;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    private BenchRecorder rec;
    private final PrintStream out = System.out;

    /** A workload: a plan and the context that computes its tasks. */
    record Workload(String name, ManyBodyInput input, Plan plan, FragmentContext context) {
        static Workload of(String name, ManyBodyInput in) {
            return new Workload(name, in, Planner.plan(in.expansionSpec()),
                    new FragmentContext(in, ManyBodyRun.enginesFor(in, Engines.registry(1))));
        }

        int size() {
            return plan.taskCount();
        }
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

    @Override
    public Integer call() throws Exception {
        Set<String> cats = only == null ? Set.of("overhead", "scaling", "memory", "optimisations", "endtoend")
                : only;
        for (String c : cats) {
            if (!Set.of("overhead", "scaling", "memory", "optimisations", "endtoend").contains(c)) {
                throw new InputException("--only: unknown category '" + c
                        + "' (overhead, scaling, memory, optimisations, endtoend)");
            }
        }
        String runId = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss",
                Locale.ROOT)) + "-" + UUID.randomUUID().toString().substring(0, 6);
        rec = new BenchRecorder(runId, out);
        HostFacts host = HostFacts.here("driver", "driver");
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "qcmb bench %s%s on %s (%d logical cores, %.1f GiB), %s%n", runId,
                quick ? " --quick" : "", host.cpuModel(), cores, host.memoryBytes() / 1073741824.0, host.jvm());

        Workload ms = Workload.of("ms: 6 H2O hf/sto-3g nocp3", WaterClusters.input(6, "energy", "[\"nocp\"]", 3,
                "builtin", "hf", "sto-3g", "{}"));
        Workload sec = quick
                ? Workload.of("s: 4 H2O hf/6-31g* cp2", WaterClusters.input(4, "energy", "[\"cp\"]", 2, "builtin",
                        "hf", "6-31g*", "{}"))
                : Workload.of("s: 4 H2O hf/cc-pvdz cp2", WaterClusters.input(4, "energy", "[\"cp\"]", 2, "builtin",
                        "hf", "cc-pvdz", "{}"));
        Workload synthetic = Workload.of("SYNTHETIC 100ms/task", WaterClusters.input(quick ? 4 : 6, "energy",
                "[\"nocp\"]", 2, "synthetic", "none", "none", "{\"cpu_ms\": 100}"));

        warmUp(ms, sec);
        spark(ms, "local[1]", ManyBodyJob.Strategy.DEFAULT); // warms Spark's own code paths, not counted
        if (cats.contains("overhead")) {
            overhead(List.of(ms, sec, synthetic));
        }
        if (cats.contains("scaling")) {
            scaling(List.of(sec, synthetic), cores);
        }
        if (cats.contains("memory")) {
            memory();
        }
        if (cats.contains("optimisations")) {
            optimisations(quick ? ms : sec);
        }
        if (cats.contains("endtoend") && !quick) {
            endToEnd();
        }
        SparkSession spark = session("local[1]");
        try {
            new TableWriter(spark, tables).append("benchmarks", TableSchemas.BENCHMARKS, rec.rows());
            if (plots != null) {
                List<Path> files = org.qcmb.report.Plots.writeAll(spark, tables, null, plots, note -> { });
                out.println("Plots:         " + files.size() + " PNG files in " + plots);
            }
        } finally {
            spark.stop();
        }
        out.println();
        out.println("Benchmarks:    " + tables.resolve("benchmarks") + " (run_id " + runId + ")");
        return 0;
    }

    private static SparkSession session(String master) {
        return SparkSessions.start(master, null, Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "2"));
    }

    /** JIT-compiles the engine before anything is timed (local executors share this JVM). */
    private void warmUp(Workload... ws) {
        for (Workload w : ws) {
            List<FragmentTask> tasks = w.plan().tasks();
            for (int i = 0; i < Math.min(6, tasks.size()); i++) {
                w.context().compute(tasks.get(i));
            }
        }
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

    SparkTiming spark(Workload w, String master, ManyBodyJob.Strategy strategy) {
        return spark(w, master, strategy, Map.of(), false);
    }

    /**
     * One measured run on a fresh SparkSession. warmFirst runs the workload once, unmeasured, in the same
     * application first: a cluster's executors are new JVMs for every application and would otherwise be timed
     * while the JIT compiles the engine.
     */
    SparkTiming spark(Workload w, String master, ManyBodyJob.Strategy strategy, Map<String, String> conf,
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

    private void overhead(List<Workload> ws) {
        for (Workload w : ws) {
            Sequential seq = sequential(w);
            SparkTiming sp = spark(w, "local[1]", ManyBodyJob.Strategy.DEFAULT);
            double overhead = (sp.stageSeconds() - seq.seconds()) / seq.seconds() * 100;
            double perTaskMs = (sp.stageSeconds() - seq.seconds()) / w.size() * 1000;
            rec.add("overhead", w.name(), "sequential loop", "time", seq.seconds(), "s", 1, w.size(), "no Spark");
            rec.add("overhead", w.name(), "spark local[1]", "stage_time", sp.stageSeconds(), "s", 1, w.size(),
                    "first stage submitted to last result collected");
            rec.add("overhead", w.name(), "spark local[1]", "spark_startup", sp.startupSeconds(), "s", 1, w.size(),
                    "SparkSession start, reported separately");
            rec.add("overhead", w.name(), "spark local[1]", "overhead_pct", overhead, "%", 1, w.size(),
                    "(T_spark - T_seq) / T_seq");
            rec.add("overhead", w.name(), "spark local[1]", "per_task_overhead", perTaskMs, "ms", 1, w.size(),
                    "(T_spark - T_seq) / tasks");
        }
        rec.print("overhead", "overhead: the same fragments, sequential loop vs Spark driver on local[1]");
    }

    private void scaling(List<Workload> ws, int cores) throws Exception {
        for (Workload w : ws) {
            scaling(w, cores, w == ws.get(0));
        }
        rec.print("scaling", "scaling: speed-up against the sequential loop, makespan against the lower bound");
    }

    private void scaling(Workload w, int cores, boolean withCluster) throws Exception {
        Sequential seq = sequential(w);
        rec.add("scaling", w.name(), "sequential loop", "time", seq.seconds(), "s", 1, w.size(), "no Spark");
        for (int c = 1; c <= cores; c++) {
            SparkTiming sp = spark(w, "local[" + c + "]", ManyBodyJob.Strategy.DEFAULT);
            scalingFigures(w, seq, sp, c, "local", "local[" + c + "]");
            if (c > 1) {
                // the same tasks on c plain threads, no Spark: what the hardware allows (shared caches, SMT)
                double threads = threaded(w, c);
                rec.add("scaling", w.name(), "plain threads (no Spark)", "stage_time", threads, "s", c, w.size(),
                        c + " threads, level by level, longest first");
                rec.add("scaling", w.name(), "plain threads (no Spark)", "speedup", seq.seconds() / threads, "x", c,
                        w.size(), "T_seq / T_threads");
                rec.add("scaling", w.name(), "spark vs plain threads", "spark_over_threads",
                        (sp.stageSeconds() / threads - 1) * 100, "%", c, w.size(), "Spark's own cost at c cores");
            }
        }
        if (withCluster && !noCluster && !quick) {
            Path home = Path.of(System.getenv().getOrDefault("QCMB_HOME", "."));
            Path dir = Files.createTempDirectory("qcmb-bench-cluster");
            int port = 7300 + (int) (ProcessHandle.current().pid() % 500);
            Process start = new ProcessBuilder(home.resolve("submit-scripts/cluster-start").toString(), "--workers",
                    "2", "--cores", "1", "--memory", "6g", "--port", Integer.toString(port), "--webui-port",
                    Integer.toString(port + 1000), "--dir", dir.toString()).redirectErrorStream(true).start();
            String url = new String(start.getInputStream().readAllBytes()).strip();
            if (!start.waitFor(120, TimeUnit.SECONDS) || start.exitValue() != 0) {
                rec.add("scaling", w.name(), "standalone 2x1", "error", Double.NaN, "", 2, w.size(), url);
            } else {
                try {
                    // executors as big as the local JVM's share (the engine keeps integrals in core within 1/4 heap),
                    // and scheduling starts once both have registered
                    SparkTiming sp = spark(w, url, ManyBodyJob.Strategy.DEFAULT, Map.of("spark.executor.memory", "5g",
                            "spark.scheduler.minRegisteredResourcesRatio", "1.0",
                            "spark.scheduler.maxRegisteredResourcesWaitingTime", "60s"), true);
                    scalingFigures(w, seq, sp, 2, "standalone 2x1", "2 workers x 1 core, 5g executors;"
                            + " measured after a warm-up pass in the same application");
                } finally {
                    new ProcessBuilder(home.resolve("submit-scripts/cluster-stop").toString(), "--dir",
                            dir.toString()).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Runs each level's tasks on c threads pulling from a shared queue (longest first); returns seconds. */
    static double threaded(Workload w, int c) throws InterruptedException {
        long t0 = System.nanoTime();
        for (List<FragmentTask> level : w.plan().tasksByLevel().values()) {
            List<FragmentStage.Costed<FragmentTask>> costed = new ArrayList<>();
            level.forEach(t -> costed.add(new FragmentStage.Costed<>(t, w.context().costEstimate(t))));
            java.util.concurrent.ConcurrentLinkedQueue<FragmentTask> queue = new java.util.concurrent
                    .ConcurrentLinkedQueue<>();
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

    private void scalingFigures(Workload w, Sequential seq, SparkTiming sp, int c, String variant, String note) {
        double speedup = seq.seconds() / sp.stageSeconds();
        double lb = seq.lowerBound(c);
        rec.add("scaling", w.name(), variant, "stage_time", sp.stageSeconds(), "s", c, w.size(), note);
        rec.add("scaling", w.name(), variant, "speedup", speedup, "x", c, w.size(), "T_seq / T_stage");
        rec.add("scaling", w.name(), variant, "efficiency", speedup / c, "ratio", c, w.size(), "speed-up / cores");
        rec.add("scaling", w.name(), variant, "lower_bound", lb, "s", c, w.size(),
                "sum over levels of max(sum t / cores, max t)");
        rec.add("scaling", w.name(), variant, "makespan_over_bound", (sp.stageSeconds() / lb - 1) * 100, "%", c,
                w.size(), "how far above the lower bound");
    }

    private void memory() {
        int[] sizes = quick ? new int[] {2, 4, 8, 16} : new int[] {2, 4, 8, 16, 32};
        for (int n : sizes) {
            Workload w = Workload.of(n + " H2O SYNTHETIC nocp" + Math.min(3, n), WaterClusters.input(n, "energy",
                    "[\"nocp\"]", Math.min(3, n), "synthetic", "none", "none", "{}"));
            System.gc();
            long base = usedHeap();
            SparkTiming sp = spark(w, "local[2]", ManyBodyJob.Strategy.DEFAULT);
            rec.add("memory", w.name(), "local[2] driver=executor", "peak_rss", sp.peakRssBytes() / 1048576.0, "MiB",
                    2, w.size(), "whole JVM, sampled every 100 ms");
            rec.add("memory", w.name(), "local[2] driver=executor", "peak_heap_above_idle",
                    Math.max(0, sp.peakHeapBytes() - base) / 1048576.0, "MiB", 2, w.size(), "");
        }
        int[] planSizes = quick ? new int[] {16, 32} : new int[] {16, 32, 64};
        for (int n : planSizes) {
            ManyBodyInput in = WaterClusters.input(n, "energy", "[\"nocp\"]", 4, "builtin", "hf", "sto-3g", "{}");
            System.gc();
            long before = usedHeap();
            long t0 = System.nanoTime();
            Plan plan = Planner.plan(in.expansionSpec());
            double secs = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long after = usedHeap();
            rec.add("memory", n + " H2O plan only, nocp4", "planner", "plan_time", secs, "s", 1, plan.taskCount(), "");
            rec.add("memory", n + " H2O plan only, nocp4", "planner", "bytes_per_task",
                    (after - before) / (double) plan.taskCount(), "B", 1, plan.taskCount(), "retained heap / tasks");
        }
        rec.print("memory", "memory: peak memory against fragment count, bytes per planned task");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private void optimisations(Workload w) {
        Sequential seq = sequential(w);
        record Variant(String name, ManyBodyJob.Strategy s) {
        }
        List<Variant> variants = List.of(
                new Variant("default (per level, sorted)", ManyBodyJob.Strategy.DEFAULT),
                new Variant("all levels in one stage", new ManyBodyJob.Strategy(false, true,
                        ManyBodyJob.Strategy.AUTO)),
                new Variant("unsorted, Spark's slicing", new ManyBodyJob.Strategy(true, false,
                        ManyBodyJob.Strategy.SPARK_DEFAULT)),
                new Variant("unsorted, 1 task/partition", new ManyBodyJob.Strategy(true, false, 1)),
                new Variant("sorted, batches of 4", new ManyBodyJob.Strategy(true, true, 4)));
        rec.add("optimisations", w.name(), "sequential loop", "time", seq.seconds(), "s", 1, w.size(), "no Spark");
        for (Variant v : variants) {
            SparkTiming sp = spark(w, "local[2]", v.s());
            rec.add("optimisations", w.name(), v.name(), "stage_time", sp.stageSeconds(), "s", 2, w.size(), "");
            rec.add("optimisations", w.name(), v.name(), "speedup", seq.seconds() / sp.stageSeconds(), "x", 2,
                    w.size(), "T_seq / T_stage");
        }
        rec.print("optimisations", "optimisations: scheduling choices on local[2]");
    }

    /** The end-to-end target: 16 waters, MBE3 nocp, HF/6-31G*, builtin engine, the whole run command. */
    private void endToEnd() throws IOException {
        ManyBodyInput in = WaterClusters.input(16, "energy", "[\"nocp\"]", 3, "builtin", "hf", "6-31g*", "{}");
        Path outDir = Files.createTempDirectory("qcmb-bench-e2e");
        PrintStream quietOut = new PrintStream(new ByteArrayOutputStream());
        long t0 = System.nanoTime();
        ManyBodyRun.Result r = new ManyBodyRun(quietOut, quietOut).execute(new ManyBodyRun.Options(in,
                "16 waters", outDir, null, "local[2]", false, 1, Engines.registry(1), Map.of(), true));
        double wall = (System.nanoTime() - t0) / 1e9;
        String name = "16 H2O hf/6-31g* nocp3";
        rec.add("endtoend", name, "run local[2]", "wall_time", wall, "s", 2, r.report().computed(),
                r.succeeded() ? "success" : "FAILED");
        rec.add("endtoend", name, "run local[2]", "spark_startup", r.report().sparkStartupMs() / 1000.0, "s", 2,
                r.report().computed(), "");
        rec.add("endtoend", name, "run local[2]", "stage_time", r.report().stageTimeMs() / 1000.0, "s", 2,
                r.report().computed(), "");
        rec.print("endtoend", "end to end: the run command, 16 waters MBE3 nocp HF/6-31G* (696 fragments)");
    }
}
