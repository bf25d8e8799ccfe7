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

/**
 * Peak memory of a run against fragment count (2-32 waters), and planner bytes per task up to 64 waters 4-body.
 * Heap differences are measured after System.gc(), which leaves up to about a mebibyte of noise either way: a
 * difference below {@link #HEAP_RESOLUTION_BYTES} is reported as below resolution (no value), never as a small or
 * negative number.
 */
final class MemoryBenchmark implements Benchmark {
    /** The noise floor of a heap difference measured after System.gc(). */
    static final long HEAP_RESOLUTION_BYTES = 2L << 20;
    static final String BELOW_RESOLUTION = Figures.BELOW_RESOLUTION + ": under the 2 MiB noise floor of a heap"
            + " difference";

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
            out.add(heapFigure(w.name(), variant, Metric.PEAK_HEAP_ABOVE_IDLE, sp.peakHeapBytes() - base, 1048576.0,
                    2, w.size(), ""));
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
            out.add(heapFigure(name, "planner", Metric.BYTES_PER_TASK, after - before, plan.taskCount(), 1,
                    plan.taskCount(), "retained heap / tasks"));
        }
        return out;
    }

    /** A heap difference (bytes) divided into the metric's unit, or "below resolution" under the noise floor. */
    static Figure heapFigure(String caseName, String variant, Metric metric, long bytes, double divisor, int cores,
            int nTasks, String notes) {
        if (bytes < HEAP_RESOLUTION_BYTES) {
            return new Figure(Category.MEMORY, caseName, variant, metric, Double.NaN, cores, nTasks, BELOW_RESOLUTION);
        }
        return new Figure(Category.MEMORY, caseName, variant, metric, bytes / divisor, cores, nTasks, notes);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
