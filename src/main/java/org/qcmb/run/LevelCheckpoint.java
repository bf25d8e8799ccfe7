package org.qcmb.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.qcmb.io.FragmentStore;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.spark.FragmentOutcome;

/**
 * Writes a run's successful fragment results to its store while a level runs, not only when it ends: a level of
 * hours (10^5 fragments, or cp terms in a large cluster basis) interrupted near its end would otherwise lose all of
 * it. Finished tasks' outcomes are queued (Spark's scheduler thread only adds to a list) and written by a
 * background thread at most every {@code intervalMs}; at the end of the level the rest is written, each result
 * exactly once. Resume looks results up by label, so the file order (completion order) does not matter.
 */
final class LevelCheckpoint implements AutoCloseable {
    private final FragmentStore store;
    private final Function<FragmentTask, String> hash;
    private final long intervalMs;
    private final Set<String> written = new HashSet<>();
    private final List<FragmentOutcome> queued = new ArrayList<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qcmb-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private Future<?> writing;
    private long lastWrite = System.currentTimeMillis();

    LevelCheckpoint(FragmentStore store, Function<FragmentTask, String> hash, long intervalMs) {
        this.store = store;
        this.hash = hash;
        this.intervalMs = intervalMs;
    }

    /** One finished task's outcomes (Spark's scheduler thread: only queues them, and maybe starts a write). */
    synchronized void taskDone(int level, List<FragmentOutcome> outcomes) {
        for (FragmentOutcome x : outcomes) {
            if (x.result().success()) {
                queued.add(x);
            }
        }
        if (System.currentTimeMillis() - lastWrite >= intervalMs && (writing == null || writing.isDone())) {
            List<FragmentOutcome> batch = new ArrayList<>(queued);
            queued.clear();
            lastWrite = System.currentTimeMillis();
            writing = writer.submit(() -> write(level, batch));
        }
    }

    /** The whole level (the driver's thread): waits for a write under way, then writes every result not written. */
    void levelDone(int level, List<FragmentOutcome> outcomes) {
        Future<?> w;
        synchronized (this) {
            w = writing;
            queued.clear();
        }
        if (w != null) {
            try {
                w.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while storing fragment results", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        List<FragmentOutcome> rest = new ArrayList<>();
        synchronized (this) {
            for (FragmentOutcome x : outcomes) {
                if (x.result().success() && !written.contains(x.task().label())) {
                    rest.add(x);
                }
            }
        }
        write(level, rest);
        synchronized (this) {
            written.clear(); // a label belongs to one level only: the set stays one level's size
            lastWrite = System.currentTimeMillis();
        }
    }

    /** Appends successful outcomes (the store keeps successes only). */
    private void write(int level, List<FragmentOutcome> batch) {
        List<FragmentStore.Entry> entries = new ArrayList<>(batch.size());
        for (FragmentOutcome x : batch) {
            entries.add(new FragmentStore.Entry(x.task().label(), hash.apply(x.task()), x.result()));
        }
        if (!entries.isEmpty()) {
            store.append(level, entries);
        }
        synchronized (this) {
            batch.forEach(x -> written.add(x.task().label()));
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
