package io.vieweratlas.twitch.collector;

import io.vieweratlas.core.model.PresenceSnapshot;

import java.util.List;

/**
 * Where snapshots the store could not take wait for the next chance (the next window's close, or
 * the next run when the spill is on disk), so a failing store never loses a window. Implementations
 * are thread-safe.
 */
public interface SnapshotSpill {

    /** Keeps {@code snapshot} until {@link #takeAll()}; a snapshot of the same channel and time replaces it. */
    void hold(PresenceSnapshot snapshot);

    /** Removes and returns every held snapshot. */
    List<PresenceSnapshot> takeAll();

    /** Snapshots held now. */
    int size();

    /** Where held snapshots live, for messages (e.g. a directory). */
    String location();

    /** A spill in this process's memory: survives a failing store, not a process exit. */
    static SnapshotSpill inMemory() {
        return new MemorySnapshotSpill();
    }
}
