package org.qcmb.run;

/**
 * A run that stopped on an error after fragment results were stored (a lost cluster, a failing disk): the message
 * says where they are and that --resume reuses them. The command line prints it as one line and exits with code 1.
 */
public final class RunAbortedException extends RuntimeException {
    RunAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
