package org.qcmb.engine.builtin.scf;

/**
 * Work for an idle pool thread while the SCF takes its serial steps (set-up, guess, diagonalisation, DIIS): the
 * SCF resumes it there and pauses it before each Fock build, which wants every thread. What it computes must not
 * depend on when it runs.
 */
public interface SpareWork {
    SpareWork NONE = new SpareWork() {
        @Override
        public void resume() {
        }

        @Override
        public void pause() {
        }
    };

    /** Lets the work run on a spare thread (returns at once). */
    void resume();

    /** Stops it after the piece in hand and waits for that; rethrows what the work threw. */
    void pause();
}
