package org.qcmb.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qcmb.spark.ManyBodyJob;

/**
 * local[1..cores], the same tasks on plain threads without Spark, and (for the first workload, unless --quick or
 * --no-cluster) a 2-worker standalone cluster: speed-up against the sequential loop, efficiency, and the makespan
 * against the lower bound.
 */
final class ScalingBenchmark implements Benchmark {
    @Override
    public Category category() {
        return Category.SCALING;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        List<Figure> out = new ArrayList<>();
        scaling(context, context.sec(), context.withCluster() && !context.quick(), out);
        scaling(context, context.synthetic(), false, out);
        return out;
    }

    private static void scaling(BenchContext context, Workload w, boolean withCluster, List<Figure> out)
            throws Exception {
        Timings.Sequential seq = Timings.sequential(w);
        out.add(new Figure(Category.SCALING, w.name(), "sequential loop", Metric.TIME, seq.seconds(), 1, w.size(),
                "no Spark"));
        for (int c = 1; c <= context.cores(); c++) {
            Timings.SparkTiming sp = Timings.spark(w, "local[" + c + "]", ManyBodyJob.Strategy.DEFAULT);
            figures(w, seq, sp, c, "local", "local[" + c + "]", out);
            if (c > 1) {
                // the same tasks on c plain threads, no Spark: what the hardware allows (shared caches, SMT)
                double threads = Timings.threaded(w, c);
                String variant = "plain threads (no Spark)";
                out.add(new Figure(Category.SCALING, w.name(), variant, Metric.STAGE_TIME, threads, c, w.size(),
                        c + " threads, level by level, longest first"));
                out.add(new Figure(Category.SCALING, w.name(), variant, Metric.SPEEDUP, seq.seconds() / threads, c,
                        w.size(), "T_seq / T_threads"));
                out.add(new Figure(Category.SCALING, w.name(), "spark vs plain threads", Metric.SPARK_OVER_THREADS,
                        (sp.stageSeconds() / threads - 1) * 100, c, w.size(), "Spark's own cost at c cores"));
            }
        }
        if (withCluster) {
            try (LocalCluster cluster = LocalCluster.start(context.home(), 2, 1, "6g")) {
                // executors as big as the local JVM's share (the engine keeps integrals in core within 1/4 heap),
                // and scheduling starts once both have registered
                Timings.SparkTiming sp = Timings.spark(w, cluster.url(), ManyBodyJob.Strategy.DEFAULT, Map.of(
                        "spark.executor.memory", "5g", "spark.scheduler.minRegisteredResourcesRatio", "1.0",
                        "spark.scheduler.maxRegisteredResourcesWaitingTime", "60s"), true);
                figures(w, seq, sp, 2, "standalone 2x1", "2 workers x 1 core, 5g executors;"
                        + " measured after a warm-up pass in the same application", out);
            } catch (IOException e) {
                out.add(new Figure(Category.SCALING, w.name(), "standalone 2x1", Metric.ERROR, Double.NaN, 2,
                        w.size(), e.getMessage()));
            }
        }
    }

    private static void figures(Workload w, Timings.Sequential seq, Timings.SparkTiming sp, int c, String variant,
            String note, List<Figure> out) {
        double speedup = seq.seconds() / sp.stageSeconds();
        double lb = seq.lowerBound(c);
        out.add(new Figure(Category.SCALING, w.name(), variant, Metric.STAGE_TIME, sp.stageSeconds(), c, w.size(),
                note));
        out.add(new Figure(Category.SCALING, w.name(), variant, Metric.SPEEDUP, speedup, c, w.size(),
                "T_seq / T_stage"));
        out.add(new Figure(Category.SCALING, w.name(), variant, Metric.EFFICIENCY, speedup / c, c, w.size(),
                "speed-up / cores"));
        out.add(new Figure(Category.SCALING, w.name(), variant, Metric.LOWER_BOUND, lb, c, w.size(),
                "sum over levels of max(sum t / cores, max t)"));
        out.add(new Figure(Category.SCALING, w.name(), variant, Metric.MAKESPAN_OVER_BOUND,
                (sp.stageSeconds() / lb - 1) * 100, c, w.size(), "how far above the lower bound"));
    }
}
