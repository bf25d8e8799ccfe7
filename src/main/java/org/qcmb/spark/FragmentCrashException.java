package org.qcmb.spark;

/** Thrown inside a Spark task so that Spark retries a fragment whose engine crashed (a transient failure). */
public final class FragmentCrashException extends RuntimeException {
    public FragmentCrashException(String message) {
        super(message);
    }
}
