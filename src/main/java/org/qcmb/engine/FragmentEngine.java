package org.qcmb.engine;

import java.io.Serializable;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Model;

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
     * Checks, before any work, that this engine can compute the driver and model with these keywords, so that a
     * specification it cannot honour fails once and at once rather than in every fragment. A problem is an
     * {@link EngineException} of class {@link ErrorClass#INPUT_ERROR} naming it. The default accepts everything
     * (the engine then reports problems per calculation, as failed results).
     */
    default void validate(Driver driver, Model model, Map<String, Object> keywords) {
    }

    AtomicResult compute(AtomicInput input);
}
