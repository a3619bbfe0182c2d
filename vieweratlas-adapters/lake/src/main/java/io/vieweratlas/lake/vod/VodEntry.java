package io.vieweratlas.lake.vod;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One VOD's state in the queue.
 *
 * @param task          the VOD
 * @param status        where it is
 * @param attempts      how many times it has been claimed
 * @param owner         the worker holding the lease (processing only)
 * @param leaseExpires  when that lease ends (processing only)
 * @param notBefore     earliest next claim (pending after a failure)
 * @param lastError     why the last attempt failed, if it did
 * @param updatedAt     last change
 * @param errorClass    the short name of the last error's class (e.g. {@code gql:PersistedQueryNotFound}), if any
 */
public record VodEntry(VodTask task, VodStatus status, int attempts, Optional<String> owner,
                       Optional<Instant> leaseExpires, Optional<Instant> notBefore, Optional<String> lastError,
                       Instant updatedAt, Optional<String> errorClass) {
    /** An entry without an error class. */
    public VodEntry(VodTask task, VodStatus status, int attempts, Optional<String> owner,
                    Optional<Instant> leaseExpires, Optional<Instant> notBefore, Optional<String> lastError,
                    Instant updatedAt) {
        this(task, status, attempts, owner, leaseExpires, notBefore, lastError, updatedAt, Optional.empty());
    }

    /** A newly queued VOD. */
    public static VodEntry pending(VodTask task, Instant now) {
        return new VodEntry(task, VodStatus.PENDING, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), now);
    }

    public VodEntry {
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(leaseExpires, "leaseExpires");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
        }
        if (status == VodStatus.PROCESSING && (owner.isEmpty() || leaseExpires.isEmpty())) {
            throw new IllegalArgumentException("VOD " + task.vodId() + " is processing without owner and lease expiry");
        }
    }
}
