package org.qcmb.qcschema;

import java.io.Serializable;

/** The error of a failed calculation. */
public record EngineError(ErrorClass errorClass, String message) implements Serializable {
}
