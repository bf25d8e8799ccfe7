package org.qcmb.engine.psi4;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The warm psi4 workers of this JVM, one pool per way of starting them (executable, threads, scratch root). A
 * calculation borrows an idle worker or starts one, and gives it back when Psi4 answered well; so a JVM that runs
 * N calculations at a time (an executor with N task slots) keeps N workers.
 *
 * <p>This is static state, on purpose. Spark ships the engine to executors inside the run's broadcast and builds
 * each task's objects anew, so nothing held by an engine instance outlives a run, and a process per run would pay
 * Psi4's start-up again for every run a notebook or a long-lived executor makes. The pools live as long as the
 * executor JVM: a shutdown hook closes every worker (and deletes its directory) when the JVM exits, and a worker
 * whose JVM is killed outright ends by itself when its stdin closes, after the calculation in hand.
 */
final class Psi4WorkerPool {
    /**
     * What shapes a worker process, and after how many calculations it is replaced (see
     * {@link Psi4Engine.Settings#workerCalculations}); memory is per calculation (in.json), not part of the key.
     */
    record Key(String executable, int threads, Path root, boolean keepScratch, int maxCalculations) {
    }

    private static final Map<Key, Psi4WorkerPool> POOLS = new ConcurrentHashMap<>();
    /** Set by the shutdown hook: workers that finish starting or come back afterwards are killed, not kept. */
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Psi4WorkerPool::closeAll, "psi4-workers-shutdown"));
    }

    private final Key key;
    private final Deque<Psi4Worker> idle = new ArrayDeque<>();
    /** Workers whose process runs and that are not idle: starting, or lent to a calculation. */
    private final Set<Psi4Worker> busy = new HashSet<>();
    /** Workers told to end after their last calculation, not yet gone. */
    private final Set<Psi4Worker> retiring = new HashSet<>();
    /** Prestarts asked for and not yet ended (their workers are busy once launched). */
    private int starting;

    private Psi4WorkerPool(Key key) {
        this.key = key;
    }

    static Psi4WorkerPool of(Key key) {
        return POOLS.computeIfAbsent(key, Psi4WorkerPool::new);
    }

    /** An idle live worker, or a new one (started outside the lock: Psi4's import takes a second or more). */
    Psi4Worker borrow() {
        synchronized (this) {
            Psi4Worker w;
            while ((w = idle.pollFirst()) != null) {
                if (w.alive()) {
                    busy.add(w);
                    return w;
                }
                w.kill(); // died while idle: clean its directory up
            }
        }
        return launch();
    }

    /**
     * A new worker, counted as busy from the moment its process exists, so that the shutdown hook finds it even
     * while Psi4 is still being imported.
     */
    private Psi4Worker launch() {
        Psi4Worker[] launched = new Psi4Worker[1];
        try {
            return Psi4Worker.start(key.executable(), key.threads(), key.root(), key.keepScratch(), w -> {
                launched[0] = w;
                synchronized (this) {
                    busy.add(w);
                }
                if (shuttingDown) {
                    w.kill();
                }
            });
        } catch (RuntimeException e) {
            if (launched[0] != null) {
                synchronized (this) {
                    busy.remove(launched[0]);
                }
            }
            throw e;
        }
    }

    /**
     * Starts workers in the background until n are idle or busy; they join the idle ones when Psi4 is imported.
     * A worker that fails to start is left out: the calculation that needs one then reports why.
     */
    void prestart(int n) {
        int more;
        synchronized (this) {
            more = n - idle.size() - busy.size() - starting;
            starting += Math.max(0, more);
        }
        for (int i = 0; i < more; i++) {
            Thread t = new Thread(() -> {
                try {
                    giveBack(launch());
                } catch (RuntimeException e) {
                    // no worker: borrow() starts one and reports the failure with the calculation
                } finally {
                    synchronized (this) {
                        starting--;
                    }
                }
            }, "psi4-worker-prestart");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Takes back a worker after its calculation: a live one idles for the next, a dead or closed one is dropped. */
    synchronized void giveBack(Psi4Worker w) {
        busy.remove(w);
        if (!w.alive() || shuttingDown) {
            w.kill();
        } else if (w.calculations() >= key.maxCalculations()) {
            retire(w);
        } else {
            idle.addFirst(w); // most recently used first: the others may idle on
        }
    }

    /** Ends a worker in the background: Psi4 exits in a fraction of a second, which no calculation should wait for. */
    private void retire(Psi4Worker w) {
        w.endInput();
        retiring.add(w);
        Thread t = new Thread(() -> {
            w.awaitEnd();
            synchronized (this) {
                retiring.remove(w);
            }
        }, "psi4-worker-retire-" + w.pid());
        t.setDaemon(true);
        t.start();
    }

    /** Process ids of the idle workers (for tests and diagnostics). */
    synchronized List<Long> idlePids() {
        List<Long> pids = new ArrayList<>();
        idle.forEach(w -> pids.add(w.pid()));
        return pids;
    }

    /** Process ids of the workers starting or lent out to a calculation (for tests and diagnostics). */
    synchronized List<Long> busyPids() {
        List<Long> pids = new ArrayList<>();
        busy.forEach(w -> pids.add(w.pid()));
        return pids;
    }

    /** Takes the idle workers out of the pool and tells them to end (see {@link Psi4Worker#endInput}). */
    private synchronized List<Psi4Worker> endIdle() {
        List<Psi4Worker> ending = new ArrayList<>(idle);
        idle.clear();
        ending.forEach(Psi4Worker::endInput);
        return ending;
    }

    /** Ends the idle workers of one pool; busy workers stay with their calculations. */
    static void close(Key key) {
        Psi4WorkerPool pool = POOLS.get(key);
        if (pool != null) {
            pool.endIdle().forEach(Psi4Worker::awaitEnd);
        }
    }

    /** At JVM exit: idle workers end normally (all at once), starting ones and those in a calculation are killed. */
    static void closeAll() {
        shuttingDown = true;
        List<Psi4Worker> ending = new ArrayList<>();
        for (Psi4WorkerPool pool : POOLS.values()) {
            ending.addAll(pool.endIdle());
            List<Psi4Worker> busy;
            synchronized (pool) {
                busy = new ArrayList<>(pool.busy);
                ending.addAll(pool.retiring);
            }
            busy.forEach(Psi4Worker::kill);
        }
        ending.forEach(Psi4Worker::awaitEnd);
    }
}
