package org.qcmb.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.report.PlotFiles;
import org.qcmb.run.RunObserver;
import org.qcmb.spark.HostFacts;
import org.qcmb.spark.ManyBodyJob;
import org.qcmb.spark.SparkSessions;
import org.qcmb.tables.TableWriter;

/**
 * The benchmark use case: warms the engine and Spark up once, runs the chosen categories in order (each measures
 * side by side), then appends every figure to the benchmarks table and, if asked, draws the plots.
 */
public final class BenchmarkSuite {
    /**
     * What to run. home is the installation (for the cluster scripts); plots null draws none; cache keeps the
     * accuracy category's reference runs; accuracyCases names its cases (null: the default set); runs is told how
     * the real runs of the accuracy category go (their progress lines).
     */
    public record Settings(boolean quick, Set<Category> categories, boolean withCluster, Path home, Path tables,
            Path plots, EngineRegistry engines, Path cache, List<String> accuracyCases, RunObserver runs) {
    }

    /** Told as the suite goes; the command line prints. */
    public interface Observer {
        void started(String runId, HostFacts host, int cores);

        void categoryDone(Category category, List<Figure> figures);

        void plotsWritten(List<Path> files, Path folder);
    }

    /** The run id of the benchmarks table rows and every figure, in category order. */
    public record Outcome(String runId, List<Figure> figures) {
    }

    public Outcome run(Settings settings, Observer observer) throws Exception {
        String runId = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss",
                Locale.ROOT)) + "-" + UUID.randomUUID().toString().substring(0, 6);
        long started = System.currentTimeMillis();
        boolean quick = settings.quick();
        List<AccuracyCase> accuracy = AccuracyBenchmark.select(settings.accuracyCases(), quick); // names checked first
        int cores = Runtime.getRuntime().availableProcessors();
        observer.started(runId, HostFacts.here("driver", "driver"), cores);
        EngineRegistry engines = settings.engines();
        Workload ms = Workload.of("ms: 6 H2O hf/sto-3g nocp3", WaterClusters.input(6, BsseType.NOCP, 3, "builtin",
                "hf", "sto-3g", Map.of()), engines);
        Workload sec = quick
                ? Workload.of("s: 4 H2O hf/6-31g* cp2", WaterClusters.input(4, BsseType.CP, 2, "builtin", "hf",
                        "6-31g*", Map.of()), engines)
                : Workload.of("s: 4 H2O hf/cc-pvdz cp2", WaterClusters.input(4, BsseType.CP, 2, "builtin", "hf",
                        "cc-pvdz", Map.of()), engines);
        Workload synthetic = Workload.of("SYNTHETIC 100ms/task", WaterClusters.input(quick ? 4 : 6, BsseType.NOCP, 2,
                "synthetic", "none", "none", Map.of("cpu_ms", 100)), engines);
        BenchContext context = new BenchContext(quick, settings.withCluster(), settings.home(), cores, ms, sec,
                synthetic);

        List<Figure> all = new ArrayList<>();
        if (settings.categories().contains(Category.FIXEDCOSTS)) { // first: it measures a JVM where nothing ran
            List<Figure> figures = new FixedCostsBenchmark(engines).run(context);
            all.addAll(figures);
            observer.categoryDone(Category.FIXEDCOSTS, figures);
        }
        if (settings.categories().stream().anyMatch(c -> c != Category.FIXEDCOSTS)) {
            warmUp(ms, sec);
            Timings.spark(ms, "local[1]", ManyBodyJob.Strategy.DEFAULT); // warms Spark's code paths, not counted
        }
        for (Benchmark b : List.of(new OverheadBenchmark(), new ScalingBenchmark(), new MemoryBenchmark(engines),
                new OptimisationsBenchmark(), new EndToEndBenchmark(engines), new AccuracyBenchmark(engines,
                        settings.cache(), accuracy, settings.runs()),
                new ScaleBenchmark(engines, settings.runs()))) {
            if (!settings.categories().contains(b.category()) || (quick && b.category() == Category.ENDTOEND)) {
                continue;
            }
            List<Figure> figures = b.run(context);
            all.addAll(figures);
            observer.categoryDone(b.category(), figures);
        }
        new TableWriter(settings.tables()).append("benchmarks", Figures.rows(runId, started, all));
        if (settings.plots() != null) {
            SparkSession spark = SparkSessions.start("local[1]", null, Map.of("spark.ui.enabled", "false",
                    "spark.sql.shuffle.partitions", "2"));
            try {
                observer.plotsWritten(PlotFiles.writeAll(spark, settings.tables(), null, true, settings.plots(),
                        n -> { }),
                        settings.plots());
            } finally {
                spark.stop();
            }
        }
        return new Outcome(runId, all);
    }

    /** Every category. */
    public static Set<Category> all() {
        return EnumSet.allOf(Category.class);
    }

    /** What runs when no category is named: all but accuracy and scale, which take hours. */
    public static Set<Category> defaults() {
        return EnumSet.complementOf(EnumSet.of(Category.ACCURACY, Category.SCALE));
    }

    /** JIT-compiles the engine before anything is timed (local executors share this JVM). */
    private static void warmUp(Workload... ws) {
        for (Workload w : ws) {
            List<FragmentTask> tasks = w.plan().tasks();
            for (int i = 0; i < Math.min(6, tasks.size()); i++) {
                w.context().compute(tasks.get(i));
            }
        }
    }
}
