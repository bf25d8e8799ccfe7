package org.qcmb.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reports every task and stage of the jobs the driver tags with {@link #LEVEL_PROPERTY} (the n-body level), and
 * the executors' memory, to a {@link MetricsSink}. Metrics come from Spark's own accounting, not from timing code
 * in the driver.
 */
public final class MetricsListener extends SparkListener {
    /** Local property the driver sets before a level's job; untagged jobs (e.g. table writes) are ignored. */
    public static final String LEVEL_PROPERTY = "qcmb.level";

    private final Map<Integer, Integer> levelOfStage = new ConcurrentHashMap<>();
    private final Map<Integer, String> descriptionOfStage = new ConcurrentHashMap<>();
    private final MetricsSink sink;

    /** A listener that reports to sink (e.g. a run's report). */
    public MetricsListener(MetricsSink sink) {
        this.sink = sink;
    }

    /** Executors' heap and resident memory from their heartbeats (the driver JVM is sampled separately). */
    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        if ("driver".equals(update.execId())) {
            return;
        }
        long heap = -1;
        long rss = -1;
        for (ExecutorMetrics m : CollectionConverters.asJava(update.executorUpdates()).values()) {
            heap = Math.max(heap, m.getMetricValue("JVMHeapMemory"));
            rss = Math.max(rss, m.getMetricValue("ProcessTreeJVMRSSMemory"));
        }
        if (heap >= 0 || rss > 0) {
            sink.executorMemory(new MemorySampler.Sample(System.currentTimeMillis(), "executor", update.execId(),
                    rss > 0 ? rss : -1, heap));
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        String level = jobStart.properties() == null ? null : jobStart.properties().getProperty(LEVEL_PROPERTY);
        if (level == null) {
            return;
        }
        String description = jobStart.properties().getProperty("spark.job.description", "");
        for (Object id : CollectionConverters.asJava(jobStart.stageIds())) {
            levelOfStage.put((Integer) id, Integer.parseInt(level));
            descriptionOfStage.put((Integer) id, description);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        Integer level = levelOfStage.get(end.stageId());
        if (level == null) {
            return;
        }
        TaskInfo info = end.taskInfo();
        TaskMetrics m = end.taskMetrics();
        long run = m == null ? 0 : m.executorRunTime();
        long cpu = m == null ? 0 : m.executorCpuTime() / 1_000_000L;
        long deser = m == null ? 0 : m.executorDeserializeTime();
        long ser = m == null ? 0 : m.resultSerializationTime();
        long gc = m == null ? 0 : m.jvmGCTime();
        long peak = m == null ? 0 : m.peakExecutionMemory();
        long duration = info.finishTime() - info.launchTime();
        // Spark's own definition (AppStatusUtils.schedulerDelay): what the task's duration spends outside the executor.
        long delay = Math.max(0, duration - run - deser - ser - info.gettingResultTime());
        boolean ok = info.successful();
        String reason = ok ? null : end.reason().toString();
        sink.task(new TaskRecord(level, end.stageId(), end.stageAttemptId(), info.taskId(), info.index(),
                info.attemptNumber(), info.executorId(), info.host(), info.launchTime(), info.finishTime(),
                run, cpu, deser, ser, gc, delay, peak, ok, reason));
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        StageInfo s = completed.stageInfo();
        Integer level = levelOfStage.get(s.stageId());
        if (level == null) {
            return;
        }
        long submitted = s.submissionTime().isDefined() ? (Long) s.submissionTime().get() : 0L;
        long done = s.completionTime().isDefined() ? (Long) s.completionTime().get() : submitted;
        String failure = s.failureReason().isDefined() ? s.failureReason().get() : null;
        sink.stage(new StageRecord(level, s.stageId(), s.attemptNumber(),
                descriptionOfStage.getOrDefault(s.stageId(), s.name()), s.numTasks(), submitted, done,
                failure));
    }

    /** Waits until Spark has delivered every event so far (events reach listeners asynchronously). */
    public static void drain(org.apache.spark.SparkContext sc) {
        try {
            sc.listenerBus().waitUntilEmpty(60_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark listener events not delivered within 60 s", e);
        }
    }
}
