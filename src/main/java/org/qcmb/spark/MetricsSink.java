package org.qcmb.spark;

/**
 * Where the listeners put what Spark reports about a run's tasks, stages and executors (a run's report, or a
 * {@link MetricsRecord}). Called on Spark's listener thread.
 */
public interface MetricsSink {
    void task(TaskRecord task);

    void stage(StageRecord stage);

    /** An executor's memory from its heartbeat. */
    void executorMemory(MemorySampler.Sample sample);
}
