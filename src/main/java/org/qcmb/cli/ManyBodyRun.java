package org.qcmb.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.qcmb.engine.AtomicResult;
import org.qcmb.engine.EngineException;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.io.FragmentStore;
import org.qcmb.io.InputFingerprint;
import org.qcmb.io.NbodyTable;
import org.qcmb.io.ResultWriter;
import org.qcmb.io.RunReport;
import org.qcmb.io.RunTables;
import org.qcmb.io.TableWriter;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.Assembler;
import org.qcmb.mbe.ComponentResult;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.ResultDocument;
import org.qcmb.molecule.InputException;
import org.qcmb.spark.FragmentContext;
import org.qcmb.spark.FragmentOutcome;
import org.qcmb.spark.FragmentStage;
import org.qcmb.spark.HostFacts;
import org.qcmb.spark.ManyBodyJob;
import org.qcmb.spark.MemorySampler;
import org.qcmb.spark.MetricsListener;
import org.qcmb.spark.ProgressListener;
import org.qcmb.spark.SparkSessions;
import org.qcmb.report.Plots;

/**
 * One many-body run end to end: plan, check engines (before Spark starts), one Spark job per level, persist
 * fragment results for resume, assemble, write DIR/result.json atomically, print the n-body table, then append
 * the run's metrics to the tables. Used by the run command and the benchmarks.
 */
public final class ManyBodyRun {
    /** What a caller asks for. master null = spark-submit's or the embedded default. */
    public record Options(ManyBodyInput input, String inputName, Path out, Path tables, String master,
            boolean resume, int engineThreads, EngineRegistry engines, Map<String, String> sparkConf,
            boolean quiet, Path plots) {
        public Options(ManyBodyInput input, String inputName, Path out, Path tables, String master, boolean resume,
                int engineThreads, EngineRegistry engines, Map<String, String> sparkConf, boolean quiet) {
            this(input, inputName, out, tables, master, resume, engineThreads, engines, sparkConf, quiet, null);
        }
    }

    /** What a run produced; result null when fragments failed. */
    public record Result(ManyBodyResult result, Map<String, Object> document, List<FragmentOutcome> failures,
            RunReport report) {
        public boolean succeeded() {
            return result != null;
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    public ManyBodyRun(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs on a SparkSession of its own (started here, stopped at the end). */
    public Result execute(Options o) {
        return execute(o, null);
    }

    /**
     * Runs on the given SparkSession (left running, e.g. one shared by a test class or a benchmark), or on a
     * session of its own when {@code shared} is null.
     */
    public Result execute(Options o, SparkSession shared) {
        long started = System.currentTimeMillis();
        ManyBodyInput in = o.input();
        Plan plan = in.plan();
        Map<String, FragmentEngine> engines = enginesFor(in, o.engines());
        String fingerprint = InputFingerprint.of(in);
        FragmentStore store = FragmentStore.open(o.out(), fingerprint, o.resume());
        Path resultFile = o.out().resolve("result.json");
        Path failureFile = o.out().resolve("failed-fragments.txt");
        deleteIfExists(resultFile);
        deleteIfExists(failureFile);
        Map<String, AtomicResult> done = o.resume() ? store.load() : Map.of();
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        if (!o.quiet()) {
            out.printf(Locale.ROOT, "qcmb run %s: %d atoms, %d fragments, %d fragment calculations in %d levels%s%n",
                    runId, in.molecule().atomCount(), in.molecule().fragmentCount(), plan.taskCount(),
                    plan.tasksByLevel().size(), done.isEmpty() ? "" : " (" + done.size() + " stored, resuming)");
        }

        Map<String, String> conf = new LinkedHashMap<>(o.sparkConf());
        conf.putIfAbsent("spark.task.cpus", Integer.toString(Math.max(1, o.engineThreads())));
        conf.putIfAbsent("spark.executor.processTreeMetrics.enabled", "true");
        conf.putIfAbsent("spark.executor.heartbeatInterval", "2s");
        long t0 = System.currentTimeMillis();
        SparkSession spark = shared != null ? shared
                : SparkSessions.start(o.master(), o.out().resolve("spark-events"), conf);
        long sparkStartup = System.currentTimeMillis() - t0;
        MetricsListener metrics = new MetricsListener();
        ProgressListener progress = o.quiet() ? null : new ProgressListener(err, 2000);
        spark.sparkContext().addSparkListener(metrics);
        if (progress != null) {
            spark.sparkContext().addSparkListener(progress);
        }
        List<FragmentOutcome> computedOutcomes = new ArrayList<>();
        try (MemorySampler sampler = new MemorySampler(500)) {
            List<HostFacts> hosts = hostFacts(spark);
            ManyBodyJob.Outcome outcome = new ManyBodyJob(spark, new FragmentStage(20_000, 16), progress).run(
                    new FragmentContext(in, engines), plan, done, (level, outcomes) -> {
                        computedOutcomes.addAll(outcomes);
                        List<Map.Entry<String, AtomicResult>> ok = new ArrayList<>();
                        outcomes.forEach(x -> ok.add(Map.entry(x.task().label(), x.result())));
                        store.append(level, ok);
                    });
            MetricsListener.drain(spark.sparkContext());
            plan = outcome.plan(); // energy screening plans levels as results arrive
            ManyBodyResult result = null;
            Map<String, Object> document = null;
            if (outcome.succeeded()) {
                Map<FragmentTask, ComponentResult> components = new LinkedHashMap<>();
                outcome.results().forEach((t, r) -> components.put(t,
                        new ComponentResult(r.energy(), r.gradient(), r.hessian())));
                result = Assembler.assemble(plan, in.driver(), components);
                document = ResultDocument.build(result, in.molecule().nuclearRepulsionEnergy(), null);
                FragmentStore.writeAtomically(resultFile, ResultWriter.toJson(document));
            } else {
                reportFailures(outcome.failures(), failureFile);
            }
            long wall = System.currentTimeMillis() - started;
            long stageTime = outcome.firstSubmitMs() < 0 ? 0 : outcome.lastCollectMs() - outcome.firstSubmitMs();
            if (result != null && !o.quiet()) {
                printSummary(in, plan, result, resultFile, outcome, sparkStartup, stageTime, wall);
            }
            List<MemorySampler.Sample> memory = new ArrayList<>(sampler.samples());
            memory.addAll(metrics.executorMemory());
            if (!spark.sparkContext().isLocal()) { // in local mode the executor is this JVM, sampled above
                computedOutcomes.forEach(x -> memory.add(x.executorMemory()));
            }
            memory.sort(java.util.Comparator.comparingLong(MemorySampler.Sample::timeMs));
            RunReport report = new RunReport(runId, started, o.inputName(), fingerprint, in, plan, result,
                    spark.sparkContext().master(), executorCount(spark), spark.sparkContext().defaultParallelism(),
                    outcome.computed(), outcome.reused(), sparkStartup, stageTime, wall, computedOutcomes,
                    metrics.tasks(), metrics.stages(), hosts, memory);
            if (o.tables() != null) {
                RunTables.write(new TableWriter(spark, o.tables()), report);
                if (!o.quiet()) {
                    out.println("Tables:        " + o.tables() + " (run_id " + runId + ")");
                }
                if (o.plots() != null) {
                    List<Path> files = Plots.writeAll(spark, o.tables(), runId, o.plots(), note -> { });
                    if (!o.quiet()) {
                        out.println("Plots:         " + files.size() + " PNG files in " + o.plots());
                    }
                }
            }
            return new Result(result, document, outcome.failures(), report);
        } finally {
            spark.sparkContext().removeSparkListener(metrics);
            if (progress != null) {
                spark.sparkContext().removeSparkListener(progress);
            }
            if (shared == null) {
                spark.stop();
            }
        }
    }

    /** Resolves each model chemistry's engine and checks it can run here, before any Spark stage starts. */
    static Map<String, FragmentEngine> enginesFor(ManyBodyInput in, EngineRegistry registry) {
        Map<String, FragmentEngine> engines = new LinkedHashMap<>();
        for (Map.Entry<String, AtomicSpecification> e : in.specifications().entrySet()) {
            AtomicSpecification s = e.getValue();
            String where = "specification for model chemistry '" + e.getKey() + "'";
            if (s.method() == null || s.method().isBlank()) {
                throw new InputException(where + ": 'model.method' is missing (e.g. \"hf\" or \"mp2\")");
            }
            if (s.basis() == null || s.basis().isBlank()) {
                throw new InputException(where + ": 'model.basis' is missing (e.g. \"cc-pvdz\")");
            }
            FragmentEngine engine;
            try {
                engine = registry.engine(s.program());
                engine.checkAvailable();
            } catch (EngineException ex) {
                throw new InputException(where + ": " + ex.getMessage());
            }
            engines.put(e.getKey(), engine);
        }
        return engines;
    }

    private void reportFailures(List<FragmentOutcome> failures, Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append(failures.size()).append(" fragment calculation(s) failed; no result was written:\n");
        for (FragmentOutcome f : failures) {
            sb.append("  ").append(f.task().label()).append("  ")
                    .append(f.result().error() == null ? "unknown error"
                            : f.result().error().errorClass() + ": " + f.result().error().message())
                    .append('\n');
        }
        sb.append("Completed fragments are kept; fix the cause and run again with --resume.\n");
        err.print(sb);
        try {
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void printSummary(ManyBodyInput in, Plan plan, ManyBodyResult result, Path resultFile,
            ManyBodyJob.Outcome outcome, long sparkStartup, long stageTime, long wall) {
        out.println();
        out.print(NbodyTable.format(NbodyTable.rows(result, plan.spec().maxNbody())));
        out.println();
        out.printf(Locale.ROOT, "Return energy (%s): %.12f Eh%n", in.bsseTypes().get(0).label(), result.retEnergy());
        out.println("Result:        " + resultFile);
        out.printf(Locale.ROOT, "Fragments:     %d computed, %d reused from an earlier run%n", outcome.computed(),
                outcome.reused());
        out.printf(Locale.ROOT, "Time:          %.1f s total (Spark start-up %.1f s, stages %.1f s)%n",
                wall / 1000.0, sparkStartup / 1000.0, stageTime / 1000.0);
    }

    /** Host facts of the driver and of every executor (a tiny untagged job runs one probe per core). */
    static List<HostFacts> hostFacts(SparkSession spark) {
        List<HostFacts> hosts = new ArrayList<>();
        hosts.add(HostFacts.here("driver", "driver"));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        if (spark.sparkContext().isLocal()) {
            return hosts; // the local executor is the driver JVM
        }
        int n = Math.max(1, spark.sparkContext().defaultParallelism());
        List<Integer> probes = new ArrayList<>();
        for (int i = 0; i < 2 * n; i++) {
            probes.add(i);
        }
        sc.setJobDescription("qcmb: host facts");
        Map<String, HostFacts> byExecutor = new LinkedHashMap<>();
        for (HostFacts h : sc.parallelize(probes, 2 * n)
                .map(i -> HostFacts.here("executor", SparkEnv.get().executorId())).collect()) {
            byExecutor.putIfAbsent(h.executorId(), h);
        }
        sc.setJobDescription(null);
        hosts.addAll(byExecutor.values());
        return hosts;
    }

    static int executorCount(SparkSession spark) {
        if (spark.sparkContext().isLocal()) {
            return 1;
        }
        return Math.max(0, spark.sparkContext().statusTracker().getExecutorInfos().length - 1);
    }

    private static void deleteIfExists(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p, e);
        }
    }
}
