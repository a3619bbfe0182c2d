package io.vieweratlas.twitch.collector;

import io.vieweratlas.twitch.irc.JoinRefusal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param failed     snapshots the store could not take (held in the spill, see {@code spilled}, or lost)
 * @param timeToFullCoverage from the start until every wanted channel was joined, if that happened
 * @param refused    channels wanted but not joined at the end, with why, sorted by channel
 * @param spilled    snapshots still held in the spill at the end, written at the next run's first window
 */
public record CollectionReport(Instant started, Instant finished, StopReason stopReason, int cycles, long written,
                               long unchanged, long conflicts, long failed, Optional<Duration> timeToFullCoverage,
                               List<JoinRefusal> refused, int spilled) {
    public CollectionReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(timeToFullCoverage, "timeToFullCoverage");
        refused = List.copyOf(refused);
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
