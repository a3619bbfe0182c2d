package io.vieweratlas.core.port;

import java.util.Objects;
import java.util.Optional;

/** The result of a conditional write: it happened, or another writer got there first. */
public sealed interface WriteOutcome {

    /** Whether the write happened. */
    default boolean written() {
        return this instanceof Written;
    }

    /**
     * The write happened.
     *
     * @param version the new version of the object
     */
    record Written(ObjectVersion version) implements WriteOutcome {
        public Written {
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * The condition did not hold: the object exists (put-if-absent) or has another version
     * (compare-and-set); nothing was written.
     *
     * @param current the version found, when the store knows it (empty when the object is gone)
     */
    record Conflict(Optional<ObjectVersion> current) implements WriteOutcome {
        public Conflict {
            Objects.requireNonNull(current, "current");
        }
    }
}
