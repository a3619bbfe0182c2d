package io.vieweratlas.parquet;

/**
 * A systemic compaction failure: the store keeps failing, or what was written does not read back as
 * the raw day. The run stops; the day in hand is not recorded as compacted and is done again by the
 * next run.
 */
public final class CompactionStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what stopped the run, naming the day */
    public CompactionStoppedException(String message) {
        super(message);
    }

    /**
     * @param message what stopped the run, naming the day
     * @param cause   the underlying failure
     */
    public CompactionStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
