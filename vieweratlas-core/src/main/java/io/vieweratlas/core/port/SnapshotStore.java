package io.vieweratlas.core.port;

import io.vieweratlas.core.model.PresenceSnapshot;

/**
 * Persists presence snapshots and reads them back by time range. Writes are idempotent:
 * storing the same snapshot again changes nothing.
 */
public interface SnapshotStore extends PresenceSource {

    /** Stores {@code snapshot} and says where, and whether anything changed. */
    SnapshotWrite put(PresenceSnapshot snapshot);

    /**
     * The result of storing a snapshot.
     *
     * @param key    where it is stored
     * @param status what happened
     */
    record SnapshotWrite(String key, Status status) {
        /** What happened to a stored snapshot. */
        public enum Status {
            /** It was new and is now stored. */
            WRITTEN,
            /** The identical snapshot was already stored; nothing changed. */
            UNCHANGED,
            /** A different snapshot already holds this key; nothing was overwritten. */
            CONFLICT
        }
    }
}
