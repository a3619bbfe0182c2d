package io.vieweratlas.core.port;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-modify-write of one object by compare-and-set: read it, let a function decide the new
 * content, write it only if nobody changed the object in between, and redo the decision on the
 * fresh state after each lost race. This is how state files (queues, daily state) change, so two
 * runners never lose each other's updates.
 */
public final class ConditionalUpdate {

    private ConditionalUpdate() {
    }

    /**
     * What an update decided from the current object.
     *
     * @param result  what the update returns to its caller, non-null
     * @param content the new content to write, or empty to leave the object as it is
     * @param <T>     the result type
     */
    public record Change<T>(T result, Optional<byte[]> content) {
        public Change {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(content, "content");
        }

        /** Write {@code content}, then return {@code result}. */
        public static <T> Change<T> write(byte[] content, T result) {
            return new Change<>(result, Optional.of(content));
        }

        /** Write nothing and return {@code result}. */
        public static <T> Change<T> keep(T result) {
            return new Change<>(result, Optional.empty());
        }
    }

    /**
     * Applies {@code change} to the object at {@code key} (empty when there is none) until its
     * write wins, at most {@code rounds} times.
     *
     * @return the result of the change that was written (or that wrote nothing), or empty when
     *         every one of the {@code rounds} writes lost its race
     */
    public static <T> Optional<T> apply(ObjectStore store, String key, int rounds,
                                        Function<Optional<StoredObject>, Change<T>> change) {
        for (int round = 0; round < rounds; round++) {
            Optional<StoredObject> current = store.get(key);
            Change<T> c = change.apply(current);
            if (c.content().isEmpty()) {
                return Optional.of(c.result());
            }
            byte[] bytes = c.content().get();
            WriteOutcome outcome = current.isPresent()
                    ? store.compareAndSet(key, bytes, current.get().version())
                    : store.putIfAbsent(key, bytes);
            if (outcome.written()) {
                return Optional.of(c.result());
            }
            Thread.onSpinWait(); // lost a race: decide again on the fresh state
        }
        return Optional.empty();
    }
}
