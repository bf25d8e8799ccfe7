package org.qcmb.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Keeps what a {@link MetricsListener} reports, and gives it back in a stable order (for tables and tests). */
public final class MetricsRecord implements MetricsSink {
    private final ConcurrentLinkedQueue<TaskRecord> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<StageRecord> stages = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<MemorySampler.Sample> executorMemory = new ConcurrentLinkedQueue<>();

    @Override
    public void task(TaskRecord task) {
        tasks.add(task);
    }

    @Override
    public void stage(StageRecord stage) {
        stages.add(stage);
    }

    @Override
    public void executorMemory(MemorySampler.Sample sample) {
        executorMemory.add(sample);
    }

    /** Task records ordered by stage, partition and attempt. */
    public List<TaskRecord> tasks() {
        List<TaskRecord> out = new ArrayList<>(tasks);
        out.sort(Comparator.comparingInt(TaskRecord::stageId).thenComparingInt(TaskRecord::partition)
                .thenComparingInt(TaskRecord::attempt).thenComparingLong(TaskRecord::taskId));
        return out;
    }

    /** Stage records ordered by stage and attempt. */
    public List<StageRecord> stages() {
        List<StageRecord> out = new ArrayList<>(stages);
        out.sort(Comparator.comparingInt(StageRecord::stageId).thenComparingInt(StageRecord::attempt));
        return out;
    }

    /** Executors' memory samples in arrival order. */
    public List<MemorySampler.Sample> executorMemory() {
        return new ArrayList<>(executorMemory);
    }
}
