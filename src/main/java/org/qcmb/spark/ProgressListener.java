package org.qcmb.spark;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Prints per-level progress of a run (done/total fragments and elapsed time) to the console, at most every
 * {@code intervalMs}, and once when a level completes. Counts work items, not Spark tasks, so batched
 * partitions still count every fragment.
 */
public final class ProgressListener extends SparkListener {
    private final PrintStream out;
    private final long intervalMs;
    private final Map<Integer, Level> byStage = new ConcurrentHashMap<>();
    private volatile long lastPrint;

    /** What the driver announces before a level's job: label and how many items each partition holds. */
    record Level(String title, int total, int[] itemsPerPartition, long started, AtomicInteger done) {
    }

    private volatile Level announced;

    public ProgressListener(PrintStream out, long intervalMs) {
        this.out = out;
        this.intervalMs = intervalMs;
    }

    /** Called by the driver right before it submits a level's job. */
    public void announce(String title, int[] itemsPerPartition) {
        int total = 0;
        for (int n : itemsPerPartition) {
            total += n;
        }
        announced = new Level(title, total, itemsPerPartition, System.currentTimeMillis(), new AtomicInteger());
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        Level level = announced;
        if (level == null || jobStart.properties() == null
                || jobStart.properties().getProperty(MetricsListener.LEVEL_PROPERTY) == null) {
            return;
        }
        for (Object id : CollectionConverters.asJava(jobStart.stageIds())) {
            byStage.put((Integer) id, level);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        Level level = byStage.get(end.stageId());
        if (level == null || !end.taskInfo().successful()) {
            return;
        }
        int idx = end.taskInfo().index();
        int items = idx < level.itemsPerPartition().length ? level.itemsPerPartition()[idx] : 1;
        int done = level.done().addAndGet(items);
        long now = System.currentTimeMillis();
        if (now - lastPrint >= intervalMs && done < level.total()) {
            lastPrint = now;
            print(level, done, now);
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        Level level = byStage.remove(completed.stageInfo().stageId());
        if (level != null) {
            print(level, level.done().get(), System.currentTimeMillis());
        }
    }

    private void print(Level level, int done, long now) {
        out.printf("%s: %d/%d done, %.1f s%n", level.title(), done, level.total(), (now - level.started()) / 1000.0);
        out.flush();
    }
}
