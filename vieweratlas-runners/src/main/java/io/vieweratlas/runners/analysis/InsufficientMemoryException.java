package io.vieweratlas.runners.analysis;

/**
 * An analysis refused before loading because its estimated heap exceeds what the JVM may use
 * ({@link MemoryBudget}): a systemic failure — nothing was read or written, and running it again
 * fails the same way until the window or the heap changes. Commands exit with
 * {@link io.vieweratlas.runners.ExitCodes#FAILURE}.
 */
public final class InsufficientMemoryException extends RuntimeException {

    /**
     * @param message what the analysis needs, what the JVM has and which setting to change
     */
    public InsufficientMemoryException(String message) {
        super(message);
    }
}
