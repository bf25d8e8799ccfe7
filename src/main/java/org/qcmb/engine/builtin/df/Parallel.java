package org.qcmb.engine.builtin.df;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Runs one task per thread index 0..threads-1 on a pool (or inline without one) and waits for all. */
final class Parallel {
    private Parallel() {
    }

    static void run(int threads, ExecutorService pool, IntConsumer task) {
        if (threads <= 1 || pool == null) {
            for (int t = 0; t < Math.max(1, threads); t++) {
                task.accept(t);
            }
            return;
        }
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            final int tt = t;
            fs.add(pool.submit(() -> task.accept(tt)));
        }
        RuntimeException failure = null;
        try {
            task.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
