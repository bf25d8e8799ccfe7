package org.qcmb.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.qcmb.io.FragmentStore;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.spark.FragmentOutcome;

/**
 * Writes a run's successful fragment results to its store while a level runs, not only when it ends: a level of
 * hours (10^5 fragments, or cp terms in a large cluster basis) interrupted near its end would otherwise lose all of
 * it. Finished tasks' results are buffered and appended at most every {@code intervalMs}; at the end of the level
 * the rest is appended, each result exactly once. Resume looks results up by label, so the file order (completion
 * order) does not matter.
 */
final class LevelCheckpoint {
    private final FragmentStore store;
    private final Function<FragmentTask, String> hash;
    private final long intervalMs;
    private final Set<String> written = new HashSet<>();
    private final List<FragmentStore.Entry> pending = new ArrayList<>();
    private long lastWrite = System.currentTimeMillis();

    LevelCheckpoint(FragmentStore store, Function<FragmentTask, String> hash, long intervalMs) {
        this.store = store;
        this.hash = hash;
        this.intervalMs = intervalMs;
    }

    /** One finished task's outcomes (Spark's scheduler thread). */
    synchronized void taskDone(int level, List<FragmentOutcome> outcomes) {
        for (FragmentOutcome x : outcomes) {
            if (x.result().success()) {
                pending.add(entry(x));
            }
        }
        if (System.currentTimeMillis() - lastWrite >= intervalMs) {
            flush(level);
        }
    }

    /** The whole level (the driver's thread): appends every result not written yet, in the level's order. */
    synchronized void levelDone(int level, List<FragmentOutcome> outcomes) {
        pending.clear();
        for (FragmentOutcome x : outcomes) {
            if (!written.contains(x.task().label())) {
                pending.add(entry(x));
            }
        }
        flush(level);
    }

    private FragmentStore.Entry entry(FragmentOutcome x) {
        return new FragmentStore.Entry(x.task().label(), x.result().success() ? hash.apply(x.task()) : null,
                x.result());
    }

    private void flush(int level) {
        if (!pending.isEmpty()) {
            store.append(level, pending);
            pending.forEach(e -> {
                if (e.result().success()) {
                    written.add(e.label());
                }
            });
            pending.clear();
        }
        lastWrite = System.currentTimeMillis();
    }
}
