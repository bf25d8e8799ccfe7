package org.qcmb.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.qcmb.common.InputException;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.io.FragmentStore;
import org.qcmb.io.InputFingerprint;
import org.qcmb.mbe.Assembler;
import org.qcmb.mbe.ComponentResult;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.manybody.ManyBodyResultCodec;
import org.qcmb.report.PlotFiles;
import org.qcmb.spark.FragmentContext;
import org.qcmb.spark.FragmentOutcome;
import org.qcmb.spark.FragmentStage;
import org.qcmb.spark.HostFacts;
import org.qcmb.spark.ManyBodyJob;
import org.qcmb.spark.MemorySampler;
import org.qcmb.spark.MetricsListener;
import org.qcmb.spark.ProgressListener;
import org.qcmb.spark.MasterUrl;
import org.qcmb.spark.SparkSessions;
import org.qcmb.tables.TableWriteException;
import org.qcmb.tables.TableWriter;

/**
 * The run use case, end to end: plan; resolve and check every model chemistry's engine (before Spark starts);
 * one Spark job per level, each level's fragment results stored for resume as it finishes; assemble; write
 * DIR/result.json atomically in the input's QCSchema shape; then append the run's report to the tables and draw
 * the plots. The {@link RunObserver} of the request is told each step; the {@link RunReport} is filled by the
 * Spark listeners and the levels as they finish.
 */
public final class ManyBodyRun {
    /** How often a running level's finished fragments are appended to the store (ms; {@link LevelCheckpoint}). */
    static final long CHECKPOINT_MS = Long.getLong("qcmb.checkpoint.ms", 30_000L);

    /**
     * What a run produced: the result (null when fragments failed), its document, the failures, the report, and
     * why the tables could not be written (null when they were, or none were asked for).
     */
    public record Result(ManyBodyResult result, Map<String, Object> document, List<FragmentOutcome> failures,
            RunReport report, String tablesError) {
        public Result(ManyBodyResult result, Map<String, Object> document, List<FragmentOutcome> failures,
                RunReport report) {
            this(result, document, failures, report, null);
        }

        public boolean succeeded() {
            return result != null;
        }

        Result withTablesError(String error) {
            return new Result(result, document, failures, report, error);
        }
    }

    /** Runs on a SparkSession of its own (started here, stopped at the end). */
    public Result execute(RunRequest request) {
        return execute(request, null);
    }

    /**
     * Runs on the given SparkSession (left running, e.g. one shared by a test class or a benchmark), or on a
     * session of its own when {@code shared} is null.
     */
    public Result execute(RunRequest request, SparkSession shared) {
        long started = System.currentTimeMillis();
        ManyBodyInput in = request.input();
        Plan plan = in.plan();
        // every check a user can act on comes before the output folder is touched and before Spark starts
        Map<String, FragmentEngine> engines = ModelChemistryEngines.resolve(in, plan, request.engines());
        if (shared == null) {
            MasterUrl.check(request.master());
        }
        String fingerprint = InputFingerprint.of(in);
        FragmentContext context = new FragmentContext(in, engines);
        try (OutputFolder folder = OutputFolder.open(request.out(), fingerprint, request.output())) {
            StoredResults stored = new StoredResults(folder, fingerprint, request.output(), context);
            String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
                    + "-" + UUID.randomUUID().toString().substring(0, 6);
            RunReport report = new RunReport(runId, started, request.inputName(), fingerprint, in, plan);
            RunObserver observer = request.observer();
            observer.planned(report, stored.available(), request.output());
            SparkSession spark = shared != null ? shared : startSpark(request, folder, report);
            try {
                return run(request, spark, folder, stored, context, report, plan);
            } catch (InputException e) {
                throw e;
            } catch (Exception e) { // SparkException (a lost cluster) is checked, but undeclared in Java
                throw storedNote(e, folder);
            } finally {
                if (shared == null) {
                    spark.stop();
                }
            }
        }
    }

    /** A SparkSession of the run's own; a session that cannot start is a problem with --master or the machine. */
    private static SparkSession startSpark(RunRequest request, OutputFolder folder, RunReport report) {
        Map<String, String> conf = new LinkedHashMap<>(request.sparkConf());
        conf.putIfAbsent("spark.task.cpus", Integer.toString(request.engineThreads()));
        conf.putIfAbsent("spark.executor.processTreeMetrics.enabled", "true");
        conf.putIfAbsent("spark.executor.heartbeatInterval", "2s");
        long t0 = System.currentTimeMillis();
        SparkSession spark;
        try {
            spark = SparkSessions.start(request.master(), folder.eventLog(), conf);
        } catch (FSError e) {
            folder.discardIfUnused();
            throw new InputException("the disk of --out " + folder.dir() + " is full or failing (" + rootMessage(e)
                    + ") while Spark started: free space or choose another --out", e);
        } catch (Exception e) { // Scala's SparkException is a checked exception Java does not see declared
            folder.discardIfUnused();
            String master = request.master() == null ? "(default)" : request.master();
            throw new InputException("Spark did not start with --master " + master + ": " + rootMessage(e), e);
        }
        report.sparkStarted(spark.sparkContext().master(), System.currentTimeMillis() - t0);
        return spark;
    }

    private Result run(RunRequest request, SparkSession spark, OutputFolder folder, StoredResults stored,
            FragmentContext context, RunReport report, Plan plan) {
        ManyBodyInput in = request.input();
        RunObserver observer = request.observer();
        FragmentStore store = folder.store();
        MetricsListener metrics = new MetricsListener(report.metricsSink());
        ProgressListener progress = observer.progress() == null ? null : new ProgressListener(observer.progress(),
                2000);
        spark.sparkContext().addSparkListener(metrics);
        if (progress != null) {
            spark.sparkContext().addSparkListener(progress);
        }
        try (MemorySampler sampler = new MemorySampler(500);
                LevelCheckpoint checkpoint = new LevelCheckpoint(store, stored::hash, CHECKPOINT_MS)) {
            report.addHosts(hostFacts(spark));
            boolean local = spark.sparkContext().isLocal();
            // batches of up to 16 when a stage is mostly below (21 minimal-basis functions)^4, i.e. water trimers:
            // HF/STO-3G trimers take ~50 ms, and one Spark task each cost 30 % of the engine time (docs/screening.md)
            ManyBodyJob.Outcome outcome = new ManyBodyJob(spark, new FragmentStage(200_000, 16), progress).run(
                    context, plan, stored::lookup, new ManyBodyJob.LevelSink() {
                        @Override
                        public void levelDone(int level, List<FragmentOutcome> outcomes) {
                            report.addOutcomes(level, outcomes);
                            if (!local) { // in local mode the executor is this JVM, which the sampler covers
                                outcomes.forEach(x -> report.addMemory(List.of(x.executorMemory())));
                            }
                            checkpoint.levelDone(level, outcomes); // before copyInto: one writer at a time
                            stored.copyInto(store);
                        }

                        @Override
                        public void taskDone(int level, List<FragmentOutcome> outcomes) {
                            checkpoint.taskDone(level, outcomes);
                        }
                    });
            stored.copyInto(store);
            MetricsListener.drain(spark.sparkContext());
            plan = outcome.plan(); // energy screening plans levels as results arrive
            report.replan(plan);
            ManyBodyResult result = null;
            Map<String, Object> document = null;
            long collected = System.nanoTime();
            long assembled = collected;
            if (outcome.succeeded()) {
                Map<FragmentTask, ComponentResult> components = new LinkedHashMap<>();
                outcome.results().forEach((t, r) -> components.put(t,
                        new ComponentResult(r.energy(), r.gradient(), r.hessian())));
                result = Assembler.assemble(plan, in.driver(), components);
                assembled = System.nanoTime();
                Map<FragmentTask, JsonNode> atomic = null;
                if (request.shape().clusterResults()) {
                    atomic = new LinkedHashMap<>();
                    for (Map.Entry<FragmentTask, AtomicResult> e : outcome.results().entrySet()) {
                        atomic.put(e.getKey(), AtomicCodec.writeResult(context.inputFor(e.getKey()), e.getValue(),
                                request.shape().version()));
                    }
                }
                document = ManyBodyResultCodec.document(result, in.molecule(), request.shape(), components, atomic);
                folder.writeResult(QcJson.document(document));
                report.resultTimes((assembled - collected) / 1_000_000, (System.nanoTime() - assembled) / 1_000_000);
                if (request.output() == OutputMode.RESUME_CHANGED_INPUT) {
                    folder.writeReused(ReusedFragments.text(stored.reusedByContent()));
                } else {
                    folder.clearReused();
                }
            } else {
                folder.writeFailures(FailureReport.text(outcome.failures(), folder.dir()));
            }
            long stageTime = outcome.firstSubmitMs() < 0 ? 0 : outcome.lastCollectMs() - outcome.firstSubmitMs();
            report.addMemory(sampler.samples());
            // counted now: a cluster's executors register while the first jobs run
            report.cluster(executorCount(spark), spark.sparkContext().defaultParallelism());
            report.finished(result, outcome.computed(), outcome.reused(), stageTime,
                    System.currentTimeMillis() - report.startedMs());
            Result r = new Result(result, document, outcome.failures(), report);
            observer.finished(r, folder.resultFile(), folder.failureFile());
            if (stored.otherVersion() > 0) {
                observer.otherEngineVersion(stored.otherVersion());
            }
            if (request.output() == OutputMode.RESUME_CHANGED_INPUT && r.succeeded()) {
                observer.reusedByContent(stored.reusedByContent().size(), folder.reusedFile());
            }
            if (request.tables() != null) {
                long tablesStart = System.nanoTime();
                try {
                    new TableWriter(request.tables()).commit(RunRows.of(report));
                } catch (TableWriteException e) {
                    observer.tablesFailed(request.tables(), e);
                    return r.withTablesError(e.getMessage());
                }
                observer.tablesWritten(request.tables(), report.runId(), (System.nanoTime() - tablesStart) / 1_000_000);
                if (request.plots() != null) {
                    List<Path> files = PlotFiles.writeAll(spark, request.tables(), report.runId(),
                            request.plotAllRuns(), request.plots(), note -> { });
                    observer.plotsWritten(files, request.plots());
                }
            }
            return r;
        } finally {
            spark.sparkContext().removeSparkListener(metrics);
            if (progress != null) {
                spark.sparkContext().removeSparkListener(progress);
            }
        }
    }

    /** A failure after fragments were stored says that --resume keeps them. */
    private static RuntimeException storedNote(Exception e, OutputFolder folder) {
        if (!folder.store().hasResults()) {
            return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        return new RunAbortedException(rootMessage(e) + "; the fragment results computed so far are stored in "
                + folder.dir() + ": run again with --resume to reuse them", e);
    }

    /** The innermost message of a chain of causes, on one line. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
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
}
