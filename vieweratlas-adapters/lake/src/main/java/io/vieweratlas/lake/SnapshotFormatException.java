package io.vieweratlas.lake;

/**
 * A snapshot file could not be decoded. The message is the precise reason (field, value,
 * line and column where known); callers add the key.
 */
public final class SnapshotFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong, without the key */
    public SnapshotFormatException(String reason) {
        super(reason);
    }

    /** @param reason what is wrong, without the key; @param cause the parser's failure */
    public SnapshotFormatException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
