package org.qcmb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.Planner;
import org.qcmb.spark.ManyBodyJob;

/** Peak memory of a run against fragment count (2-32 waters), and planner bytes per task up to 64 waters 4-body. */
final class MemoryBenchmark implements Benchmark {
    private final EngineRegistry engines;

    MemoryBenchmark(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public Category category() {
        return Category.MEMORY;
    }

    @Override
    public List<Figure> run(BenchContext context) {
        List<Figure> out = new ArrayList<>();
        int[] sizes = context.quick() ? new int[] {2, 4, 8, 16} : new int[] {2, 4, 8, 16, 32};
        for (int n : sizes) {
            Workload w = Workload.of(n + " H2O SYNTHETIC nocp" + Math.min(3, n), WaterClusters.input(n,
                    BsseType.NOCP, Math.min(3, n), "synthetic", "none", "none", Map.of()), engines);
            System.gc();
            long base = usedHeap();
            Timings.SparkTiming sp = Timings.spark(w, "local[2]", ManyBodyJob.Strategy.DEFAULT);
            String variant = "local[2] driver=executor";
            out.add(new Figure(Category.MEMORY, w.name(), variant, Metric.PEAK_RSS, sp.peakRssBytes() / 1048576.0, 2,
                    w.size(), "whole JVM, sampled every 100 ms"));
            out.add(new Figure(Category.MEMORY, w.name(), variant, Metric.PEAK_HEAP_ABOVE_IDLE,
                    Math.max(0, sp.peakHeapBytes() - base) / 1048576.0, 2, w.size(), ""));
        }
        int[] planSizes = context.quick() ? new int[] {16, 32} : new int[] {16, 32, 64};
        for (int n : planSizes) {
            ManyBodyInput in = WaterClusters.input(n, BsseType.NOCP, 4, "builtin", "hf", "sto-3g", Map.of());
            System.gc();
            long before = usedHeap();
            long t0 = System.nanoTime();
            Plan plan = Planner.plan(in.expansionSpec());
            double secs = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long after = usedHeap();
            String name = n + " H2O plan only, nocp4";
            out.add(new Figure(Category.MEMORY, name, "planner", Metric.PLAN_TIME, secs, 1, plan.taskCount(), ""));
            out.add(new Figure(Category.MEMORY, name, "planner", Metric.BYTES_PER_TASK,
                    (after - before) / (double) plan.taskCount(), 1, plan.taskCount(), "retained heap / tasks"));
        }
        return out;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
