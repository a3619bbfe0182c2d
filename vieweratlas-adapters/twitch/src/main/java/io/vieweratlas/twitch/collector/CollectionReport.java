package io.vieweratlas.twitch.collector;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of a collector run.
 *
 * @param started    when the run started
 * @param finished   when it ended
 * @param stopReason why it ended
 * @param cycles     windows closed, including a final partial one, not counting an aligned lead-in
 * @param written    snapshots newly stored
 * @param unchanged  snapshots already stored identically
 * @param conflicts  snapshots not stored because their key held another snapshot
 * @param failed     snapshots the store could not take
 */
public record CollectionReport(Instant started, Instant finished, StopReason stopReason, int cycles, long written,
                               long unchanged, long conflicts, long failed) {
    public CollectionReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(stopReason, "stopReason");
    }

    /** Why a run ended. */
    public enum StopReason {
        /** {@code max_collection_cycles} windows were collected. */
        MAX_CYCLES,
        /** {@code max_runtime_hours} elapsed. */
        MAX_RUNTIME,
        /** {@link LiveCollector#stop()} was called (e.g. SIGTERM). */
        STOPPED,
        /** A failure ended the run (after the partial window was flushed). */
        FAILED
    }
}
