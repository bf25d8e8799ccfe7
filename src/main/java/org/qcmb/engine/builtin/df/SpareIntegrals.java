package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.scf.SpareWork;

/**
 * The MP2 fitting basis' three-centre integrals (P|mn), started on a spare pool thread while the SCF runs its
 * serial steps (they do not depend on the orbitals) and finished by every thread when MP2 needs them. Pairs of
 * shell families are taken from one counter and write their own columns ({@link ThreeCentre.Job}), so the tensor
 * is the same to the last bit however the work was split.
 */
public final class SpareIntegrals implements SpareWork {
    private final ThreeCentre.Job job;
    private final ExecutorService pool;
    private volatile boolean running;
    private Future<?> task;

    public SpareIntegrals(BasisSet aux, BasisSet orb, ExecutorService pool) {
        this.job = new ThreeCentre.Job(aux, orb);
        this.pool = pool;
    }

    @Override
    public void resume() {
        if (task == null && !job.allTaken()) {
            running = true;
            task = pool.submit(() -> job.work(() -> !running));
        }
    }

    @Override
    public void pause() {
        running = false;
        if (task == null) {
            return;
        }
        Future<?> t = task;
        task = null;
        try {
            t.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The (P|mn) of aux and orb: what {@code prepared} began, finished now, or (without it) all computed now. */
    static double[] finishOrCompute(SpareIntegrals prepared, BasisSet aux, BasisSet orb, int threads,
                                    ExecutorService pool) {
        return prepared != null ? prepared.finish(aux, orb, threads) : ThreeCentre.integrals(aux, orb, threads, pool);
    }

    /** The tensor, its remaining pairs computed now with the given threads; for this fitting and orbital basis. */
    double[] finish(BasisSet aux, BasisSet orb, int threads) {
        if (aux != job.aux() || orb != job.orb()) {
            throw new IllegalArgumentException("integrals prepared for other basis sets");
        }
        pause();
        return job.finish(threads, pool);
    }
}
