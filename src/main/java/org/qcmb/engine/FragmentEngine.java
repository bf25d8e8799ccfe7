package org.qcmb.engine;

import java.io.Serializable;

/**
 * A quantum-chemistry program that computes one fragment. Implementations must be thread-safe and
 * serializable (they travel to Spark executors). compute never throws for input or convergence
 * problems: it returns a failed {@link AtomicResult} whose {@link ErrorClass} tells whether a retry can help.
 */
public interface FragmentEngine extends Serializable {

    /** Program name as written in inputs, e.g. "builtin" or "psi4". */
    String name();

    String version();

    /** Checks up front (on the driver) that this engine can run here, e.g. that an external binary exists. */
    default void checkAvailable() {
    }

    AtomicResult compute(AtomicInput input);
}
