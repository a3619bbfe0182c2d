package io.vieweratlas.runners;

/** The user asked for something that cannot be done as asked (exit code 2); the message says what to change. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public UsageException(String message) {
        super(message);
    }
}
