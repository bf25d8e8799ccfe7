package org.qcmb.engine;

import org.qcmb.qcschema.ErrorClass;

/** A failure inside an engine, with its class; engines turn it into a failed {@link AtomicResult}. */
public class EngineException extends RuntimeException {
    private final ErrorClass errorClass;

    public EngineException(ErrorClass errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    public EngineException(ErrorClass errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }
}
