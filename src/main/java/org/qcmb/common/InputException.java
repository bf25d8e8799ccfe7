package org.qcmb.common;

/**
 * A problem in what the user gave us (a file, a field, an option). The message names the field and says what
 * to do; the command line prints it as one line and exits with code 2.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error about one input field, e.g. field("keywords.max_nbody", "must be between 1 and 3"). */
    public static InputException field(String field, String problem) {
        return new InputException("'" + field + "': " + problem);
    }
}
