package io.vieweratlas.lake.vod;

import java.time.Instant;
import java.util.Objects;

/**
 * The right, held by one worker until {@code expires}, to process one VOD.
 *
 * @param task    the VOD
 * @param owner   the worker
 * @param attempt which attempt this is (1 for the first)
 * @param expires when another worker may take the VOD over
 */
public record VodLease(VodTask task, String owner, int attempt, Instant expires) {
    public VodLease {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
    }
}
