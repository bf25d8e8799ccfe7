package org.qcmb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.run.ManyBodyRun;
import org.qcmb.run.RunObserver;
import org.qcmb.run.RunReport;
import org.qcmb.run.RunRequest;
import org.qcmb.spark.FragmentOutcome;
import org.qcmb.spark.MemorySampler;
import org.qcmb.spark.StageRecord;
import org.qcmb.spark.TaskRecord;

/**
 * Runs of 10^5 fragment calculations through the run use case on local[2], tables included: 96 waters MBE3 nocp
 * HF/STO-3G unscreened (147,536 fragments), then 64 waters MBE4 nocp HF/STO-3G distance-screened; --quick: 24 and
 * 32 waters. Waters on a cubic grid 3.0 angstrom apart ({@link WaterClusters}). Figures: wall time against the
 * engine's own time, Spark's overhead per fragment, the driver's peak heap, and the times to assemble the result,
 * write it, and write the tables.
 */
final class ScaleBenchmark implements Benchmark {
    private final EngineRegistry engines;
    private final RunObserver progress;

    ScaleBenchmark(EngineRegistry engines, RunObserver progress) {
        this.engines = engines;
        this.progress = progress;
    }

    @Override
    public Category category() {
        return Category.SCALE;
    }

    @Override
    public List<Figure> run(BenchContext context) throws IOException {
        List<Figure> out = new ArrayList<>();
        int big = context.quick() ? 24 : 96;
        int screened = context.quick() ? 32 : 64;
        measure(big + " H2O hf/sto-3g nocp3", input(big, 3, null), "unscreened", out);
        Map<String, Object> distance = new LinkedHashMap<>();
        distance.put("2", 8.0);
        distance.put("3", 6.0);
        distance.put("4", 4.5);
        measure(screened + " H2O hf/sto-3g nocp4", input(screened, 4, Map.of("distance", distance)), "d 8/6/4.5", out);
        return out;
    }

    static ManyBodyInput input(int waters, int maxNbody, Map<String, Object> screening) {
        return ManyBodyInput.create(WaterClusters.molecule(waters), Driver.ENERGY, List.of(BsseType.NOCP.label()),
                null, maxNbody, null, null, null, Map.of(ManyBodyInput.AUTO, new AtomicSpecification("builtin", "hf",
                        "sto-3g", Map.of(), Map.of(), Map.of())), screening, "");
    }

    private void measure(String name, ManyBodyInput in, String variant, List<Figure> out) throws IOException {
        Path dir = Files.createTempDirectory("qcmb-bench-scale");
        long[] tablesWriteMs = {-1};
        RunObserver observer = new RunObserver() {
            @Override
            public java.io.PrintStream progress() {
                return progress.progress();
            }

            @Override
            public void tablesWritten(Path tables, String runId, long writeMs) {
                tablesWriteMs[0] = writeMs;
            }
        };
        ManyBodyRun.Result r = new ManyBodyRun().execute(RunRequest.builder(in, engines).inputName(name)
                .out(dir.resolve("out")).tables(dir.resolve("tables")).master("local[2]").observer(observer).build());
        RunReport rep = r.report();
        int n = rep.computed();
        if (!r.succeeded()) {
            out.add(figure(name, variant, Metric.ERROR, Double.NaN, n, r.failures().size() + " fragments failed"));
            return;
        }
        double engine = 0;
        for (FragmentOutcome o : rep.outcomes()) {
            engine += o.result().provenance() == null ? 0 : o.result().provenance().wallTime();
        }
        int cores = rep.cores();
        double stageCoreSeconds = 0;
        for (StageRecord s : rep.stages()) {
            stageCoreSeconds += cores * s.wallTimeMs() / 1000.0;
        }
        double runSeconds = rep.tasks().stream().filter(TaskRecord::successful)
                .mapToLong(TaskRecord::executorRunTimeMs).sum() / 1000.0;
        long peakHeap = rep.memory().stream().filter(s -> s.role().equals("driver"))
                .mapToLong(MemorySampler.Sample::heapUsedBytes).max().orElse(-1);
        double overhead = stageCoreSeconds - engine;
        String counts = rep.plan().orderCounts().isEmpty() ? "" : "kept per order " + Arrays.toString(
                rep.plan().orderCounts().stream().mapToLong(c -> c.kept()).toArray()) + "; ";
        out.add(figure(name, variant, Metric.WALL_TIME, rep.wallTimeMs() / 1000.0, n, counts
                + "the whole run: Spark start-up, stages, assembly, result; tables after"));
        out.add(figure(name, variant, Metric.SPARK_STARTUP, rep.sparkStartupMs() / 1000.0, n, ""));
        out.add(figure(name, variant, Metric.STAGE_TIME, rep.stageTimeMs() / 1000.0, n,
                "first stage submitted to last result collected"));
        out.add(figure(name, variant, Metric.ENGINE_TIME, engine, n, String.format(Locale.ROOT,
                "sum of the engine's own times; / %d cores = %.1f s", cores, engine / cores)));
        out.add(figure(name, variant, Metric.SPARK_TASKS, rep.tasks().size(), n, String.format(Locale.ROOT,
                "%.1f fragments per Spark task", n / (double) Math.max(1, rep.tasks().size()))));
        out.add(figure(name, variant, Metric.PER_TASK_OVERHEAD, overhead / n * 1000, n, String.format(Locale.ROOT,
                "(cores x stage wall - engine time) / fragments; of which in the executor's run time: %.2f ms",
                (runSeconds - engine) / n * 1000)));
        out.add(figure(name, variant, Metric.OVERHEAD_PCT, overhead / engine * 100, n,
                "(cores x stage wall - engine time) / engine time"));
        out.add(figure(name, variant, Metric.PEAK_HEAP, peakHeap / 1048576.0, n, String.format(Locale.ROOT,
                "driver JVM (= local executor), used heap sampled every 0.5 s; -Xmx %d MiB",
                Runtime.getRuntime().maxMemory() / 1048576)));
        out.add(figure(name, variant, Metric.ASSEMBLE_TIME, rep.assembleMs() / 1000.0, n, ""));
        out.add(figure(name, variant, Metric.RESULT_WRITE_TIME, rep.resultWriteMs() / 1000.0, n, String.format(
                Locale.ROOT, "result.json %.1f MB", Files.size(dir.resolve("out").resolve("result.json")) / 1e6)));
        out.add(figure(name, variant, Metric.TABLE_WRITE, tablesWriteMs[0] / 1000.0, n,
                "7 run tables into a new tables folder"));
    }

    private static Figure figure(String name, String variant, Metric metric, double value, int n, String notes) {
        return new Figure(Category.SCALE, name, variant, metric, value, 2, n, notes);
    }
}
