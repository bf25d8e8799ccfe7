package org.qcmb.engine;

import java.io.Serializable;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.ErrorClass;

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

    /**
     * Checks, before any work (on the driver, before Spark starts), that this engine can compute what the plan will
     * ask of it under one model chemistry: the method and basis, every element of the molecule in that basis, the
     * charge/multiplicity states of the sub-molecules, the driver and the keywords. A specification it cannot honour
     * then fails once and at once rather than in every fragment. A problem is an {@link EngineException} of class
     * {@link ErrorClass#INPUT_ERROR} whose message names the field or keyword. The default accepts everything (the
     * engine then reports problems per calculation, as failed results).
     */
    default void validate(CalculationSpec spec) {
    }

    AtomicResult compute(AtomicInput input);
}
