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
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
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
import org.qcmb.spark.SparkSessions;
import org.qcmb.tables.TableWriter;

/**
 * The run use case, end to end: plan; resolve and check every model chemistry's engine (before Spark starts);
 * one Spark job per level, each level's fragment results stored for resume as it finishes; assemble; write
 * DIR/result.json atomically in the input's QCSchema shape; then append the run's report to the tables and draw
 * the plots. The {@link RunObserver} of the request is told each step; the {@link RunReport} is filled by the
 * Spark listeners and the levels as they finish.
 */
public final class ManyBodyRun {
    /** What a run produced: the result (null when fragments failed), its document, the failures, the report. */
    public record Result(ManyBodyResult result, Map<String, Object> document, List<FragmentOutcome> failures,
            RunReport report) {
        public boolean succeeded() {
            return result != null;
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
        Map<String, FragmentEngine> engines = ModelChemistryEngines.resolve(in, request.engines());
        String fingerprint = InputFingerprint.of(in);
        OutputFolder folder = OutputFolder.open(request.out(), fingerprint, request.resume());
        FragmentStore store = folder.store();
        Map<String, AtomicResult> done = request.resume() ? store.load() : Map.of();
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        RunReport report = new RunReport(runId, started, request.inputName(), fingerprint, in, plan);
        RunObserver observer = request.observer();
        observer.planned(report, done.size());

        Map<String, String> conf = new LinkedHashMap<>(request.sparkConf());
        conf.putIfAbsent("spark.task.cpus", Integer.toString(request.engineThreads()));
        conf.putIfAbsent("spark.executor.processTreeMetrics.enabled", "true");
        conf.putIfAbsent("spark.executor.heartbeatInterval", "2s");
        long t0 = System.currentTimeMillis();
        SparkSession spark = shared != null ? shared : SparkSessions.start(request.master(), folder.eventLog(), conf);
        report.sparkStarted(spark.sparkContext().master(), System.currentTimeMillis() - t0);
        MetricsListener metrics = new MetricsListener(report.metricsSink());
        ProgressListener progress = observer.progress() == null ? null : new ProgressListener(observer.progress(),
                2000);
        spark.sparkContext().addSparkListener(metrics);
        if (progress != null) {
            spark.sparkContext().addSparkListener(progress);
        }
        FragmentContext context = new FragmentContext(in, engines);
        try (MemorySampler sampler = new MemorySampler(500)) {
            report.addHosts(hostFacts(spark));
            boolean local = spark.sparkContext().isLocal();
            // batches of up to 16 when a stage is mostly below (21 minimal-basis functions)^4, i.e. water trimers:
            // HF/STO-3G trimers take ~50 ms, and one Spark task each cost 30 % of the engine time (docs/screening.md)
            ManyBodyJob.Outcome outcome = new ManyBodyJob(spark, new FragmentStage(200_000, 16), progress).run(
                    context, plan, done, (level, outcomes) -> {
                        report.addOutcomes(level, outcomes);
                        if (!local) { // in local mode the executor is this JVM, which the sampler covers
                            outcomes.forEach(x -> report.addMemory(List.of(x.executorMemory())));
                        }
                        List<Map.Entry<String, AtomicResult>> ok = new ArrayList<>();
                        outcomes.forEach(x -> ok.add(Map.entry(x.task().label(), x.result())));
                        store.append(level, ok);
                    });
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
            } else {
                folder.writeFailures(FailureReport.text(outcome.failures()));
            }
            long stageTime = outcome.firstSubmitMs() < 0 ? 0 : outcome.lastCollectMs() - outcome.firstSubmitMs();
            report.addMemory(sampler.samples());
            // counted now: a cluster's executors register while the first jobs run
            report.cluster(executorCount(spark), spark.sparkContext().defaultParallelism());
            report.finished(result, outcome.computed(), outcome.reused(), stageTime,
                    System.currentTimeMillis() - started);
            Result r = new Result(result, document, outcome.failures(), report);
            observer.finished(r, folder.resultFile(), folder.failureFile());
            if (request.tables() != null) {
                new TableWriter(spark, request.tables()).appendAll(RunRows.of(report));
                observer.tablesWritten(request.tables(), runId);
                if (request.plots() != null) {
                    List<Path> files = PlotFiles.writeAll(spark, request.tables(), runId, request.plots(),
                            note -> { });
                    observer.plotsWritten(files, request.plots());
                }
            }
            return r;
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
