package io.vieweratlas.lake.vod;

import java.time.Instant;
import java.util.Objects;

/**
 * A queue entry that could not be read, set aside (in the queue file's {@code quarantine} list)
 * so that the rest of the queue keeps working; kept verbatim for an operator to repair.
 *
 * @param key           the entry's key in {@code vods} (the VOD id), or {@code (file)} when the whole file was unreadable
 * @param reason        why it could not be read
 * @param raw           the entry's JSON text as it was
 * @param quarantinedAt when it was set aside
 */
public record QuarantinedEntry(String key, String reason, String raw, Instant quarantinedAt) {
    public QuarantinedEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(quarantinedAt, "quarantinedAt");
    }
}
