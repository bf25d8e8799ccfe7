package org.qcmb.tables;

/** Rows could not be written to a tables directory; nothing of that commit is visible to readers. */
public final class TableWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TableWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
