package org.qcmb.qcschema;

/** Why a calculation failed. Input errors and convergence failures are deterministic: retrying does not help. */
public enum ErrorClass {
    INPUT_ERROR, CONVERGENCE_FAILURE, ENGINE_CRASH;

    public boolean retryable() {
        return this == ENGINE_CRASH;
    }
}
